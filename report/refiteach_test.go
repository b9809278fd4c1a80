package report

import (
	"math"
	"testing"

	"github.com/admmlab/admmlab/experiments"
	"github.com/admmlab/admmlab/pipeline/runs"
)

// TestStudyReadsEachRefit checks a study that refits every configuration
// (select.each): each cell is read on its own refit runs, at the epoch
// chosen on its own validation curve, never at the test curve's best; a
// cell whose refit runs are missing keeps the held-out model's value; and
// without select.each the cells stay the held-out models'.
func TestStudyReadsEachRefit(t *testing.T) {
	const l = "SGD (ReLU) xent"
	// Width 10's validation curve peaks at epoch 1, width 20's at epoch 3;
	// the test curves peak elsewhere, so reading at the test's best would
	// give other numbers.
	held := []runs.Labeled{
		accRun(l, 10, 0, 0.2, []float64{.50, .70, .60}, []float64{.9, .5, .4}),
		accRun(l, 10, 1, 0.2, []float64{.52, .72, .62}, []float64{.9, .5, .4}),
		accRun(l, 20, 0, 0.2, []float64{.80, .60, .70}, []float64{.1, .2, .9}),
		accRun(l, 20, 1, 0.2, []float64{.82, .62, .72}, []float64{.1, .2, .9}),
		accRun(l, 30, 0, 0.2, []float64{.30, .40, .50}, []float64{.1, .2, .3}),
	}
	refit := []runs.Labeled{
		accRun(l, 10, 0, 0, []float64{.61, .99, .99}, nil),
		accRun(l, 10, 1, 0, []float64{.63, .99, .99}, nil),
		accRun(l, 20, 0, 0, []float64{.99, .99, .74}, nil),
		accRun(l, 20, 1, 0, []float64{.99, .99, .76}, nil),
	}
	def := func(each bool) experiments.Definition {
		return experiments.Definition{Name: "study", Data: "eyb", Metric: "test_acc", Epochs: 3, Trials: 2,
			Select:     &experiments.Selection{On: runs.SelectOnValidation, Fraction: 0.2, Refit: true, Each: each},
			Algorithms: []experiments.Algorithm{{Label: l, Algorithm: "sgd", Act: "relu", Loss: runs.LossXent}}}
	}
	want := map[bool]map[int]float64{
		true:  {10: 0.62, 20: 0.75, 30: 0.50}, // refits at epochs 1 and 3; width 30 has none: its own curve at epoch 3
		false: {10: 0.51, 20: 0.71, 30: 0.50}, // the held-out models at the same epochs
	}
	for _, each := range []bool{true, false} {
		d := def(each)
		cells := withRefits(cellsOfDef(held, d, nil), d, refit)
		if len(cells) != 3 {
			t.Fatalf("each=%v: %d cells, want 3", each, len(cells))
		}
		for _, c := range cells {
			got := c.reported("test_acc")
			if w := want[each][c.Cfg.Width]; math.Abs(got.Mean-w) > 1e-12 {
				t.Errorf("each=%v: width %d reads %v, want %v", each, c.Cfg.Width, got.Mean, w)
			}
		}
	}
	if got := epochNote(withRefits(cellsOfDef(held, def(true), nil), def(true), refit)); got != "validation-chosen epoch, refit" {
		t.Errorf("epochNote = %q", got)
	}
}
