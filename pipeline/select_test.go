package pipeline

import (
	"math"
	"testing"
)

func TestChooseEpoch(t *testing.T) {
	res := func(val []float64, diverged bool) Result {
		return Result{Curves: map[string][]float64{"val_acc": val, "val_mse": val, "test_acc": {9, 9, 9}}, Diverged: diverged}
	}
	for _, c := range []struct {
		name    string
		results []Result
		curve   string
		higher  bool
		epoch   int
		score   float64
		ok      bool
	}{
		{"mean over trials", []Result{res([]float64{0.5, 0.7, 0.6}, false), res([]float64{0.5, 0.5, 0.8}, false)}, "val_acc", true, 3, 0.7, true},
		{"ties go to the earliest epoch", []Result{res([]float64{0.6, 0.8, 0.8}, false)}, "val_acc", true, 2, 0.8, true},
		{"lower is better for an error", []Result{res([]float64{3, 1, 2}, false)}, "val_mse", false, 2, 1, true},
		{"diverged trials are left out", []Result{res([]float64{0.1, 0.2, 0.3}, false), res([]float64{1, 1}, true)}, "val_acc", true, 3, 0.3, true},
		{"stored stand-ins for NaN do not count", []Result{res([]float64{math.MaxFloat64, 2}, false)}, "val_mse", false, 2, 2, true},
		{"no validation curve", []Result{{Curves: map[string][]float64{"test_acc": {1}}}}, "val_acc", true, 0, math.NaN(), false},
	} {
		t.Run(c.name, func(t *testing.T) {
			ep, score, ok := ChooseEpoch(c.results, c.curve, c.higher)
			if ep != c.epoch || ok != c.ok || (ok && math.Abs(score-c.score) > 1e-12) {
				t.Errorf("ChooseEpoch = %d, %v, %v; want %d, %v, %v", ep, score, ok, c.epoch, c.score, c.ok)
			}
		})
	}
}

// BestOnValidation reads nothing but the validation curves: rewriting every
// test curve and metric (here to favour the other configuration) leaves the
// choice where it was.
func TestBestOnValidationIgnoresTest(t *testing.T) {
	a := RunSpec{Data: "eyb", Algorithm: "admm", Act: "sigmoid", Depth: 1, Width: 20, Lambda: 1e-6, Validation: 0.2}
	b := a
	b.Lambda = 1e-2
	specs := []RunSpec{a, b, a, b}
	specs[2].Trial, specs[3].Trial = 1, 1
	mk := func(val, test []float64) Result {
		return Result{Curves: map[string][]float64{"val_acc": val, "test_acc": test}, Metrics: map[string]float64{"test_acc_best": test[len(test)-1]}}
	}
	results := []Result{
		mk([]float64{0.5, 0.9, 0.8}, []float64{0.1, 0.2, 0.3}),
		mk([]float64{0.6, 0.7, 0.7}, []float64{0.9, 0.95, 0.99}),
		mk([]float64{0.5, 0.8, 0.9}, []float64{0.1, 0.2, 0.3}),
		mk([]float64{0.6, 0.7, 0.8}, []float64{0.9, 0.95, 0.99}),
	}
	got, err := BestOnValidation("test_acc", specs, results)
	if err != nil {
		t.Fatal(err)
	}
	// a: mean val (0.5, 0.85, 0.85) → epoch 2, 0.85; b: (0.6, 0.7, 0.75) → 0.75.
	if got.Spec.Lambda != 1e-6 || got.Epoch != 2 || math.Abs(got.Score-0.85) > 1e-12 || got.Spec.Trial != 0 {
		t.Fatalf("chose λ %g epoch %d val %v, want λ 1e-06 epoch 2 val 0.85", got.Spec.Lambda, got.Epoch, got.Score)
	}
	for i := range results {
		results[i].Curves["test_acc"] = []float64{1 - float64(i%2), 1 - float64(i%2), 1 - float64(i%2)}
		results[i].Metrics["test_acc_best"] = 1 - float64(i%2)
	}
	again, err := BestOnValidation("test_acc", specs, results)
	if err != nil || again != got {
		t.Fatalf("after rewriting the test curves: %+v, %v; want %+v", again, err, got)
	}
	if _, err := BestOnValidation("test_acc", specs[:1], []Result{{Curves: map[string][]float64{"test_acc": {1}}}}); err == nil {
		t.Error("runs without validation curves: no error")
	}
}
