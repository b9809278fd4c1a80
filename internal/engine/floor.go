package engine

import (
	"fmt"
	"time"

	"github.com/admmlab/admmlab/datasets"
	"github.com/admmlab/admmlab/internal/floor"
	"github.com/admmlab/admmlab/pipeline"
)

// noiseFloor runs a reference estimator ("floor:linear", "floor:radial-poly")
// on the run's data and reports its clean-test MSE as test_mse_best and
// test_mse_final, so that tables read it like any column.
func noiseFloor(spec pipeline.RunSpec, ds *datasets.Dataset) (pipeline.Result, error) {
	if ds.Train.DOut != 1 || ds.Test.DOut != 1 {
		return pipeline.Result{}, fmt.Errorf("spec field algorithm: %s needs a single regression target, %s has %d", spec.Algorithm, spec.Data, ds.Train.DOut)
	}
	train := floor.Samples{N: ds.Train.N, D: ds.Train.DIn, X: ds.Train.X, Y: ds.Train.Y}
	test := floor.Samples{N: ds.Test.N, D: ds.Test.DIn, X: ds.Test.X, Y: ds.Test.Y}
	start := time.Now()
	var (
		r   floor.Result
		err error
	)
	switch spec.Algorithm {
	case pipeline.FloorAlgorithm("linear"):
		r, err = floor.Linear(train, test)
	case pipeline.FloorAlgorithm("radial-poly"):
		r, err = floor.RadialPoly(train, test)
	default:
		return pipeline.Result{}, fmt.Errorf("spec field algorithm: unknown noise-floor estimator %q", spec.Algorithm)
	}
	if err != nil {
		return pipeline.Result{}, fmt.Errorf("%s on %s: %w", spec.Algorithm, spec.Data, err)
	}
	m := map[string]float64{
		"test_mse_best": r.TestMSE, "test_mse_final": r.TestMSE,
		"train_mse_final": r.TrainMSE, "degree": float64(r.Degree),
		"seconds": time.Since(start).Seconds(),
	}
	if r.ValMSE == r.ValMSE {
		m["val_mse"] = r.ValMSE
	}
	return pipeline.Result{Metrics: m, Curves: map[string][]float64{}}, nil
}
