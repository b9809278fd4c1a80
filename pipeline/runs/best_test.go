package runs

import (
	"math"
	"testing"
)

func TestBest(t *testing.T) {
	a := Spec{Depth: 1, Width: 10}
	b := Spec{Depth: 2, Width: 10}
	b1 := b
	b1.Trial = 1
	res := func(v float64) Result {
		return Result{Metrics: map[string]float64{"test_acc_final": v, "train_mse_best": v}}
	}
	specs := []Spec{a, b, b1}
	got, err := Best("train_mse", specs, []Result{res(0.5), res(0.2), res(0.4)})
	if err != nil || got.Spec != b || math.Abs(got.Mean-0.3) > 1e-15 || got.Trials != 2 {
		t.Errorf("lowest mse: %+v %v", got, err)
	}
	got, _ = Best("test_acc", specs, []Result{res(0.5), res(0.2), res(0.4)})
	if got.Spec != a {
		t.Errorf("highest accuracy: %+v", got)
	}
	got, _ = Best("train_mse", specs, []Result{res(0.5), res(math.NaN()), res(0.1)})
	if got.Spec != a {
		t.Errorf("a NaN mean must lose: %+v", got)
	}
	// A diverged trial is left out of the mean and counted: b's other trial
	// (0.1) then beats a, although the diverged one stopped at 1e-9.
	div := res(1e-9)
	div.Diverged = true
	got, _ = Best("train_mse", specs, []Result{res(0.5), div, res(0.1)})
	if got.Spec != b || got.Mean != 0.1 || got.Trials != 1 || got.Diverged != 1 {
		t.Errorf("diverged trial: %+v", got)
	}
	// A configuration whose every trial diverged loses to any number.
	got, _ = Best("train_mse", specs, []Result{res(0.5), div, div})
	if got.Spec != a || got.Diverged != 0 {
		t.Errorf("all-diverged configuration must lose: %+v", got)
	}
}
