package plot

import (
	"math"
	"strings"
	"testing"

	"github.com/admmlab/admmlab/report/figure"
	"gonum.org/v1/plot"
)

func TestAddSeriesLogAxis(t *testing.T) {
	in := []figure.Series{{Name: "a", X: []float64{1, 2, 3, 4, 5}, Y: []float64{1e-3, 0, -1, math.NaN(), 1e-5}, Err: []float64{1, 1, 1, 1, 1}}}
	// Drawing a panel with zeros and negatives on log axes must not panic
	// and must say what it did in the title.
	p := newPanel("t", "x", "y")
	ok, err := addSeries(p, in, true, true)
	if err != nil || !ok {
		t.Fatalf("addSeries: %v %v", ok, err)
	}
	if !strings.Contains(p.Title.Text, "clamped") {
		t.Errorf("title %q has no clamp note", p.Title.Text)
	}
	if _, err := renderPNG([]*plot.Plot{p}, nil, 1); err != nil {
		t.Fatal(err)
	}
	p2 := newPanel("t", "x", "y")
	if ok, _ := addSeries(p2, []figure.Series{{X: []float64{1}, Y: []float64{-1}}}, false, true); ok {
		t.Error("addSeries reported drawable with no positive values")
	}
}
