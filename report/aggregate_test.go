package report

import (
	"math"
	"slices"
	"testing"

	"github.com/admmlab/admmlab/pipeline/runs"
)

// trialRun is run() of one ADMM (sigmoid) trial at (depth, width, λ), its
// ID unique across λ.
func trialRun(label string, depth, width, trial int, lambda, best float64) runs.Labeled {
	r := run("square-sweep", label, "admm", "sigmoid", depth, width, trial, "train_mse", best, 2*best, 5)
	r.Spec.Lambda = lambda
	r.ID += "-l" + fmtG(lambda)
	return r
}

// near reports whether a and b agree to 1e-9 relatively (NaN matches NaN).
func near(a, b float64) bool {
	if math.IsNaN(a) || math.IsNaN(b) {
		return math.IsNaN(a) && math.IsNaN(b)
	}
	return math.Abs(a-b) <= 1e-9*math.Max(math.Abs(a), math.Abs(b))
}

// Cells follow the definition's label order (unknown labels after it,
// alphabetically), then depth and width; a cell's runs follow their trials.
func TestCellsOfOrder(t *testing.T) {
	recs := []runs.Labeled{
		trialRun("Z", 1, 20, 0, 1e-6, 1),
		trialRun("A", 1, 40, 0, 1e-6, 1),
		trialRun("B", 2, 20, 1, 1e-6, 1),
		trialRun("C", 1, 20, 0, 1e-6, 1),
		trialRun("A", 1, 20, 0, 1e-6, 1),
		trialRun("B", 2, 20, 0, 1e-6, 1),
		trialRun("A", 1, 20, 1, 1e-6, 1),
	}
	cells := cellsOf(recs, []string{"B", "A"}, nil)
	type at struct {
		label        string
		depth, width int
		trials       int
	}
	want := []at{{"B", 2, 20, 2}, {"A", 1, 20, 2}, {"A", 1, 40, 1}, {"C", 1, 20, 1}, {"Z", 1, 20, 1}}
	if len(cells) != len(want) {
		t.Fatalf("%d cells, want %d", len(cells), len(want))
	}
	for i, w := range want {
		c := cells[i]
		if got := (at{c.Label, c.Cfg.Depth, c.Cfg.Width, len(c.Runs)}); got != w {
			t.Errorf("cell %d: %+v, want %+v", i, got, w)
		}
		if c.Cfg.Trial != 0 {
			t.Errorf("cell %d: its spec keeps trial %d", i, c.Cfg.Trial)
		}
		for j, r := range c.Runs {
			if r.Spec.Trial != j {
				t.Errorf("cell %d: run %d is trial %d, want trials in order", i, j, r.Spec.Trial)
			}
		}
	}
	labels, m := byLabel(cells)
	if !slices.Equal(labels, []string{"B", "A", "C", "Z"}) || len(m["A"]) != 2 || m["A"][1].Cfg.Width != 40 {
		t.Errorf("byLabel: %v, A's cells %d", labels, len(m["A"]))
	}
}

func TestSpecLess(t *testing.T) {
	base := runs.Spec{Depth: 2, Width: 20, Lambda: 1e-4, Beta: 1, Noise: 0.1, Init: "msra", InitScale: 1, Act: "relu", Epochs: 10}
	for _, tc := range []struct {
		name string
		edit func(*runs.Spec)
	}{
		{"depth first", func(s *runs.Spec) { s.Depth, s.Width = 3, 10 }},
		{"then width", func(s *runs.Spec) { s.Width, s.Lambda = 40, 1e-6 }},
		{"then λ", func(s *runs.Spec) { s.Lambda, s.Beta = 1e-3, 0.5 }},
		{"then β", func(s *runs.Spec) { s.Beta, s.Noise = 2, 0 }},
		{"then the noise", func(s *runs.Spec) { s.Noise, s.Init = 0.2, "lecun" }},
		{"then the init", func(s *runs.Spec) { s.Init, s.InitScale = "xavier", 0.5 }},
		{"then the init scale", func(s *runs.Spec) { s.InitScale = 8 }},
		{"then the activation", func(s *runs.Spec) { s.Act, s.Epochs = "sigmoid", 1 }},
		{"the epochs last", func(s *runs.Spec) { s.Epochs = 11 }},
	} {
		later := base
		tc.edit(&later)
		if !specLess(base, later) || specLess(later, base) {
			t.Errorf("%s: %+v should sort before %+v", tc.name, base, later)
		}
	}
	if specLess(base, base) {
		t.Error("a spec sorts before itself")
	}
}

// A cell's statistics: diverged runs counted apart and left out, a run
// without the metric counted as missing, the spread on both scales.
func TestCellStat(t *testing.T) {
	recs := []runs.Labeled{trialRun("A", 2, 40, 0, 1e-6, 1e-3), trialRun("A", 2, 40, 1, 1e-6, 3e-3),
		trialRun("A", 2, 40, 2, 1e-6, 1e+100), trialRun("A", 2, 40, 3, 1e-6, 5e-3)}
	recs[2].Result.Diverged = true
	delete(recs[3].Result.Metrics, "train_mse_best")
	delete(recs[1].Result.Metrics, "seconds")
	recs[1].Duration = 9e9 // 9 s: read when the engine reported no seconds
	c := cellsOf(recs, nil, nil)[0]
	s := c.stat("train_mse_best")
	// Mean of 1e-3 and 3e-3; std √((1e-3)² + (1e-3)²) = √2·1e-3; on log10:
	// mean (−3 + log10 3e-3)/2.
	if s.N != 2 || s.Missing != 1 || s.Diverged != 1 || !near(s.Mean, 2e-3) || !near(s.Std, math.Sqrt2*1e-3) ||
		!near(s.LogMean, (-3+math.Log10(3e-3))/2) || len(s.Runs) != 4 {
		t.Errorf("stat: %+v", s)
	}
	if !slices.IsSorted(s.Runs) {
		t.Errorf("stat's runs %v are not sorted", s.Runs)
	}
	if d := c.diverged(); d != 1 {
		t.Errorf("diverged: %d, want 1", d)
	}
	// Seconds 5 (trial 0), 9 (trial 1's duration), 5, 5: mean 6, every run counted.
	if sec := c.seconds(); sec.N != 4 || !near(sec.Mean, 6) {
		t.Errorf("seconds: %+v, want mean 6 over 4 runs", sec)
	}
	if f := c.stat("train_mse_final"); f.N != 3 || !near(f.Mean, 2*(1e-3+3e-3+5e-3)/3) {
		t.Errorf("final: %+v, want the three finite trials' mean", f)
	}
}

// Curves average over the runs that reached an epoch with a finite value.
func TestCellCurves(t *testing.T) {
	a, b := trialRun("A", 2, 40, 0, 1e-6, 1e-3), trialRun("A", 2, 40, 1, 1e-6, 1e-3)
	a.Result.Curves["x"], b.Result.Curves["x"] = []float64{1, 2, 3}, []float64{3, math.NaN()}
	c := cellsOf([]runs.Labeled{a, b}, nil, nil)[0]
	mean, std := c.curve("x")
	wantMean, wantStd := []float64{2, 2, 3}, []float64{math.Sqrt2, math.NaN(), math.NaN()}
	for k := range wantMean {
		if k >= len(mean) || !near(mean[k], wantMean[k]) || !near(std[k], wantStd[k]) {
			t.Fatalf("curve x: %v ± %v, want %v ± %v", mean, std, wantMean, wantStd)
		}
	}
	// run() records layer norms {1, .5, .25} and {2, 1, .5}, alike in both runs.
	if m, s := c.layerCurve(runs.LayerNorm, 2); !slices.Equal(m, []float64{2, 1, 0.5}) || !slices.Equal(s, []float64{0, 0, 0}) {
		t.Errorf("layer 2 norms: %v ± %v", m, s)
	}
	if m, _ := c.layerCurve(runs.LayerNorm, 3); len(m) != 0 {
		t.Errorf("layer 3 of 2: %v, want nothing", m)
	}
	for name, want := range map[string]int{runs.LayerNorm: 2, runs.LayerViolation: 1, "none": 0} {
		if got := c.layers(name); got != want {
			t.Errorf("layers(%s) = %d, want %d", name, got, want)
		}
	}
	if !c.hasCurve("kkt") || c.hasCurve("val_mse") {
		t.Error("hasCurve: kkt is recorded, val_mse is not")
	}
}

// validationCell is a cell chosen on validation: val_mse and test_mse
// curves per trial, the second trial diverged when div.
func validationCell(label string, width int, val, test [2][]float64, div bool) []runs.Labeled {
	var rs []runs.Labeled
	for trial := range 2 {
		r := run("sweep", label, "admm", "sigmoid", 2, width, trial, "test_mse", test[trial][0], test[trial][0], 1)
		r.Result.Curves = map[string][]float64{"val_mse": val[trial], "test_mse": test[trial]}
		r.Result.Diverged = div && trial == 1
		rs = append(rs, r)
	}
	return rs
}

func onValidation(cells []cell) []cell {
	for i := range cells {
		cells[i].metric, cells[i].validation = "test_mse", true
	}
	return cells
}

// The stopping epoch is chosen on the mean validation curve; the reported
// value is the test curve there, never the test curve's own best.
func TestCellOnValidation(t *testing.T) {
	cells := onValidation(cellsOf(validationCell("A", 20,
		[2][]float64{{0.3, 0.2, 0.25}, {0.5, 0.1, 0.2}},
		[2][]float64{{0.9, 0.4, 0.01}, {0.7, 0.6, 0.03}}, false), nil, nil))
	c := cells[0]
	// Mean validation curve 0.4, 0.15, 0.225: epoch 2.
	if ep, score, ok := c.epoch(); !ok || ep != 2 || !near(score, 0.15) {
		t.Errorf("epoch: %d, %g, %v; want 2, 0.15", ep, score, ok)
	}
	if s := c.reported("test_mse"); s.N != 2 || !near(s.Mean, 0.5) {
		t.Errorf("reported: %+v, want test_mse 0.5 at epoch 2 (not 0.02 at epoch 3)", s)
	}
	if name, s := c.chosenOn(); name != "val_mse" || !near(s.Mean, 0.15) {
		t.Errorf("chosenOn: %s %+v, want val_mse 0.15", name, s)
	}
	if got := rankScore(c, Stat{Mean: 99}); !near(got, 0.15) {
		t.Errorf("rankScore: %g, want the validation score 0.15", got)
	}
	if got := epochNote(cells); got != "epoch chosen on validation" {
		t.Errorf("epochNote: %q", got)
	}
	for _, tc := range []struct {
		epoch, n, missing int
	}{{0, 0, 2}, {4, 0, 2}, {3, 2, 0}} {
		if s := c.statAt("val_mse", tc.epoch); s.N != tc.n || s.Missing != tc.missing {
			t.Errorf("statAt epoch %d: n %d, missing %d; want %d, %d", tc.epoch, s.N, s.Missing, tc.n, tc.missing)
		}
	}
	// A diverged trial is left out of the epoch's choice and counted.
	d := onValidation(cellsOf(validationCell("A", 20,
		[2][]float64{{0.3, 0.2}, {0.01, 0.01}}, [2][]float64{{0.9, 0.4}, {0.1, 0.1}}, true), nil, nil))[0]
	if ep, _, _ := d.epoch(); ep != 2 {
		t.Errorf("epoch with a diverged trial: %d, want 2 (the finite trial's best)", ep)
	}
	if s := d.reported("test_mse"); s.N != 1 || s.Diverged != 1 || !near(s.Mean, 0.4) {
		t.Errorf("reported with a diverged trial: %+v, want 0.4 (n=1, 1 diverged)", s)
	}
	plain := cellsOf([]runs.Labeled{trialRun("A", 1, 20, 0, 1e-6, 4e-3)}, nil, nil)
	if got := rankScore(plain[0], Stat{Mean: 7}); got != 7 || epochNote(plain) != "best epoch" {
		t.Errorf("paper's rule: rank score %g, note %q; want the reported mean and best epoch", got, epochNote(plain))
	}
	none := onValidation(cellsOf([]runs.Labeled{trialRun("A", 1, 20, 0, 1e-6, 4e-3)}, nil, nil))
	if got := rankScore(none[0], Stat{Mean: 7}); !math.IsNaN(got) {
		t.Errorf("no validation curve: rank score %g, want NaN", got)
	}
}

// The saturation claim is judged on each run's own relative layer-1/last
// ratio: median over the epochs of ‖ΔW_1‖/‖W_1‖ over the same for the last
// layer; a run without weight norms is left out.
func TestRelativeLayerRatios(t *testing.T) {
	a, b, c := trialRun("A", 2, 40, 0, 1e-6, 1e-3), trialRun("A", 2, 40, 1, 1e-6, 1e-3), trialRun("A", 2, 40, 2, 1e-6, 1e-3)
	// run() records layer norms {1, .5, .25} and {2, 1, .5}.
	a.Result.Layers[runs.LayerWeight] = [][]float64{{10, 10, 10}, {1, 1, 1}} // medians 0.05 and 1
	b.Result.Layers[runs.LayerWeight] = [][]float64{{1, 1, 0}, {2, 2, 2}}    // medians 0.75 (epoch 3 NaN) and 0.5
	cl := cellsOf([]runs.Labeled{a, b, c}, nil, nil)[0]
	st := cl.relativeLayerRatios()
	if st.N != 2 || !near(st.Mean, (0.05+1.5)/2) || len(st.Runs) != 2 {
		t.Errorf("per-run ratios: %+v, want 0.05 and 1.5 over two runs", st)
	}
}
