package datasets

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"

	"github.com/admmlab/admmlab/solvers"
)

// PTB Diagnostic ECG, Kachuee et al. (2018) preprocessing as distributed on
// Kaggle (Section 6.3): ptbdb_normal.csv (4046 rows, label 0) and
// ptbdb_abnormal.csv (10506 rows, label 1), no header, 187 signal values
// and the label per row. Without them, the 5,237-row subset in
// ptbdb_subset/ (186 values + label per row, both classes mixed; the
// Kaggle rows minus their last, padding, value) is used and split in the
// same 7000:7552 proportion (2519 / 2718); its Dataset.Subset says so. The
// loader accepts 186 or 187 signal values and Counts says which it read. numpy wrote the originals with %.18e; re-saved
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
	ptbLen         = 187 // signal values per beat in the Kaggle files
	ptbNormalRows  = 4046
	ptbAbnormalRow = 10506
	ptbTrain       = 7000
	ptbTotal       = ptbNormalRows + ptbAbnormalRow
)

// PTBSubsetLabel marks everything the 5,237-row subset produces.
const PTBSubsetLabel = "PTB subset: 5,237 of 14,552 beats"

// ptbRows is one parsed PTB file.
type ptbRows struct {
	rows   [][]float64
	labels []float64 // 0 normal, 1 abnormal
	width  int       // signal values per row: 187 (Kaggle) or 186 (the subset)
}

// parsePTBCSV reads one PTB file: no header, 186 or 187 signal values and
// the label per row, every row the same width. want, when not nil, is the
// label every row must carry (the Kaggle files hold one class each);
// otherwise each label must be 0 or 1.
func parsePTBCSV(b []byte, want *float64) (*ptbRows, error) {
	out := &ptbRows{}
	sc := bufio.NewScanner(bytes.NewReader(b))
	sc.Buffer(make([]byte, 0, 64*1024), 1<<20)
	line := 0
	for sc.Scan() {
		line++
		text := bytes.TrimRight(sc.Bytes(), "\r")
		if len(bytes.TrimSpace(text)) == 0 {
			continue
		}
		row := make([]float64, 0, ptbLen+1)
		for len(text) > 0 || len(row) == 0 {
			tok := text
			if i := bytes.IndexByte(text, ','); i >= 0 {
				tok, text = text[:i], text[i+1:]
				if len(text) == 0 {
					return nil, fmt.Errorf("line %d: trailing comma", line)
				}
			} else {
				text = nil
			}
			if len(row) > ptbLen {
				return nil, fmt.Errorf("line %d: more than %d fields (187 values + label)", line, ptbLen+1)
			}
			v, err := strconv.ParseFloat(string(bytes.TrimSpace(tok)), 64)
			if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
				return nil, fmt.Errorf("line %d field %d: %q is not a finite number", line, len(row)+1, tok)
			}
			row = append(row, v)
		}
		width := len(row) - 1
		switch {
		case out.width == 0 && width != ptbLen && width != ptbLen-1:
			return nil, fmt.Errorf("line %d: %d fields, want 188 (187 values + label, the Kaggle files) or 187 (186 values + label, the subset)", line, len(row))
		case out.width != 0 && width != out.width:
			return nil, fmt.Errorf("line %d: %d fields, want %d like the rows before it", line, len(row), out.width+1)
		}
		out.width = width
		label := row[width]
		if want != nil && label != *want {
			return nil, fmt.Errorf("line %d: label %v, want %v for this file", line, label, *want)
		}
		if label != 0 && label != 1 {
			return nil, fmt.Errorf("line %d: label %v, want 0 (normal) or 1 (abnormal)", line, label)
		}
		out.rows = append(out.rows, row[:width:width])
		out.labels = append(out.labels, label)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("line %d: %v", line+1, err)
	}
	if len(out.rows) == 0 {
		return nil, fmt.Errorf("no data rows")
	}
	return out, nil
}

// readPTBFile parses a PTB file, gunzipping a name ending in .gz.
func readPTBFile(path string, want *float64) (*ptbRows, error) {
	gz := strings.HasSuffix(path, ".gz")
	return readOnce(fmt.Sprintf("ptb want=%v", labelOf(want)), path, func(b []byte) (*ptbRows, error) {
		if gz {
			zr, err := gzip.NewReader(bytes.NewReader(b))
			if err != nil {
				return nil, err
			}
			if b, err = io.ReadAll(zr); err != nil {
				return nil, err
			}
		}
		return parsePTBCSV(b, want)
	})
}

// labelOf writes a wanted label for a memo key: "any" when none is wanted.
func labelOf(want *float64) string {
	if want == nil {
		return "any"
	}
	return strconv.FormatFloat(*want, 'g', -1, 64)
}

// loadPTB loads the full Kaggle files and insists on their row counts.
func loadPTB(normalPath, abnormalPath string, seed uint64) (*Dataset, error) {
	normal, abnormal, err := readPTBFull(normalPath, abnormalPath)
	if err != nil {
		return nil, err
	}
	return preparePTB(normal, abnormal, seed, ptbTrain), nil
}

// readPTBFull reads the full Kaggle files and insists on their row counts.
func readPTBFull(normalPath, abnormalPath string) (normal, abnormal [][]float64, err error) {
	normal, abnormal, err = readPTBPair(normalPath, abnormalPath)
	if err != nil {
		return nil, nil, err
	}
	if len(normal) != ptbNormalRows || len(abnormal) != ptbAbnormalRow {
		return nil, nil, fmt.Errorf("ptb: %s has %d rows and %s has %d, want %d and %d (the full Kaggle files)",
			normalPath, len(normal), abnormalPath, len(abnormal), ptbNormalRows, ptbAbnormalRow)
	}
	return normal, abnormal, nil
}

// loadPTBSubset loads the 5,237-row subset (any number of files with both
// classes mixed) and splits it in the paper's 7000:7552 proportion.
func loadPTBSubset(paths []string, seed uint64) (*Dataset, error) {
	normal, abnormal, err := readPTBSubset(paths)
	if err != nil {
		return nil, err
	}
	n := len(normal) + len(abnormal)
	nTrain := int(math.Round(float64(n) * ptbTrain / ptbTotal))
	ds := preparePTB(normal, abnormal, seed, nTrain)
	ds.Subset = fmt.Sprintf("PTB subset: %s of %s beats", thousands(n), thousands(ptbTotal))
	ds.Counts = ds.Subset + "; " + ds.Counts + " (the full set's 7000:7552 proportion)"
	return ds, nil
}

// readPTBSubset reads the subset's files and sorts their beats by class.
func readPTBSubset(paths []string) (normal, abnormal [][]float64, err error) {
	width := 0
	for _, p := range paths {
		f, err := readPTBFile(p, nil)
		if err != nil {
			return nil, nil, err
		}
		if width != 0 && f.width != width {
			return nil, nil, fmt.Errorf("ptb: %s has %d values per beat, the files before it %d", p, f.width, width)
		}
		width = f.width
		for i, r := range f.rows {
			if f.labels[i] == 0 {
				normal = append(normal, r)
			} else {
				abnormal = append(abnormal, r)
			}
		}
	}
	return normal, abnormal, nil
}

// thousands writes n with a comma every three digits.
func thousands(n int) string {
	s := strconv.Itoa(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
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
	return ds, nil
}

func readPTBPair(normalPath, abnormalPath string) (normal, abnormal [][]float64, err error) {
	zero, one := 0.0, 1.0
	nf, err := readPTBFile(normalPath, &zero)
	if err != nil {
		return nil, nil, err
	}
	af, err := readPTBFile(abnormalPath, &one)
	if err != nil {
		return nil, nil, err
	}
	if nf.width != af.width {
		return nil, nil, fmt.Errorf("ptb: %s has %d values per beat and %s %d", normalPath, nf.width, abnormalPath, af.width)
	}
	return nf.rows, af.rows, nil
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
		Name:  PTB,
		Task:  solvers.ClassifySign,
		Train: gather(train, rows, ys),
		Test:  gather(test, rows, ys),
		Counts: fmt.Sprintf("%d beats (%d normal → −1, %d abnormal → +1), %d signal values each → %d train / %d test",
			len(rows), len(normal), len(abnormal), len(rows[0]), len(train), len(test)),
	}
}
