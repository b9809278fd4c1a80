package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/admmlab/admmlab/pipeline"
	"github.com/admmlab/admmlab/pipeline/estimate"
	"github.com/admmlab/admmlab/pipeline/runs"
)

// printCost writes the estimated CPU time of the pending runs and of the
// runs waiting on dependencies (at a guessed structure), and which
// calibration of the cost model it used; the real data sets are sized as
// the data directory holds them. With cached runs it adds what they cost
// as recorded, so that the selection's whole cost is one figure, not an
// estimate of what is left that shrinks as the store fills.
func printCost(w io.Writer, sel selection, p *pipeline.Plan, c pipeline.PlanCounts, later []runs.Spec, jobs int) error {
	pending := c.Pending
	host, _ := os.Hostname()
	shapes := estimate.DataShapes(context.Background(), p, sel.dataDir)
	cal, err := estimate.CalibrateStore(sel.store, p.Profile, host, shapes)
	if err != nil {
		return inputErrorf("%v", err)
	}
	secs, laterSecs := cal.CPUSeconds(pending), cal.CPUSeconds(later)
	total := secs + laterSecs
	wall := time.Duration(total / float64(max(jobs, 1)) * float64(time.Second)).Round(time.Minute)
	fmt.Fprintf(w, "estimated cost: %.2f CPU-hours, about %s wall at -j %d: %.2f CPU-hours for the %d pending runs and %.2f for the %d runs waiting on dependencies (taken at the paper's structure; a refit stage at the choices its stored runs made, stopped where they stopped, else at full length)\n",
		total/3600, wall, jobs, secs/3600, len(pending), laterSecs/3600, len(later))
	if len(c.Cached) > 0 {
		rec, err := estimate.StoredCost(sel.store, c.Cached)
		if err != nil {
			return inputErrorf("%v", err)
		}
		fmt.Fprintf(w, "recorded cost: %.2f CPU-hours for the %d cached runs as they ran", rec.Hours(), rec.Runs)
		if rec.Unmeasured > 0 {
			fmt.Fprintf(w, " (%d of them without CPU time, counted at their wall time)", rec.Unmeasured)
		}
		if rec.Missing > 0 {
			// Cached from a base store, which plan does not read for cost.
			fmt.Fprintf(w, "; %d not in this store, not counted", rec.Missing)
		}
		fmt.Fprintf(w, "; with the estimate, %.2f CPU-hours in all\n", rec.Hours()+total/3600)
	}
	fmt.Fprintf(w, "calibration: %s\n", cal)
	return nil
}
