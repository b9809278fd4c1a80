package report

import (
	"math"
	"path/filepath"
	"strings"
	"testing"

	"github.com/admmlab/admmlab/pipeline/runs"
)

// trials are the runs of one ADMM (sigmoid) cell at (depth, width, λ), one
// per value; a value of +Inf makes a diverged trial, whose recorded "best"
// (what the net reached before blowing up) is a tempting 1e-12.
func trials(depth, width int, lambda float64, vals ...float64) []runs.Labeled {
	var rs []runs.Labeled
	for i, v := range vals {
		r := trialRun("ADMM (sigmoid)", depth, width, i, lambda, v)
		if math.IsInf(v, 1) {
			r.Result.Metrics["train_mse_best"], r.Result.Diverged = 1e-12, true
		}
		rs = append(rs, r)
	}
	return rs
}

func concat(parts ...[]runs.Labeled) []runs.Labeled {
	var out []runs.Labeled
	for _, p := range parts {
		out = append(out, p...)
	}
	return out
}

// chooseCell applies the experiment's rule over every cell: the best mean
// of the finite trials, whatever the cell's place in axis order.
func TestChooseCell(t *testing.T) {
	inf := math.Inf(1)
	for _, tc := range []struct {
		name         string
		recs         []runs.Labeled
		depth, width int // of the chosen cell
		lambda, mean float64
		n, diverged  int
		ok           bool
	}{
		{"the best is the last in axis order",
			concat(trials(1, 20, 1e-6, 5e-3, 5e-3), trials(2, 40, 1e-6, 1e-4, 3e-4), trials(2, 40, 1e-4, 1e-6, 3e-6)),
			2, 40, 1e-4, 2e-6, 2, 0, true},
		{"a diverged trial's small 'best' never wins",
			concat(trials(1, 20, 1e-6, 1e-5, 3e-5), trials(2, 20, 1e-6, inf, inf)),
			1, 20, 1e-6, 2e-5, 2, 0, true},
		{"a partly diverged cell is judged on its finite trials",
			concat(trials(1, 20, 1e-6, 1e-6, 1e-6), trials(2, 20, 1e-6, 1e-7, inf)),
			2, 20, 1e-6, 1e-7, 1, 1, true},
		{"a tie goes to the first in axis order",
			concat(trials(2, 40, 1e-4, 1e-6, 3e-6), trials(1, 40, 1e-6, 3e-6, 1e-6)),
			1, 40, 1e-6, 2e-6, 2, 0, true},
		{"every trial diverged", concat(trials(1, 20, 1e-6, inf), trials(2, 20, 1e-6, inf, inf)), 0, 0, 0, 0, 0, 0, false},
		{"no cells", nil, 0, 0, 0, 0, 0, 0, false},
	} {
		c, st, ok := chooseCell(cellsOf(tc.recs, nil, nil), "train_mse")
		if ok != tc.ok {
			t.Errorf("%s: ok %v, want %v", tc.name, ok, tc.ok)
			continue
		}
		if !ok {
			continue
		}
		if c.Cfg.Depth != tc.depth || c.Cfg.Width != tc.width || c.Cfg.Lambda != tc.lambda {
			t.Errorf("%s: chose (%d,%d) λ %g, want (%d,%d) λ %g", tc.name, c.Cfg.Depth, c.Cfg.Width, c.Cfg.Lambda, tc.depth, tc.width, tc.lambda)
		}
		if !near(st.Mean, tc.mean) || st.N != tc.n || st.Diverged != tc.diverged {
			t.Errorf("%s: reported %g (n %d, %d diverged), want %g (n %d, %d diverged)", tc.name, st.Mean, st.N, st.Diverged, tc.mean, tc.n, tc.diverged)
		}
	}
}

// Accuracies: the highest mean wins.
func TestChooseCellAccuracy(t *testing.T) {
	var recs []runs.Labeled
	for _, v := range []struct {
		width int
		acc   float64
	}{{20, 0.80}, {40, 0.91}, {60, 0.85}} {
		for trial := range 2 {
			recs = append(recs, run("e", "A", "sgd", "relu", 1, v.width, trial, "test_acc", v.acc, v.acc-0.01, 1))
		}
	}
	c, st, ok := chooseCell(cellsOf(recs, nil, nil), "test_acc")
	if !ok || c.Cfg.Width != 40 || !near(st.Mean, 0.91) {
		t.Errorf("accuracy: width %d, %g, %v; want width 40 at 0.91", c.Cfg.Width, st.Mean, ok)
	}
}

// Under the validation rule the test set plays no part in the choice: the
// cell with the better validation curve wins though another has the better
// test curve, and its test value is read at the epoch validation chose.
func TestChooseCellOnValidation(t *testing.T) {
	recs := concat(
		validationCell("A", 20, [2][]float64{{0.3, 0.1}, {0.3, 0.1}}, [2][]float64{{0.5, 0.4}, {0.5, 0.2}}, false),
		validationCell("A", 40, [2][]float64{{0.2, 0.25}, {0.2, 0.3}}, [2][]float64{{0.01, 0.01}, {0.01, 0.01}}, false),
	)
	c, st, ok := chooseCell(onValidation(cellsOf(recs, nil, nil)), "test_mse")
	if !ok || c.Cfg.Width != 20 || !near(st.Mean, 0.3) {
		t.Errorf("validation: width %d, %g, %v; want width 20 with test 0.3 at epoch 2", c.Cfg.Width, st.Mean, ok)
	}
}

// Through a whole report: Table 3's cell at the paper's (2,40) is the best
// configuration at that structure (λ = 1e-4), not the first in axis order
// (λ = 1e-6), and the row's own choice is the best over the grid, (1,20).
// A failed run, however good its number, is no result.
func TestTableCellAtPaperStructure(t *testing.T) {
	recs := concat(trials(1, 20, 1e-6, 1e-8, 3e-8), trials(2, 40, 1e-6, 1e-4, 3e-4), trials(2, 40, 1e-4, 1e-6, 3e-6))
	failed := trialRun("ADMM (sigmoid)", 3, 60, 0, 1e-6, 1e-15)
	failed.Status = runs.StatusFailed
	out, _ := build(t, fakeSource{"square-sweep": append(recs, failed)}, Options{})
	s, err := ParseSummary([]byte(read(t, filepath.Join(out, "summary.json"))))
	if err != nil {
		t.Fatal(err)
	}
	for key, want := range map[string]float64{
		"table3/ADMM (sigmoid)/at_paper_structure/train_mse_best": 2e-6,
		"table3/ADMM (sigmoid)/train_mse_best":                    2e-8,
		"table3/ADMM (sigmoid)/depth":                             1,
		"table3/ADMM (sigmoid)/width":                             20,
	} {
		if n, ok := s.Numbers[key]; !ok || !near(float64(n.Value), want) {
			t.Errorf("%s = %v (present %v), want %g", key, n.Value, ok, want)
		}
	}
	if n := s.Numbers["table3/ADMM (sigmoid)/at_paper_structure/train_mse_best"]; len(n.Runs) != 2 || !strings.HasSuffix(n.Runs[0], "-l0.0001") {
		t.Errorf("the number at the paper's structure rests on runs %v, want the two λ = 1e-4 trials", n.Runs)
	}
	t3 := read(t, filepath.Join(out, "tables", "table3.md"))
	if !strings.Contains(t3, "2.00e-6 (1.41e-6) at (2,40)") {
		t.Errorf("table3.md lacks the λ = 1e-4 cell at (2,40):\n%s", t3)
	}
}
