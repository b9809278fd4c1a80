package report

import (
	"context"
	"fmt"
	"time"

	"github.com/admmlab/admmlab/experiments"
	"github.com/admmlab/admmlab/pipeline/runs"
)

// fakeSource is an in-memory runs.Source.
type fakeSource map[string][]runs.Labeled

// ExperimentRuns lists the runs as a store does: without their curves.
func (f fakeSource) ExperimentRuns(_ context.Context, exp string) ([]runs.Labeled, error) {
	out := make([]runs.Labeled, len(f[exp]))
	for i, r := range f[exp] {
		out[i] = r
		out[i].Result.Curves, out[i].Result.Layers = nil, nil
	}
	return out, nil
}

// Curves returns the curves of the run with the given ID.
func (f fakeSource) Curves(_ context.Context, id string) (runs.Result, error) {
	for _, rs := range f {
		for _, r := range rs {
			if r.ID == id {
				return runs.Result{Curves: r.Result.Curves, Layers: r.Result.Layers}, nil
			}
		}
	}
	return runs.Result{}, fmt.Errorf("run %s: not in the fake source", id)
}

// run makes a stored run with the given best/final metric and seconds.
func run(exp, label, alg, act string, depth, width, trial int, metric string, best, final, secs float64) runs.Labeled {
	spec := runs.Spec{Data: "square", Algorithm: alg, Act: act, Depth: depth, Width: width, Init: "msra",
		InitScale: 1, Epochs: 3, Trial: trial}
	return runs.Labeled{Experiment: exp, Label: label, Record: runs.Record{
		ID:     fmt.Sprintf("%s-%s-d%d-w%d-t%d", exp, alg+act, depth, width, trial),
		Spec:   spec,
		Status: runs.StatusDone,
		Result: runs.Result{
			Metrics: map[string]float64{metric + "_best": best, metric + "_final": final, "seconds": secs},
			Curves:  map[string][]float64{"train_mse": {1e-2, 1e-4, best}, "kkt": {1, 0.5, 0.3}},
			Layers: map[string][][]float64{
				runs.LayerNorm:      {{1, 0.5, 0.25}, {2, 1, 0.5}},
				runs.LayerViolation: {{0.1, 0.01, 0.001}},
			},
		},
		Duration: time.Duration(secs * float64(time.Second)),
	}}
}

// fixedRuns are the square-sweep runs behind the golden table3: ADMM's best
// cell is (2,40) with best 1e-9 and 3e-9 (mean 2e-9, std √2e-9), SGD
// (ReLU)'s best is (2,20) with 4e-8 and 6e-8 (mean 5e-8, std √2e-8), SGDM
// (ReLU) has one finite trial of three (4e-7, n=1) and Adam (ReLU) diverged
// everywhere.
func fixedRuns() fakeSource {
	const e = "square-sweep"
	var rs []runs.Labeled
	add := func(label, alg, act string, d, w int, b0, b1, f0, f1, s float64) {
		rs = append(rs, run(e, label, alg, act, d, w, 0, "train_mse", b0, f0, s), run(e, label, alg, act, d, w, 1, "train_mse", b1, f1, s+2))
	}
	add("ADMM (sigmoid)", "admm", "sigmoid", 1, 20, 1e-6, 3e-6, 2e-6, 4e-6, 5)
	add("ADMM (sigmoid)", "admm", "sigmoid", 2, 40, 1e-9, 3e-9, 2e-9, 4e-9, 9)
	add("SGD (ReLU)", "sgd", "relu", 1, 20, 1e-7, 1e-7, 1e-7, 1e-7, 20)
	add("SGD (ReLU)", "sgd", "relu", 2, 20, 4e-8, 6e-8, 5e-8, 7e-8, 26)
	// SGDM (ReLU): three trials of which two diverged (their "best" values
	// are huge and must not enter the mean): the cell shows 4e-7 (n=1).
	for trial, best := range []float64{4e-7, 1e+100, 3e+50} {
		r := run(e, "SGDM (ReLU)", "sgdm", "relu", 1, 20, trial, "train_mse", best, best, 30)
		r.Result.Diverged = trial > 0
		rs = append(rs, r)
	}
	// Adam (ReLU): every run of the grid diverged.
	for trial := range 2 {
		r := run(e, "Adam (ReLU)", "adam", "relu", 1, 20, trial, "train_mse", 1e+80, 1e+90, 40)
		r.Result.Diverged = true
		rs = append(rs, r)
	}
	// Depth-fixed curve runs for Fig 2(c), Fig 4 and Theorem 4.
	var curves, conv []runs.Labeled
	for trial := range 2 {
		curves = append(curves,
			run("square-curves", "ADMM (sigmoid)", "admm", "sigmoid", 2, 20, trial, "train_mse", 1e-9, 1e-9, 1),
			run("square-curves", "SGD (ReLU)", "sgd", "relu", 2, 20, trial, "train_mse", 1e-7, 1e-7, 1),
			run("square-curves", "SGD (sigmoid)", "sgd", "sigmoid", 2, 20, trial, "train_mse", 1e-4, 1e-4, 1))
		conv = append(conv, run("admm-convergence", "ADMM (sigmoid)", "admm", "sigmoid", 2, 20, trial, "train_mse", 1e-9, 1e-9, 1))
	}
	return fakeSource{e: rs, "square-curves": curves, "admm-convergence": conv}
}

func testCatalogue() *experiments.Catalogue {
	grid := experiments.Grid{Init: []string{"msra"}, InitScale: []float64{1}, Noise: []float64{0}}
	admm, sgd := grid, grid
	admm.Depth, admm.Width, admm.Lambda, admm.Beta = []int{1, 2, 3, 4, 5}, []int{20, 40, 60, 80, 100}, []float64{1e-6}, []float64{1}
	sgd.Depth, sgd.Width = []int{1, 2, 3, 4, 5, 6, 7, 8, 9, 10}, []int{20, 40, 60, 80, 100}
	return &experiments.Catalogue{
		Definitions: []experiments.Definition{{
			Name: "square-sweep", Items: []string{"table3", "fig6"}, Data: "square", Samples: 1000, Metric: "train_mse", Epochs: 2000, Trials: 20,
			Algorithms: []experiments.Algorithm{
				{Label: "ADMM (sigmoid)", Algorithm: "admm", Act: "sigmoid", Grid: admm, Paper: &experiments.Structure{Depth: 2, Width: 40}},
				{Label: "SGD (ReLU)", Algorithm: "sgd", Act: "relu", Batch: 50, LR: 0.1, Grid: sgd, Paper: &experiments.Structure{Depth: 5, Width: 20}},
			},
		}, {
			Name: "square-curves", Items: []string{"fig2c", "fig4"}, Data: "square", Samples: 1000, Metric: "train_mse", Epochs: 2000, Trials: 20,
			Algorithms: []experiments.Algorithm{{Label: "ADMM (sigmoid)", Algorithm: "admm", Act: "sigmoid", Grid: admm}},
		}, {
			Name: "admm-convergence", Items: []string{"theorem4"}, Data: "square", Samples: 1000, Metric: "train_mse", Epochs: 2000, Trials: 20,
			Algorithms: []experiments.Algorithm{{Label: "ADMM (sigmoid)", Algorithm: "admm", Act: "sigmoid", Grid: admm}},
		}, {
			Name: "earthquake-sweep", Items: []string{"table8", "fig16"}, Data: "earthquake", Metric: "test_acc", Epochs: 200, Trials: 20,
			Algorithms: []experiments.Algorithm{{Label: "ADMM (sigmoid)", Algorithm: "admm", Act: "sigmoid", Grid: admm}},
		}},
		Profiles: []experiments.Profile{
			{Name: "full", Description: "paper scale"},
			{Name: "smoke", Description: "CI scale", Scale: experiments.Scale{Trials: 2, Epochs: 3, MaxDepth: 3, MaxPoints: 2, Samples: 300}},
		},
	}
}
