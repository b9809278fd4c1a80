package datasets

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/admmlab/admmlab/solvers"
)

func ptbSamplePaths(t *testing.T) (normal, abnormal string) {
	d := filepath.Join(sharedData(t), "ptbdb_sample")
	return filepath.Join(d, "ptbdb_normal_sample.csv"), filepath.Join(d, "ptbdb_abnormal_sample.csv")
}

func TestPTBSample(t *testing.T) {
	np, ap := ptbSamplePaths(t)
	ds, err := loadPTBSample(np, ap, 0)
	if err != nil {
		t.Fatal(err)
	}
	// 200 rows in the 7000:7552 proportion: round(200·7000/14552) = 96.
	if ds.Train.N != 96 || ds.Test.N != 104 || ds.Train.DIn != 187 || ds.Train.DOut != 1 || ds.Task != solvers.ClassifySign {
		t.Fatalf("train %d×%d→%d, test %d, task %v; want 96×187→1, 104, classify-sign", ds.Train.N, ds.Train.DIn, ds.Train.DOut, ds.Test.N, ds.Task)
	}
	pos, neg := 0, 0
	for _, p := range []Part{ds.Train, ds.Test} {
		for j := 0; j < p.N; j++ {
			switch p.Y[j] {
			case 1:
				pos++
			case -1:
				neg++
			default:
				t.Fatalf("target %v, want ±1", p.Y[j])
			}
			max := 0.0
			for f := 0; f < p.DIn; f++ {
				v := p.X[f*p.N+j]
				if v < 0 || v > 1 {
					t.Fatalf("value %v outside [0,1]", v)
				}
				max = maxf(max, v)
			}
			if max != 1 { // Kachuee's per-beat normalisation survives unchanged
				t.Fatalf("beat maximum %v, want 1", max)
			}
		}
	}
	if pos != 100 || neg != 100 {
		t.Errorf("%d abnormal (+1) and %d normal (−1), want 100 each", pos, neg)
	}
	if !strings.Contains(ds.Counts, "96 train / 104 test") || !strings.Contains(ds.Counts, "proportion") {
		t.Errorf("Counts %q does not state the proportional split", ds.Counts)
	}
}

func maxf(a, b float64) float64 {
	if a > b {
		return a
	}
	return b
}

// Kaggle's originals print %.18e; the sample is shortest-repr. Both must
// give the same numbers.
func TestPTBNumberStyles(t *testing.T) {
	np, _ := ptbSamplePaths(t)
	b, err := os.ReadFile(np)
	if err != nil {
		t.Fatal(err)
	}
	zero := 0.0
	sf, err := parsePTBCSV(b, &zero)
	if err != nil {
		t.Fatal(err)
	}
	short := sf.rows
	var long bytes.Buffer
	for _, row := range short {
		for _, v := range row {
			fmt.Fprintf(&long, "%.18e,", v)
		}
		long.WriteString("0.000000000000000000e+00\r\n") // CRLF too
	}
	af, err := parsePTBCSV(long.Bytes(), &zero)
	if err != nil {
		t.Fatal(err)
	}
	again := af.rows
	if len(again) != 100 {
		t.Fatalf("%d rows, want 100", len(again))
	}
	for i := range short {
		for k := range short[i] {
			if short[i][k] != again[i][k] {
				t.Fatalf("row %d value %d: %v vs %v", i, k, short[i][k], again[i][k])
			}
		}
	}
}

func TestPTBParseErrors(t *testing.T) {
	row := strings.Repeat("0.5,", 187)
	for _, c := range []struct{ in, want string }{
		{row + "1.0\n", "line 1: label 1, want 0"},
		{row + "\n", "line 1: trailing comma"},
		{strings.Repeat("0.5,", 185) + "0.0\n", "line 1: 186 fields, want 188 (187 values + label, the Kaggle files) or 187"},
		{row + "0.0\n" + strings.Repeat("0.5,", 186) + "0.0\n", "line 2: 187 fields, want 188 like the rows before it"},
		{row + "0,7\n", "more than 188 fields"},
		{row[:len(row)-4] + "x,0\n", `line 1 field 187: "x"`},
		{row + "NaN\n", "not a finite number"},
		{"\n\n", "no data rows"},
	} {
		zero := 0.0
		_, err := parsePTBCSV([]byte(c.in), &zero)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("error %v, want %q", err, c.want)
		}
	}
}

// Without the full files Load falls back to the 5,237-row subset in the
// mirror, split in the paper's proportion and labelled as the subset.
func TestPTBSubset(t *testing.T) {
	opt := Options{DataDir: sharedData(t), CacheDir: t.TempDir()}
	if ok, reason := Available("ptb", opt); !ok || !strings.Contains(reason, "ptbdb_subset") {
		t.Errorf("Available = %v, %q; want true from ptbdb_subset", ok, reason)
	}
	ds, err := Load(context.Background(), "ptb", opt)
	if err != nil {
		t.Fatal(err)
	}
	// round(5237·7000/14552) = 2519.
	if ds.Train.N != 2519 || ds.Test.N != 2718 || ds.Train.DIn != 186 || ds.Task != solvers.ClassifySign {
		t.Fatalf("train %d×%d, test %d, task %v; want 2519×186, 2718, classify-sign", ds.Train.N, ds.Train.DIn, ds.Test.N, ds.Task)
	}
	neg := 0
	for _, p := range []Part{ds.Train, ds.Test} {
		for _, y := range p.Y {
			if y == -1 {
				neg++
			}
		}
	}
	if neg != 1456 {
		t.Errorf("%d normal beats, want 1456", neg)
	}
	if ds.Subset != PTBSubsetLabel || !strings.Contains(ds.Counts, PTBSubsetLabel) || !strings.Contains(ds.Counts, "186 signal values") {
		t.Errorf("Subset %q, Counts %q; want the subset label and the width read", ds.Subset, ds.Counts)
	}
	// Without the subset either, Load names the full files and the subset.
	_, err = Load(context.Background(), "ptb", Options{DataDir: t.TempDir(), CacheDir: t.TempDir()})
	var na *NotAvailableError
	if !errors.As(err, &na) || !strings.Contains(na.File, "ptbdb_normal.csv") || !strings.Contains(err.Error(), "ptb_test_186.csv.gz") {
		t.Fatalf("Load error %v, want a NotAvailableError naming the full files and the subset", err)
	}
}

// With full-size files in the mirror, Load splits 7000 / 7552 and checks the
// row counts.
func TestPTBFull(t *testing.T) {
	mirror := t.TempDir()
	write := func(name string, rows int, label string) {
		var b bytes.Buffer
		for i := 0; i < rows; i++ {
			b.WriteString(strconv.Itoa(i % 7))
			b.WriteString(strings.Repeat(",1.0", 186))
			b.WriteString("," + label + "\n")
		}
		os.MkdirAll(filepath.Join(mirror, "ptbdb"), 0o755)
		if err := os.WriteFile(filepath.Join(mirror, "ptbdb", name), b.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("ptbdb_normal.csv", 4046, "0.0")
	write("ptbdb_abnormal.csv", 10506, "1.000000000000000000e+00")
	opt := Options{DataDir: mirror, CacheDir: t.TempDir()}
	if ok, reason := Available("ptb", opt); !ok {
		t.Fatalf("Available: %s", reason)
	}
	ds, err := Load(context.Background(), "ptb", opt)
	if err != nil {
		t.Fatal(err)
	}
	if ds.Train.N != 7000 || ds.Test.N != 7552 {
		t.Errorf("split %d / %d, want 7000 / 7552", ds.Train.N, ds.Test.N)
	}
	write("ptbdb_abnormal.csv", 10505, "1.0")
	_, err = Load(context.Background(), "ptb", opt)
	if err == nil || !strings.Contains(err.Error(), "10505") || !strings.Contains(err.Error(), "10506") {
		t.Errorf("short abnormal file: error %v, want the row counts", err)
	}
}
