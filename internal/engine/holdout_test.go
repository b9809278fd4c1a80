package engine

import (
	"context"
	"slices"
	"testing"

	"github.com/admmlab/admmlab/datasets"
	"github.com/admmlab/admmlab/pipeline"
)

func TestHoldoutSplit(t *testing.T) {
	// Two features of five samples, feature-major.
	p := datasets.Part{N: 5, DIn: 2, DOut: 1, X: []float64{0, 1, 2, 3, 4, 10, 11, 12, 13, 14}, Y: []float64{5, 6, 7, 8, 9}}
	fit, val, err := holdout(p)
	if err != nil {
		t.Fatal(err)
	}
	if fit.N != 4 || !slices.Equal(fit.X, []float64{0, 1, 2, 3, 10, 11, 12, 13}) || !slices.Equal(fit.Y, []float64{5, 6, 7, 8}) {
		t.Errorf("fit part %+v", fit)
	}
	if val.N != 1 || !slices.Equal(val.X, []float64{4, 14}) || !slices.Equal(val.Y, []float64{9}) {
		t.Errorf("validation part %+v", val)
	}
	if _, _, err := holdout(datasets.Part{N: 1, DIn: 1, DOut: 1, X: []float64{1}, Y: []float64{1}}); err == nil {
		t.Error("one sample: no error")
	}
}

// A holdout run reports val_* and no test_* metrics, and differs from the
// same run on all training samples.
func TestHoldoutRun(t *testing.T) {
	spec := pipeline.RunSpec{Data: "l1radial", Noise: 0.1, Algorithm: "sgd", Act: "relu", Depth: 1, Width: 5,
		Init: "lecun-gauss", InitScale: 1, Epochs: 2, Batch: 10, LR: 0.1, Samples: 100}
	full, err := New(Options{}).Execute(context.Background(), spec)
	if err != nil {
		t.Fatal(err)
	}
	spec.Holdout = true
	held, err := New(Options{}).Execute(context.Background(), spec)
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := held.Metrics["val_mse_best"]; !ok {
		t.Errorf("holdout metrics lack val_mse_best: %v", held.Metrics)
	}
	if _, ok := held.Metrics["test_mse_best"]; ok {
		t.Errorf("holdout metrics report the test set: %v", held.Metrics)
	}
	if _, ok := held.Curves["val_mse"]; !ok {
		t.Errorf("holdout curves lack val_mse")
	}
	if held.Metrics["train_mse_final"] == full.Metrics["train_mse_final"] {
		t.Errorf("holdout trained on the same samples as the full run")
	}
}
