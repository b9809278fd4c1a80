package report

import "testing"

// Theorem 3(a) draws values in [0, 1] on linear axes: no accuracy-style
// 100% top (its y-axis ran to 100).
func TestTheorem3CurvesAxis(t *testing.T) {
	out, err := (&builder{}).theorem3Curves(panelSpec{ID: "theorem3a", Title: "(a)"})
	if err != nil {
		t.Fatal(err)
	}
	if out.plot.YMax != nil || out.plot.LogY {
		t.Errorf("y-axis: top %v, log %v; want the data's range on a linear axis", out.plot.YMax, out.plot.LogY)
	}
	for _, s := range out.plot.Series {
		for _, y := range s.Y {
			if y < -0.5 || y > 1.5 {
				t.Errorf("%s: value %g outside [-0.5, 1.5]", s.Name, y)
			}
		}
	}
}
