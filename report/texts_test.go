package report

import (
	"math"
	"strings"
	"testing"

	"github.com/admmlab/admmlab/experiments"
	"github.com/admmlab/admmlab/pipeline/runs"
)

// The short texts panels and tables are made of.
func TestPanelTexts(t *testing.T) {
	for _, tc := range []struct {
		name, got, want string
	}{
		{"no filter", describeFilter(panelSpec{}), "any algorithm"},
		{"labels", describeFilter(panelSpec{Labels: []string{"A", "B"}}), "A, B"},
		{"an activation", describeFilter(panelSpec{Act: "relu"}), "relu nets"},
		{"both", describeFilter(panelSpec{Labels: []string{"A", "B"}, Act: "relu"}), "A, B on relu nets"},
		{"validation error", axisLabel("val_mse"), "validation MSE (held-out training samples)"},
		{"validation accuracy", axisLabel("val_acc"), "validation accuracy (%)"},
		{"training error", axisLabel("train_mse"), "training MSE"},
		{"test error", axisLabel("test_mse"), "test MSE"},
		{"test accuracy", axisLabel("test_acc"), "test accuracy (%)"},
		{"any other curve by its name", axisLabel("kkt"), "kkt"},
		{"ranks best first", rankOrder(map[string]int{"A": 2, "B": 1, "C": 3}), "B > A > C"},
		{"a Markdown table", mdTable([]string{"a", "b"}, [][]string{{"1", "2"}, {"3", "4"}}), "| a | b |\n|---|---|\n| 1 | 2 |\n| 3 | 4 |\n"},
		{"a gain in points", fmtSigned("test_acc", 0.012), "+1.20 pt"},
		{"a loss in points", fmtSigned("test_acc", -0.012), "−1.20 pt"},
		{"no step as printed", fmtSigned("test_acc", 0.00001), "±0.00 pt"},
		{"an error's step", fmtSigned("train_mse", -2e-9), "−2.00e-9"},
		{"a step", fmtStep("test_acc", 0.5), "50.00 pt"},
		{"a refitted points cell, briefly", briefRefit("; refitted, the 80%-model value: 91.00 (n=1)"), "; refitted"},
		{"a pending refit, as it is", briefRefit("; *refit pending*"), "; *refit pending*"},
		{"no refit", briefRefit(""), ""},
	} {
		if tc.got != tc.want {
			t.Errorf("%s: %q, want %q", tc.name, tc.got, tc.want)
		}
	}
	if yScale("test_acc") != 100 || yScale("val_acc") != 100 || yScale("train_mse") != 1 {
		t.Error("yScale: accuracies in percent, errors as they are")
	}
	for _, tc := range []struct {
		xs   []string
		want bool
	}{{nil, false}, {[]string{"a"}, true}, {[]string{"a", "a"}, true}, {[]string{"a", "b", "a"}, false}} {
		if got := allSame(tc.xs); got != tc.want {
			t.Errorf("allSame(%q) = %v, want %v", tc.xs, got, tc.want)
		}
	}
}

// A panel's cells: only its labels (nil: all; empty: none) and activation.
func TestFilterCells(t *testing.T) {
	mk := func(label, act string) cell { return cell{Label: label, Cfg: runs.Spec{Act: act}} }
	cells := []cell{mk("A", "relu"), mk("B", "sigmoid"), mk("C", "relu")}
	for _, tc := range []struct {
		name   string
		labels []string
		act    string
		want   string
	}{
		{"all", nil, "", "ABC"},
		{"two labels", []string{"C", "A"}, "", "AC"},
		{"an activation", nil, "relu", "AC"},
		{"both", []string{"A", "B"}, "relu", "A"},
		{"no label", []string{}, "", ""},
	} {
		var got string
		for _, c := range filterCells(cells, tc.labels, tc.act) {
			got += c.Label
		}
		if got != tc.want {
			t.Errorf("%s: %q, want %q", tc.name, got, tc.want)
		}
	}
}

// Where ADMM's relative updates fall: a drop at layer 1 a hundred times
// steeper than any deeper step is named as such.
func TestLayerMechanism(t *testing.T) {
	for _, tc := range []struct {
		name string
		r    layerRatio
		want string
	}{
		{"too few layers", layerRatio{N: 1, Init: "msra", Medians: []float64{1, 2}}, "n = 1 run(s), init msra"},
		// 3.1e-3/3.9e-8 = 7.9e4 against at most 4.6e-2/3.1e-3 = 15.
		{"Figure 4 of the quick profile", layerRatio{N: 1, Init: "msra", Medians: []float64{3.9e-8, 3.1e-3, 4.6e-2, 3.4e-1, 9.0e-1}},
			"n = 1 run(s), init msra; the drop is concentrated at layer 1 (3.10e-3 → 3.90e-8, ×7.9e+04; deeper steps fall at most ×15): " +
				"an input-layer effect of the linearised update, not saturation spreading towards the input"},
		{"steps alike", layerRatio{N: 3, Init: "lecun", Medians: []float64{1e-4, 1e-3, 1e-2, 1e-1}},
			"n = 3 run(s), init lecun; layer 2 → 1 falls ×10, deeper steps fall at most ×10"},
		// 2.76e-1/2.78e-8 = 9.9e6; the deeper medians shrink away from the input: 1/0.8 = 1.25.
		{"deeper layers grow towards the input", layerRatio{N: 5, Init: "lecun-gauss", Medians: []float64{2.78e-8, 2.76e-1, 2.2e-1, 1.76e-1}},
			"n = 5 run(s), init lecun-gauss; the drop is concentrated at layer 1 (2.76e-1 → 2.78e-8, ×9.9e+06; deeper layers' updates grow towards the input, each step at least ×1.2): " +
				"an input-layer effect of the linearised update, not saturation spreading towards the input"},
	} {
		if got := tc.r.mechanism(); got != tc.want {
			t.Errorf("%s:\n%q\nwant\n%q", tc.name, got, tc.want)
		}
	}
	for _, tc := range []struct {
		admm, sgd layerRatio
		want      string
	}{
		{perRunRatios(1e-2, 2e-2, 5e-3), perRunRatios(1e-6, 2e-6), claimHolds},
		{perRunRatios(1e-7, 2e-7, 5e-8), perRunRatios(1e-6, 2e-6), claimFails},
		// A factor 2 between two runs a side is within the spread of a
		// factor 1.5 between the sides.
		{perRunRatios(1.5e-6, 3e-6), perRunRatios(1e-6, 2e-6), claimUnresolved},
		{perRunRatios(1e-2, 2e-2, 5e-3), perRunRatios(1e-6), claimUntestable},
	} {
		if got := saturationVerdict(tc.admm, tc.sgd); got != tc.want {
			t.Errorf("saturation %v vs %v: %q, want %q", tc.admm.PerRun, tc.sgd.PerRun, got, tc.want)
		}
	}
}

// The paper's numbers and ours against the noise floor: below a third of
// it out of reach, ours as multiples of it.
func TestFloorVerdict(t *testing.T) {
	fl := Stat{Mean: 1e-3, Std: 1e-4, N: 5}
	paper := PaperTable{Rows: []PaperRow{{Label: "A", Mean: 1e-4}, {Label: "B", Mean: 5e-4}}}
	ours := map[string]ourRow{"B": {Best: Stat{Mean: math.NaN(), N: 0}}, "A": {Best: Stat{Mean: 2e-3, N: 2}}}
	want := "Noise floor: 1.00e-3 (std 1.00e-4, 5 trials). The paper's numbers below a third of it (out of reach at this noise level): A 1.00e-4 (0.1×). " +
		"At or above a third of it: B. Ours, as multiples of the floor: A 2×."
	if got := floorVerdict("test_mse", fl, paper, ours); got != want {
		t.Errorf("floorVerdict:\n%q\nwant\n%q", got, want)
	}
	if got := floorVerdict("test_mse", fl, PaperTable{Rows: []PaperRow{{Label: "B", Mean: 5e-4}}}, nil); strings.Contains(got, "below") || strings.Contains(got, "Ours") {
		t.Errorf("nothing below the floor, nothing of ours: %q", got)
	}
}

// What a learning curve's end supports, for each trend: accuracies, three
// trials a side (ν = 4, t = 2.776), a material gain of 1 point.
func TestTrendText(t *testing.T) {
	pt := func(n, mean, std float64) lcPoint {
		return lcPoint{n: n, st: Stat{Mean: mean, Std: std, N: 3, LogMean: math.NaN(), LogStd: math.NaN()}}
	}
	for _, tc := range []struct {
		name   string
		pts    []lcPoint
		target int
		want   string
		read   bool
	}{
		// Bound 2.776·√(2·0.01²/3) = 2.27 points.
		{"rising", []lcPoint{pt(100, 0.70, 0.01), pt(200, 0.80, 0.01)}, 500,
			"the curve is still rising at n = 200 (last step +10.00 pt, beyond its 95% bound 2.27 pt); no extrapolation to the paper's 500", false},
		{"flat, no target", []lcPoint{pt(100, 0.80, 0.001), pt(200, 0.801, 0.001)}, 0,
			"flat at n = 200 (last step +0.10 pt, within its 95% bound 0.23 pt)", false},
		{"flat, read at the paper's size", []lcPoint{pt(100, 0.80, 0.001), pt(200, 0.801, 0.001)}, 500,
			"flat at n = 200 (last step +0.10 pt, within its 95% bound 0.23 pt): about 80.10 (0.10) at 500 samples", true},
		// Bound 4.53 points: a gain above 1 point is not ruled out.
		{"not resolved", []lcPoint{pt(100, 0.80, 0.02), pt(200, 0.81, 0.02)}, 0,
			"not resolved at n = 200: last step +1.00 pt, within its 95% bound 4.53 pt, which does not rule out a gain above 1.00 pt; no extrapolation", false},
		{"one point", []lcPoint{pt(100, 0.80, 0.02)}, 500,
			"too few points or trials to judge a trend at n = 100; no extrapolation to the paper's 500", false},
	} {
		means := make([]trialMean, len(tc.pts))
		for i, p := range tc.pts {
			means[i] = meanOf(p.st)
		}
		got, read := trendText("test_acc", tc.pts, means, tc.target)
		if got != tc.want || read != tc.read {
			t.Errorf("%s:\n%q, %v\nwant\n%q, %v", tc.name, got, read, tc.want, tc.read)
		}
	}
}

// An algorithm's inits in the settings tables: every scheme × scale of its
// grid, owned by ADMM or the SGD family, or the scale its init-scale stage
// chose, as the analysis (here built by hand) found it.
func TestInitEntry(t *testing.T) {
	an := newAnalysis("quick", "c")
	an.ChosenScales["square-initscale"] = map[string]ChosenScale{"A": {Init: "msra", Scale: 8, Depth: 2, Width: 40, On: "train_mse",
		Scores: []ScaleScore{{1, 1e-8}, {8, 1e-9}}}}
	dep := experiments.Definition{DependsOn: &experiments.Dependency{Experiment: "square-initscale", Algorithm: "A", Axes: []string{"init_scale"}}}
	if got, want := initEntry(an, dep, experiments.Algorithm{Algorithm: "admm"}),
		"ADMM: msra×8, chosen by square-initscale at (2,40) on the training MSE (×1 1.00e-8, ×8 1.00e-9)"; got != want {
		t.Errorf("dependent initEntry = %q, want %q", got, want)
	}
	dep.DependsOn.Experiment = "none"
	if got, want := initEntry(an, dep, experiments.Algorithm{Algorithm: "admm"}), "ADMM: scale chosen by none (no results yet)"; got != want {
		t.Errorf("initEntry of a stage without results = %q, want %q", got, want)
	}
	grid := experiments.Grid{Init: []string{"msra", "lecun"}, InitScale: []float64{1, 8}}
	for _, tc := range []struct {
		a    experiments.Algorithm
		want string
	}{
		{experiments.Algorithm{Algorithm: "admm", Grid: grid}, "ADMM: msra×1, msra×8, lecun×1, lecun×8"},
		{experiments.Algorithm{Algorithm: "adam", Grid: experiments.Grid{Init: []string{"xavier"}, InitScale: []float64{0.5}}}, "SGD family: xavier×0.5"},
	} {
		if got := initEntry(an, experiments.Definition{}, tc.a); got != tc.want {
			t.Errorf("initEntry(%s) = %q, want %q", tc.a.Algorithm, got, tc.want)
		}
	}
}

// The scorecard's evidence cell links each item ID to its README section
// (a panel to its figure's); anything else in the row stays as it is.
func TestLinkEvidence(t *testing.T) {
	for _, tc := range []struct{ line, want string }{
		{"| A | holds | fig7b, table3 |", "| A | holds | [fig7b](#fig7), [table3](#table3) |"},
		{"| A | holds | theorem4 |", "| A | holds | [theorem4](#theorem4) |"},
		{"| Central | mixed | Tables 3–6, 8–10 |", "| Central | mixed | Tables 3–6, 8–10 |"},
		{"| A | holds | none |", "| A | holds | none |"},
		{"text | fig7 |", "text | fig7 |"},
	} {
		if got := linkEvidence(tc.line); got != tc.want {
			t.Errorf("linkEvidence(%q) = %q, want %q", tc.line, got, tc.want)
		}
	}
	for title, want := range map[string]string{"Table 5: learning f": "Table 5", "Figure 2": "Figure 2", ": no name": ": no name"} {
		if got := shortTitle(title); got != want {
			t.Errorf("shortTitle(%q) = %q, want %q", title, got, want)
		}
	}
}

// perRunRatios is a layerRatio whose runs gave the ratios rs, its mean-curve
// ratio their geometric mean.
func perRunRatios(rs ...float64) layerRatio {
	st := newStat(rs, nil)
	return layerRatio{Ratio: math.Pow(10, st.LogMean), N: len(rs), PerRun: st}
}
