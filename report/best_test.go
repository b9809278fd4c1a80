package report

import (
	"testing"

	"github.com/admmlab/admmlab/pipeline/runs"
)

// The structure a table reports as best is the one the pipeline hands to the
// dependent studies, also when trials diverged. Here (1,20) has one trial at
// 1e-3 and one that diverged after reaching 1e-12; (2,20) has 5e-4 and
// 6e-4. Counting the diverged trial would make (1,20) best (mean 5e-4);
// leaving it out, as both must, makes (2,20) best.
func TestPipelineAndTableAgreeOnBest(t *testing.T) {
	const e = "square-sweep"
	div := run(e, "ADMM (sigmoid)", "admm", "sigmoid", 1, 20, 1, "train_mse", 1e-12, 1e-12, 1)
	div.Result.Diverged = true
	recs := []runs.Labeled{
		run(e, "ADMM (sigmoid)", "admm", "sigmoid", 1, 20, 0, "train_mse", 1e-3, 1e-3, 1),
		div,
		run(e, "ADMM (sigmoid)", "admm", "sigmoid", 2, 20, 0, "train_mse", 5e-4, 5e-4, 1),
		run(e, "ADMM (sigmoid)", "admm", "sigmoid", 2, 20, 1, "train_mse", 6e-4, 6e-4, 1),
	}
	var specs []runs.Spec
	var results []runs.Result
	for _, r := range recs {
		specs = append(specs, r.Spec)
		results = append(results, r.Result)
	}
	choice, err := runs.Best("train_mse", specs, results)
	if err != nil {
		t.Fatal(err)
	}
	cat := testCatalogue()
	rows := bestRows(expRuns{def: cat.Definitions[0], runs: recs})
	if len(rows) != 1 {
		t.Fatalf("%d rows, want 1", len(rows))
	}
	got := rows[0].Cell.Cfg
	if got.Depth != choice.Spec.Depth || got.Width != choice.Spec.Width {
		t.Errorf("table's best (%d,%d), pipeline's best (%d,%d)", got.Depth, got.Width, choice.Spec.Depth, choice.Spec.Width)
	}
	if got.Depth != 2 || choice.Diverged != 0 {
		t.Errorf("best (%d,%d) with %d diverged trials, want (2,20): the diverged trial must not count", got.Depth, got.Width, choice.Diverged)
	}
	// And the table counts the diverged trial where it shows the other cell.
	for _, c := range cellsOf(recs, nil, nil) {
		if c.Cfg.Depth == 1 {
			if s := c.stat("train_mse_best"); s.Diverged != 1 || s.Mean != 1e-3 {
				t.Errorf("(1,20): mean %g with %d diverged, want 1e-3 with 1", s.Mean, s.Diverged)
			}
		}
	}
}
