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
// the data directory holds them.
func printCost(w io.Writer, sel selection, p *pipeline.Plan, pending, later []runs.Spec, jobs int) error {
	host, _ := os.Hostname()
	shapes := estimate.DataShapes(context.Background(), p, sel.dataDir)
	c, err := estimate.CalibrateStore(sel.store, p.Profile, host, shapes)
	if err != nil {
		return inputErrorf("%v", err)
	}
	secs, laterSecs := c.CPUSeconds(pending), c.CPUSeconds(later)
	total := secs + laterSecs
	wall := time.Duration(total / float64(max(jobs, 1)) * float64(time.Second)).Round(time.Minute)
	fmt.Fprintf(w, "estimated cost: %.2f CPU-hours, about %s wall at -j %d: %.2f CPU-hours for the %d pending runs and %.2f for the %d runs waiting on dependencies (taken at the paper's structure; a refit stage at the choices its stored runs made, stopped where they stopped, else at full length)\n",
		total/3600, wall, jobs, secs/3600, len(pending), laterSecs/3600, len(later))
	fmt.Fprintf(w, "calibration: %s\n", c)
	return nil
}
