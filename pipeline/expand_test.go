package pipeline

import (
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/admmlab/admmlab/experiments"
	"github.com/admmlab/admmlab/pipeline/runs"
)

// squareSweep is the first square-sweep definition, kept here so that the
// test does not move when the catalogue grows.
const squareSweep = `{"name": "square-sweep", "title": "x²", "items": ["table3"], "data": "square", "samples": 1000,
  "metric": "train_mse", "epochs": 2000, "trials": 20, "algorithms": [
    {"label": "ADMM (sigmoid)", "algorithm": "admm", "act": "sigmoid", "lla": "reference",
     "grid": {"depth": [1,2,3,4,5], "width": [20,40,60,80,100], "lambda": [1e-6], "beta": [1], "init": ["msra"], "init_scale": [8], "noise": [0]}},
    {"label": "SGD (ReLU)", "algorithm": "sgd", "act": "relu", "batch": 50, "lr": 0.1,
     "grid": {"depth": [1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20], "width": [20,40,60,80,100], "init": ["msra"], "init_scale": [1], "noise": [0]}}]}`

func TestExpandSquareSweepSmoke(t *testing.T) {
	dir := t.TempDir()
	os.Mkdir(filepath.Join(dir, "defs"), 0o777)
	os.WriteFile(filepath.Join(dir, "defs", "square-sweep.json"), []byte(squareSweep), 0o666)
	builtin, err := os.ReadFile("../experiments/profiles.json")
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(dir, "profiles.json"), builtin, 0o666)
	cat, err := experiments.Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	p, err := NewPlan(cat, "smoke", nil)
	if err != nil {
		t.Fatal(err)
	}
	runs := p.Find("square-sweep").Expand(nil)
	// smoke: depths ≤ 3 then 2 points → ADMM {1,3}×{20,100}, SGD {1,3}×{20,100}; 1 trial.
	if len(runs) != 8 {
		t.Fatalf("%d runs, want 8", len(runs))
	}
	for _, r := range runs {
		s := r.Spec
		if s.Epochs != 20 || s.Samples != 300 || s.Trial != 0 || (s.Depth != 1 && s.Depth != 3) || (s.Width != 20 && s.Width != 100) {
			t.Errorf("unscaled run %+v", s)
		}
		if s.Algorithm == "sgd" && (s.Lambda != 0 || s.Beta != 0 || s.LLA != "" || s.Batch != 50 || s.LR != 0.1) {
			t.Errorf("SGD run with ADMM fields or without its own: %+v", s)
		}
		if s.Algorithm == "admm" && (s.Batch != 0 || s.LR != 0 || s.LLA != "reference" || s.Lambda != 1e-6) {
			t.Errorf("ADMM run fields: %+v", s)
		}
	}
}

func TestScaleDefinitionCapsWidthAndDepth(t *testing.T) {
	d := experiments.Definition{Name: "x", Data: "square", Trials: 20, Epochs: 2000, Algorithms: []experiments.Algorithm{{
		Grid: experiments.Grid{Depth: []int{1, 2, 3, 4, 5, 6}, Width: []int{100, 200, 300, 400, 500}},
	}}}
	global := experiments.Profile{Name: "quick", Scale: experiments.Scale{Trials: 2, MaxPoints: 3}}
	d.Profiles = map[string]experiments.Scale{"quick": {MaxWidth: 300, MaxDepth: 4}}
	s := experiments.EffectiveScale(&d, global)
	if s.MaxWidth != 300 || s.MaxDepth != 4 || s.MaxPoints != 3 || s.Trials != 2 {
		t.Fatalf("effective scale %+v: want the definition's caps over the global thinning", s)
	}
	g := experiments.ScaleDefinition(d, s).Algorithms[0].Grid
	if !slices.Equal(g.Width, []int{100, 200, 300}) || !slices.Equal(g.Depth, []int{1, 3, 4}) {
		t.Errorf("scaled grid: widths %v depths %v, want [100 200 300] and [1 3 4]", g.Width, g.Depth)
	}
}

func TestProfileOverrideAndRealData(t *testing.T) {
	cat := toyCatalogue()
	cat.Definitions[0].Profiles = map[string]experiments.Scale{"smoke": {Trials: 3}}
	cat.Definitions[2].Data = "earthquake"
	p, err := NewPlan(cat, "smoke", []string{"twin"})
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Experiments) != 1 || p.Experiments[0].Def.Samples != 0 {
		t.Fatalf("only twin, with the real data set's own split: %+v", p.Experiments)
	}
	p, _ = NewPlan(cat, "smoke", []string{"study"})
	sweep := p.Find("sweep")
	if sweep == nil || p.Find("twin") != nil {
		t.Fatal("--only study must bring its dependency along, and nothing else")
	}
	// The definition's own trials (3, capped at its 2) override the profile's 1;
	// max_points 1 from the global rule still applies.
	if sweep.Def.Trials != 2 || len(sweep.Def.Algorithms[0].Grid.Width) != 1 {
		t.Errorf("scaled sweep: trials %d, widths %v", sweep.Def.Trials, sweep.Def.Algorithms[0].Grid.Width)
	}
}

func TestValidate(t *testing.T) {
	for _, tc := range []struct {
		name string
		edit func(c *experiments.Catalogue)
		want string
	}{
		{"unknown solver", func(c *experiments.Catalogue) { c.Definitions[0].Algorithms[1].Algorithm = "lbfgs" }, `experiment "sweep": algorithms[1] "SGD (ReLU)": algorithm: unknown "lbfgs"`},
		{"unknown act", func(c *experiments.Catalogue) { c.Definitions[0].Algorithms[1].Act = "gelu" }, `act: unknown "gelu"`},
		{"width 0", func(c *experiments.Catalogue) { c.Definitions[0].Algorithms[0].Grid.Width = []int{0} }, `experiment "sweep": algorithms[0] "ADMM (sigmoid)": grid.width: 0, want 1 to 100000`},
		{"depth 0", func(c *experiments.Catalogue) { c.Definitions[2].Algorithms[0].Grid.Depth = []int{0} }, `experiment "twin": algorithms[0] "SGD again": grid.depth: 0`},
		{"empty grid", func(c *experiments.Catalogue) { c.Definitions[0].Algorithms[1].Grid.Init = nil }, `experiment "sweep": algorithms[1] "SGD (ReLU)": grid.init: empty axis`},
		{"empty lambda", func(c *experiments.Catalogue) { c.Definitions[1].Algorithms[0].Grid.Lambda = nil }, `experiment "study": algorithms[0] "ADMM (sigmoid)": grid.lambda: empty axis`},
		{"cycle", func(c *experiments.Catalogue) {
			c.Definitions[0].DependsOn = &experiments.Dependency{Experiment: "study", Algorithm: "ADMM (sigmoid)", Axes: []string{"beta"}}
		}, `experiment "study": depends_on: dependency cycle study → sweep → study`},
		{"unknown dependency", func(c *experiments.Catalogue) { c.Definitions[1].DependsOn.Experiment = "nope" }, `experiment "study": depends_on.experiment: unknown experiment "nope"`},
		{"unknown label", func(c *experiments.Catalogue) { c.Definitions[1].DependsOn.Algorithm = "Adam" }, `depends_on.algorithm: no label "Adam" in experiment "sweep"`},
		{"unknown data", func(c *experiments.Catalogue) { c.Definitions[2].Data = "mnist" }, `experiment "twin": data: unknown "mnist"`},
		{"admm relu", func(c *experiments.Catalogue) { c.Definitions[0].Algorithms[0].Act = "relu" }, `experiment "sweep": algorithms[0] "ADMM (sigmoid)": act: admm needs a differentiable activation`},
		{"unknown metric", func(c *experiments.Catalogue) { c.Definitions[0].Metric = "loss" }, `experiment "sweep": metric: unknown "loss"`},
		{"trials 0", func(c *experiments.Catalogue) { c.Definitions[0].Trials = 0 }, `experiment "sweep": trials: 0, want 1 to 1000`},
		{"trials 1e6", func(c *experiments.Catalogue) { c.Definitions[0].Trials = 1e6 }, `experiment "sweep": trials: 1000000, want 1 to 1000`},
		{"depth 1e4", func(c *experiments.Catalogue) { c.Definitions[0].Algorithms[0].Grid.Depth = []int{2, 1e4} }, `grid.depth: 10000, want 1 to 1000`},
		{"file named", func(c *experiments.Catalogue) { c.Definitions[0].File = "defs/sweep.json"; c.Definitions[0].Trials = 0 }, `defs/sweep.json: experiment "sweep": trials: 0`},
		{"epochs 0", func(c *experiments.Catalogue) { c.Definitions[0].Epochs = -1 }, `experiment "sweep": epochs: -1, want 1 to 1000000`},
		{"duplicate", func(c *experiments.Catalogue) { c.Definitions[2].Name = "sweep" }, `experiment "sweep": name: defined twice`},
		{"unknown selection", func(c *experiments.Catalogue) { c.Definitions[0].Select = &experiments.Selection{On: "train"} }, `experiment "sweep": select.on: unknown "train", want one of test, validation`},
		{"validation without fraction", func(c *experiments.Catalogue) { c.Definitions[0].Select = &experiments.Selection{On: "validation"} }, `experiment "sweep": select.fraction: 0, want a share of the training set in (0, 0.5]`},
		{"test with fraction", func(c *experiments.Catalogue) {
			c.Definitions[0].Select = &experiments.Selection{On: "test", Fraction: 0.2}
		}, `select.fraction: 0.2, but select.on is "test"`},
		{"variant of a toy task", func(c *experiments.Catalogue) { c.Definitions[0].DataVariant = "drop-corrupted" }, `experiment "sweep": data_variant: "drop-corrupted", but data set "square" has no variants`},
		{"unknown variant", func(c *experiments.Catalogue) { c.Definitions[0].Data, c.Definitions[0].DataVariant = "eyb", "keep" }, `data_variant: unknown "keep", want one of keep-corrupted, drop-corrupted, `},
		{"unknown loss", func(c *experiments.Catalogue) {
			c.Definitions[2].Data = "eyb"
			c.Definitions[2].Algorithms[0].Loss = "hinge"
		}, `experiment "twin": algorithms[0] "SGD again": loss: unknown "hinge", want one of square, xent`},
		{"xent for admm", func(c *experiments.Catalogue) {
			c.Definitions[0].Data = "eyb"
			c.Definitions[0].Algorithms[0].Loss = "xent"
		}, `experiment "sweep": algorithms[0] "ADMM (sigmoid)": loss: "xent" is for the SGD family (sgd, sgdm, adam); admm minimises the square loss`},
		{"xent on regression", func(c *experiments.Catalogue) { c.Definitions[2].Algorithms[0].Loss = "xent" }, `algorithms[0] "SGD again": loss: "xent" needs classification data (a real data set), not the regression task square`},
		{"xent file named", func(c *experiments.Catalogue) {
			c.Definitions[2].File = "defs/twin.json"
			c.Definitions[2].Algorithms[0].Loss = "xent"
		}, `defs/twin.json: experiment "twin": algorithms[0] "SGD again": loss:`},
		{"refit on test", func(c *experiments.Catalogue) {
			c.Definitions[0].Select = &experiments.Selection{On: "test", Refit: true}
		}, `experiment "sweep": select.refit: true, but select.on is "test"`},
		{"each without refit", func(c *experiments.Catalogue) {
			c.Definitions[0].Select = &experiments.Selection{On: "validation", Fraction: 0.2, Each: true}
		}, `experiment "sweep": select.each: true, but select.refit is not`},
		{"sgd lambda", func(c *experiments.Catalogue) { c.Definitions[2].Algorithms[0].Grid.Lambda = []float64{1} }, `lla, beta_rule, lambda and beta are for admm, not sgd`},
		{"train fraction above 1", func(c *experiments.Catalogue) {
			c.Definitions[0].Data = "ptb"
			c.Definitions[0].Algorithms[0].Grid.TrainFraction = []float64{0.5, 2}
		}, `grid.train_fraction: 2, want a share in (0, 1]`},
		{"train fraction of a toy task", func(c *experiments.Catalogue) { c.Definitions[0].Algorithms[0].Grid.TrainFraction = []float64{0.5} },
			`grid.train_fraction: a share of a real data set's training split; the toy task square sets its size with samples`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := toyCatalogue()
			tc.edit(c)
			_, err := NewPlan(c, "full", nil)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("got %v\nwant it to contain %s", err, tc.want)
			}
		})
	}
	if err := Validate(toyCatalogue().Definitions); err != nil {
		t.Errorf("valid catalogue rejected: %v", err)
	}
	c := toyCatalogue()
	c.Definitions[2].Data = "eyb"
	c.Definitions[2].Algorithms[0].Loss = "xent"
	c.Definitions[0].Algorithms[1].Loss = "square" // the default, spelled out: valid anywhere
	if err := Validate(c.Definitions); err != nil {
		t.Errorf("xent on eyb and an explicit square loss rejected: %v", err)
	}
}

// TestLossInSpec checks that a column's loss reaches its runs' specs, and
// that the square loss, written or not, leaves a spec's canonical JSON (so
// its key) exactly what it was before the loss was a setting.
func TestLossInSpec(t *testing.T) {
	// The canonical JSON of an SGD run as the cache stored it before
	// Spec.Loss existed.
	const before = `{"data":"eyb","noise":0,"algorithm":"sgd","act":"relu","depth":1,"width":20,"init":"msra","init_scale":1,"epochs":5,"batch":50,"lr":0.1,"trial":0,"validation":0.2}`
	for _, tc := range []struct{ loss, want string }{
		{"", before},
		{"square", before},
		{"xent", before[:len(before)-1] + `,"loss":"xent"}`},
	} {
		d := experiments.Definition{Name: "x", Data: "eyb", Metric: "test_acc", Epochs: 5, Trials: 1,
			Select: &experiments.Selection{On: "validation", Fraction: 0.2},
			Algorithms: []experiments.Algorithm{{Label: "SGD", Algorithm: "sgd", Act: "relu", Batch: 50, LR: 0.1, Loss: tc.loss,
				Grid: experiments.Grid{Depth: []int{1}, Width: []int{20}, Init: []string{"msra"}, InitScale: []float64{1}, Noise: []float64{0}}}}}
		specs := (&Experiment{Def: d}).Expand(nil)
		if len(specs) != 1 {
			t.Fatalf("loss %q: %d runs, want 1", tc.loss, len(specs))
		}
		if got := string(specs[0].Spec.Canonical()); got != tc.want {
			t.Errorf("loss %q: canonical spec\n%s\nwant\n%s", tc.loss, got, tc.want)
		}
	}
}

// TestBuiltinCatalogueValid checks the shipped definitions under every profile.
func TestBuiltinCatalogueValid(t *testing.T) {
	cat, err := experiments.Load("")
	if err != nil {
		t.Fatal(err)
	}
	for _, prof := range cat.Profiles {
		p, err := NewPlan(cat, prof.Name, nil)
		if err != nil {
			t.Fatalf("profile %s: %v", prof.Name, err)
		}
		n := 0
		for _, e := range p.Experiments {
			n += len(e.Expand(&runs.Spec{}))
		}
		t.Logf("profile %s: %d experiments, %d skipped, about %d runs", prof.Name, len(p.Experiments), len(p.Skipped), n)
	}
}

// A train_fraction axis expands into one run per share and trial, the
// whole split (1) written as a spec without the axis, so that the learning
// curve's last point is the sweep's own run.
func TestExpandTrainFraction(t *testing.T) {
	d := experiments.Definition{Name: "lc", Data: "ptb", Epochs: 2, Trials: 2, Metric: "test_acc",
		Algorithms: []experiments.Algorithm{{Label: "SGD", Algorithm: "sgd", Act: "relu", Batch: 10, LR: 0.1, Grid: experiments.Grid{
			Depth: []int{1}, Width: []int{4}, Init: []string{"msra"}, InitScale: []float64{1}, Noise: []float64{0},
			TrainFraction: []float64{0.25, 0.5, 1},
		}}}}
	count := map[float64]int{}
	for _, s := range (&Experiment{Def: d}).Expand(nil) {
		count[s.Spec.TrainFraction]++
	}
	if want := map[float64]int{0.25: 2, 0.5: 2, 0: 2}; !reflect.DeepEqual(count, want) {
		t.Errorf("runs per share %v, want %v", count, want)
	}
	d.Algorithms[0].Grid.TrainFraction = nil
	for _, s := range (&Experiment{Def: d}).Expand(nil) {
		if s.Spec.TrainFraction != 0 {
			t.Errorf("no axis: train_fraction %g, want the whole split (0)", s.Spec.TrainFraction)
		}
	}
}
