package report

import (
	"fmt"
	"strings"
	"testing"

	"github.com/admmlab/admmlab/pipeline/runs"
)

// A noise figure states how many trials stand behind its lines, the noise
// floor's included: its floor is computed from the noise study's own runs,
// whose trial count may differ from the results table's (Figure 12b's floor
// once had n = 1 beside Table 5's n = 2, unsaid).
func TestNoisePanelStatesTrials(t *testing.T) {
	var recs []runs.Labeled
	add := func(label, alg string, noise float64, trials int, v float64) {
		for trial := range trials {
			recs = append(recs, runs.Labeled{Experiment: "x", Label: label, Record: runs.Record{
				ID:     fmt.Sprintf("%s-%g-t%d", alg, noise, trial),
				Spec:   runs.Spec{Data: "l1radial", Algorithm: alg, Act: "sigmoid", Depth: 2, Width: 10, Init: "msra", InitScale: 1, Epochs: 3, Noise: noise, Trial: trial},
				Status: runs.StatusDone,
				Result: runs.Result{Metrics: map[string]float64{"test_mse_best": v * (1 + 0.1*float64(trial)), "test_mse_final": v}},
			}})
		}
	}
	add("A", "admm", 0.1, 2, 4e-4)
	add("A", "admm", 1.5, 2, 5e-3)
	add(runs.NoiseFloorLabel, "floor:linear", 0.1, 1, 4e-4)
	add(runs.NoiseFloorLabel, "floor:linear", 1.5, 2, 5.7e-3)
	cells := cellsOf(recs, []string{"A", runs.NoiseFloorLabel}, nil)
	var floors, rest []cell
	for _, c := range cells {
		if isFloorLabel(c.Label) {
			floors = append(floors, c)
		} else {
			rest = append(rest, c)
		}
	}
	b := &builder{an: newAnalysis("quick", "c")}
	out, err := b.noisePanel(panelSpec{ID: "figx", Title: "(b) test error"}, rest, floors, "test_mse")
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"A (n=2):", "noise floor (n=1–2):"} {
		if !strings.Contains(out.verdict, want) {
			t.Errorf("verdict %q lacks %q", out.verdict, want)
		}
	}
}
