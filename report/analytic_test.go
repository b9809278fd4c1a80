package report

import (
	"math"
	"strings"
	"testing"

	"github.com/admmlab/admmlab/experiments"
	"github.com/admmlab/admmlab/pipeline/runs"
)

// The analytic floors of the L1 task (2 inputs, a linear target) and the
// L2 task (not linear): σ²·p/n with p = 3 only for the first, σ²/n for both,
// with n read from the floor runs when they ran on another size.
func TestAnalyticFloors(t *testing.T) {
	floorRun := func(samples int) []runs.Labeled {
		return []runs.Labeled{{Label: runs.NoiseFloorLabel, Record: runs.Record{Spec: runs.Spec{Samples: samples}}}}
	}
	for _, tc := range []struct {
		name      string
		def       experiments.Definition
		labeled   []runs.Labeled
		noise     float64
		ls, bound float64
		ok        bool
	}{
		{"L1 at variance 0.1", experiments.Definition{Data: "l1radial", NoiseFloor: "linear"}, nil, 0.1, 3e-4, 1e-4, true},
		{"L1 at variance 0.01", experiments.Definition{Data: "l1radial", NoiseFloor: "linear", Samples: 1000}, nil, 0.01, 3e-5, 1e-5, true},
		{"L1, floor fitted on 500", experiments.Definition{Data: "l1radial", NoiseFloor: "linear"}, floorRun(500), 0.1, 6e-4, 2e-4, true},
		{"L2: no closed form for least squares", experiments.Definition{Data: "l2radial", NoiseFloor: "radial-poly"}, nil, 0.1, math.NaN(), 1e-4, true},
		{"an approximation task has none", experiments.Definition{Data: "square", NoiseFloor: "linear"}, nil, 0, 0, 0, false},
		{"no floor declared", experiments.Definition{Data: "l1radial"}, nil, 0.1, 0, 0, false},
	} {
		a, ok := analyticOf(tc.def, tc.labeled, tc.noise)
		if ok != tc.ok {
			t.Errorf("%s: ok = %v, want %v", tc.name, ok, tc.ok)
			continue
		}
		if !ok {
			continue
		}
		if !closeTo(a.LS, tc.ls) || !closeTo(a.Bound, tc.bound) {
			t.Errorf("%s: σ²p/n = %g, σ²/n = %g; want %g, %g", tc.name, a.LS, a.Bound, tc.ls, tc.bound)
		}
	}
}

func closeTo(a, b float64) bool {
	if math.IsNaN(b) {
		return math.IsNaN(a)
	}
	return math.Abs(a-b) <= 1e-12*math.Abs(b)
}

// The paper's Table 5 numbers are 0.056–0.15× least squares' expected
// error at variance 0.1 but 0.56–1.5× at 0.01: the finding is stated at
// 0.01 (and not at the stated 0.1, where there is nothing to compare).
func TestNoiseFinding(t *testing.T) {
	paper := []float64{2.48e-5, 2.26e-5, 2.16e-5, 4.58e-5, 1.69e-5}
	def := experiments.Definition{Data: "l1radial", NoiseFloor: "linear", Samples: 1000}
	at001, _ := analyticOf(def, nil, 0.01)
	got := noiseFinding(def, nil, at001, paper)
	for _, want := range []string{"0.056–0.15× it at variance 0.1", "0.56–1.5× it at variance 0.01", "was a standard deviation (variance 0.01)"} {
		if !strings.Contains(got, want) {
			t.Errorf("finding lacks %q: %s", want, got)
		}
	}
	at01, _ := analyticOf(def, nil, 0.1)
	if got := noiseFinding(def, nil, at01, paper); got != "" {
		t.Errorf("at the stated variance: %q, want no finding", got)
	}
	// Far from the floor at both levels: the numbers, no conclusion.
	if got := noiseFinding(def, nil, at001, []float64{1e-7}); strings.Contains(got, "standard deviation") {
		t.Errorf("a paper far below both floors: %q, want no conclusion", got)
	}
}

// Ours below least squares' expected error is named with its explanation.
func TestAnalyticNoteNamesOursBelow(t *testing.T) {
	a, _ := analyticOf(experiments.Definition{Data: "l1radial", NoiseFloor: "linear"}, nil, 0.1)
	ours := map[string]ourRow{"A": {Best: Stat{Mean: 2e-4, N: 2}}, "B": {Best: Stat{Mean: 5e-4, N: 2}}}
	got := analyticNote(a, nil, ours)
	if !strings.Contains(got, "Ours below σ²·p/n: A 2.00e-4") || strings.Contains(got, "B 5.00e-4") {
		t.Errorf("note: %s", got)
	}
}
