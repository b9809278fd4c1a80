package estimate

import (
	"fmt"
	"math"
	"sort"
	"strings"
	"time"

	"github.com/admmlab/admmlab/datasets"
	"github.com/admmlab/admmlab/experiments"
	"github.com/admmlab/admmlab/pipeline"
	"github.com/admmlab/admmlab/pipeline/runs"
	"github.com/admmlab/admmlab/pipeline/store"
	"github.com/admmlab/admmlab/solvers"
)

// The cost model behind `plan`'s CPU-hour estimate and the Slurm
// executor's round sizing: a run costs k · epochs · samples · weights
// seconds, weights = Σ over layers of fan-in × fan-out. k is per family:
// refitted (Calibrate) to the store's recorded durations of the same
// profile on the same machine when there are at least MinSample of them,
// else the built-in value, calibrated on the quick profile's recorded
// times on the development machine (2 cores, OpenBLAS; results/ at
// ab75ef3: ADMM 4.75 s at (3,100), 14.8 s at (2,300); SGD 21.3 s at
// (10,180), 28.7 s at (10,200), 200 epochs, 1000 samples; then 1.0e-9 and
// 4.5e-10), scaled by the speed-up of the blocked Cholesky and the AVX-512
// panels (issue #25): the CPU time of a training epoch with its statistics,
// before and after, at the points profile's structures weighted by their
// share of its cost (ADMM 0.69: (5,300) 0.67, (2,300) 0.78, PTB (4,128)
// 0.88, EYB (1,60) 0.27; SGD family 0.73 at (11,400)-(20,300)). The
// n·weights term still fits EYB's 1025-wide input layer (its factorisation
// no longer dominates), so the formula is unchanged. Then refitted, as
// Calibrate does, to the quick profile rerun from scratch after that change
// (2026-12-02, 780 runs, -j 2 on a 2-core Zen 5 machine, 54m41s of run
// time): ADMM 0.69e-9 -> 5.93e-10 (median of 313 runs), SGD family
// 3.3e-10 -> 2.78e-10 (median of 447 runs).
//
// Those were wall-clock times, which a loaded machine inflates. They were
// checked against 18 points runs' CPU time (2026-12-02: estimate / CPU
// median 0.84) and then refitted on CPU time: the quick profile from
// scratch, 1,321 runs at -j 2 on the 2-core AMD EPYC (Zen 5), 2026-12-02,
// 37m57s wall, 1.01 CPU-hours of runs, each run's own thread's CPU time
// recorded. The median of CPU time / work is ADMM 4.94e-10 (634 runs),
// SGD family 2.54e-10 (669 runs); summed over those runs the model gives
// 1.20 CPU-hours for the 1.01 measured (ADMM 0.60 for 0.51, SGD family
// 0.60 for 0.50; EYB's ADMM runs 0.25 for 0.18, the one data set over
// 1.3×), with PTB sized as the mirror holds it (DataShapes: 2,519
// training beats, where the full copy's 7,000 had made every PTB run
// 2.8× too dear). Once Adam's runs counted their update (adamUpdate), the
// SGD family's k refitted the same way to the three quick profiles run
// from scratch that day is 2.15e-10, 2.37e-10 and 2.38e-10: the median,
// 2.37e-10, replaces 2.54e-10 (ADMM's, 4.95-5.08e-10 in the three, stays).
var builtinCost = map[solvers.Family]float64{solvers.FamilyADMM: 4.94e-10, solvers.FamilySGD: 2.37e-10}

// MinSample is the fewest recorded runs of a family that a refit rests
// on: below it, a few small or loaded runs would set k for thousands.
const MinSample = 20

// shape is the samples a run fits on and the data set's input/output
// widths, as the model needs them: the data set's shape as the data
// directory holds it when shapes has it (DataShapes), else datasets.ShapeOf
// (real data sets at the sizes of their full copies, an upper bound when
// the mirror holds a subset); then the run's share of the training split
// (a learning curve's point) less the validation share it holds out, as
// the engine splits them.
func shape(s runs.Spec, shapes map[string]datasets.Shape) (n, in, out int) {
	sh, ok := shapes[s.Data]
	if !ok {
		sh, ok = datasets.ShapeOf(datasets.Name(s.Data), s.Samples)
	}
	if !ok {
		return max(s.Samples, 1000), 1, 1
	}
	n = sh.Train
	if s.TrainFraction > 0 {
		n = int(math.Round(s.TrainFraction * float64(n)))
	}
	if s.Validation > 0 {
		n -= int(s.Validation * float64(n))
	}
	return n, sh.DIn, sh.DOut
}

// costFamily is the family whose k a run's cost takes: its algorithm's, the
// SGD family's for anything else (noise floors cost nothing anyway).
func costFamily(alg string) solvers.Family {
	if a, err := solvers.ParseAlgorithm(alg); err == nil {
		return a.Family()
	}
	return solvers.FamilySGD
}

// adamUpdate is what Adam's update of each weight per step (two moment
// averages, a square root and a division) costs, in samples' worth of the
// products: a step of batch b costs (b + adamUpdate) where SGD's costs b.
// Measured as the ratio of Adam's CPU time per unit of work to the SGD
// family's other members', medians over the toy runs of 5 s or more, all
// at batch 50 (2026-12-02, each run's own CPU time): 1.49 and 1.55 in two
// quick profiles run from scratch (20 and 18 Adam runs), 1.67 in the
// points profile (19); without it every points Adam run was estimated
// 1.7× too cheap (e.g. (11,400) at 2000 epochs: 484 s for 852 s).
const adamUpdate = 30 // 0.6 · 50

// work is the model's epochs · samples · weights of a run, Adam's scaled
// by its update (adamUpdate); 0 for runs that train no net (noise floors).
func work(s runs.Spec, shapes map[string]datasets.Shape) float64 {
	if runs.IsFloor(s.Algorithm) || s.Depth < 1 {
		return 0
	}
	n, in, out := shape(s, shapes)
	w := in*s.Width + (s.Depth-1)*s.Width*s.Width + s.Width*out
	wk := float64(s.Epochs) * float64(n) * float64(w)
	if s.Algorithm == solvers.Adam.String() && s.Batch > 0 {
		wk *= 1 + adamUpdate/float64(s.Batch)
	}
	return wk
}

// storeResolution is the precision of a recorded duration: the store keeps
// whole milliseconds, so a run faster than that (a tiny one on a fast
// machine) is recorded as 0.
const storeResolution = time.Millisecond

// recordedSeconds is a recorded duration in seconds, a 0 (below the
// store's resolution) taken as half the resolution: the run happened and
// was fast, which is what the model must learn from it, not nothing.
func recordedSeconds(d time.Duration) float64 {
	if d < storeResolution {
		return (storeResolution / 2).Seconds()
	}
	return d.Seconds()
}

// Calibration is the model's k per family and what each value rests on.
type Calibration struct {
	K     map[solvers.Family]float64
	Refit map[solvers.Family]int // runs a refitted k rests on; absent: the built-in k
	// OnCPU holds the families whose k was refitted to the runs' CPU time;
	// a family refitted but absent was refitted to their wall-clock time.
	OnCPU   map[solvers.Family]bool
	Found   map[solvers.Family]int // eligible runs found, refitted or not
	CPU     map[solvers.Family]int // of those, the runs whose CPU time was measured
	Profile string                 // the profile whose runs were eligible
	Host    string                 // the machine whose runs were eligible ("": any)
	// Shapes are the real data sets' shapes as the data directory holds
	// them (DataShapes), by name; nil, or a data set it lacks: the full
	// copy's size (datasets.ShapeOf).
	Shapes map[string]datasets.Shape
}

// Calibrate returns the model's k per family. A family's k is refitted
// only from the index's done runs that the profile's plans name (planned:
// run ID → true; the same profile scale) and that ran on host (the same
// machine; "" accepts any, for runs a cluster's nodes recorded), and only
// when there are at least MinSample of them; otherwise it is the built-in
// value. It is the median of CPU time / work over the runs whose CPU time
// was measured when there are at least MinSample of those, else the median
// of wall-clock duration / work over them all: the two are not mixed, and
// CPU time is preferred because wall time grows with the machine's load
// (three processes on two cores make every run's duration half as long
// again as its CPU time, or more). shapes (DataShapes; nil: the full
// copies' sizes) sizes the real data sets, for the refit and the estimates.
func Calibrate(ix *store.Index, planned map[string]bool, profile, host string, shapes map[string]datasets.Shape) Calibration {
	c := Calibration{K: map[solvers.Family]float64{}, Refit: map[solvers.Family]int{}, OnCPU: map[solvers.Family]bool{},
		Found: map[solvers.Family]int{}, CPU: map[solvers.Family]int{}, Profile: profile, Host: host, Shapes: shapes}
	wall, cpu := map[solvers.Family][]float64{}, map[solvers.Family][]float64{}
	if ix != nil {
		for id, r := range ix.ByID {
			if r.Status != runs.StatusDone || !planned[id] || (host != "" && r.Host != host) {
				continue
			}
			if w := work(r.Spec, shapes); w > 0 {
				f := costFamily(r.Spec.Algorithm)
				wall[f] = append(wall[f], recordedSeconds(r.Duration)/w)
				if r.CPU > 0 {
					cpu[f] = append(cpu[f], r.CPU.Seconds()/w)
				}
			}
		}
	}
	for f, def := range builtinCost {
		c.K[f] = def
		c.Found[f], c.CPU[f] = len(wall[f]), len(cpu[f])
		switch {
		case len(cpu[f]) >= MinSample:
			c.K[f], c.Refit[f], c.OnCPU[f] = median(cpu[f]), len(cpu[f]), true
		case len(wall[f]) >= MinSample:
			c.K[f], c.Refit[f] = median(wall[f]), len(wall[f])
		}
	}
	return c
}

// median sorts xs and returns its median (the upper one of an even count).
func median(xs []float64) float64 {
	sort.Float64s(xs)
	return xs[len(xs)/2]
}

// CPUSeconds is the estimated CPU time of the runs.
func (c Calibration) CPUSeconds(specs []runs.Spec) float64 {
	secs := 0.0
	for _, s := range specs {
		secs += c.K[costFamily(s.Algorithm)] * work(s, c.Shapes)
	}
	return secs
}

// String says which calibration each family's k comes from, for `plan`.
func (c Calibration) String() string {
	where := "this host"
	if c.Host == "" {
		where = "any host"
	}
	var parts []string
	for _, f := range []solvers.Family{solvers.FamilyADMM, solvers.FamilySGD} {
		if n := c.Refit[f]; n > 0 && c.OnCPU[f] {
			parts = append(parts, fmt.Sprintf("%s family refitted to the CPU time of this store's %d runs of profile %s on %s (k = %.3g)", f, n, c.Profile, where, c.K[f]))
			continue
		} else if n > 0 {
			parts = append(parts, fmt.Sprintf("%s family refitted to the wall-clock time of this store's %d runs of profile %s on %s (k = %.3g; their CPU time was measured for %d, a refit on it needs %d)",
				f, n, c.Profile, where, c.K[f], c.CPU[f], MinSample))
			continue
		}
		parts = append(parts, fmt.Sprintf("%s family built-in (k = %.3g, from the quick profile on a 2-core machine; the store has %d runs of profile %s on %s, a refit needs %d)",
			f, c.K[f], c.Found[f], c.Profile, where, MinSample))
	}
	return strings.Join(parts, "; ")
}

// GuessRuns lists the runs a waiting experiment will ask for, taking the
// dependency's choice to be its algorithm's paper structure (or, without
// one, its first grid point): the cost model needs structures, not the
// exact choice. A refit stage's runs are guessed per algorithm by
// pipeline.Experiment.GuessChoices, from stored, the stage's runs kept from
// an earlier resolution (StoredRefits), when it has any, among the runs of
// the experiment it refits, listed at that experiment's own dependency's
// choice (a λ × β study at a sweep's choice): resolved[name] when the plan
// resolved it (pipeline.ExperimentState.Best), else the same stand-in.
func GuessRuns(p *pipeline.Plan, e *pipeline.Experiment, stored []runs.Labeled, resolved map[string]*runs.Spec) []runs.Spec {
	var out []runs.Spec
	if e.RefitOf != "" {
		refitted := p.Find(e.RefitOf)
		if refitted == nil {
			return nil
		}
		dep := resolved[refitted.Def.Name]
		if dep == nil {
			dep = guessDependency(p, refitted)
		}
		all := refitted.Expand(dep)
		for _, ls := range e.ExpandRefit(e.GuessChoices(stored, all)) {
			out = append(out, ls.Spec)
		}
		return out
	}
	for _, ls := range e.Expand(guessDependency(p, e)) {
		out = append(out, ls.Spec)
	}
	return out
}

// guessDependency stands in for the choice of the experiment e depends
// on: its algorithm at that algorithm's paper structure, else at its first
// grid point; an empty spec when e depends on nothing (Expand ignores it).
func guessDependency(p *pipeline.Plan, e *pipeline.Experiment) *runs.Spec {
	guess := &runs.Spec{}
	dep := e.Def.DependsOn
	if dep == nil {
		return guess
	}
	if x := p.Find(dep.Experiment); x != nil {
		for _, a := range x.Def.Algorithms {
			if a.Label != dep.Algorithm {
				continue
			}
			guess.Algorithm = a.Algorithm
			if pp, ok := experiments.PaperPoint(a, x.Scale); ok {
				guess.Depth, guess.Width = pp.Depth, pp.Width
			} else if len(a.Grid.Depth) > 0 && len(a.Grid.Width) > 0 {
				guess.Depth, guess.Width = a.Grid.Depth[0], a.Grid.Width[0]
			}
		}
	}
	return guess
}
