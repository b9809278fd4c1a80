package engine

import (
	"fmt"
	"time"

	"github.com/admmlab/admmlab/datasets"
	"github.com/admmlab/admmlab/internal/floor"
	"github.com/admmlab/admmlab/pipeline/runs"
)

// noiseFloor runs a reference estimator ("floor:linear", "floor:radial-poly")
// on the run's data and reports its clean-test MSE as test_mse_best and
// test_mse_final, so that tables read it like any column. train and val are
// the run's split (Engine.split): linear fits all training samples and
// chooses nothing; radial-poly chooses its degree on val and refits on both.
func noiseFloor(spec runs.Spec, ds *datasets.Dataset, train, val datasets.Part) (runs.Result, error) {
	if ds.Train.DOut != 1 || ds.Test.DOut != 1 {
		return runs.Result{}, fmt.Errorf("spec field algorithm: %s needs a single regression target, %s has %d", spec.Algorithm, spec.Data, ds.Train.DOut)
	}
	samples := func(p datasets.Part) floor.Samples {
		return floor.Samples{N: p.N, D: p.DIn, X: p.X, Y: p.Y}
	}
	test := samples(ds.Test)
	start := time.Now()
	var (
		r   floor.Result
		err error
	)
	switch spec.Algorithm {
	case runs.FloorAlgorithm("linear"):
		if val.N > 0 {
			return runs.Result{}, fmt.Errorf("spec field validation: %s chooses nothing and fits every training sample, want no validation share", spec.Algorithm)
		}
		r, err = floor.Linear(samples(train), test)
	case runs.FloorAlgorithm("radial-poly"):
		if val.N == 0 {
			return runs.Result{}, fmt.Errorf("spec field validation: %s chooses its degree on a validation split, want a share in (0, 0.5]", spec.Algorithm)
		}
		r, err = floor.RadialPoly(samples(train), samples(val), test)
	default:
		return runs.Result{}, fmt.Errorf("spec field algorithm: unknown noise-floor estimator %q", spec.Algorithm)
	}
	if err != nil {
		return runs.Result{}, fmt.Errorf("%s on %s: %w", spec.Algorithm, spec.Data, err)
	}
	m := map[string]float64{
		"test_mse_best": r.TestMSE, "test_mse_final": r.TestMSE,
		"train_mse_final": r.TrainMSE, "degree": float64(r.Degree),
		"seconds": time.Since(start).Seconds(),
	}
	if r.ValMSE == r.ValMSE {
		m["val_mse"] = r.ValMSE
	}
	return runs.Result{Metrics: m, Curves: map[string][]float64{}}, nil
}
