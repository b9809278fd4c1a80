package runs

import (
	"math"
	"slices"
	"testing"

	"github.com/admmlab/admmlab/experiments"
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
	a := Spec{Data: "eyb", Algorithm: "admm", Act: "sigmoid", Depth: 1, Width: 20, Lambda: 1e-6, Validation: 0.2}
	b := a
	b.Lambda = 1e-2
	specs := []Spec{a, b, a, b}
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
	if got.Spec.Lambda != 1e-6 || got.Epoch != 2 || math.Abs(got.Mean-0.85) > 1e-12 || got.Spec.Trial != 0 {
		t.Fatalf("chose λ %g epoch %d val %v, want λ 1e-06 epoch 2 val 0.85", got.Spec.Lambda, got.Epoch, got.Mean)
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

// BestFor is the one rule dependencies and the report share: the paper's
// rule reads <metric>_best, the validation rule reads only the validation
// curves; both count what they left out.
func TestBestFor(t *testing.T) {
	a := Spec{Data: "l1radial", InitScale: 1}
	b := Spec{Data: "l1radial", InitScale: 2}
	b1 := b
	b1.Trial = 1
	specs := []Spec{a, b, b1}
	// a is best on the test metric, b on validation (its diverged trial
	// left out).
	results := []Result{
		{Metrics: map[string]float64{"test_mse_best": 0.1}, Curves: map[string][]float64{"val_mse": {0.5, 0.4}}},
		{Metrics: map[string]float64{"test_mse_best": 0.3}, Curves: map[string][]float64{"val_mse": {0.3, 0.2}}},
		{Metrics: map[string]float64{"test_mse_best": 0.3}, Curves: map[string][]float64{"val_mse": {1e-9}}, Diverged: true},
	}
	for _, c := range []struct {
		name     string
		sel      *experiments.Selection
		want     Spec
		epoch    int
		mean     float64
		trials   int
		diverged int
	}{
		{"paper's rule", nil, a, 0, 0.1, 1, 0},
		{"on test, declared", &experiments.Selection{On: SelectOnTest}, a, 0, 0.1, 1, 0},
		{"on validation", &experiments.Selection{On: SelectOnValidation, Fraction: 0.2}, b, 2, 0.2, 1, 1},
	} {
		t.Run(c.name, func(t *testing.T) {
			got, err := BestFor(experiments.Definition{Metric: "test_mse", Select: c.sel}, specs, results)
			if err != nil {
				t.Fatal(err)
			}
			if got.Spec != c.want || got.Epoch != c.epoch || math.Abs(got.Mean-c.mean) > 1e-12 || got.Trials != c.trials || got.Diverged != c.diverged {
				t.Errorf("BestFor = %+v; want %+v at epoch %d, mean %v, %d trials, %d diverged", got, c.want, c.epoch, c.mean, c.trials, c.diverged)
			}
		})
	}
}

// A noise floor that chooses (the radial polynomial's degree) does so on
// the same kind of split as any run: the definition's select.fraction, else
// DefaultValidation; the linear floor chooses nothing and holds nothing out.
func TestFloorValidation(t *testing.T) {
	sel := &experiments.Selection{On: SelectOnValidation, Fraction: 0.3}
	for _, c := range []struct {
		name string
		def  experiments.Definition
		want float64
	}{
		{"no floor", experiments.Definition{}, 0},
		{"linear", experiments.Definition{NoiseFloor: "linear", Select: sel}, 0},
		{"radial, paper's rule", experiments.Definition{NoiseFloor: "radial-poly"}, DefaultValidation},
		{"radial, on validation", experiments.Definition{NoiseFloor: "radial-poly", Select: sel}, 0.3},
	} {
		if got := FloorValidation(c.def); got != c.want {
			t.Errorf("%s: FloorValidation = %v, want %v", c.name, got, c.want)
		}
	}
}

// The init scale of a learning task is chosen without the test set: its
// init-scale stage selects on validation, and every stage a sweep takes its
// init scale from, directly or through a sweep, either does so or reports a
// training error (the approximation tasks, whose reported error is the
// training error).
func TestInitScaleChosenWithoutTest(t *testing.T) {
	cat, err := experiments.Load("")
	if err != nil {
		t.Fatal(err)
	}
	byName := map[string]experiments.Definition{}
	for _, d := range cat.Definitions {
		byName[d.Name] = d
	}
	n := 0
	for _, d := range cat.Definitions {
		dep := d.DependsOn
		if dep == nil || !slices.Contains(dep.Axes, "init_scale") {
			continue
		}
		// Follow the chain to the stage that chose it (a sweep passes on
		// the scale its own stage chose).
		src := byName[dep.Experiment]
		for src.DependsOn != nil && slices.Contains(src.DependsOn.Axes, "init_scale") {
			src = byName[src.DependsOn.Experiment]
		}
		if !SelectsOnValidation(src) && src.Metric != "train_mse" {
			t.Errorf("%s takes init_scale from %s, which chooses on %s without a validation split", d.Name, src.Name, src.Metric)
		}
		n++
	}
	if n == 0 {
		t.Error("no definition takes its init scale from another")
	}
}

// A tie on validation (common for an accuracy on a few hundred samples) is
// broken the same way whatever order the runs come in: the pipeline and
// the report list them in different orders and must choose alike. The
// sooner stop wins, then the smaller net, then the spec's bytes.
func TestBestOnValidationTiesIgnoreOrder(t *testing.T) {
	spec := func(width int, lambda float64) Spec {
		return Spec{Data: "eyb", Algorithm: "admm", Act: "sigmoid", Depth: 1, Width: width, Lambda: lambda, Epochs: 3, Validation: 0.2}
	}
	run := func(val ...float64) Result { return Result{Curves: map[string][]float64{"val_acc": val}} }
	for _, tc := range []struct {
		name  string
		specs []Spec
		res   []Result
		want  Spec
		epoch int
	}{
		{"the sooner stop", []Spec{spec(60, 1), spec(120, 1)}, []Result{run(0.5, 0.5, 0.9), run(0.5, 0.9, 0.9)}, spec(120, 1), 2},
		{"the smaller net at the same epoch", []Spec{spec(120, 1), spec(60, 1)}, []Result{run(0.9, 0.5, 0.5), run(0.9, 0.5, 0.5)}, spec(60, 1), 1},
		{"the spec's bytes when nothing else differs", []Spec{spec(60, 10), spec(60, 1)}, []Result{run(0.9), run(0.9)}, spec(60, 1), 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			for _, reversed := range []bool{false, true} {
				specs, res := slices.Clone(tc.specs), slices.Clone(tc.res)
				if reversed {
					slices.Reverse(specs)
					slices.Reverse(res)
				}
				c, err := BestOnValidation("test_acc", specs, res)
				if err != nil || c.Spec != tc.want || c.Epoch != tc.epoch {
					t.Errorf("reversed=%v: chose %+v at epoch %d (err %v), want %+v at epoch %d", reversed, c.Spec, c.Epoch, err, tc.want, tc.epoch)
				}
			}
		})
	}
}
