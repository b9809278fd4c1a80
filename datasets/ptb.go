package datasets

import (
	"bufio"
	"bytes"
	"fmt"
	"math"
	"os"
	"strconv"
)

// PTB Diagnostic ECG, Kachuee et al. (2018) preprocessing as distributed on
// Kaggle (Section 6.3): ptbdb_normal.csv (4046 rows, label 0) and
// ptbdb_abnormal.csv (10506 rows, label 1), no header, 187 signal values
// and the label per row. numpy wrote the originals with %.18e; re-saved
// copies use the shortest repr; both parse.
//
// Preprocessing: none on the signal (Kachuee already scaled each beat to
// [0,1]; the paper adds nothing). Targets are ±1 with the file's label
// kept in sign: abnormal (label 1) → +1, normal (label 0) → −1
// (ClassifySign). The 14,552 rows are split at random (from the seed) into
// 7000 train / 7552 test. The 200-row sample in ptbdb_sample/ is read by
// the same code for tests only; it is split in the same proportion
// (round(200·7000/14552) = 96 train / 104 test).

const (
	ptbLen         = 187
	ptbNormalRows  = 4046
	ptbAbnormalRow = 10506
	ptbTrain       = 7000
	ptbTotal       = ptbNormalRows + ptbAbnormalRow
)

// parsePTBCSV reads one Kaggle PTB file whose every label must be want.
func parsePTBCSV(b []byte, want float64) ([][]float64, error) {
	var rows [][]float64
	sc := bufio.NewScanner(bytes.NewReader(b))
	sc.Buffer(make([]byte, 0, 64*1024), 1<<20)
	line := 0
	for sc.Scan() {
		line++
		text := bytes.TrimRight(sc.Bytes(), "\r")
		if len(bytes.TrimSpace(text)) == 0 {
			continue
		}
		row := make([]float64, 0, ptbLen)
		var label float64
		field := 0
		for len(text) > 0 || field == 0 {
			tok := text
			if i := bytes.IndexByte(text, ','); i >= 0 {
				tok, text = text[:i], text[i+1:]
				if len(text) == 0 {
					return nil, fmt.Errorf("line %d: trailing comma", line)
				}
			} else {
				text = nil
			}
			field++
			if field > ptbLen+1 {
				return nil, fmt.Errorf("line %d: more than %d fields", line, ptbLen+1)
			}
			v, err := strconv.ParseFloat(string(bytes.TrimSpace(tok)), 64)
			if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
				return nil, fmt.Errorf("line %d field %d: %q is not a finite number", line, field, tok)
			}
			if field <= ptbLen {
				row = append(row, v)
			} else {
				label = v
			}
		}
		if field != ptbLen+1 {
			return nil, fmt.Errorf("line %d: %d fields, want %d (187 values + label)", line, field, ptbLen+1)
		}
		if label != want {
			return nil, fmt.Errorf("line %d: label %v, want %v for this file", line, label, want)
		}
		rows = append(rows, row)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("line %d: %v", line+1, err)
	}
	if len(rows) == 0 {
		return nil, fmt.Errorf("no data rows")
	}
	return rows, nil
}

func readPTBFile(path string, want float64) ([][]float64, error) {
	v, err := memoized("ptb", path, func() (any, error) {
		b, err := os.ReadFile(path)
		if err != nil {
			return nil, err
		}
		rows, err := parsePTBCSV(b, want)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", path, err)
		}
		return rows, nil
	})
	if err != nil {
		return nil, err
	}
	return v.([][]float64), nil
}

// loadPTB loads the full Kaggle files and insists on their row counts.
func loadPTB(normalPath, abnormalPath string, seed uint64) (*Dataset, error) {
	normal, abnormal, err := readPTBPair(normalPath, abnormalPath)
	if err != nil {
		return nil, err
	}
	if len(normal) != ptbNormalRows || len(abnormal) != ptbAbnormalRow {
		return nil, fmt.Errorf("ptb: %s has %d rows and %s has %d, want %d and %d (the full Kaggle files)",
			normalPath, len(normal), abnormalPath, len(abnormal), ptbNormalRows, ptbAbnormalRow)
	}
	return preparePTB(normal, abnormal, seed, ptbTrain), nil
}

// loadPTBSample loads any pair of files in the Kaggle layout (the 200-row
// sample) and splits it in the paper's 7000:7552 proportion.
func loadPTBSample(normalPath, abnormalPath string, seed uint64) (*Dataset, error) {
	normal, abnormal, err := readPTBPair(normalPath, abnormalPath)
	if err != nil {
		return nil, err
	}
	n := len(normal) + len(abnormal)
	nTrain := int(math.Round(float64(n) * ptbTrain / ptbTotal))
	ds := preparePTB(normal, abnormal, seed, nTrain)
	ds.Counts += " (sample, split in the full set's 7000:7552 proportion)"
	ds.Digest = digest(ds)
	return ds, nil
}

func readPTBPair(normalPath, abnormalPath string) (normal, abnormal [][]float64, err error) {
	if normal, err = readPTBFile(normalPath, 0); err != nil {
		return nil, nil, err
	}
	if abnormal, err = readPTBFile(abnormalPath, 1); err != nil {
		return nil, nil, err
	}
	return normal, abnormal, nil
}

func preparePTB(normal, abnormal [][]float64, seed uint64, nTrain int) *Dataset {
	rows := append(append([][]float64(nil), normal...), abnormal...)
	ys := make([][]float64, len(rows))
	neg, pos := []float64{-1}, []float64{1}
	for i := range rows {
		if i < len(normal) {
			ys[i] = neg
		} else {
			ys[i] = pos
		}
	}
	train, test := splitIndices(newRNG(seed, streamSplit), len(rows), nTrain)
	return &Dataset{
		Name:  "ptb",
		Task:  ClassifySign,
		Train: gather(train, rows, ys),
		Test:  gather(test, rows, ys),
		Counts: fmt.Sprintf("%d beats (%d normal → −1, %d abnormal → +1) → %d train / %d test",
			len(rows), len(normal), len(abnormal), len(train), len(test)),
	}
}
