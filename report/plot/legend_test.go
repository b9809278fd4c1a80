package plot

import (
	"strings"
	"testing"

	"github.com/admmlab/admmlab/report/figure"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"
)

// placed draws panel fp on a canvas of one panel's size and returns where
// its legend went.
func placed(t *testing.T, fp figure.Panel) corner {
	t.Helper()
	p, err := drawPanel(fp)
	if err != nil {
		t.Fatal(err)
	}
	c := draw.New(vgimg.New(panelW, panelH))
	placeLegend(p, c, footprintOf(fp))
	if p.Legend.YOffs != 0 {
		return corner{mid: true, left: p.Legend.Left}
	}
	return corner{top: p.Legend.Top, left: p.Legend.Left}
}

// The legend goes to the corner that hides the fewest drawn points, the
// asked one winning ties: fig17b's accuracies near 100% at every
// initialisation pushed the default top-right legend onto the xavier point.
func TestLegendAvoidsTheData(t *testing.T) {
	ymax := 100.0
	cats := []string{"a", "b", "c", "d", "e", "f"}
	xs := []float64{0, 1, 2, 3, 4, 5}
	high := []float64{97, 97, 87, 97, 97, 97}
	low := []float64{2.6, 2.6, 2.6, 2.6, 2.6, 2.6}
	cases := []struct {
		name  string
		panel figure.Panel
		want  corner
	}{
		{"high points and a low line: every corner covers some, the middle of the right side none",
			figure.Panel{NominalX: cats, YMax: &ymax, Series: []figure.Series{
				{Name: "ADMM (sigmoid)", X: xs, Y: high, NoLine: true},
				{Name: "majority class (2.6%)", X: xs, Y: low, Dashed: true, NoMarks: true},
				{Name: "chance (2.6%)", X: xs, Y: low, Dashed: true, NoMarks: true},
			}},
			corner{mid: true}},
		{"data low everywhere: the asked top right is free and kept",
			figure.Panel{Series: []figure.Series{{Name: "a", X: xs, Y: []float64{1, 2, 1, 2, 1, 2}}}},
			corner{top: true, left: false}},
		{"a rising line crowds the top right: the top left is free",
			figure.Panel{YMax: &ymax, Series: []figure.Series{{Name: "a", X: xs, Y: []float64{10, 20, 40, 60, 80, 100}}}},
			corner{top: true, left: true}},
	}
	for _, c := range cases {
		if got := placed(t, c.panel); got != c.want {
			t.Errorf("%s: legend at %+v, want %+v", c.name, got, c.want)
		}
	}
}

// A panel without legend entries keeps the legend where it was asked.
func TestLegendNoEntries(t *testing.T) {
	fp := figure.Panel{LegendBottom: true, Series: []figure.Series{{X: []float64{1, 2}, Y: []float64{1, 2}}}}
	if got := placed(t, fp); got != (corner{top: false, left: false}) {
		t.Errorf("legend at %+v, want the asked bottom right", got)
	}
}

func TestWrapTitle(t *testing.T) {
	long := "(c) validation over λ (not in the paper) — PTB subset: 5,237 of 14,552 beats"
	got := wrapTitle(long)
	want := "(c) validation over λ (not in the paper) — PTB subset: 5,237\nof 14,552 beats"
	if got != want {
		t.Errorf("wrapTitle(%q) = %q, want %q", long, got, want)
	}
	if got := wrapTitle("(a) short\n(clamped)"); got != "(a) short\n(clamped)" {
		t.Errorf("short lines changed: %q", got)
	}
}

func TestTrimZeros(t *testing.T) {
	for in, want := range map[string]string{"75.00": "75", "100.00": "100", "0.50": "0.5", "-0.25": "-0.25", "0.00": "0", "100": "100", "1.0e-05": "1.0e-05", "": ""} {
		if got := trimZeros(in); got != want {
			t.Errorf("trimZeros(%q) = %q, want %q", in, got, want)
		}
	}
	// gonum labels 50–100 as "50.00" … "100.00" when its step has decimals.
	for _, tk := range (plainTicks{}).Ticks(72.5, 100) {
		if strings.Contains(tk.Label, ".") && strings.HasSuffix(tk.Label, "0") {
			t.Errorf("tick label %q keeps trailing zeros", tk.Label)
		}
	}
}
