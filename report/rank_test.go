package report

import (
	"strings"
	"testing"

	"github.com/admmlab/admmlab/experiments"
	"github.com/admmlab/admmlab/pipeline/runs"
)

// Under the validation rule a depth panel names the depth the validation
// curve ranks first (as its table chooses), not the one with the best test
// accuracy: depth 1 tests better here, depth 4 validates better.
func TestStructureRankedOnValidation(t *testing.T) {
	mk := func(depth, trial int, test, val float64) runs.Labeled {
		r := run("ptb-sweep", "A", "sgd", "relu", depth, 10, trial, "test_acc", test, test, 1)
		r.Result.Curves = map[string][]float64{"test_acc": {0.5, test}, "val_acc": {0.5, val}}
		return r
	}
	labeled := []runs.Labeled{mk(1, 0, 0.95, 0.80), mk(1, 1, 0.95, 0.80), mk(4, 0, 0.90, 0.92), mk(4, 1, 0.90, 0.92)}
	def := experiments.Definition{Name: "ptb-sweep", Metric: "test_acc", Select: &experiments.Selection{On: runs.SelectOnValidation, Fraction: 0.2}}
	cells := cellsOfDef(labeled, def, nil)
	b := &builder{an: newAnalysis("quick", "c"), defs: map[string]experiments.Definition{}}
	_, obs := b.structureSeries(panelSpec{ID: "fig18a", kind: pkDepth}, "A", cells, func(c cell) int { return c.Cfg.Depth }, "test_acc", 100)
	if !strings.HasPrefix(obs, "A 4") {
		t.Errorf("observation %q, want the depth validation ranks first (4)", obs)
	}
}
