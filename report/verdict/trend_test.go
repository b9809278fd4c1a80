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
		{"flat at the end", []Mean{m(0.70, 0.01, 3), m(0.80, 0.01, 3), m(0.801, 0.02, 3)}, Flat, 0.001},
		{"falling at the end", []Mean{m(0.70, 0.01, 3), m(0.80, 0.01, 3), m(0.78, 0.01, 3)}, Flat, -0.02},
		{"one trial a side", []Mean{m(0.70, 0, 1), m(0.80, 0, 1)}, TooShort, 0.1},
		{"one point", []Mean{m(0.70, 0.01, 3)}, TooShort, 0},
		{"a point without a mean is skipped", []Mean{m(0.70, 0.01, 3), m(0.75, 0.01, 3), {Mean: math.NaN()}}, Rising, 0.05},
	} {
		got, gain, _ := acc.TrendOf(tc.points)
		if got != tc.want || math.Abs(gain-tc.gain) > 1e-12 {
			t.Errorf("%s: %v, gain %g; want %v, %g", tc.name, got, gain, tc.want, tc.gain)
		}
	}
}
