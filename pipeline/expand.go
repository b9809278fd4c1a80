package pipeline

import (
	"fmt"
	"slices"
	"strings"

	"github.com/admmlab/admmlab/experiments"
	"github.com/admmlab/admmlab/pipeline/runs"
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
	Spec  runs.Spec
}

// Experiment is one definition under one profile.
type Experiment struct {
	Def   experiments.Definition // scaled by the profile
	Scale experiments.Scale      // the effective scale
	Stage int                    // 0 without a dependency, else its dependency's stage + 1
	// RefitOf, when set, makes this the refit stage of the named experiment
	// (runs.Refits): Def is that experiment's, renamed runs.RefitName, and
	// its runs are the configurations chosen there, trained on the whole
	// training split (see refit.go).
	RefitOf string
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
		// A refit stage comes with its experiment, and only with it.
		if parent, ok := strings.CutSuffix(name, runs.RefitName("")); ok && runs.Refits(byName[parent]) {
			name = parent
		}
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
		s := experiments.EffectiveScale(&d, prof)
		if s.Skip || (s.PaperOnly && !experiments.HasPaperStructure(&d)) {
			p.Skipped = append(p.Skipped, d.Name)
			continue
		}
		stage := 0
		for x := d; x.DependsOn != nil; x = byName[x.DependsOn.Experiment] {
			stage++
		}
		e := &Experiment{Def: experiments.ScaleDefinition(d, s), Scale: s, Stage: stage}
		p.Experiments = append(p.Experiments, e)
		if runs.Refits(d) {
			p.Experiments = append(p.Experiments, refitStage(e))
		}
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
func (e *Experiment) Expand(best *runs.Spec) []LabeledSpec {
	d := e.Def
	var validation float64
	if runs.SelectsOnValidation(d) {
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
		fractions := trainFractions(g)
		for _, st := range structures(g) {
			depth, width := st.Depth, st.Width
			for _, lambda := range lambdas {
				for _, beta := range betas {
					for _, init := range g.Init {
						for _, scale := range g.InitScale {
							for _, noise := range g.Noise {
								for _, frac := range fractions {
									for t := 0; t < d.Trials; t++ {
										out = append(out, LabeledSpec{Label: a.Label, Spec: runs.Spec{
											Data: d.Data, Noise: noise, Algorithm: a.Algorithm, Act: a.Act,
											Depth: depth, Width: width, Init: init, InitScale: scale,
											Epochs: d.Epochs, Batch: batch, LR: lr,
											Lambda: lambda, Beta: beta, LLA: lla, BetaRule: a.BetaRule,
											Samples: d.Samples, Trial: t,
											DataVariant: d.DataVariant, Validation: validation, TrainFraction: frac,
											Loss: runs.SpecLoss(a.Loss),
										}})
									}
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

// trainFractions are the spec values of the grid's train_fraction axis: the
// whole split (share 1) is written 0, the spec of a run without the axis,
// so that a learning curve's last point is the sweep's own run.
func trainFractions(g experiments.Grid) []float64 {
	if len(g.TrainFraction) == 0 {
		return []float64{0}
	}
	out := make([]float64, len(g.TrainFraction))
	for i, f := range g.TrainFraction {
		if f < 1 {
			out[i] = f
		}
	}
	return out
}

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
	validation := runs.FloorValidation(d)
	var out []LabeledSpec
	for _, noise := range noises {
		for t := 0; t < d.Trials; t++ {
			out = append(out, LabeledSpec{Label: runs.NoiseFloorLabel, Spec: runs.Spec{
				Data: d.Data, Noise: noise, Algorithm: runs.FloorAlgorithm(d.NoiseFloor), Samples: d.Samples, Trial: t,
				Validation: validation,
			}})
		}
	}
	return out
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
func substitute(g experiments.Grid, best runs.Spec, axes []string, alg string) experiments.Grid {
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
