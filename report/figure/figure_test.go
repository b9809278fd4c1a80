package figure

import (
	"math"
	"strings"
	"testing"
)

func TestCleanSeriesLogAxis(t *testing.T) {
	in := []Series{{Name: "a", X: []float64{1, 2, 3, 4, 5}, Y: []float64{1e-3, 0, -1, math.NaN(), 1e-5}, Err: []float64{1, 1, 1, 1, 1}}}
	got, st := Clean(in, false, true)
	if st.Clamped != 2 || st.Dropped != 1 {
		t.Fatalf("clamped %d dropped %d, want 2 and 1", st.Clamped, st.Dropped)
	}
	want := []float64{1e-3, 1e-6, 1e-6, 1e-5} // min positive 1e-5, /10
	if len(got[0].Y) != len(want) {
		t.Fatalf("Y = %v, want %v", got[0].Y, want)
	}
	for i := range want {
		if math.Abs(got[0].Y[i]-want[i]) > 1e-12*want[i] {
			t.Errorf("Y[%d] = %g, want %g", i, got[0].Y[i], want[i])
		}
	}
	if n := st.Note(); !strings.Contains(n, "2 value(s) ≤ 0 clamped") || !strings.Contains(n, "1 non-finite value(s) dropped") {
		t.Errorf("note %q", n)
	}
	// No positive value at all: everything is dropped, nothing panics.
	_, st = Clean([]Series{{X: []float64{1, 2}, Y: []float64{0, -3}}}, false, true)
	if st.Dropped != 2 {
		t.Errorf("all non-positive: dropped %d, want 2", st.Dropped)
	}
	if Drawable([]Series{{X: []float64{1}, Y: []float64{-1}}}, false, true) {
		t.Error("Drawable with no positive value on a log axis")
	}
}

// Clean keeps every drawing flag of a series.
func TestCleanSeriesKeepsFlags(t *testing.T) {
	in := []Series{{Name: "a", X: []float64{1, 2}, Y: []float64{1, 2}, NoMarks: true, NoLine: true, Dashed: true}}
	out, _ := Clean(in, false, false)
	if !out[0].NoMarks || !out[0].NoLine || !out[0].Dashed {
		t.Errorf("flags lost: %+v", out[0])
	}
}
