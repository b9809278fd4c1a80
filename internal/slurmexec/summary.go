package slurmexec

import (
	"fmt"
	"time"

	"github.com/admmlab/admmlab/internal/inputerr"
	"github.com/admmlab/admmlab/pipeline"
	"github.com/admmlab/admmlab/pipeline/runs"
	"github.com/admmlab/admmlab/pipeline/store"
)

// summary prints, from the store after the last merge, the lines a local
// run ends with: per experiment what ran (done now, not before this
// invocation), was cached, failed, was skipped or waits, and the total,
// which it returns.
func (r *slurmRun) summary(states []*pipeline.ExperimentState, before map[string]bool, elapsed time.Duration) (pipeline.Counts, error) {
	ix, err := StoreIndex(r.store)
	if err != nil {
		return pipeline.Counts{}, inputerr.Inputf("store %s: %v", r.store, err)
	}
	sum := pipeline.Summarize(states, func(run *pipeline.PlannedRun) (pipeline.Counts, time.Duration) {
		c := outcomeOf(run, ix, before)
		if c.Ran > 0 {
			return c, ix.ByID[run.ID].Duration
		}
		return c, 0
	})
	sum.Elapsed, sum.Workers = elapsed, fmt.Sprintf("Slurm tasks of -j %d", r.f.CPUs)
	sum.Print(r.w)
	if sum.Total.Waiting > 0 {
		fmt.Fprintln(r.w, r.f.WaitingNote(sum.Total.Waiting))
	}
	return sum.Total, nil
}

// outcomeOf classifies a run as the summary counts it.
func outcomeOf(run *pipeline.PlannedRun, ix *store.Index, before map[string]bool) pipeline.Counts {
	var c pipeline.Counts
	switch {
	case run.State == pipeline.StateCached && before[run.ID]:
		c.Cached = 1
	case run.State == pipeline.StateCached:
		c.Ran = 1
	case run.State == pipeline.StateSkipped:
		c.Skipped = 1
	case ix != nil && ix.ByID[run.ID].Status == runs.StatusFailed:
		c.Failed = 1
	default:
		c.Interrupted = 1 // pending, not run: the rounds were cut short
	}
	return c
}

// plural writes n and the noun, with an s unless n is 1.
func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}
