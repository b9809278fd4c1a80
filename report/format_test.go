package report

import (
	"math"
	"path/filepath"
	"strings"
	"testing"
)

func TestFmtMeanStd(t *testing.T) {
	tests := []struct {
		vals []float64
		div  int
		want string
	}{
		{[]float64{1e-9, 3e-9}, 0, "2.00e-9 (1.41e-9)"},
		{[]float64{2e-3}, 0, "2.00e-3 (n=1)"},
		{[]float64{2e-3, 4e-3}, 3, "3.00e-3 (1.41e-3) — diverged 3/5, mean of the other 2"},
		{nil, 2, "diverged 2/2"},
		{[]float64{math.NaN()}, 0, "n/a"},
	}
	for _, tt := range tests {
		s := newStat(tt.vals, nil)
		s.Diverged = tt.div
		if got := fmtMeanStd("train_mse", s); got != tt.want {
			t.Errorf("%v, %d diverged: %q, want %q", tt.vals, tt.div, got, tt.want)
		}
	}
}

// TestDivergedCells checks the fixture's diverged runs through the whole
// report: they are named, left out of the mean, and the single finite trial
// has no spread in summary.json.
func TestDivergedCells(t *testing.T) {
	out, _ := build(t, fixedRuns(), Options{})
	t3 := read(t, filepath.Join(out, "tables", "table3.md"))
	for _, want := range []string{
		"| SGDM (ReLU) | (1,20) | 4.00e-7 (n=1) — diverged 2/3, mean of the other 1 |",
		"| Adam (ReLU) | n/a | diverged 2/2 (whole grid) |",
	} {
		if !strings.Contains(t3, want) {
			t.Errorf("table3.md lacks %q:\n%s", want, t3)
		}
	}
	s, err := ParseSummary([]byte(read(t, filepath.Join(out, "summary.json"))))
	if err != nil {
		t.Fatal(err)
	}
	n, ok := s.Numbers["table3/SGDM (ReLU)/train_mse_best"]
	if !ok || float64(n.Value) != 4e-7 || !math.IsNaN(float64(n.Std)) || n.N != 1 || n.Diverged != 2 {
		t.Errorf("SGDM number %+v (present %v), want 4e-7, std null, n 1, 2 diverged", n, ok)
	}
	if _, ok := s.Numbers["table3/Adam (ReLU)/train_mse_best"]; ok {
		t.Error("a cell without any finite value is in summary.json")
	}
}
