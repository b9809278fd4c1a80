package estimate

import (
	"testing"

	"github.com/admmlab/admmlab/experiments"
	"github.com/admmlab/admmlab/pipeline"
	"github.com/admmlab/admmlab/pipeline/runs"
)

// TestGuessRunsRefit checks the cost model's stand-in for a refit stage
// that waits on its experiment's choice: one run per algorithm and trial,
// at the paper's structure when the grid has it (else the first grid
// point), on the whole training split.
func TestGuessRunsRefit(t *testing.T) {
	grid := experiments.Grid{Depth: []int{1, 2}, Width: []int{10, 20, 30}, Init: []string{"msra"}, InitScale: []float64{1}, Noise: []float64{0}}
	p, refit := refitStage(t, experiments.Definition{Name: "s", Data: "eyb", Metric: "test_acc", Epochs: 7, Trials: 3,
		Select: &experiments.Selection{On: "validation", Fraction: 0.2, Refit: true},
		Algorithms: []experiments.Algorithm{
			{Label: "with paper", Algorithm: "sgd", Act: "relu", Batch: 5, LR: 0.1, Grid: grid, Paper: &experiments.Structure{Depth: 2, Width: 20}},
			{Label: "without", Algorithm: "adam", Act: "relu", Batch: 5, LR: 0.001, Loss: "xent", Grid: grid},
		}})
	got := GuessRuns(p, refit, nil, nil)
	if len(got) != 6 {
		t.Fatalf("%d guessed runs, want 2 algorithms × 3 trials", len(got))
	}
	for i, want := range []struct {
		alg, loss    string
		depth, width int
	}{{"sgd", "", 2, 20}, {"adam", "xent", 1, 10}} {
		for k := range 3 {
			s := got[3*i+k]
			if s.Algorithm != want.alg || s.Loss != want.loss || s.Depth != want.depth || s.Width != want.width || s.Validation != 0 || s.Trial != k || s.Epochs != 7 {
				t.Errorf("guess %d: %s; want %s (%d,%d) loss %q on the whole split, trial %d", 3*i+k, runs.Describe(s), want.alg, want.depth, want.width, want.loss, k)
			}
		}
	}

	// Stored from an earlier resolution of 2 trials: "with paper" chose
	// (1, 30) and stopped at epoch 3; "without" has none stored.
	chose := runs.Spec{Data: "eyb", Algorithm: "sgd", Act: "relu", Depth: 1, Width: 30, Init: "msra", InitScale: 1, Batch: 5, LR: 0.1, Epochs: 7}
	var stored []runs.Labeled
	for trial := range 2 {
		stored = append(stored, runs.Labeled{Label: "with paper", Record: runs.Record{Spec: runs.RefitSpec(chose, trial, 3)}})
	}
	got = GuessRuns(p, refit, stored, nil)
	if len(got) != 6 {
		t.Fatalf("%d guessed runs with stored refits, want 2 algorithms × 3 trials", len(got))
	}
	for k := range 3 {
		if want := runs.RefitSpec(chose, k, 3); got[k] != want {
			t.Errorf("guess %d: %s; want the stored choice stopped at 3: %s", k, runs.Describe(got[k]), runs.Describe(want))
		}
		if s := got[3+k]; s.Algorithm != "adam" || s.Depth != 1 || s.Width != 10 || s.Epochs != 7 || s.FullEpochs != 0 {
			t.Errorf("guess %d: %s; want adam (1,10) at full length, nothing of it stored", 3+k, runs.Describe(s))
		}
	}
}

// TestGuessRunsRefitEach checks the guess for a study that refits every
// configuration: each configuration once per trial, the one whose refits
// are stored stopped where they stopped, the others at full length.
func TestGuessRunsRefitEach(t *testing.T) {
	grid := experiments.Grid{Depth: []int{2}, Width: []int{10}, Init: []string{"msra"}, InitScale: []float64{1, 2}, Noise: []float64{0}}
	p, refit := refitStage(t, experiments.Definition{Name: "s", Data: "l2radial", Samples: 100, Metric: "test_mse", Epochs: 9, Trials: 2,
		Select: &experiments.Selection{On: "validation", Fraction: 0.2, Refit: true, Each: true},
		Algorithms: []experiments.Algorithm{
			{Label: "SGD", Algorithm: "sgd", Act: "relu", Batch: 5, LR: 0.1, Grid: grid},
		}})
	full := GuessRuns(p, refit, nil, nil)
	if len(full) != 4 {
		t.Fatalf("%d guessed runs, want 2 configurations × 2 trials", len(full))
	}
	// The scale-2 configuration's refits were stored stopped at epoch 4.
	var stored []runs.Labeled
	for _, s := range full {
		if s.InitScale == 2 {
			stored = append(stored, runs.Labeled{Label: "SGD", Record: runs.Record{Spec: runs.RefitSpec(s, s.Trial, 4)}})
		}
	}
	got := GuessRuns(p, refit, stored, nil)
	if len(got) != 4 {
		t.Fatalf("%d guessed runs with stored refits, want 4", len(got))
	}
	for i, s := range got {
		want := full[i]
		if want.InitScale == 2 {
			want = runs.RefitSpec(want, want.Trial, 4)
		}
		if s != want {
			t.Errorf("guess %d: %s; want %s", i, runs.Describe(s), runs.Describe(want))
		}
	}
}

// refitStage plans d, a definition that refits, alone under profile full
// and returns the plan with d's refit stage.
func refitStage(t *testing.T, d experiments.Definition) (*pipeline.Plan, *pipeline.Experiment) {
	t.Helper()
	cat := &experiments.Catalogue{Definitions: []experiments.Definition{d}, Profiles: []experiments.Profile{{Name: "full"}}}
	p, err := pipeline.NewPlan(cat, "full", nil)
	if err != nil {
		t.Fatal(err)
	}
	refit := p.Find(runs.RefitName(d.Name))
	if refit == nil {
		t.Fatal("no refit stage planned")
	}
	return p, refit
}

// TestGuessRunsRefitOfDependentStudy checks the guess for the refit stage
// of a study run at a sweep's chosen structure (the λ × β studies): before
// the sweep chooses, the study's configurations stand at the sweep
// algorithm's paper structure, so that plan counts their refits; it counted
// none, since the study has no structure of its own.
func TestGuessRunsRefitOfDependentStudy(t *testing.T) {
	sweep := experiments.Definition{Name: "sweep", Data: "l2radial", Samples: 100, Metric: "test_mse", Epochs: 9, Trials: 2,
		Select: &experiments.Selection{On: "validation", Fraction: 0.2},
		Algorithms: []experiments.Algorithm{{Label: "ADMM", Algorithm: "admm", Act: "sigmoid", LLA: "reference",
			Grid:  experiments.Grid{Depth: []int{1, 2}, Width: []int{10, 20}, Lambda: []float64{1e-6}, Beta: []float64{1}, Init: []string{"msra"}, InitScale: []float64{1}, Noise: []float64{0}},
			Paper: &experiments.Structure{Depth: 2, Width: 20}}}}
	study := experiments.Definition{Name: "study", Data: "l2radial", Samples: 100, Metric: "test_mse", Epochs: 9, Trials: 2,
		Select:    &experiments.Selection{On: "validation", Fraction: 0.2, Refit: true, Each: true},
		DependsOn: &experiments.Dependency{Experiment: "sweep", Algorithm: "ADMM", Axes: []string{"depth", "width"}},
		Algorithms: []experiments.Algorithm{{Label: "ADMM", Algorithm: "admm", Act: "sigmoid", LLA: "reference",
			Grid: experiments.Grid{Lambda: []float64{1e-6, 1e-3}, Beta: []float64{1, 10, 100}, Init: []string{"msra"}, InitScale: []float64{1}, Noise: []float64{0}}}}}
	cat := &experiments.Catalogue{Definitions: []experiments.Definition{sweep, study}, Profiles: []experiments.Profile{{Name: "full"}}}
	p, err := pipeline.NewPlan(cat, "full", nil)
	if err != nil {
		t.Fatal(err)
	}
	refit := p.Find(runs.RefitName("study"))
	if refit == nil {
		t.Fatal("no refit stage planned")
	}
	got := GuessRuns(p, refit, nil, nil)
	if len(got) != 2*3*2 {
		t.Fatalf("%d guessed refits, want 2 λ × 3 β × 2 trials", len(got))
	}
	for _, s := range got {
		if s.Depth != 2 || s.Width != 20 || s.Validation != 0 || s.Epochs != 9 {
			t.Errorf("guess %s; want (2,20) at full length on the whole split", runs.Describe(s))
		}
	}
	// Once the sweep has chosen (1,10), the plan resolved the study there:
	// its refits are guessed at that choice, not at the paper's structure.
	chose := &runs.Spec{Algorithm: "admm", Depth: 1, Width: 10}
	got = GuessRuns(p, refit, nil, map[string]*runs.Spec{"study": chose})
	if len(got) != 2*3*2 {
		t.Fatalf("%d guessed refits at the sweep's choice, want 12", len(got))
	}
	for _, s := range got {
		if s.Depth != 1 || s.Width != 10 {
			t.Errorf("guess %s; want the sweep's choice (1,10)", runs.Describe(s))
		}
	}
}
