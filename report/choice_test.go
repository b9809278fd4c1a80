package report

import (
	"testing"

	"github.com/admmlab/admmlab/experiments"
	"github.com/admmlab/admmlab/pipeline/runs"
)

// cellsAtLambda are three cells of one structure that differ in λ: the
// first in axis order (λ = 1e-2) is the worst, λ = 1e-4 the best.
func cellsAtLambda(t *testing.T) []cell {
	t.Helper()
	var recs []runs.Labeled
	for _, v := range []struct{ lambda, best float64 }{{1e-2, 5e-3}, {1e-4, 1e-5}, {1e-3, 2e-4}} {
		for trial := 0; trial < 2; trial++ {
			r := run("square-sweep", "A", "admm", "sigmoid", 2, 40, trial, "train_mse", v.best*(1+0.1*float64(trial)), v.best, 1)
			r.Spec.Lambda = v.lambda
			r.ID += "-l" + fmtG(v.lambda)
			recs = append(recs, r)
		}
	}
	cells := cellsOf(recs, nil, nil)
	if len(cells) != 3 {
		t.Fatalf("%d cells, want 3", len(cells))
	}
	return cells
}

// The cell shown "at the paper's (d,w)" is chosen by the claims file's
// rule: the first in axis order (today's report), or the experiment's rule.
func TestCellAtStructure(t *testing.T) {
	cells := cellsAtLambda(t)
	diverged := cellsAtLambda(t)
	for i := range diverged {
		for j := range diverged[i].Runs {
			diverged[i].Runs[j].Result.Diverged = true
		}
	}
	for _, tc := range []struct {
		name, rule string
		cells      []cell
		want       float64 // λ of the chosen cell
		ok         bool
	}{
		{"first in axis order", experiments.ChooseFirst, cells, cells[0].Cfg.Lambda, true},
		{"the experiment's rule: the best mean", experiments.ChooseRule, cells, 1e-4, true},
		{"the rule, every trial diverged: the first, to count them", experiments.ChooseRule, diverged, cells[0].Cfg.Lambda, true},
		{"one cell", experiments.ChooseRule, cells[2:], cells[2].Cfg.Lambda, true},
		{"the structure never ran", experiments.ChooseFirst, nil, 0, false},
		{"the structure never ran, by the rule", experiments.ChooseRule, nil, 0, false},
	} {
		c, ok := cellAtStructure(tc.rule, tc.cells, "train_mse")
		if ok != tc.ok || (ok && c.Cfg.Lambda != tc.want) {
			t.Errorf("%s: λ %g, %v; want λ %g, %v", tc.name, c.Cfg.Lambda, ok, tc.want, tc.ok)
		}
	}
}

// The shipped claims file chooses the cell at the paper's structure by the
// experiment's rule: the first in axis order showed Table 9's ADMM at the
// worst λ of its structure (81.17%) while Figure 17a showed the chosen one
// (89.72%) at the same (d,w).
func TestClaimsChoiceRule(t *testing.T) {
	c, err := experiments.PaperClaims()
	if err != nil {
		t.Fatal(err)
	}
	if c.Choice.AtPaperStructure != experiments.ChooseRule {
		t.Errorf("choice.at_paper_structure = %q, want %q (the rule the points column and the figures use)", c.Choice.AtPaperStructure, experiments.ChooseRule)
	}
}
