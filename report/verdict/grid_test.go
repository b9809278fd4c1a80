package verdict

import "testing"

func TestGridPlace(t *testing.T) {
	lambdas := GridOf([]float64{1e-2, 1e-6, 1, 1e-2, 100, 1e-4})
	for _, tc := range []struct {
		name   string
		g      Grid
		chosen float64
		place  Place
		fails  bool
	}{
		{"interior of a widened grid", lambdas, 1, Interior, false},
		{"the largest of a widened grid", lambdas, 100, AtEnd, true},
		{"the smallest", lambdas, 1e-6, AtEnd, true},
		{"the paper's old top is interior once widened", lambdas, 1e-2, Interior, false},
		{"two values: an end, but no check", GridOf([]float64{0.03125, 1}), 0.03125, AtEnd, false},
		{"one value: nothing searched", GridOf([]float64{1, 1}), 1, NotSearched, false},
	} {
		if got := tc.g.Place(tc.chosen); got != tc.place {
			t.Errorf("%s: Place(%g) on %v = %v, want %v", tc.name, tc.chosen, tc.g, got, tc.place)
		}
		if got := tc.g.EndFails(tc.chosen); got != tc.fails {
			t.Errorf("%s: EndFails(%g) on %v = %v, want %v", tc.name, tc.chosen, tc.g, got, tc.fails)
		}
	}
	if g := GridOf([]float64{3, 1, 2, 1}); len(g) != 3 || g[0] != 1 || g[2] != 3 {
		t.Errorf("GridOf: %v, want the distinct values ascending", g)
	}
}
