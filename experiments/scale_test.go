package experiments

import (
	"slices"
	"testing"
)

func TestThin(t *testing.T) {
	for _, tc := range []struct {
		in   []int
		k    int
		want []int
	}{
		{[]int{1, 2, 3, 4, 5}, 2, []int{1, 5}},
		{[]int{1, 2, 3, 4, 5}, 3, []int{1, 3, 5}},
		{[]int{20, 40, 60, 80, 100}, 4, []int{20, 40, 80, 100}},
		{[]int{1, 2, 3}, 0, []int{1, 2, 3}},
		{[]int{1, 2, 3}, 5, []int{1, 2, 3}},
		{[]int{7, 8, 9}, 1, []int{7}},
	} {
		if got := thin(tc.in, tc.k); !slices.Equal(got, tc.want) {
			t.Errorf("thin(%v, %d) = %v, want %v", tc.in, tc.k, got, tc.want)
		}
	}
	if got := capAxis([]int{4, 5, 6}, 3); !slices.Equal(got, []int{4}) {
		t.Errorf("capAxis keeps the smallest when all exceed: %v", got)
	}
}

// TestScaleDefinitionHyperPoints: max_hyper_points thins the λ, β,
// init-scale and noise axes on its own, so that a widened λ grid keeps an
// interior while the structures stay at max_points.
func TestScaleDefinitionHyperPoints(t *testing.T) {
	lambdas := []float64{1e-6, 1e-5, 1e-4, 1e-3, 1e-2, 0.1, 1, 10, 100}
	d := Definition{Data: "eyb", Trials: 5, Epochs: 200, Algorithms: []Algorithm{{Label: "A", Grid: Grid{
		Width: []int{20, 40, 60, 80, 100}, Lambda: lambdas, InitScale: []float64{1, 2, 4, 8, 16},
	}}}}
	for _, tc := range []struct {
		name          string
		s             Scale
		width         []int
		lambda, scale []float64
	}{
		{"max_points alone thins every axis", Scale{MaxPoints: 3}, []int{20, 60, 100}, []float64{1e-6, 1e-2, 100}, []float64{1, 4, 16}},
		{"max_hyper_points widens the hyperparameters only", Scale{MaxPoints: 3, MaxHyperPoints: 5},
			[]int{20, 60, 100}, []float64{1e-6, 1e-4, 1e-2, 1, 100}, []float64{1, 2, 4, 8, 16}},
		{"max_hyper_points without max_points", Scale{MaxHyperPoints: 2}, []int{20, 40, 60, 80, 100}, []float64{1e-6, 100}, []float64{1, 16}},
	} {
		g := ScaleDefinition(d, tc.s).Algorithms[0].Grid
		if !slices.Equal(g.Width, tc.width) || !slices.Equal(g.Lambda, tc.lambda) || !slices.Equal(g.InitScale, tc.scale) {
			t.Errorf("%s: width %v, λ %v, init scale %v; want %v, %v, %v", tc.name, g.Width, g.Lambda, g.InitScale, tc.width, tc.lambda, tc.scale)
		}
	}
	over := Definition{Profiles: map[string]Scale{"quick": {MaxHyperPoints: 5}}}
	if s := EffectiveScale(&over, Profile{Name: "quick", Scale: Scale{MaxPoints: 3}}); s.MaxHyperPoints != 5 || s.MaxPoints != 3 {
		t.Errorf("EffectiveScale: a definition's max_hyper_points merges over the profile's: %+v", s)
	}
}
