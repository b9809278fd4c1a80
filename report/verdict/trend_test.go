package verdict

import (
	"math"
	"testing"
)

func TestTrendOf(t *testing.T) {
	acc := Scale{HigherIsBetter: true}
	m := func(mean, std float64, n int) Mean { return Mean{Mean: mean, Std: std, N: n} }
	for _, tc := range []struct {
		name   string
		points []Mean
		want   Trend
		gain   float64
	}{
		{"rising beyond the spread", []Mean{m(0.70, 0.01, 3), m(0.75, 0.01, 3), m(0.80, 0.01, 3)}, Rising, 0.05},
		{"flat at the end", []Mean{m(0.70, 0.01, 3), m(0.80, 0.001, 3), m(0.801, 0.002, 3)}, Flat, 0.001},
		{"within a spread too wide to rule out a material gain", []Mean{m(0.70, 0.01, 3), m(0.80, 0.01, 3), m(0.801, 0.02, 3)}, Undecided, 0.001},
		{"five points up within the spread of two trials", []Mean{m(0.80, 0.03, 2), m(0.85, 0.03, 2)}, Undecided, 0.05},
		{"falling at the end", []Mean{m(0.70, 0.01, 3), m(0.80, 0.001, 3), m(0.78, 0.001, 3)}, Flat, -0.02},
		{"one trial a side", []Mean{m(0.70, 0, 1), m(0.80, 0, 1)}, TooShort, 0.1},
		{"one point", []Mean{m(0.70, 0.01, 3)}, TooShort, 0},
		{"a point without a mean is skipped", []Mean{m(0.70, 0.01, 3), m(0.75, 0.01, 3), {Mean: math.NaN()}}, Rising, 0.05},
	} {
		got, gain, _ := acc.TrendOf(tc.points, 0.01)
		if got != tc.want || math.Abs(gain-tc.gain) > 1e-12 {
			t.Errorf("%s: %v, gain %g; want %v, %g", tc.name, got, gain, tc.want, tc.gain)
		}
	}
}
