package report

import (
	"fmt"
	"strings"
	"testing"

	"github.com/admmlab/admmlab/experiments"
	"github.com/admmlab/admmlab/pipeline/runs"
)

// lcCells are three trials of one algorithm at each training share, whose
// test accuracy at every epoch is acc[share] (+0.001 per trial).
func lcCells(acc map[float64]float64, n map[float64]float64) []cell {
	var recs []runs.Labeled
	for share, a := range acc {
		for trial := 0; trial < 3; trial++ {
			v := a + 0.001*float64(trial)
			recs = append(recs, runs.Labeled{Experiment: "lc", Label: "A", Record: runs.Record{
				ID:     fmt.Sprintf("f%g-t%d", share, trial),
				Spec:   runs.Spec{Data: "ptb", Algorithm: "sgd", Act: "relu", Depth: 1, Width: 8, Init: "msra", InitScale: 1, Epochs: 2, Trial: trial, Validation: 0.2, TrainFraction: share},
				Status: runs.StatusDone,
				Result: runs.Result{
					Metrics: map[string]float64{"fit_n": 0.8 * n[share], "validation_n": 0.2 * n[share]},
					Curves:  map[string][]float64{"val_acc": {v, v}, "test_acc": {v, v}},
				},
			}})
		}
	}
	d := experiments.Definition{Metric: "test_acc", Select: &experiments.Selection{On: runs.SelectOnValidation, Fraction: 0.2}}
	return cellsOfDef(recs, d, nil)
}

// The learning curve orders its points by samples (the whole split,
// share 0, last), and does not extrapolate a curve still rising; a flat
// end gives the last point's value at the paper's size.
func TestLearningCurvePanel(t *testing.T) {
	n := map[float64]float64{0.25: 500, 0.5: 1000, 0: 2000}
	b := &builder{an: newAnalysis("quick", "c"), claims: &experiments.Claims{TrainSizes: map[string]int{"ptb": 7000}}}
	for _, tc := range []struct {
		name string
		acc  map[float64]float64
		want string
	}{
		{"rising", map[float64]float64{0.25: 0.70, 0.5: 0.80, 0: 0.90},
			"A: the curve is still rising at n = 2000 (last step +10.00 pt, beyond its 95% bound"},
		{"flat", map[float64]float64{0.25: 0.70, 0.5: 0.90, 0: 0.90},
			"A: flat at n = 2000 (last step ±0.00 pt, within its 95% bound"},
	} {
		out, err := b.learningCurvePanel(panelSpec{ID: "lc", Title: "lc"}, lcCells(tc.acc, n), "test_acc", "ptb")
		if err != nil || out.notice {
			t.Fatalf("%s: %v, notice %v", tc.name, err, out.notice)
		}
		s := out.plot.Series[0]
		if len(s.X) != 3 || s.X[0] != 500 || s.X[2] != 2000 || s.Y[2] < 100*tc.acc[0] {
			t.Errorf("%s: points %v, %v; want n = 500, 1000, 2000 with the whole split last", tc.name, s.X, s.Y)
		}
		if !strings.Contains(out.verdict, tc.want) {
			t.Errorf("%s: verdict %q, want %q", tc.name, out.verdict, tc.want)
		}
		rising := strings.Contains(out.verdict, "no extrapolation to the paper's 7000")
		suggests := strings.Contains(out.verdict, "about 90.10 (0.10) at 7000 samples")
		if rising != (tc.name == "rising") || suggests != (tc.name == "flat") {
			t.Errorf("%s: verdict %q: extrapolates only a flat curve", tc.name, out.verdict)
		}
	}
}

// A lead every curve's verdict shares is said once; one that differs
// leaves the verdicts whole.
func TestShareLead(t *testing.T) {
	vs := []string{"A: flat at n = 2519 (step 1): about 79", "B: flat at n = 2519 (step 2): about 89"}
	leads := []string{"flat at n = 2519 ", "flat at n = 2519 "}
	got := strings.Join(shareLead(vs, leads), "; ")
	if want := "every curve flat at n = 2519: A (step 1): about 79; B (step 2): about 89"; got != want {
		t.Errorf("shareLead = %q, want %q", got, want)
	}
	rising := []string{vs[0], "B: the curve is still rising at n = 2519"}
	if got := shareLead(rising, leads); got[1] != rising[1] || got[0] != vs[0] {
		t.Errorf("a verdict without the lead changed the others: %q", got)
	}
}
