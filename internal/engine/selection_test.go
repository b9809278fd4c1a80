package engine

import (
	"context"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/admmlab/admmlab/datasets"
	"github.com/admmlab/admmlab/experiments"
	"github.com/admmlab/admmlab/pipeline"
	"github.com/admmlab/admmlab/pipeline/runs"
	"github.com/admmlab/admmlab/pipeline/store"
	"github.com/admmlab/admmlab/report"
	"github.com/admmlab/admmlab/report/plot"
)

// selectionCatalogue is a small PTB sweep (the 5,237-beat subset of the
// shared mirror) that selects on validation: two widths, two λ, two init
// scales, two trials, a few epochs; and an initialisation study at the
// ADMM structure and λ chosen there.
func selectionCatalogue() *experiments.Catalogue {
	grid := experiments.Grid{Depth: []int{1}, Width: []int{4, 8}, Init: []string{"msra"}, InitScale: []float64{0.1, 1}, Noise: []float64{0}}
	admm := grid
	admm.Lambda, admm.Beta = []float64{1e-6, 1e-1}, []float64{1}
	return &experiments.Catalogue{
		Definitions: []experiments.Definition{{
			Name: "ptb-sweep", Title: "small PTB sweep", Items: []string{"table10"}, Data: "ptb", Metric: "test_acc",
			Select: &experiments.Selection{On: runs.SelectOnValidation, Fraction: 0.2},
			Epochs: 6, Trials: 2,
			Algorithms: []experiments.Algorithm{
				{Label: "ADMM (sigmoid)", Algorithm: "admm", Act: "sigmoid", LLA: "reference", Grid: admm},
				{Label: "SGD (ReLU)", Algorithm: "sgd", Act: "relu", Batch: 100, LR: 0.1, Grid: grid},
			},
		}, {
			Name: "ptb-inits", Title: "small PTB init study", Items: []string{"fig18b"}, Data: "ptb", Metric: "test_acc",
			Select: &experiments.Selection{On: runs.SelectOnValidation, Fraction: 0.2},
			Epochs: 3, Trials: 1,
			Algorithms: []experiments.Algorithm{{Label: "ADMM (sigmoid)", Algorithm: "admm", Act: "sigmoid", LLA: "reference",
				Grid: experiments.Grid{Lambda: []float64{0.5}, Beta: []float64{1}, Init: []string{"xavier", "msra"}, InitScale: []float64{1}, Noise: []float64{0}}}},
			DependsOn: &experiments.Dependency{Experiment: "ptb-sweep", Algorithm: "ADMM (sigmoid)", Axes: []string{"depth", "width", "lambda"}},
		}},
		Profiles: []experiments.Profile{{Name: "full", Description: "test"}},
	}
}

// flipTestLabels negates every test target of a ±1 task: the test labels
// change, nothing else does.
func flipTestLabels(ds *datasets.Dataset) *datasets.Dataset {
	out := *ds
	out.Test.Y = make([]float64, len(ds.Test.Y))
	for i, y := range ds.Test.Y {
		out.Test.Y[i] = -y
	}
	return &out
}

// runInto runs the catalogue into a fresh store and renders its report.
func runInto(t *testing.T, cat *experiments.Catalogue, e *Engine) (*store.Store, string) {
	t.Helper()
	dir := t.TempDir()
	st, err := store.Open(filepath.Join(dir, "runs.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	plan, err := pipeline.NewPlan(cat, "full", nil)
	if err != nil {
		t.Fatal(err)
	}
	r := &pipeline.Runner{Store: st, Exec: e, Opt: pipeline.Options{Jobs: 1}}
	if _, err := r.Run(context.Background(), plan); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "report")
	if _, err := report.Build(context.Background(), report.Options{Catalogue: cat, Profile: "full", Source: st.Results("full"), Out: out, Draw: plot.PNG}); err != nil {
		t.Fatal(err)
	}
	return st, out
}

// Changing only the test labels cannot change what is chosen on
// validation: the chosen λ, structure, init scale and stopping epoch are
// the same in both stores and in both rendered tables, while the test
// accuracies they report differ.
func TestTestLabelsCannotMoveTheChoice(t *testing.T) {
	if _, err := os.Stat(filepath.Join(sharedData(t), "ptbdb_subset")); err != nil {
		t.Fatal(err)
	}
	cat := selectionCatalogue()
	opt := Options{DataDir: sharedData(t), CacheDir: t.TempDir()}
	plain, plainOut := runInto(t, cat, New(opt))
	flipped := New(opt)
	flipped.alter = flipTestLabels
	other, otherOut := runInto(t, cat, flipped)

	a, b := validationChoices(t, plain, "ptb-sweep", "test_acc"), validationChoices(t, other, "ptb-sweep", "test_acc")
	if len(a) != 2 || !reflect.DeepEqual(a, b) {
		t.Fatalf("choices differ when only test labels change:\n%+v\n%+v", a, b)
	}
	// The study runs at the structure and λ chosen on validation, not at
	// the λ its own grid names (0.5, in no sweep).
	study, err := plain.Results("full").ExperimentRuns(context.Background(), "ptb-inits")
	if err != nil || len(study) != 2 {
		t.Fatalf("ptb-inits: %d runs, %v; want 2", len(study), err)
	}
	for _, r := range study {
		c := a["ADMM (sigmoid)"].Spec
		if r.Spec.Depth != c.Depth || r.Spec.Width != c.Width || r.Spec.Lambda != c.Lambda {
			t.Errorf("ptb-inits ran at depth %d width %d λ %g, want the chosen %d, %d, %g", r.Spec.Depth, r.Spec.Width, r.Spec.Lambda, c.Depth, c.Width, c.Lambda)
		}
	}
	for label, c := range a {
		t.Logf("%s: chose depth %d width %d λ %g init scale %g, epoch %d (val_acc %.4f)", label, c.Spec.Depth, c.Spec.Width, c.Spec.Lambda, c.Spec.InitScale, c.Epoch, c.Mean)
	}

	ta, tb := readFile(t, plainOut, "tables/table10.md"), readFile(t, otherOut, "tables/table10.md")
	ca, cb := chosenColumn(t, ta), chosenColumn(t, tb)
	if !reflect.DeepEqual(ca, cb) {
		t.Errorf("rendered choices differ:\n%q\n%q", ca, cb)
	}
	if ta == tb {
		t.Error("the two tables are identical: flipping the test labels should move the reported test accuracy")
	}
	if !strings.Contains(ta, "Chosen on validation data, never on the test set") {
		t.Errorf("table10 does not state the selection rule:\n%s", ta)
	}
}

// validationChoices is, per algorithm of the experiment, the configuration
// and epoch runs.BestOnValidation chooses from the store's runs.
func validationChoices(t *testing.T, st *store.Store, exp, metric string) map[string]runs.Choice {
	t.Helper()
	recs, err := st.Results("full").ExperimentRuns(context.Background(), exp)
	if err != nil {
		t.Fatal(err)
	}
	by := map[string][]runs.Labeled{}
	for _, r := range recs {
		if r.Label != runs.NoiseFloorLabel {
			by[r.Label] = append(by[r.Label], r)
		}
	}
	out := map[string]runs.Choice{}
	for label, rs := range by {
		var specs []runs.Spec
		var results []runs.Result
		for _, r := range rs {
			curves, err := st.Curves(context.Background(), r.ID)
			if err != nil {
				t.Fatal(err)
			}
			res := r.Result
			res.Curves = curves.Curves
			specs = append(specs, r.Spec)
			results = append(results, res)
		}
		c, err := runs.BestOnValidation(metric, specs, results)
		if err != nil {
			t.Fatal(err)
		}
		out[label] = c
	}
	return out
}

func readFile(t *testing.T, dir, rel string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, rel))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// chosenColumn returns, per table row, the (depth, width) and the
// "chosen on validation" cells.
func chosenColumn(t *testing.T, md string) []string {
	t.Helper()
	var out []string
	for _, line := range strings.Split(md, "\n") {
		cols := strings.Split(line, " | ")
		if len(cols) != 14 || !strings.HasPrefix(line, "| ") || strings.HasPrefix(line, "| Algorithm") {
			continue
		}
		out = append(out, cols[0]+" "+cols[1]+" "+cols[13])
	}
	if len(out) == 0 {
		t.Fatalf("no result rows with a chosen column in:\n%s", md)
	}
	return out
}
