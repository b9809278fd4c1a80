package main

import (
	"fmt"
	"time"

	"github.com/admmlab/admmlab/pipeline"
	"github.com/admmlab/admmlab/pipeline/runs"
	"github.com/admmlab/admmlab/pipeline/store"
)

// summary prints, from the store after the last merge, the lines a local
// run ends with: per experiment what ran (done now, not before this
// invocation), was cached, failed, was skipped or waits, and the total. It
// returns the number of failed runs.
func (r *slurmRun) summary(states []*pipeline.ExperimentState, before map[string]bool, elapsed time.Duration) (int, error) {
	ix, err := storeIndex(r.store)
	if err != nil {
		return 0, inputErrorf("store %s: %v", r.store, err)
	}
	var total pipeline.Counts
	var runTime time.Duration
	seen := map[string]bool{}
	for _, st := range states {
		var c pipeline.Counts
		var own time.Duration
		var notes []string
		switch {
		case st.Unavailable:
			c.Skipped, total.Skipped = c.Skipped+st.Expected, total.Skipped+st.Expected
			notes = append(notes, st.Waiting)
		case st.Waiting != "":
			c.Waiting, total.Waiting = c.Waiting+st.Expected, total.Waiting+st.Expected
			notes = append(notes, st.Waiting)
		}
		reasons := map[string]int{}
		var order []string
		mine := map[string]bool{}
		for _, run := range st.Runs {
			one := outcomeOf(run, ix, before)
			switch {
			case mine[run.ID]:
			case !seen[run.ID]:
				seen[run.ID] = true
				addCounts(&total, one)
				addCounts(&c, one)
				if one.Ran > 0 {
					own += ix.ByID[run.ID].Duration
				}
			case one.Ran+one.Failed > 0:
				c.Shared++
			default:
				addCounts(&c, one)
			}
			mine[run.ID] = true
			if run.State == pipeline.StateSkipped {
				if reasons[run.Why] == 0 {
					order = append(order, run.Why)
				}
				reasons[run.Why]++
			}
		}
		runTime += own
		for _, why := range order {
			notes = append(notes, fmt.Sprintf("skipped %d runs: %s", reasons[why], why))
		}
		fmt.Fprintf(r.w, "%s: %s; run time %s\n", st.Def.Name, c, roundDuration(own))
		for _, n := range notes {
			fmt.Fprintf(r.w, "  %s\n", n)
		}
	}
	fmt.Fprintf(r.w, "total: %s in %s (run time %s over Slurm tasks of -j %d)\n", total, roundDuration(elapsed), roundDuration(runTime), r.f.cpus)
	if total.Waiting > 0 {
		fmt.Fprintln(r.w, waitingNote(total.Waiting, false))
	}
	return total.Failed, nil
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

func addCounts(dst *pipeline.Counts, c pipeline.Counts) {
	dst.Ran += c.Ran
	dst.Cached += c.Cached
	dst.Failed += c.Failed
	dst.Skipped += c.Skipped
	dst.Interrupted += c.Interrupted
	dst.Shared += c.Shared
}

func roundDuration(d time.Duration) time.Duration {
	if d < time.Second {
		return d.Round(time.Millisecond)
	}
	return d.Round(100 * time.Millisecond)
}

// plural writes n and the noun, with an s unless n is 1.
func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}
