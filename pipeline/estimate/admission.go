package estimate

import (
	"errors"
	"fmt"
	"runtime"
	"slices"

	"github.com/admmlab/admmlab/pipeline"
	"github.com/admmlab/admmlab/pipeline/runs"
)

// CheckPlan refuses, before anything runs, every algorithm of the plan
// whose largest run (its deepest and widest net) is estimated to need more
// than limit bytes, naming the file, the field to change and the estimate.
// Axes a dependency supplies are checked in the experiment they come from.
func CheckPlan(p *pipeline.Plan, est pipeline.MemoryEstimator, limit float64) error {
	var errs []error
	for _, e := range p.Experiments {
		if e.RefitOf != "" {
			continue // its runs are grid points of RefitOf, checked there
		}
		d := &e.Def
		for i, a := range d.Algorithms {
			g := a.Grid
			if len(g.Depth) == 0 || len(g.Width) == 0 {
				continue
			}
			spec := runs.Spec{Data: d.Data, Algorithm: a.Algorithm, Act: a.Act, Batch: a.Batch, Samples: d.Samples, Epochs: d.Epochs}
			need := func(depth, width int) float64 {
				s := spec
				s.Depth, s.Width = depth, width
				b, ok := est.MemoryEstimate(s)
				if !ok {
					return 0
				}
				return b
			}
			dMax, wMax := slices.Max(g.Depth), slices.Max(g.Width)
			worst := need(dMax, wMax)
			if worst <= limit {
				continue
			}
			var field string
			switch {
			case need(1, 1) > limit:
				field = "samples"
			case need(1, wMax) > limit:
				field = fmt.Sprintf("grid.width: %d", wMax)
			case need(dMax, 1) > limit:
				field = fmt.Sprintf("grid.depth: %d", dMax)
			default:
				field = fmt.Sprintf("grid.depth × grid.width: %d × %d", dMax, wMax)
			}
			file := ""
			if d.File != "" {
				file = d.File + ": "
				if pos := d.FieldPosition(fmt.Sprintf("algorithms[%d] %q: %s", i, a.Label, field)); pos != "" {
					file = d.File + ":" + pos + ": "
				}
			}
			errs = append(errs, fmt.Errorf("%sexperiment %q: algorithms[%d] %q: %s: a run of depth %d and width %d on %s needs an estimated %s of memory, more than the %s this machine has",
				file, d.Name, i, a.Label, field, dMax, wMax, d.Data, pipeline.FormatBytes(worst), pipeline.FormatBytes(limit)))
		}
	}
	if len(errs) == 0 {
		return nil
	}
	return fmt.Errorf("runs too large for this machine, nothing was run:\n%w", errors.Join(errs...))
}

// JobsPerCore bounds the workers: more than cores × JobsPerCore only queue
// for the processors while each holds its run's memory (a run computes on
// one thread), and a typo such as -j 1000000 must not allocate a million
// workers and processors.
const JobsPerCore = 4

// MaxJobs is the most workers that can usefully run at once on this
// machine: its cores × JobsPerCore. The Runner further starts no more
// workers in a stage than it has pending runs, and the memory admission
// (CheckPlan, Runner's MemoryLimit) refuses a run that cannot fit at all.
func MaxJobs() int { return runtime.NumCPU() * JobsPerCore }

// SpareProcessor makes GOMAXPROCS exceed jobs, the number of workers (of
// run and verify). A worker spends most of its time inside OpenBLAS calls
// through cgo, and while a call lasts the runtime counts its P as in a
// system call; when no P is idle, sysmon takes such a P away after 20 µs
// and the call's return pays for getting one back. With a 30 µs GEMM (an
// SGD minibatch product) that costs about a fifth of the run (measured:
// 43 µs per product with -j 2 and GOMAXPROCS=2, 33 µs with GOMAXPROCS=3).
// The spare P stays idle: each run computes on one thread.
func SpareProcessor(jobs int) {
	if runtime.GOMAXPROCS(0) <= jobs {
		runtime.GOMAXPROCS(jobs + 1)
	}
}
