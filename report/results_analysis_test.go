package report

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/admmlab/admmlab/experiments"
	"github.com/admmlab/admmlab/pipeline/runs"
)

// A results table is written from its entry of the analysis alone: here
// an entry built by hand, with no runs and no builder, gives the table's
// rows, the points cells, the verdict and the README's entry; written
// twice, it reads the same.
func TestResultsFromAnalysis(t *testing.T) {
	st := func(mean, std float64) Stat { return Stat{Mean: mean, Std: std, N: 2} }
	row := func(l string, d, w int, best Stat) ourRow {
		return ourRow{Label: l, Cell: cell{Label: l, Cfg: runs.Spec{Depth: d, Width: w, Epochs: 200}}, Best: best, Final: best, Seconds: st(20, 1)}
	}
	paper := PaperTable{Caption: "Table 3 of the paper", Unit: "mse", Winner: "A",
		Rows: []experiments.PaperRow{{Label: "A", Mean: 3e-9, Std: 1e-9, Seconds: 40, Depth: 2, Width: 40}, {Label: "B", Mean: 6e-8, Std: 1e-8, Seconds: 20, Depth: 3, Width: 20}}}
	v := &resultsView{it: item{ID: "table3", Title: "Table 3: approximating x²", Exp: "square-sweep"}, paper: paper,
		def: experiments.Definition{Name: "square-sweep", Epochs: 2000}, metric: "test_mse", unit: "MSE",
		profile: "quick", profileText: "a hand-built profile",
		ours:  map[string]ourRow{"A": row("A", 2, 40, st(2e-9, 1e-9)), "B": row("B", 2, 20, st(5e-8, 1e-8))},
		order: []string{"A", "B"}, ourVals: map[string]float64{"A": 2e-9, "B": 5e-8},
		ourRank: map[string]int{"A": 1, "B": 2}, finalRank: map[string]int{"A": 1, "B": 2}, paperRank: map[string]int{"A": 1, "B": 2},
		winner: "A", within: 2, compared: 2, pending: 1,
		found: map[string]rowFinding{
			"A": {compared: true, same: true, ratio: 0.667, atPaper: atPaperFinding{ok: true, pp: experiments.Structure{Depth: 2, Width: 40}, st: st(2e-9, 1e-9)},
				points: pointsFinding{ok: true, cell: cell{Label: "A", Cfg: runs.Spec{Depth: 2, Width: 40, Epochs: 2000}, Runs: make([]runs.Labeled, 3)}, st: st(1e-9, 1e-10)}},
			"B": {compared: true, same: true, ratio: 0.833, atPaper: atPaperFinding{pp: experiments.Structure{Depth: 3, Width: 20}}, points: pointsFinding{pending: true}},
		},
		judged: []judgedSide{{where: "at this profile's best structures", con: &contest{Verdict: "holds", Why: "A's mean is below B's"}}},
	}
	text, g := resultsMarkdown(&TableAnalysis{Metric: "test_mse", View: v})
	for _, want := range []string{
		"# Table 3: approximating x²\n",
		"Profile: `quick` (a hand-built profile). Experiment: `square-sweep`.",
		"| A | (2,40) | 2.00e-9 (1.00e-9) | 2.00e-9 (1.00e-9), rank 1 | 2.00e-9 (1.00e-9) at (2,40) | 1.00e-9 (1.00e-10) at (2,40), 2000 epochs, 3 trials | 3.00e-9 (1.00e-9) | (2,40) | 0.667 | yes | 0.10 | 0.02 | 1 / 1 |",
		"| B | (2,20) | 5.00e-8 (1.00e-8) | 5.00e-8 (1.00e-8), rank 2 | not run at (3,20) | pending |",
		"*pending*: 1 algorithms have no `points` results yet (`admmlab run --profile points --trials 3 --only square-sweep`).",
		"Paper's winner: **A**. Ours, by mean: **A**. That A is best, at this profile's best structures: **holds** (A's mean is below B's). Same order (within a factor 10): 2 of 2 algorithms.",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("table lacks %q:\n%s", want, text)
		}
	}
	if g.ID != "table3" || g.File != "tables/table3.md" || g.Text != text || !g.VerdictInBody || g.Notices != 0 ||
		g.Verdict != "paper's winner A; ours by mean: A; best at this profile's best structures: holds; 2/2 within a factor 10" {
		t.Errorf("README entry: %+v", g)
	}
	if again, _ := resultsMarkdown(&TableAnalysis{View: v}); again != text {
		t.Errorf("written twice, the table differs:\n%s\n---\n%s", text, again)
	}
}

// What Build writes for a results table is what its analysis entry
// writes: the table's file comes from Result.Analysis alone.
func TestResultsFileIsItsAnalysis(t *testing.T) {
	out, res := build(t, fixedRuns(), Options{Points: fakeSource{}})
	for _, id := range []string{"table3", "table5"} {
		ta, ok := res.Analysis.Tables[id]
		if !ok || ta.View == nil {
			t.Fatalf("%s: no analysis entry to write from", id)
		}
		text, _ := resultsMarkdown(ta)
		if file := read(t, filepath.Join(out, "tables", id+".md")); text != file {
			t.Errorf("%s: written from the analysis:\n%s\nwant the file:\n%s", id, text, file)
		}
	}
}
