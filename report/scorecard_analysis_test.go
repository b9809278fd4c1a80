package report

import (
	"math"
	"slices"
	"strings"
	"testing"

	"github.com/admmlab/admmlab/experiments"

	"github.com/admmlab/admmlab/solvers"
)

// The whole scorecard judged from one analysis built by hand, as data: a
// finding per kind of claim, and the verdict each claim reaches on it.
func TestScorecardFromHandBuiltAnalysis(t *testing.T) {
	an, c := claimAnalysis(t)
	s := c.Subject
	// Table 3: the points contest complete, the subject at the paper's
	// depth, first at both init scales of its stage.
	an.table("table3").Points = &contest{Verdict: claimHolds, Why: "beats every other", Complete: true}
	choose(an, "table3", s, "train_mse", 2, 100, 1e-9, 2e-9)
	choose(an, "table3", "SGD (ReLU)", "train_mse", 3, 100, 1e-7, 1e-7)
	an.initScale("square-initscale", s, 1, newStat([]float64{1e-8, 1.1e-8}, nil))
	an.initScale("square-initscale", s, 8, newStat([]float64{1e-9, 1.1e-9}, nil))
	// Table 5: the paper's 1.69e-5 far below a noise floor of 1e-3.
	choose(an, "table5", s, "test_mse", 2, 100, 1.1e-3, 1.2e-3)
	an.table("table5").NoiseFloors[0.1] = newStat([]float64{1e-3, 1e-3}, nil)
	// Table 9: the narrowest, at reduced settings.
	choose(an, "table9", s, "test_acc", 2, 60, 0.9, 0.91)
	choose(an, "table9", "SGD (ReLU)", "test_acc", 2, 100, 0.9, 0.91)
	setWidth(an, "fig17a", "SGD (ReLU)", 100, 0.9, 0.91, 0.905)
	setWidth(an, "fig17a", "SGD (ReLU)", 60, 0.8, 0.81, 0.805)
	withContest(an, "table9", contest{Verdict: claimUnresolved, Why: "within", Complete: true, Settings: "20 of 200 epochs", Reduced: "20 of 200 epochs"})
	// The panels.
	an.panel("fig7b").setInit(s, "msra", newStat([]float64{1e-3, 1.1e-3}, nil))
	an.panel("fig7b").setInit(s, "lecun", newStat([]float64{2e-3, 2.1e-3}, nil))
	an.Reductions["fig7b"] = "200 of 2000 epochs"
	setParam(an, "fig7a", s, 1e-6, 1, 4e-9)
	setParam(an, "fig7a", s, 1e-6, 10, 2e-8)
	setDepth(an, "fig18a", "A", 4, 0.9, 0.91, 0.89)
	setDepth(an, "fig18a", "A", 10, 0.8, 0.81, 0.79)
	an.LayerRatios[solvers.SGD.String()] = perRunRatios(1e-6, 2e-6, 5e-7)
	an.LayerRatios[solvers.ADMM.String()] = perRunRatios(1e-2, 2e-2, 5e-3)
	an.panel("theorem4a").Slopes = []Slope{{Label: "ADMM, (23)", Depth: 2, Value: -1.2, PerRun: newStat([]float64{-1.2, -1.22, -1.18}, nil)}}

	got := map[string]string{}
	for _, cl := range judgeClaims(an, c) {
		got[cl.Text] = cl.Verdict
	}
	for _, tc := range []struct{ text, want string }{
		{"Table 3: " + s + " is best", claimHolds},
		{"Table 4: " + s + " is best", claimUntestable},
		{"Table 9: " + s + " is best", claimUnresolved},
		{"Central claim: " + s + " beats the SGD family", claimUnresolved}, // one held, one within the spread
		{"Table 5: " + s + " reaches 1.69e-5", claimUnreachable},
		{s + "'s best depth is 2 (Table 3)", claimHolds},
		{s + "'s best depth is 2 (Table 4)", claimUntestable},
		{"Table 3: " + s + "'s win does not hinge on the init scale", claimHolds},
		{"Table 4: " + s + "'s win does not hinge on the init scale", claimUntestable},
		{"Table 9: " + s + " needs the smallest width", claimHolds + atReduced},
		{"ADMM is robust to the initialisation scheme (fig7b)", claimHolds + atReduced},
		{"ADMM is robust to the initialisation scheme (fig9b)", claimUntestable},
		{"ADMM is not sensitive to β", claimHolds},
		{"ADMM's test error grows more slowly than the noise variance (fig12b)", claimUntestable},
		{"Every algorithm degrades beyond depth 8 (fig18a)", claimHolds},
		{"ADMM avoids the saturation that makes SGD's gradients vanish towards the input", claimHolds},
		{"Theorem 4: min_{k≤K} KKT residual² = O(1/K) under condition (23)", claimHolds},
	} {
		if v, ok := got[tc.text]; !ok || v != tc.want {
			t.Errorf("%s: %q (listed %v), want %q", tc.text, v, ok, tc.want)
		}
	}
	// The level claims of tables without a floor are left out: Table 5's
	// alone is listed.
	levels := 0
	for _, cl := range c.Claims {
		if cl.Kind == experiments.ClaimLevel {
			levels++
		}
	}
	if n := len(judgeClaims(an, c)); n != len(c.Claims)-levels+1 {
		t.Errorf("%d claims listed, want %d", n, len(c.Claims)-levels+1)
	}
}

// The scorecard's number rows are written from a ranking alone: the cell
// the table chose beside the paper's number, the ratio and its verdict,
// the times per epoch and the structures.
func TestNumberRowFromRanking(t *testing.T) {
	paper := PaperTable{Unit: "mse", Rows: []PaperRow{{Label: "A", Mean: 1e-3, Seconds: 20, Depth: 2, Width: 40}, {Label: "B", Mean: 1e-4}}}
	rk := Ranking{Table: "table3", Metric: "train_mse", Epochs: 2000, Ours: map[string]ChosenCell{
		"A": {Best: newStat([]float64{2e-3, 2e-3}, nil), Seconds: newStat([]float64{4, 4}, nil), Epochs: 200, Depth: 3, Width: 40},
		"B": {Best: newStat([]float64{math.NaN()}, nil)},
	}, Ratio: map[string]float64{"A": 2}, SameOrder: map[string]bool{"A": true}}
	for _, tc := range []struct {
		row  PaperRow
		want []string
	}{
		{paper.Rows[0], []string{"table3", "A", "1.00e-3", "2.00e-3", "2", "yes", "0.01", "0.02", "2", "(2,40)", "(3,40)"}},
		{paper.Rows[1], []string{"table3", "B", "1.00e-4", "n/a", "—", "—"}},
	} {
		got := numberRow(rk, paper, tc.row)
		if !slices.Equal(got[:len(tc.want)], tc.want) {
			t.Errorf("%s: %q, want %q…", tc.row.Label, got, tc.want)
		}
	}
}

// The scorecard's file is written from the analysis alone: its claims and
// rankings built by hand here, with the paper's tables, and no builder.
func TestScorecardMarkdownFromAnalysis(t *testing.T) {
	an := newAnalysis("quick", "c")
	an.Description = "a hand-built profile"
	an.Claims = []claim{{Text: "Table 3: A is best", Verdict: claimHolds, Numbers: "A 1e-9 < B 1e-7", Evidence: "table3", Note: "a note"}}
	paper := map[string]PaperTable{"table3": {Unit: "mse", Winner: "A", Rows: []PaperRow{{Label: "A", Mean: 1e-3}, {Label: "B", Mean: 1e-2}}}}
	an.Rankings = []Ranking{{Table: "table3", Metric: "train_mse", Epochs: 2000, Ours: map[string]ChosenCell{
		"A": {Best: newStat([]float64{1e-3, 1e-3}, nil)}, "B": {Best: newStat([]float64{1e-2, 1e-2}, nil)}},
		OurRank: map[string]int{"A": 1, "B": 2}, PaperRank: map[string]int{"A": 1, "B": 2}, Same: true, Winner: true}}
	text, g := scorecardMarkdown(an, paper, item{ID: scorecardID, Title: "Scorecard"})
	for _, want := range []string{
		"Profile: `quick` (a hand-built profile).",
		"| Table 3: A is best | **holds** | A 1e-9 < B 1e-7 | table3 |",
		"† a note",
		"- table3: paper's winner (A) has our best mean: **yes**; full ranking by means holds: **yes** (ours: A > B)",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("scorecard lacks %q:\n%s", want, text)
		}
	}
	if g.File != "tables/scorecard.md" || g.Text != text ||
		!strings.HasPrefix(g.Verdict, "claims: 1 hold (0 of them at reduced settings), 0 fail") || !strings.HasSuffix(g.Verdict, "holds in 1 of 1 tables with results") {
		t.Errorf("README entry: %+v", g)
	}
}
