package report

import (
	"strings"
	"testing"

	"github.com/admmlab/admmlab/report/figure"
)

// A classification table states what no learning scores, a chosen cell at
// one class's share is named as predicting one class everywhere, and an
// accuracy panel carries both lines; a data set without recorded class
// counts gets none of them.
func TestBaselines(t *testing.T) {
	b := &builder{an: newAnalysis("quick", "c"), opt: Options{Data: map[string]DataInfo{
		"ptb": {Counts: "c", TestClasses: []int{724, 1896}},
		"old": {Counts: "c"},
	}}}
	b.recordBaselines("table10", "ptb")
	if n := b.an.Summary.Numbers["table10/majority_class_acc"]; float64(n.Value) != 1896.0/2620 {
		t.Errorf("recorded majority-class accuracy %v, want %v", n.Value, 1896.0/2620)
	}
	text := b.baselineText("ptb")
	for _, want := range []string{"**72.37%**", "chance (1 of 2 classes) 50.00%"} {
		if !strings.Contains(text, want) {
			t.Errorf("baselineText = %q, want %q in it", text, want)
		}
	}
	if b.baselineText("old") != "" {
		t.Error("no class counts recorded: no baseline line")
	}
	for _, tc := range []struct {
		name string
		st   Stat
		want string
	}{
		{"the majority share", Stat{Mean: 0.7237, Std: 0.004, N: 3}, "*one class everywhere* (the majority class's share)"},
		{"a minority share", Stat{Mean: 0.2763, N: 1}, "*one class everywhere* (a minority class's share)"},
		{"learned", Stat{Mean: 0.80, Std: 0.01, N: 3}, ""},
		{"no mean", Stat{}, ""},
	} {
		if got := b.oneClassNote("ptb", tc.st); !strings.Contains(got, tc.want) || (tc.want == "" && got != "") {
			t.Errorf("%s: oneClassNote = %q, want %q", tc.name, got, tc.want)
		}
	}
	out := panelOut{plot: figure.Panel{Series: []series{{Name: "A", X: []float64{1, 4, 8}, Y: []float64{80, 90, 85}}}}}
	b.withBaselines(&out, "ptb", "test_acc")
	if len(out.plot.Series) != 3 {
		t.Fatalf("%d series, want the data, majority and chance", len(out.plot.Series))
	}
	maj, ch := out.plot.Series[1], out.plot.Series[2]
	if maj.X[0] != 1 || maj.X[1] != 8 || maj.Y[0] < 72.36 || maj.Y[0] > 72.38 || ch.Y[1] != 50 || !maj.Dashed {
		t.Errorf("lines: majority %+v, chance %+v; want dashed at 72.37%% and 50%% across x 1 … 8", maj, ch)
	}
	none := panelOut{plot: figure.Panel{Series: []series{{Name: "A", X: []float64{1}, Y: []float64{1e-3}}}}}
	b.withBaselines(&none, "ptb", "test_mse")
	if len(none.plot.Series) != 1 {
		t.Error("an error panel got accuracy baselines")
	}
}
