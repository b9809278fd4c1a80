package plot

import (
	"math"
	"strings"
	"testing"
)

func TestLogTicksDecadesOnly(t *testing.T) {
	tests := []struct {
		lo, hi float64
		labels []string
		minor  bool // 2…9 multiples present
	}{
		{1e-5, 1e-3, []string{"1e-05", "1e-04", "1e-03"}, true},
		{1e-2, 1e2, []string{"1e-02", "1e-01", "1", "10", "1e+02"}, true},
		// 16 decades: every third decade labelled (at most 7 labels), no minor ticks.
		{1e-8, 1e8, []string{"1e-08", "1e-05", "1e-02", "10", "1e+04", "1e+07"}, false},
	}
	for _, tt := range tests {
		var labels []string
		minor := false
		for _, tk := range (logTicks{}).Ticks(tt.lo, tt.hi) {
			if tk.Label != "" {
				labels = append(labels, tk.Label)
				if e := math.Log10(tk.Value); math.Abs(e-math.Round(e)) > 1e-9 {
					t.Errorf("[%g, %g]: label %q at %g, not a power of ten", tt.lo, tt.hi, tk.Label, tk.Value)
				}
			} else if e := math.Log10(tk.Value); math.Abs(e-math.Round(e)) > 1e-9 {
				minor = true
			}
		}
		if strings.Join(labels, " ") != strings.Join(tt.labels, " ") || minor != tt.minor {
			t.Errorf("[%g, %g]: labels %q minor %v, want %q minor %v", tt.lo, tt.hi, labels, minor, tt.labels, tt.minor)
		}
	}
	// A range inside one decade is widened to whole decades.
	if lo, hi := snapDecades(2e-5, 9e-5); lo != 1e-5 || math.Abs(hi-1e-4) > 1e-18 {
		t.Errorf("snapDecades(2e-5, 9e-5) = %g, %g, want 1e-05, 1e-04", lo, hi)
	}
}

// An axis of one decade labels its 2 and 5 multiples beside the two
// decades (13a, 14b, 18a had two labels only).
func TestLogTicksOneDecade(t *testing.T) {
	var labels []string
	for _, tk := range (logTicks{}).Ticks(1e-3, 1e-2) {
		if tk.Label != "" {
			labels = append(labels, tk.Label)
		}
	}
	if got, want := strings.Join(labels, " "), "1e-03 2e-03 5e-03 1e-02"; got != want {
		t.Errorf("labels %q, want %q", got, want)
	}
}
