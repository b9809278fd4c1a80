package main

import (
	"context"
	"fmt"
	"io"
	"sort"
	"time"

	"github.com/admmlab/admmlab/datasets"
	"github.com/admmlab/admmlab/experiments"
	"github.com/admmlab/admmlab/pipeline"
	"github.com/admmlab/admmlab/pipeline/runs"
	"github.com/admmlab/admmlab/pipeline/store"
	"github.com/admmlab/admmlab/solvers"
)

// The cost model behind `plan`'s CPU-hour estimate: a run costs
// k · epochs · samples · weights seconds, weights = Σ over layers of
// fan-in × fan-out. k is per family: the median over the store's recorded
// durations of that family when it holds any, else the built-in value,
// calibrated on the quick profile's recorded times on the development
// machine (2 cores, OpenBLAS; results/ at ab75ef3: ADMM 4.75 s at (3,100),
// 14.8 s at (2,300); SGD 21.3 s at (10,180), 28.7 s at (10,200), 200
// epochs, 1000 samples; then 1.0e-9 and 4.5e-10), scaled by the speed-up
// of the blocked Cholesky and the AVX-512 panels (issue #25): the CPU time
// of a training epoch with its statistics, before and after, at the points
// profile's structures weighted by their share of its cost (ADMM 0.69: (5,300)
// 0.67, (2,300) 0.78, PTB (4,128) 0.88, EYB (1,60) 0.27; SGD family 0.73 at
// (11,400)-(20,300)). The n·weights term still fits EYB's 1025-wide input
// layer (its factorisation no longer dominates), so the formula is unchanged.
var builtinCost = map[solvers.Family]float64{solvers.FamilyADMM: 0.69e-9, solvers.FamilySGD: 3.3e-10}

// shape is the samples a run fits on and the data set's input/output
// widths, as the model needs them: datasets.ShapeOf (real data sets at the
// sizes of their full copies, an upper bound when the mirror holds a
// subset), less the validation share the run holds out.
func shape(s runs.Spec) (n, in, out int) {
	sh, ok := datasets.ShapeOf(datasets.Name(s.Data), s.Samples)
	if !ok {
		return max(s.Samples, 1000), 1, 1
	}
	n = sh.Train
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

// work is the model's epochs · samples · weights of a run; 0 for runs that
// train no net (noise floors).
func work(s runs.Spec) float64 {
	if runs.IsFloor(s.Algorithm) || s.Depth < 1 {
		return 0
	}
	n, in, out := shape(s)
	w := in*s.Width + (s.Depth-1)*s.Width*s.Width + s.Width*out
	return float64(s.Epochs) * float64(n) * float64(w)
}

// calibrate returns k per family from the index's done runs, and how many
// runs each value rests on (0: the built-in value).
func calibrate(ix *store.Index) (k map[solvers.Family]float64, n map[solvers.Family]int) {
	ratios := map[solvers.Family][]float64{}
	if ix != nil {
		for _, r := range ix.ByID {
			if r.Status != runs.StatusDone || r.Duration <= 0 {
				continue
			}
			if w := work(r.Spec); w > 0 {
				f := costFamily(r.Spec.Algorithm)
				ratios[f] = append(ratios[f], r.Duration.Seconds()/w)
			}
		}
	}
	k, n = map[solvers.Family]float64{}, map[solvers.Family]int{}
	for f, def := range builtinCost {
		k[f] = def
		if rs := ratios[f]; len(rs) > 0 {
			sort.Float64s(rs)
			k[f], n[f] = rs[len(rs)/2], len(rs)
		}
	}
	return k, n
}

// guessRuns lists the runs a waiting experiment will ask for, taking the
// dependency's choice to be its algorithm's paper structure (or, without
// one, its first grid point): the cost model needs structures, not the
// exact choice.
func guessRuns(p *pipeline.Plan, e *pipeline.Experiment) []runs.Spec {
	guess := runs.Spec{}
	if dep := e.Def.DependsOn; dep != nil {
		for x := p.Find(dep.Experiment); x != nil; x = nil {
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
	}
	var out []runs.Spec
	for _, ls := range e.Expand(&guess) {
		out = append(out, ls.Spec)
	}
	return out
}

// printCost writes the estimated CPU time of the pending runs and of the
// runs waiting on dependencies (at a guessed structure), calibrated on the
// selection's store when it holds done runs.
func printCost(w io.Writer, sel selection, pending, later []runs.Spec, jobs int) error {
	var ix *store.Index
	st, err := store.OpenExisting(sel.store)
	if err != nil {
		return inputErrorf("%v", err)
	}
	if st != nil {
		defer st.Close()
		if ix, err = st.Index(context.Background()); err != nil {
			return inputErrorf("store %s: %v", sel.store, err)
		}
	}
	k, n := calibrate(ix)
	var secs, laterSecs float64
	for _, s := range pending {
		secs += k[costFamily(s.Algorithm)] * work(s)
	}
	for _, s := range later {
		laterSecs += k[costFamily(s.Algorithm)] * work(s)
	}
	src := "built-in cost model calibrated on the quick profile's recorded durations on a 2-core machine"
	if n[solvers.FamilyADMM]+n[solvers.FamilySGD] > 0 {
		src = fmt.Sprintf("cost model fitted to this store's recorded durations (%d ADMM, %d SGD-family runs; built-in value for a family without any)", n[solvers.FamilyADMM], n[solvers.FamilySGD])
	}
	total := secs + laterSecs
	wall := time.Duration(total / float64(max(jobs, 1)) * float64(time.Second)).Round(time.Minute)
	fmt.Fprintf(w, "estimated cost: %.2f CPU-hours, about %s wall at -j %d: %.2f CPU-hours for the %d pending runs and %.2f for the %d runs waiting on dependencies (taken at the paper's structure) (%s)\n",
		total/3600, wall, jobs, secs/3600, len(pending), laterSecs/3600, len(later), src)
	return nil
}
