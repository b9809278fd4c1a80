package engine

import (
	"reflect"
	"slices"
	"testing"

	"github.com/admmlab/admmlab/datasets"
	"github.com/admmlab/admmlab/experiments"
	"github.com/admmlab/admmlab/pipeline/runs"
)

// toySelectionCatalogue is a small L1 radial sweep that selects on
// validation, as the toy learning tables do: two depths and two widths
// per algorithm, two trials, a few epochs on 200 noisy samples, with the
// noise floor beside it.
func toySelectionCatalogue() *experiments.Catalogue {
	grid := experiments.Grid{Depth: []int{1, 2}, Width: []int{5, 10}, Init: []string{"msra"}, InitScale: []float64{1}, Noise: []float64{0.1}}
	admm := grid
	admm.Lambda, admm.Beta = []float64{1e-6}, []float64{1}
	return &experiments.Catalogue{
		Definitions: []experiments.Definition{{
			Name: "l1radial-sweep", Title: "small L1 radial sweep", Items: []string{"table5"}, Data: "l1radial", Samples: 200,
			Metric: "test_mse", Select: &experiments.Selection{On: runs.SelectOnValidation, Fraction: 0.2},
			Epochs: 8, Trials: 2, NoiseFloor: "linear",
			Algorithms: []experiments.Algorithm{
				{Label: "ADMM (sigmoid)", Algorithm: "admm", Act: "sigmoid", LLA: "reference", Grid: admm},
				{Label: "SGD (ReLU)", Algorithm: "sgd", Act: "relu", Batch: 20, LR: 0.1, Grid: grid},
			},
		}},
		Profiles: []experiments.Profile{{Name: "full", Description: "test"}},
	}
}

// permuteTestTargets reverses the order of the test targets against their
// inputs: the test set's pairing changes (so every test MSE moves), the
// training and validation samples do not.
func permuteTestTargets(ds *datasets.Dataset) *datasets.Dataset {
	out := *ds
	out.Test.Y = slices.Clone(ds.Test.Y)
	slices.Reverse(out.Test.Y)
	return &out
}

// The toy learning tables choose structure and stopping epoch on held-out
// training samples: permuting the test targets changes no choice, in the
// store or in the rendered table, while the reported test MSE moves.
func TestToyTestTargetsCannotMoveTheChoice(t *testing.T) {
	cat := toySelectionCatalogue()
	opt := Options{DataDir: t.TempDir(), CacheDir: t.TempDir()}
	plain, plainOut := runInto(t, cat, New(opt))
	permuted := New(opt)
	permuted.alter = permuteTestTargets
	other, otherOut := runInto(t, cat, permuted)

	a, b := validationChoices(t, plain, "l1radial-sweep", "test_mse"), validationChoices(t, other, "l1radial-sweep", "test_mse")
	if len(a) != 2 || !reflect.DeepEqual(a, b) {
		t.Fatalf("choices differ when only the test targets change:\n%+v\n%+v", a, b)
	}
	for label, c := range a {
		t.Logf("%s: chose depth %d width %d, epoch %d (val_mse %.4g)", label, c.Spec.Depth, c.Spec.Width, c.Epoch, c.Mean)
	}
	ta, tb := readFile(t, plainOut, "tables/table5.md"), readFile(t, otherOut, "tables/table5.md")
	if ca, cb := chosenColumn(t, ta), chosenColumn(t, tb); !reflect.DeepEqual(ca, cb) {
		t.Errorf("rendered choices differ:\n%q\n%q", ca, cb)
	}
	if ta == tb {
		t.Error("the two tables are identical: permuting the test targets should move the reported test MSE")
	}
}
