package splitexport

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/admmlab/admmlab/datasets"
	"github.com/admmlab/admmlab/internal/engine"
	"github.com/admmlab/admmlab/internal/inputerr"
	"github.com/admmlab/admmlab/pipeline/runs"
	"github.com/admmlab/admmlab/solvers"
)

// fakeSplitter hands out a fixed split, or an error.
type fakeSplitter struct {
	s   engine.Split
	err error
}

func (f fakeSplitter) Split(context.Context, runs.Spec) (engine.Split, error) { return f.s, f.err }

// hard holds values whose text or bits are easy to get wrong: a negative
// zero, a subnormal, the extremes, thirds and a value needing 17 digits.
var hard = []float64{0.1, math.Copysign(0, -1), 5e-324, 1e-310, math.MaxFloat64, -math.SmallestNonzeroFloat64,
	1.0 / 3, -2.0 / 3, 0.30000000000000004, 123456789.123456789, -1e300, 1, -1, 2.5e-7, 7, 1e21}

// part is a feature-major dIn×n (X) and dOut×n (Y) part filled from hard.
func part(n, dIn, dOut, off int) datasets.Part {
	p := datasets.Part{N: n, DIn: dIn, DOut: dOut, X: make([]float64, n*dIn), Y: make([]float64, n*dOut)}
	for i := range p.X {
		p.X[i] = hard[(i+off)%len(hard)]
	}
	for i := range p.Y {
		p.Y[i] = hard[(i+off+5)%len(hard)] * float64(i+1)
	}
	return p
}

func testSplit(withVal bool) engine.Split {
	s := engine.Split{Task: solvers.Regression, Fit: part(5, 3, 2, 0), Test: part(4, 3, 2, 7),
		DataDigest: strings.Repeat("d", 64), Source: "generated", Counts: "9 samples"}
	if withVal {
		s.Val, s.ValidationSeed = part(2, 3, 2, 3), 0xfeedface
	}
	return s
}

// readNPY parses a .npy file as npyHeader and writeMatrix write it.
func readNPY(t *testing.T, b []byte) (rows, cols int, vals []float64) {
	t.Helper()
	rows, cols, data := npyShape(t, b)
	if len(data) != 8*rows*cols {
		t.Fatalf("%d data bytes, want %d", len(data), 8*rows*cols)
	}
	for i := 0; i < len(data); i += 8 {
		vals = append(vals, math.Float64frombits(binary.LittleEndian.Uint64(data[i:])))
	}
	return rows, cols, vals
}

// npyShape parses a .npy header and returns the bytes after it.
func npyShape(t *testing.T, b []byte) (rows, cols int, data []byte) {
	t.Helper()
	if !bytes.HasPrefix(b, []byte("\x93NUMPY\x01\x00")) {
		t.Fatalf("no npy 1.0 magic: %q", b[:min(10, len(b))])
	}
	hl := int(binary.LittleEndian.Uint16(b[8:10]))
	dict := string(b[10 : 10+hl])
	if _, err := fmt.Sscanf(dict, "{'descr': '<f8', 'fortran_order': False, 'shape': (%d, %d), }", &rows, &cols); err != nil {
		t.Fatalf("header %q: %v", dict, err)
	}
	return rows, cols, b[10+hl:]
}

// readCSV parses a CSV file as writeMatrix writes it.
func readCSV(t *testing.T, b []byte) (rows, cols int, vals []float64) {
	t.Helper()
	for _, line := range strings.Split(strings.TrimSuffix(string(b), "\n"), "\n") {
		fields := strings.Split(line, ",")
		cols = len(fields)
		for _, f := range fields {
			v, err := strconv.ParseFloat(f, 64)
			if err != nil {
				t.Fatal(err)
			}
			vals = append(vals, v)
		}
		rows++
	}
	return rows, cols, vals
}

func TestNPYHeader(t *testing.T) {
	for _, tc := range []struct{ rows, cols int }{{1, 1}, {32, 1}, {5, 3}, {1207, 504}, {123456789, 98765}} {
		t.Run(fmt.Sprintf("%dx%d", tc.rows, tc.cols), func(t *testing.T) {
			h := npyHeader(tc.rows, tc.cols)
			if len(h)%64 != 0 {
				t.Errorf("header of %d bytes: data not aligned to 64", len(h))
			}
			if h[len(h)-1] != '\n' {
				t.Errorf("header does not end in a newline: %q", h)
			}
			if n := int(binary.LittleEndian.Uint16(h[8:10])); n != len(h)-10 {
				t.Errorf("header length field %d, want %d", n, len(h)-10)
			}
			rows, cols, _ := npyShape(t, h)
			if rows != tc.rows || cols != tc.cols {
				t.Errorf("shape (%d, %d), want (%d, %d)", rows, cols, tc.rows, tc.cols)
			}
		})
	}
}

// TestExportRoundTrip reads every file back, bit for bit, in both formats,
// and checks split.json's shapes and hashes against the files.
func TestExportRoundTrip(t *testing.T) {
	for _, tc := range []struct {
		format  string
		withVal bool
		read    func(*testing.T, []byte) (int, int, []float64)
	}{
		{NPY, true, readNPY},
		{NPY, false, readNPY},
		{CSV, true, readCSV},
		{CSV, false, readCSV},
	} {
		t.Run(fmt.Sprintf("%s/val=%v", tc.format, tc.withVal), func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "exp")
			s := testSplit(tc.withVal)
			spec := runs.Spec{Data: "square", Samples: 5}
			if tc.withVal {
				spec.Validation = 0.25
			}
			meta, err := Export(context.Background(), fakeSplitter{s: s}, spec, nil, out, tc.format)
			if err != nil {
				t.Fatal(err)
			}
			want := map[string]datasets.Part{"train": s.Fit, "test": s.Test}
			if tc.withVal {
				want["val"] = s.Val
			}
			var onDisk Meta
			b, err := os.ReadFile(filepath.Join(out, MetaName))
			if err != nil {
				t.Fatal(err)
			}
			if err := json.Unmarshal(b, &onDisk); err != nil {
				t.Fatal(err)
			}
			if len(onDisk.Parts) != len(want) || len(meta.Parts) != len(want) {
				t.Fatalf("parts %v, want %d", onDisk.Parts, len(want))
			}
			if (onDisk.ValidationSeed != "") != tc.withVal || onDisk.DataDigest != s.DataDigest || onDisk.Task != "regression" {
				t.Errorf("split.json: validation seed %q, digest %q, task %q", onDisk.ValidationSeed, onDisk.DataDigest, onDisk.Task)
			}
			for name, p := range want {
				ep := onDisk.Parts[name]
				if ep.N != p.N || ep.DIn != p.DIn || ep.DOut != p.DOut {
					t.Errorf("%s: split.json shape %d×%d→%d, want %d×%d→%d", name, ep.N, ep.DIn, ep.DOut, p.N, p.DIn, p.DOut)
				}
				for _, m := range []struct {
					file, sum string
					data      []float64
					d         int
				}{{ep.X, ep.XSHA256, p.X, p.DIn}, {ep.Y, ep.YSHA256, p.Y, p.DOut}} {
					b, err := os.ReadFile(filepath.Join(out, m.file))
					if err != nil {
						t.Fatal(err)
					}
					if h := sha256.Sum256(b); hex.EncodeToString(h[:]) != m.sum {
						t.Errorf("%s: split.json's sha256 is not the file's", m.file)
					}
					rows, cols, vals := tc.read(t, b)
					if rows != p.N || cols != m.d {
						t.Fatalf("%s: shape %d×%d, want %d×%d", m.file, rows, cols, p.N, m.d)
					}
					for j := 0; j < p.N; j++ {
						for r := 0; r < m.d; r++ {
							got, w := vals[j*m.d+r], m.data[r*p.N+j]
							if math.Float64bits(got) != math.Float64bits(w) {
								t.Errorf("%s: sample %d, column %d: %v, want %v (bits differ)", m.file, j, r, got, w)
							}
						}
					}
				}
			}
			if got, want := meta.Shapes(), map[bool]string{true: "train 5×3→2, val 2×3→2, test 4×3→2", false: "train 5×3→2, test 4×3→2"}[tc.withVal]; got != want {
				t.Errorf("Shapes() = %q, want %q", got, want)
			}
		})
	}
}

// TestExportDirectory: a new, an empty or an earlier export's directory is
// written whole; any other is refused and left as it was, and nothing is
// left beside it.
func TestExportDirectory(t *testing.T) {
	for _, tc := range []struct {
		name    string
		prepare func(t *testing.T, out string)
		refused string // part of the usage error, "" for none
	}{
		{"missing", func(*testing.T, string) {}, ""},
		{"missing parent", func(*testing.T, string) {}, ""},
		{"empty", func(t *testing.T, out string) { mkdir(t, out) }, ""},
		{"earlier export", func(t *testing.T, out string) {
			mkdir(t, out)
			put(t, filepath.Join(out, MetaName), "{}")
			put(t, filepath.Join(out, "val_x.npy"), "old")
		}, ""},
		{"foreign", func(t *testing.T, out string) { mkdir(t, out); put(t, filepath.Join(out, "keep.json"), "mine") },
			"is not empty and holds no earlier export (split.json): not replaced"},
		{"file", func(t *testing.T, out string) { put(t, out, "mine") }, "exists and is not a directory"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			out := filepath.Join(dir, "exp")
			if tc.name == "missing parent" {
				out = filepath.Join(dir, "a", "b", "exp")
			}
			tc.prepare(t, out)
			before := list(t, filepath.Dir(out))
			checkErr := CheckDir(out)
			_, err := Export(context.Background(), fakeSplitter{s: testSplit(false)}, runs.Spec{Data: "square"}, nil, out, NPY)
			if tc.refused == "" {
				if checkErr != nil || err != nil {
					t.Fatalf("CheckDir: %v; Export: %v", checkErr, err)
				}
				if _, err := os.Stat(filepath.Join(out, "val_x.npy")); !errors.Is(err, os.ErrNotExist) {
					t.Errorf("a file of the earlier export survived: %v", err)
				}
				if got := list(t, filepath.Dir(out)); len(got) != 1 || got[0] != "exp" {
					t.Errorf("beside the export: %v, want exp alone", got)
				}
				return
			}
			for _, err := range []error{checkErr, err} {
				var xe *inputerr.Error
				if !errors.As(err, &xe) || !xe.Usage || !strings.Contains(err.Error(), tc.refused) {
					t.Errorf("got %v, want a usage error saying %q", err, tc.refused)
				}
			}
			if got := list(t, filepath.Dir(out)); strings.Join(got, ",") != strings.Join(before, ",") {
				t.Errorf("directory now holds %v, was %v", got, before)
			}
			if fi, err := os.Stat(out); err == nil && fi.IsDir() {
				if b, err := os.ReadFile(filepath.Join(out, "keep.json")); err != nil || string(b) != "mine" {
					t.Errorf("foreign file touched: %q, %v", b, err)
				}
			}
		})
	}
}

// TestExportErrors: a data set that is not there and a run whose recorded
// digest the data do not give are input errors (exit 3); a bad format is a
// usage error; any other data error passes through unwrapped; nothing is
// written.
func TestExportErrors(t *testing.T) {
	other := errors.New("checksum mismatch")
	for _, tc := range []struct {
		name   string
		split  fakeSplitter
		run    *Run
		format string
		usage  bool
		input  bool
		say    string
	}{
		{"not available", fakeSplitter{err: &datasets.NotAvailableError{Name: "eyb", File: "f.zip", Reason: "absent"}}, nil, NPY, false, true, "eyb"},
		{"digest differs", fakeSplitter{s: testSplit(true)}, &Run{ID: "abc", DataDigest: "other"}, NPY, false, true, "this is not the run's split"},
		{"format", fakeSplitter{s: testSplit(true)}, nil, "xls", true, false, `flag --format: "xls"`},
		{"other error", fakeSplitter{err: other}, nil, CSV, false, false, "checksum mismatch"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "exp")
			_, err := Export(context.Background(), tc.split, runs.Spec{Data: "square"}, tc.run, out, tc.format)
			var xe *inputerr.Error
			isXE := errors.As(err, &xe)
			switch {
			case err == nil || !strings.Contains(err.Error(), tc.say):
				t.Errorf("got %v, want an error saying %q", err, tc.say)
			case tc.usage != (isXE && xe.Usage), tc.input != (isXE && !xe.Usage):
				t.Errorf("%v: usage %v, input %v; want usage %v, input %v", err, isXE && xe.Usage, isXE && !xe.Usage, tc.usage, tc.input)
			case tc.name == "other error" && err != other:
				t.Errorf("got %v, want the splitter's error itself", err)
			}
			if got := list(t, filepath.Dir(out)); len(got) != 0 {
				t.Errorf("left behind: %v", got)
			}
		})
	}
}

func TestRunOf(t *testing.T) {
	rec := runs.Record{ID: "id1", Spec: runs.Spec{Data: "square"}, Status: runs.StatusDone, Key: runs.Key{DataDigest: "dd"}}
	rec.Result.Metrics = map[string]float64{"test_mse": 0.5, "bad": math.NaN(), "big": math.Inf(1)}
	rec.Result.Curves = map[string][]float64{"val_mse": {1, math.Inf(-1), 0.25}}
	r := RunOf(rec)
	b, err := json.Marshal(r)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`"bad":null`, `"big":null`, `"test_mse":0.5`, `"val_mse":[1,null,0.25]`, `"data_digest":"dd"`, `"status":"done"`} {
		if !strings.Contains(string(b), want) {
			t.Errorf("%s lacks %s", b, want)
		}
	}
}

func TestCheckSpec(t *testing.T) {
	for _, tc := range []struct {
		spec runs.Spec
		say  string // "" for valid
	}{
		{runs.Spec{Data: "square", Samples: 40, Validation: 0.2}, ""},
		{runs.Spec{Data: "square", Trial: 3, Noise: 0.1}, ""},
		{runs.Spec{Data: "nosuch"}, `unknown data set "nosuch"`},
		{runs.Spec{Data: "square", Trial: -1}, "want values ≥ 0"},
		{runs.Spec{Data: "square", Samples: -1}, "want values ≥ 0"},
		{runs.Spec{Data: "square", Noise: math.NaN()}, "want values ≥ 0"},
		{runs.Spec{Data: "square", Noise: math.Inf(1)}, "want values ≥ 0"},
		{runs.Spec{Data: "square", Validation: 1}, "flag --validation: 1, want 0"},
		{runs.Spec{Data: "square", Validation: -0.1}, "flag --validation"},
		{runs.Spec{Data: "square", DataVariant: "nosuch"}, "flag --variant"},
	} {
		t.Run(fmt.Sprintf("%+v", tc.spec), func(t *testing.T) {
			err := CheckSpec(tc.spec)
			var xe *inputerr.Error
			switch {
			case tc.say == "" && err != nil:
				t.Errorf("got %v, want none", err)
			case tc.say != "" && (!errors.As(err, &xe) || !xe.Usage || !strings.Contains(err.Error(), tc.say)):
				t.Errorf("got %v, want a usage error saying %q", err, tc.say)
			}
		})
	}
}

func TestFindRunNoStore(t *testing.T) {
	path := filepath.Join(t.TempDir(), "none.db")
	_, err := FindRun(context.Background(), path, "ab")
	var xe *inputerr.Error
	if !errors.As(err, &xe) || !xe.Usage || !strings.Contains(err.Error(), "does not exist") {
		t.Errorf("got %v, want a usage error: the store does not exist", err)
	}
	if _, err := os.Stat(path); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("FindRun made %s", path)
	}
}

func mkdir(t *testing.T, dir string) {
	t.Helper()
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
}

func put(t *testing.T, path, content string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

// list is the names in dir, or none when it does not exist.
func list(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	return names
}
