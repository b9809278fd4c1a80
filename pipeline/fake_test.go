package pipeline

import (
	"context"
	"errors"
	"fmt"
	"math"
	"sync"
	"time"

	"github.com/admmlab/admmlab/experiments"
	"github.com/admmlab/admmlab/pipeline/runs"
	"github.com/admmlab/admmlab/solvers"
)

// fakeExec is a deterministic executor: its metrics are a function of the
// spec's seed and shape, so that tests can tell runs apart and check that
// nothing but the spec decides a result.
type fakeExec struct {
	mu      sync.Mutex
	calls   map[string]int    // spec hash → executions
	code    map[string]string // "admm" / "sgd" → fingerprint
	missing map[string]string // data set → reason it is unavailable
	fail    func(runs.Spec) bool
	diverge func(runs.Spec) bool // the run stops on NaN: a result, not a failure
	delay   time.Duration
	started chan runs.Spec // if set, receives each spec as it starts
}

func newFake() *fakeExec {
	return &fakeExec{calls: map[string]int{}, code: map[string]string{"admm": "a1", "sgd": "s1"}, missing: map[string]string{}}
}

func (f *fakeExec) Execute(ctx context.Context, s runs.Spec) (runs.Result, error) {
	f.mu.Lock()
	f.calls[s.SpecHash()]++
	f.mu.Unlock()
	if f.started != nil {
		f.started <- s
	}
	if f.delay > 0 {
		select {
		case <-ctx.Done():
			return runs.Result{}, ctx.Err()
		case <-time.After(f.delay):
		}
	}
	if f.fail != nil && f.fail(s) {
		return runs.Result{}, errors.New("solver exploded")
	}
	u := float64(s.Seed()%1000) / 1000
	// Larger nets fit better, so that Best has a clear answer: mse falls
	// with depth·width, plus a little trial noise.
	mse := 1/float64(s.Depth*s.Width) + u*1e-6
	curve := make([]float64, s.Epochs)
	for i := range curve {
		curve[i] = mse * float64(s.Epochs-i)
	}
	res := runs.Result{
		Metrics: map[string]float64{"train_mse_final": mse, "train_mse_best": mse, "test_acc_final": 1 - mse, "weird": math.Inf(1)},
		Curves:  map[string][]float64{"train_mse": curve, "nan": {math.NaN()}},
	}
	if s.Validation > 0 {
		// A validation curve lowest at epoch 3, so that a choice on it has
		// a clear configuration and stopping epoch.
		val := make([]float64, s.Epochs)
		for i := range val {
			val[i] = mse * float64(1+(i-2)*(i-2))
		}
		res.Curves["val_mse"] = val
	}
	if f.diverge != nil && f.diverge(s) {
		res.Diverged, res.DivergedEpoch = true, 1
	}
	return res, nil
}

func (f *fakeExec) CodeFingerprint(s runs.Spec) string {
	if a, err := solvers.ParseAlgorithm(s.Algorithm); err == nil && a.Family() == solvers.FamilySGD {
		return f.code["sgd"]
	}
	return f.code["admm"]
}

func (f *fakeExec) DataDigest(s runs.Spec) (string, bool, string, error) {
	if r, ok := f.missing[s.Data]; ok {
		return "", false, r, nil
	}
	return "digest-" + s.Data + fmt.Sprint(s.Samples), true, "", nil
}

func (f *fakeExec) executions() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	n := 0
	for _, c := range f.calls {
		n += c
	}
	return n
}

// toyCatalogue has a sweep, a study depending on its best ADMM structure,
// and a second sweep sharing runs with the first.
func toyCatalogue() *experiments.Catalogue {
	admm := experiments.Algorithm{Label: "ADMM (sigmoid)", Algorithm: "admm", Act: "sigmoid",
		Grid: experiments.Grid{Depth: []int{1, 2}, Width: []int{3, 5}, Lambda: []float64{1e-6}, Beta: []float64{1},
			Init: []string{"msra"}, InitScale: []float64{8}, Noise: []float64{0}}}
	sgd := experiments.Algorithm{Label: "SGD (ReLU)", Algorithm: "sgd", Act: "relu", Batch: 10, LR: 0.1,
		Grid: experiments.Grid{Depth: []int{1, 2}, Width: []int{3}, Init: []string{"msra"}, InitScale: []float64{1}, Noise: []float64{0}}}
	study := admm
	study.Grid = experiments.Grid{Lambda: []float64{1e-6, 1e-3}, Beta: []float64{1}, Init: []string{"msra"}, InitScale: []float64{8}, Noise: []float64{0}}
	other := sgd
	other.Label = "SGD again"
	return &experiments.Catalogue{
		Definitions: []experiments.Definition{
			{Name: "sweep", Data: "square", Samples: 20, Metric: "train_mse", Epochs: 5, Trials: 2,
				Algorithms: []experiments.Algorithm{admm, sgd}},
			{Name: "study", Data: "square", Samples: 20, Metric: "train_mse", Epochs: 5, Trials: 2,
				Algorithms: []experiments.Algorithm{study},
				DependsOn:  &experiments.Dependency{Experiment: "sweep", Algorithm: "ADMM (sigmoid)", Axes: []string{"depth", "width"}}},
			{Name: "twin", Data: "square", Samples: 20, Metric: "train_mse", Epochs: 5, Trials: 2,
				Algorithms: []experiments.Algorithm{other}},
		},
		Profiles: []experiments.Profile{{Name: "full"}, {Name: "smoke", Scale: experiments.Scale{Trials: 1, MaxPoints: 1}}},
	}
}
