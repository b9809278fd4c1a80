package report

import (
	"fmt"
	"strings"
	"testing"

	"github.com/admmlab/admmlab/experiments"
	"github.com/admmlab/admmlab/pipeline/runs"
)

// valRuns are two trials per (λ, init scale) of one ADMM structure that
// selects on validation: val(λ, scale) is the validation accuracy of every
// epoch of both trials, so the choice is the cell with the largest value.
func valRuns(lambdas, scales []float64, val func(lambda, scale float64) float64) []cell {
	var recs []runs.Labeled
	for _, lam := range lambdas {
		for _, sc := range scales {
			for trial := 0; trial < 2; trial++ {
				v := val(lam, sc)
				recs = append(recs, runs.Labeled{Experiment: "x", Label: "A", Record: runs.Record{
					ID:     fmt.Sprintf("l%g-s%g-t%d", lam, sc, trial),
					Spec:   runs.Spec{Data: "eyb", Algorithm: "admm", Act: "sigmoid", Depth: 1, Width: 60, Init: "msra", InitScale: sc, Lambda: lam, Beta: 1, Epochs: 2, Trial: trial, Validation: 0.2},
					Status: runs.StatusDone,
					Result: runs.Result{Curves: map[string][]float64{"val_acc": {v / 2, v}, "test_acc": {v / 2, v - 0.01}}},
				}})
			}
		}
	}
	d := experiments.Definition{Metric: "test_acc", Select: &experiments.Selection{On: runs.SelectOnValidation, Fraction: 0.2}}
	return cellsOfDef(recs, d, nil)
}

// TestChoiceOnGrid: a validation choice inside a grid of ≥ 3 values is
// stated as such; one at an end is a warning, fails the check and is a
// caveat of the table's verdict (gridEdge); a two-value axis is an end but
// not a failure.
func TestChoiceOnGrid(t *testing.T) {
	lambdas := []float64{1e-6, 1e-2, 1, 100}
	peakAt := func(best float64) func(l, s float64) float64 {
		return func(l, s float64) float64 {
			v := 0.9
			if l == best {
				v = 0.95
			}
			if s == 0.125 {
				v += 0.01
			}
			return v
		}
	}
	for _, tc := range []struct {
		name       string
		scales     []float64
		peak       float64
		end        bool
		text, edge string
	}{
		{"interior λ, interior init scale", []float64{1.0 / 32, 0.125, 1}, 1, false,
			"λ = 1 is inside the searched {1e-06, 0.01, 1, 100}; init scale = 0.125 is inside the searched {0.03125, 0.125, 1}", ""},
		{"λ at the grid's top", []float64{1.0 / 32, 0.125, 1}, 100, true,
			"⚠ λ = 100 is at an end of the searched {1e-06, 0.01, 1, 100}: the best may lie beyond it",
			"A's λ = 100, the largest tried (1e-06 … 100)"},
		{"two init scales: an end, no failure", []float64{0.125, 1}, 1, false,
			"init scale = 0.125 is an end of the searched {0.125, 1}, which has no interior", "A's init scale = 0.125, the smallest tried (0.125 … 1)"},
	} {
		cells := valRuns(lambdas, tc.scales, peakAt(tc.peak))
		chosen, _, ok := chooseCell(cells, "test_acc")
		if !ok || chosen.Cfg.Lambda != tc.peak {
			t.Fatalf("%s: chose λ = %g (%v), want %g", tc.name, chosen.Cfg.Lambda, ok, tc.peak)
		}
		if got := atGridEnd(chosen, cells); got != tc.end {
			t.Errorf("%s: atGridEnd = %v, want %v", tc.name, got, tc.end)
		}
		if got := placeText(placesOf(chosen, cells)); !strings.Contains(got, tc.text) {
			t.Errorf("%s: placeText = %q, want it to contain %q", tc.name, got, tc.text)
		}
		if got := gridEdge("A", chosen, cells); got != tc.edge {
			t.Errorf("%s: gridEdge = %q, want %q", tc.name, got, tc.edge)
		}
	}
}
