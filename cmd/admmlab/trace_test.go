package main

import (
	"bytes"
	"math"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/admmlab/admmlab/internal/csvmat"
	"github.com/admmlab/admmlab/internal/sharedtest"
)

// TestTraceMatchesFixture runs `admmlab trace` in-process on both reference
// fixtures and compares its rows with trace.csv: train_mse within 1e-6 and
// aug_lagrangian within 1e-5 relative over the first 10 iterations (the
// solver package's fixture test checks all 50).
func TestTraceMatchesFixture(t *testing.T) {
	for _, name := range []string{"square-L3-w20", "square-L2-w100"} {
		t.Run(name, func(t *testing.T) {
			dir := sharedtest.Dir(t, "fixtures", "admm-reference", name)
			want, err := csvmat.ReadFile(filepath.Join(dir, "trace.csv"))
			if err != nil {
				t.Fatalf("reference trace missing (set ADMMLAB_SHARED): %v", err)
			}
			var out, errb bytes.Buffer
			if code := run([]string{"trace", "--fixture", dir, "--iters", "10"}, &out, &errb); code != exitOK {
				t.Fatalf("exit %d: %s", code, errb.String())
			}
			lines := strings.Split(strings.TrimSpace(out.String()), "\n")
			if lines[0] != "k,train_mse,aug_lagrangian" || len(lines) != 11 {
				t.Fatalf("got header %q and %d lines, want the header and 10 rows", lines[0], len(lines))
			}
			for k, line := range lines[1:] {
				f := strings.Split(line, ",")
				if len(f) != 3 || f[0] != strconv.Itoa(k+1) {
					t.Fatalf("row %d = %q", k+1, line)
				}
				for c, tol := range map[int]float64{1: 1e-6, 2: 1e-5} {
					got, err := strconv.ParseFloat(f[c], 64)
					if err != nil {
						t.Fatal(err)
					}
					w := want.At(k, c)
					if e := math.Abs(got-w) / math.Abs(w); e > tol {
						t.Errorf("row %d column %d = %v, trace.csv has %v (rel err %.3g > %g)", k+1, c, got, w, e, tol)
					}
				}
			}
		})
	}
}

// TestTraceExitCodes: bad input files exit 3, bad flags 2.
func TestTraceExitCodes(t *testing.T) {
	fix := sharedtest.Dir(t, "fixtures", "admm-reference", "square-L3-w20")
	for _, tc := range []struct {
		args []string
		code int
	}{
		{[]string{"trace", "--fixture", t.TempDir()}, exitInput},
		{[]string{"trace"}, exitUsage},
		{[]string{"trace", "--fixture", fix, "--iters", "x"}, exitUsage},
		{[]string{"trace", "--fixture", fix, "--variant", "nope"}, exitUsage},
	} {
		var out, errb bytes.Buffer
		if code := run(tc.args, &out, &errb); code != tc.code {
			t.Errorf("%q: exit %d, want %d (stderr %q)", tc.args, code, tc.code, errb.String())
		}
	}
}
