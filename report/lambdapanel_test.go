package report

import (
	"strings"
	"testing"
)

// TestLambdaPanel: one point per λ at the chosen structure, each the best
// validation value over the init scales, the chosen λ marked, and the
// gallery line stating where the choice sits.
func TestLambdaPanel(t *testing.T) {
	cells := valRuns([]float64{1e-2, 1, 100}, []float64{0.125, 1}, func(l, s float64) float64 {
		v := map[float64]float64{1e-2: 0.8, 1: 0.96, 100: 0.5}[l]
		if s == 1 {
			v -= 0.1
		}
		return v
	})
	b := &builder{an: newAnalysis("quick", "c")}
	out, err := b.lambdaPanel(panelSpec{ID: "figx", Title: "λ"}, cells, "test_acc")
	if err != nil || out.notice {
		t.Fatalf("lambdaPanel: %v, notice %v", err, out.notice)
	}
	ss := out.plot.Series
	if len(ss) != 2 {
		t.Fatalf("%d series, want the curve and the chosen mark", len(ss))
	}
	wantY := []float64{80, 96, 50}
	for i, y := range wantY {
		if ss[0].X[i] != []float64{1e-2, 1, 100}[i] || ss[0].Y[i] != y {
			t.Errorf("point %d: (%g, %g), want (%g, %g): the best over init scales", i, ss[0].X[i], ss[0].Y[i], []float64{1e-2, 1, 100}[i], y)
		}
	}
	if len(ss[1].X) != 1 || ss[1].X[0] != 1 || ss[1].Y[0] != 96 || !ss[1].NoLine {
		t.Errorf("mark: %+v, want the one point (1, 96)", ss[1])
	}
	if !strings.Contains(out.verdict, "λ = 1 is inside the searched {0.01, 1, 100}") {
		t.Errorf("verdict %q, want where λ sits", out.verdict)
	}
	if !out.plot.LogX || out.plot.LogY {
		t.Errorf("axes: log x %v, log y %v; want λ on a log axis, accuracy linear", out.plot.LogX, out.plot.LogY)
	}
}
