package report

import (
	"fmt"
	"math"
	"strings"
	"testing"

	"github.com/admmlab/admmlab/experiments"
	"github.com/admmlab/admmlab/pipeline/runs"
)

// accRun is a run of an experiment choosing on validation, with its
// test_acc (and, when held out, val_acc) curves.
func accRun(label string, width, trial int, validation float64, test, val []float64) runs.Labeled {
	spec := runs.Spec{Data: "eyb", Algorithm: "sgd", Act: "relu", Depth: 1, Width: width, Init: "lecun-gauss", InitScale: 1,
		Epochs: len(test), Batch: 50, LR: 0.1, Trial: trial, Validation: validation, Loss: runs.LossXent}
	curves := map[string][]float64{"test_acc": test}
	if val != nil {
		curves["val_acc"] = val
	}
	return runs.Labeled{Experiment: "eyb-sweep", Label: label, Record: runs.Record{
		ID: fmt.Sprintf("w%d-t%d-v%g", width, trial, validation), Spec: spec, Status: runs.StatusDone,
		Result: runs.Result{Metrics: map[string]float64{"test_acc_final": test[len(test)-1], "test_acc_best": 1}, Curves: curves},
	}}
}

// TestRefittedRows checks that a table's chosen cell reads the refit runs
// of the chosen configuration at the epoch chosen on validation, keeps the
// held-out model's value beside it (and under its own summary key), and
// says when the refit runs are still to come.
func TestRefittedRows(t *testing.T) {
	const l = "SGD (ReLU) xent"
	// Width 20 is chosen (val_acc 0.9 at epoch 2); its held-out models
	// score 0.84 and 0.86 there, its refits 0.94 and 0.96. A refit of the
	// width not chosen must be ignored.
	held := []runs.Labeled{
		accRun(l, 10, 0, 0.2, []float64{.1, .2, .3}, []float64{.4, .5, .6}),
		accRun(l, 10, 1, 0.2, []float64{.1, .2, .3}, []float64{.4, .5, .6}),
		accRun(l, 20, 0, 0.2, []float64{.5, .84, .8}, []float64{.5, .9, .8}),
		accRun(l, 20, 1, 0.2, []float64{.5, .86, .8}, []float64{.5, .9, .8}),
	}
	refit := []runs.Labeled{
		accRun(l, 20, 0, 0, []float64{.6, .94, .9}, nil),
		accRun(l, 20, 1, 0, []float64{.6, .96, .9}, nil),
		accRun(l, 10, 0, 0, []float64{.99, .99, .99}, nil),
	}
	def := func(refit bool) experiments.Definition {
		return experiments.Definition{Name: "eyb-sweep", Data: "eyb", Metric: "test_acc", Epochs: 3, Trials: 2,
			Select:     &experiments.Selection{On: runs.SelectOnValidation, Fraction: 0.2, Refit: refit},
			Algorithms: []experiments.Algorithm{{Label: l, Algorithm: "sgd", Act: "relu", Loss: runs.LossXent}}}
	}
	for _, tc := range []struct {
		name              string
		e                 expRuns
		best              float64
		refitted, pending bool
		chosen            string
	}{
		{"refitted", expRuns{def: def(true), runs: held, refit: refit}, 0.95, true, false, "the 80%-model value: 85"},
		{"refit runs not stored yet", expRuns{def: def(true), runs: held}, 0.85, false, true, "*refit pending*"},
		{"no refit declared", expRuns{def: def(false), runs: held, refit: refit}, 0.85, false, false, "epoch 2 ("},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rows := bestRows(tc.e)
			if len(rows) != 1 {
				t.Fatalf("%d rows, want 1", len(rows))
			}
			r := rows[0]
			if r.Cell.Cfg.Width != 20 || r.Epoch != 2 {
				t.Fatalf("chose width %d at epoch %d, want 20 at 2", r.Cell.Cfg.Width, r.Epoch)
			}
			if math.Abs(r.Best.Mean-tc.best) > 1e-12 || r.Best.N != 2 || r.Refitted != tc.refitted || r.RefitPending != tc.pending {
				t.Errorf("best %v (n=%d), refitted %v, pending %v; want %v (n=2), %v, %v", r.Best.Mean, r.Best.N, r.Refitted, r.RefitPending, tc.best, tc.refitted, tc.pending)
			}
			if got := chosenText("test_acc", r, nil); !strings.Contains(got, tc.chosen) {
				t.Errorf("chosen column %q, want it to contain %q", got, tc.chosen)
			}
			b := &builder{an: newAnalysis("quick", "c")}
			b.recordRow("table9", "test_acc", r)
			heldKey := "table9/" + l + "/held_out/test_acc_best"
			if n, ok := b.an.Summary.Numbers[heldKey]; ok != tc.refitted || (ok && math.Abs(float64(n.Value)-0.85) > 1e-12) {
				t.Errorf("summary %s = %v, %v; want 0.85 exactly when refitted", heldKey, n.Value, ok)
			}
			if n := b.an.Summary.Numbers["table9/"+l+"/test_acc_best"]; math.Abs(float64(n.Value)-tc.best) > 1e-12 {
				t.Errorf("summary test_acc_best = %v, want the table's %v", n.Value, tc.best)
			}
		})
	}
	if intro := refitIntro(def(true), "test_acc"); !strings.Contains(intro, "refitted on the whole training split at the chosen epoch (2 trials") ||
		!strings.Contains(intro, "80%-model value") {
		t.Errorf("legend %q does not say what the refitted cell is", intro)
	}
}

// TestLossNote checks that the settings tables name the columns that do
// not minimise the square loss.
func TestLossNote(t *testing.T) {
	sq := experiments.Definition{Name: "square-sweep", Algorithms: []experiments.Algorithm{{Label: "SGD (ReLU)"}}}
	x := experiments.Definition{Name: "eyb-sweep", Algorithms: []experiments.Algorithm{{Label: "SGD (ReLU)"}, {Label: "SGD (ReLU) xent", Loss: runs.LossXent}}}
	for _, tc := range []struct {
		defs []experiments.Definition
		want string
	}{
		{[]experiments.Definition{sq}, "square loss everywhere."},
		{[]experiments.Definition{sq, x}, "except the columns SGD (ReLU) xent of eyb-sweep, which minimise softmax cross-entropy"},
	} {
		if got := lossNote(tc.defs); !strings.Contains(got, tc.want) {
			t.Errorf("lossNote = %q, want it to contain %q", got, tc.want)
		}
	}
}

// TestPointsColumnRefitted checks that the points column of a refitting
// experiment reads, like the chosen cell, the points profile's refit runs,
// keeping the held-out model's value beside it.
func TestPointsColumnRefitted(t *testing.T) {
	const l = "A xent"
	d := experiments.Definition{Name: "eyb-sweep", Data: "eyb", Metric: "test_acc", Epochs: 3, Trials: 2,
		Select:     &experiments.Selection{On: runs.SelectOnValidation, Fraction: 0.2, Refit: true},
		Algorithms: []experiments.Algorithm{{Label: l, Algorithm: "sgd", Act: "relu", Loss: runs.LossXent}}}
	held := []runs.Labeled{
		accRun(l, 20, 0, 0.2, []float64{.5, .84, .8}, []float64{.5, .9, .8}),
		accRun(l, 20, 1, 0.2, []float64{.5, .86, .8}, []float64{.5, .9, .8}),
	}
	for _, tc := range []struct {
		name  string
		refit []runs.Labeled
		want  string
		mean  float64
	}{
		{"refitted", []runs.Labeled{accRun(l, 20, 0, 0, []float64{.6, .94, .9}, nil), accRun(l, 20, 1, 0, []float64{.6, .96, .9}, nil)},
			"; refitted, the 80%-model value: 85", 0.95},
		{"pending", nil, "; *refit pending*", 0.85},
	} {
		t.Run(tc.name, func(t *testing.T) {
			b := &builder{defs: map[string]experiments.Definition{d.Name: d}, prof: experiments.Profile{Name: "quick"}, an: newAnalysis("quick", "c"),
				opt:    Options{Points: fakeSource{d.Name: held, runs.RefitName(d.Name): tc.refit}},
				points: map[string][]runs.Labeled{d.Name: held, runs.RefitName(d.Name): tc.refit}}
			v := &resultsFinder{b: b, e: expRuns{def: d}, resultsView: &resultsView{it: item{ID: "table9", Exp: d.Name}, def: d, metric: "test_acc",
				pointsMeans: map[string]trialMean{}, pointsEdges: map[string]string{}, pointsEpochs: 3}}
			// The points cell is found first (analyze), then written.
			v.found = map[string]rowFinding{l: {points: v.findPoints(l)}}
			w := newResultsWriter(v.resultsView)
			col := w.pointsColumn(l)
			if !strings.Contains(col, tc.want) {
				t.Errorf("points column %q, want it to contain %q", col, tc.want)
			}
			// The README's copy says refitted or pending, without the
			// held-out model's value.
			if brief := w.pointsBrief[l]; brief.tail != briefRefit(tc.want) || strings.Contains(brief.head, "80%") {
				t.Errorf("README's points cell %q, want it to end in %q", brief, briefRefit(tc.want))
			}
			if m := v.pointsMeans[l].Mean; math.Abs(m-tc.mean) > 1e-12 {
				t.Errorf("points mean %v, want %v", m, tc.mean)
			}
		})
	}
}
