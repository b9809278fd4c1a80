package engine

import (
	"context"
	"testing"

	"github.com/admmlab/admmlab/pipeline"
)

// The noise floors of the paper's learning tasks at n = 1000: least squares
// on the L1 radial task (linear on its domain) sits near σ²·3/n, and the
// radial polynomial on the L2 radial task near 1e-3 at variance 0.1.
func TestNoiseFloor(t *testing.T) {
	for _, tc := range []struct {
		data, estimator string
		noise, lo, hi   float64
	}{
		{"l1radial", "linear", 0.1, 1e-4, 1e-3},
		{"l1radial", "linear", 0.01, 1e-5, 1e-4},
		{"l2radial", "radial-poly", 0.1, 1e-4, 3e-3},
		{"l2radial", "radial-poly", 0.01, 1e-5, 1.5e-3}, // degree chosen on 200 noisy samples: one trial overfits to 9e-4
	} {
		for trial := 0; trial < 3; trial++ {
			spec := pipeline.RunSpec{Data: tc.data, Noise: tc.noise, Algorithm: pipeline.FloorAlgorithm(tc.estimator), Samples: 1000, Trial: trial}
			r, err := New(Options{}).Execute(context.Background(), spec)
			if err != nil {
				t.Fatal(err)
			}
			if v := r.Metrics["test_mse_best"]; !(v >= tc.lo && v <= tc.hi) || r.Metrics["test_mse_final"] != v {
				t.Errorf("%s: test MSE %.3g, want in [%g, %g]", pipeline.Describe(spec), v, tc.lo, tc.hi)
			}
		}
	}
	if _, err := New(Options{}).Execute(context.Background(), pipeline.RunSpec{Data: "l1radial", Algorithm: "floor:cubic", Samples: 100}); err == nil {
		t.Error("unknown estimator: no error")
	}
}
