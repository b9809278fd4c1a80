package pipeline

import (
	"slices"
	"testing"

	"github.com/admmlab/admmlab/experiments"
	"github.com/admmlab/admmlab/pipeline/runs"
)

func TestScaleKeepsPaperStructure(t *testing.T) {
	def := experiments.Definition{
		Name: "sweep", Data: "square", Samples: 100, Metric: "train_mse", Epochs: 10, Trials: 1,
		Algorithms: []experiments.Algorithm{{
			Label: "SGD", Algorithm: "sgd", Act: "relu", Batch: 10, LR: 0.1,
			Paper: &experiments.Structure{Depth: 18, Width: 80},
			Grid: experiments.Grid{
				Depth: []int{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20},
				Width: []int{20, 40, 60, 80, 100}, Init: []string{"msra"}, InitScale: []float64{1}, Noise: []float64{0},
			},
		}},
	}
	for _, tc := range []struct {
		name  string
		scale experiments.Scale
		want  []experiments.Structure // the points that must run
		n     int                     // how many structures run
	}{
		{"full", experiments.Scale{}, []experiments.Structure{{Depth: 18, Width: 80}}, 100},
		{"thinned", experiments.Scale{MaxPoints: 3}, []experiments.Structure{{Depth: 18, Width: 80}, {Depth: 1, Width: 20}}, 10},
		{"depth cap", experiments.Scale{MaxPoints: 3, MaxDepth: 10}, []experiments.Structure{{Depth: 10, Width: 80}}, 10},
		{"points", experiments.Scale{PaperOnly: true}, []experiments.Structure{{Depth: 18, Width: 80}}, 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e := &Experiment{Def: experiments.ScaleDefinition(def, tc.scale)}
			var got []experiments.Structure
			for _, ls := range e.Expand(nil) {
				got = append(got, experiments.Structure{Depth: ls.Spec.Depth, Width: ls.Spec.Width})
			}
			if len(got) != tc.n {
				t.Errorf("%d structures run, want %d: %v", len(got), tc.n, got)
			}
			for _, w := range tc.want {
				if !slices.Contains(got, w) {
					t.Errorf("%v does not run: %v", w, got)
				}
			}
			if p, _ := experiments.PaperPoint(def.Algorithms[0], tc.scale); !slices.Contains(got, p) {
				t.Errorf("PaperPoint %v does not run", p)
			}
		})
	}
}

func TestFloorRuns(t *testing.T) {
	def := experiments.Definition{
		Name: "noise", Data: "l1radial", Samples: 100, Metric: "test_mse", Epochs: 10, Trials: 2, NoiseFloor: "linear",
		Algorithms: []experiments.Algorithm{{
			Label: "ADMM", Algorithm: "admm", Act: "sigmoid",
			Grid: experiments.Grid{Depth: []int{1}, Width: []int{5}, Init: []string{"msra"}, InitScale: []float64{1},
				Noise: []float64{0.5, 0.1}, Lambda: []float64{1}, Beta: []float64{1}},
		}},
	}
	e := &Experiment{Def: def}
	var floors []runs.Spec
	for _, ls := range e.Expand(nil) {
		if ls.Label == runs.NoiseFloorLabel {
			floors = append(floors, ls.Spec)
		}
	}
	want := []runs.Spec{
		{Data: "l1radial", Noise: 0.1, Algorithm: "floor:linear", Samples: 100, Trial: 0},
		{Data: "l1radial", Noise: 0.1, Algorithm: "floor:linear", Samples: 100, Trial: 1},
		{Data: "l1radial", Noise: 0.5, Algorithm: "floor:linear", Samples: 100, Trial: 0},
		{Data: "l1radial", Noise: 0.5, Algorithm: "floor:linear", Samples: 100, Trial: 1},
	}
	if !slices.Equal(floors, want) {
		t.Errorf("floor runs:\n got %+v\nwant %+v", floors, want)
	}
}

// A dependency's method axes (here init_scale) replace only the columns of
// the chosen configuration's algorithm; structure axes replace every column.
func TestSubstituteMethodAxes(t *testing.T) {
	grid := experiments.Grid{Init: []string{"msra"}, InitScale: []float64{8}, Noise: []float64{0}}
	admm, sgd := grid, grid
	admm.Lambda, admm.Beta = []float64{1e-6}, []float64{1}
	sgd.InitScale = []float64{1}
	e := &Experiment{Def: experiments.Definition{
		Name: "study", Data: "square", Samples: 10, Metric: "train_mse", Epochs: 1, Trials: 1,
		DependsOn: &experiments.Dependency{Experiment: "sweep", Algorithm: "ADMM", Axes: []string{"depth", "width", "init_scale"}},
		Algorithms: []experiments.Algorithm{
			{Label: "ADMM", Algorithm: "admm", Act: "sigmoid", Grid: admm},
			{Label: "SGD", Algorithm: "sgd", Act: "relu", Batch: 5, LR: 0.1, Grid: sgd},
		},
	}}
	best := runs.Spec{Algorithm: "admm", Depth: 3, Width: 7, InitScale: 2}
	got := map[string]runs.Spec{}
	for _, ls := range e.Expand(&best) {
		got[ls.Label] = ls.Spec
	}
	if s := got["ADMM"]; s.Depth != 3 || s.Width != 7 || s.InitScale != 2 {
		t.Errorf("ADMM column: %+v, want (3,7) at scale 2", s)
	}
	if s := got["SGD"]; s.Depth != 3 || s.Width != 7 || s.InitScale != 1 {
		t.Errorf("SGD column: %+v, want (3,7) at its own scale 1", s)
	}
}
