package pipeline

import (
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/admmlab/admmlab/experiments"
	"github.com/admmlab/admmlab/solvers"
)

// Membership says that an experiment asked for a run under a column label.
type Membership struct {
	Experiment string `json:"experiment"`
	Label      string `json:"label"`
}

// LabeledSpec is one run an experiment asks for.
type LabeledSpec struct {
	Label string
	Spec  RunSpec
}

// Experiment is one definition under one profile.
type Experiment struct {
	Def   experiments.Definition // scaled by the profile
	Scale experiments.Scale      // the effective scale
	Stage int                    // 0 without a dependency, else its dependency's stage + 1
}

// Plan is the validated catalogue under a profile, in dependency order.
type Plan struct {
	Profile     string
	Experiments []*Experiment // by stage, then by name
	// Skipped lists the experiments the profile leaves out.
	Skipped []string
}

// NewPlan validates the catalogue and scales it by the named profile. only,
// when not empty, selects experiments by name; their dependencies come along,
// because a dependent cannot be expanded without them.
func NewPlan(cat *experiments.Catalogue, profile string, only []string) (*Plan, error) {
	if err := Validate(cat.Definitions); err != nil {
		return nil, err
	}
	prof, err := cat.Profile(profile)
	if err != nil {
		return nil, err
	}
	byName := map[string]experiments.Definition{}
	for _, d := range cat.Definitions {
		byName[d.Name] = d
	}
	want := map[string]bool{}
	for _, name := range only {
		if _, ok := byName[name]; !ok {
			return nil, fmt.Errorf("unknown experiment %q, want one of %s", name, strings.Join(sortedKeys(byName), ", "))
		}
		for n := name; n != "" && !want[n]; {
			want[n] = true
			if dep := byName[n].DependsOn; dep != nil {
				n = dep.Experiment
			} else {
				n = ""
			}
		}
	}
	p := &Plan{Profile: prof.Name}
	for _, d := range cat.Definitions {
		if len(only) > 0 && !want[d.Name] {
			continue
		}
		s := EffectiveScale(&d, prof)
		if s.Skip || (s.PaperOnly && !HasPaperStructure(&d)) {
			p.Skipped = append(p.Skipped, d.Name)
			continue
		}
		stage := 0
		for x := d; x.DependsOn != nil; x = byName[x.DependsOn.Experiment] {
			stage++
		}
		p.Experiments = append(p.Experiments, &Experiment{Def: ScaleDefinition(d, s), Scale: s, Stage: stage})
	}
	// A dependent of a skipped experiment cannot run either.
	for _, e := range p.Experiments {
		if dep := e.Def.DependsOn; dep != nil && slices.Contains(p.Skipped, dep.Experiment) {
			return nil, fmt.Errorf("experiment %q: depends_on.experiment: %q is skipped by profile %s", e.Def.Name, dep.Experiment, prof.Name)
		}
	}
	slices.SortStableFunc(p.Experiments, func(a, b *Experiment) int {
		if a.Stage != b.Stage {
			return a.Stage - b.Stage
		}
		return strings.Compare(a.Def.Name, b.Def.Name)
	})
	return p, nil
}

// Find returns the named experiment of the plan, or nil.
func (p *Plan) Find(name string) *Experiment {
	for _, e := range p.Experiments {
		if e.Def.Name == name {
			return e
		}
	}
	return nil
}

// Expand lists the experiment's runs: per algorithm, the cross product of its
// grid (depth, width, lambda, beta, init, init_scale, noise, in that nesting
// order) times the trials. best, for an experiment with a dependency, is the
// chosen configuration whose axes replace the experiment's own.
func (e *Experiment) Expand(best *RunSpec) []LabeledSpec {
	d := e.Def
	var validation float64
	if SelectsOnValidation(d) {
		validation = d.Select.Fraction
	}
	var out []LabeledSpec
	for _, a := range d.Algorithms {
		g := a.Grid
		if best != nil && d.DependsOn != nil {
			g = substitute(g, *best, d.DependsOn.Axes, a.Algorithm)
		}
		lambdas, betas := g.Lambda, g.Beta
		lla := ""
		if a.Algorithm == solvers.ADMM.String() {
			lla = a.LLA
			if lla == "" {
				lla = solvers.LLAReference.String()
			}
		} else {
			// ADMM-only fields stay zero for the SGD family, so that an SGD
			// run is the same run whichever ADMM settings sit beside it.
			lambdas, betas = []float64{0}, []float64{0}
		}
		batch, lr := a.Batch, a.LR
		if a.Algorithm == solvers.ADMM.String() {
			batch, lr = 0, 0
		}
		for _, st := range structures(g) {
			depth, width := st.Depth, st.Width
			for _, lambda := range lambdas {
				for _, beta := range betas {
					for _, init := range g.Init {
						for _, scale := range g.InitScale {
							for _, noise := range g.Noise {
								for t := 0; t < d.Trials; t++ {
									out = append(out, LabeledSpec{Label: a.Label, Spec: RunSpec{
										Data: d.Data, Noise: noise, Algorithm: a.Algorithm, Act: a.Act,
										Depth: depth, Width: width, Init: init, InitScale: scale,
										Epochs: d.Epochs, Batch: batch, LR: lr,
										Lambda: lambda, Beta: beta, LLA: lla, BetaRule: a.BetaRule,
										Samples: d.Samples, Trial: t,
										DataVariant: d.DataVariant, Validation: validation,
									}})
								}
							}
						}
					}
				}
			}
		}
	}
	return append(out, e.floorRuns()...)
}

// NoiseFloorLabel is the column label of a definition's noise-floor runs.
const NoiseFloorLabel = "noise floor"

// FloorAlgorithm is the RunSpec algorithm of a noise-floor estimator, e.g.
// "floor:linear".
func FloorAlgorithm(estimator string) string { return "floor:" + estimator }

// IsFloor reports whether alg names a noise-floor estimator.
func IsFloor(alg string) bool { return strings.HasPrefix(alg, "floor:") }

// floorRuns lists the noise-floor runs: one per noise level of the
// definition's algorithms and trial. They train no net, so their specs hold
// only what defines the data (and the estimator), and every experiment on
// the same data shares them.
func (e *Experiment) floorRuns() []LabeledSpec {
	d := e.Def
	if d.NoiseFloor == "" {
		return nil
	}
	var noises []float64
	for _, a := range d.Algorithms {
		for _, v := range a.Grid.Noise {
			if !slices.Contains(noises, v) {
				noises = append(noises, v)
			}
		}
	}
	slices.Sort(noises)
	validation := FloorValidation(d)
	var out []LabeledSpec
	for _, noise := range noises {
		for t := 0; t < d.Trials; t++ {
			out = append(out, LabeledSpec{Label: NoiseFloorLabel, Spec: RunSpec{
				Data: d.Data, Noise: noise, Algorithm: FloorAlgorithm(d.NoiseFloor), Samples: d.Samples, Trial: t,
				Validation: validation,
			}})
		}
	}
	return out
}

// DefaultValidation is the share of the training set held out when a
// choice must be made without the test set and the definition declares no
// select.fraction: the radial noise floor's polynomial degree.
const DefaultValidation = 0.2

// FloorValidation is the validation share of d's noise-floor runs: the
// split the estimator chooses its settings on, made like any run's
// (RunSpec.Validation). Only "radial-poly" chooses anything; "linear" gets
// none. A definition that selects on validation lends its fraction;
// otherwise DefaultValidation applies.
func FloorValidation(d experiments.Definition) float64 {
	if d.NoiseFloor != "radial-poly" {
		return 0
	}
	if SelectsOnValidation(d) {
		return d.Select.Fraction
	}
	return DefaultValidation
}

// structures lists the grid's (depth, width) points: the cross product,
// then the extra points not already in it.
func structures(g experiments.Grid) []experiments.Structure {
	var out []experiments.Structure
	for _, d := range g.Depth {
		for _, w := range g.Width {
			out = append(out, experiments.Structure{Depth: d, Width: w})
		}
	}
	for _, x := range g.Extra {
		if !slices.Contains(out, x) {
			out = append(out, x)
		}
	}
	return out
}

// substitute replaces the named axes of g, a grid of a column of algorithm
// alg, by the values of best. Method axes (init, init_scale, lambda, beta)
// are replaced only when alg is best's algorithm.
func substitute(g experiments.Grid, best RunSpec, axes []string, alg string) experiments.Grid {
	for _, ax := range axes {
		if alg != best.Algorithm && (ax == "init" || ax == "init_scale" || ax == "lambda" || ax == "beta") {
			continue
		}
		switch ax {
		case "depth":
			g.Depth, g.Extra = []int{best.Depth}, nil
		case "width":
			g.Width, g.Extra = []int{best.Width}, nil
		case "lambda":
			g.Lambda = []float64{best.Lambda}
		case "beta":
			g.Beta = []float64{best.Beta}
		case "init":
			g.Init = []string{best.Init}
		case "init_scale":
			g.InitScale = []float64{best.InitScale}
		case "noise":
			g.Noise = []float64{best.Noise}
		}
	}
	return g
}

// MetricValue reads an experiment's metric from a result: the best value
// over the epochs ("<metric>_best", the paper's choice) when the run reports
// it, else the final one.
func MetricValue(r Result, metric string) (float64, bool) {
	for _, k := range []string{metric + "_best", metric + "_final", metric} {
		if v, ok := r.Metrics[k]; ok {
			return v, true
		}
	}
	return 0, false
}

// Choice is the configuration Best (or BestOnValidation) picked.
type Choice struct {
	Spec     RunSpec // the configuration, Trial 0
	Mean     float64 // mean metric over its trials that did not diverge (on validation: the mean validation curve at Epoch)
	Trials   int     // trials that count in Mean
	Diverged int     // trials that diverged, left out of Mean
	// Epoch is the 1-based stopping epoch chosen on validation; 0 under
	// Best, where every run is read at its own best epoch.
	Epoch int
}

// Best picks, among the runs of one label, the configuration with the best
// mean metric over its trials: the lowest, or the highest for accuracy. It is
// the one rule for "best" that the pipeline (dependencies) and the report
// (tables, figures) share:
//
//   - a diverged trial is left out of its configuration's mean and counted
//     (its last value is whatever the net reached before blowing up, no error
//     estimate);
//   - a configuration whose every trial diverged, or whose mean is NaN,
//     loses to any number;
//   - ties go to the first configuration in the order given.
func Best(metric string, specs []RunSpec, results []Result) (Choice, error) {
	type group struct {
		spec     RunSpec
		sum      float64
		n, div   int
		position int
	}
	groups := map[string]*group{}
	for i, s := range specs {
		s.Trial = 0
		h := s.SpecHash()
		g := groups[h]
		if g == nil {
			g = &group{spec: s, position: len(groups)}
			groups[h] = g
		}
		if results[i].Diverged {
			g.div++
			continue
		}
		v, ok := MetricValue(results[i], metric)
		if !ok {
			return Choice{}, fmt.Errorf("run %s has no metric %s", specs[i].SpecHash()[:12], metric)
		}
		g.sum += v
		g.n++
	}
	if len(groups) == 0 {
		return Choice{}, fmt.Errorf("no runs to choose from")
	}
	mean := func(g *group) float64 {
		if g.n == 0 {
			return math.NaN()
		}
		return g.sum / float64(g.n)
	}
	better := func(a, b float64) bool {
		if math.IsNaN(b) {
			return !math.IsNaN(a)
		}
		if HigherIsBetter(metric) {
			return a > b
		}
		return a < b
	}
	var best *group
	for _, g := range groups {
		if best == nil {
			best = g
			continue
		}
		a, b := mean(g), mean(best)
		if better(a, b) || (!better(b, a) && g.position < best.position) {
			best = g
		}
	}
	return Choice{Spec: best.spec, Mean: mean(best), Trials: best.n, Diverged: best.div}, nil
}
