package report

import (
	"fmt"
	"strings"
	"testing"

	"github.com/admmlab/admmlab/experiments"
	"github.com/admmlab/admmlab/pipeline/runs"
)

// The λ × β panel names the rule behind its "best": under the validation
// rule the choice is the validation curve's, and another cell may have the
// lower test value (Figure 11a: chosen (1e-6, 1) at 3.36e-3 beside
// 1.84e-3 at β = 0.01, which the β claim reports).
func TestParamsPanelNamesItsRule(t *testing.T) {
	cells := func(validation bool) []cell {
		var recs []runs.Labeled
		for i, beta := range []float64{0.01, 1} {
			// β = 1 is best on validation, β = 0.01 on test.
			val := []float64{0.2, 0.1 + 0.05*float64(1-i)}
			test := []float64{0.5, 0.002 + 0.002*float64(i)}
			for trial := range 2 {
				spec := runs.Spec{Data: "l1radial", Algorithm: "admm", Act: "sigmoid", Depth: 2, Width: 10, Init: "msra", InitScale: 1,
					Lambda: 1e-6, Beta: beta, Epochs: 2, Trial: trial}
				if validation {
					spec.Validation = 0.2
				}
				recs = append(recs, runs.Labeled{Experiment: "x", Label: "ADMM (sigmoid)", Record: runs.Record{
					ID: fmt.Sprintf("b%g-t%d", beta, trial), Spec: spec, Status: runs.StatusDone,
					Result: runs.Result{Metrics: map[string]float64{"test_mse_best": test[1]},
						Curves: map[string][]float64{"val_mse": val, "test_mse": test}},
				}})
			}
		}
		d := experiments.Definition{Metric: "test_mse"}
		if validation {
			d.Select = &experiments.Selection{On: runs.SelectOnValidation, Fraction: 0.2}
		}
		return cellsOfDef(recs, d, nil)
	}
	c, err := experiments.PaperClaims()
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		validation bool
		want       string
	}{
		{true, "chosen on validation (λ, β) = (1e-06, 1) with 4.00e-3"},
		{false, "best (λ, β) = (1e-06, 0.01) with 2.00e-3"},
	} {
		b := &builder{an: newAnalysis("quick", "c"), claims: c}
		out, err := b.paramsPanel(panelSpec{ID: "figx", Title: "(a) λ × β"}, cells(tc.validation), "test_mse")
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(out.verdict, tc.want) {
			t.Errorf("validation %v: verdict %q lacks %q", tc.validation, out.verdict, tc.want)
		}
		// The range over the grid is stated whichever cell the rule chose.
		if want := "the grid's means range from 2.00e-3 at (1e-06, 0.01) to 4.00e-3 at (1e-06, 1)"; !strings.Contains(out.verdict, want) {
			t.Errorf("validation %v: verdict %q lacks %q", tc.validation, out.verdict, want)
		}
	}
}
