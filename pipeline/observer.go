package pipeline

import (
	"time"

	"github.com/admmlab/admmlab/pipeline/store"
)

// Observer follows a Runner as it works, e.g. to draw a progress line. The
// Runner calls Begin once, before anything runs, then Experiment and
// Queued as it plans each stage, and Started and Finished from the workers
// as runs start and end (concurrently: implementations lock). Nil means
// nobody watches.
type Observer interface {
	// Begin hands over the stored runs (durations to estimate from) and
	// the parallelism.
	Begin(ix *store.Index, jobs int)
	// Experiment registers n runs this invocation will execute for name.
	Experiment(name string, n int)
	// Queued notes a run that will execute.
	Queued(run *PlannedRun)
	// Started notes a queued run that a worker begins.
	Started(run *PlannedRun)
	// Finished notes a run that ended after d, done or (failed) not.
	Finished(run *PlannedRun, d time.Duration, failed bool)
}

// quiet is the Observer of a Runner nobody watches.
type quiet struct{}

func (quiet) Begin(*store.Index, int)                   {}
func (quiet) Experiment(string, int)                    {}
func (quiet) Queued(*PlannedRun)                        {}
func (quiet) Started(*PlannedRun)                       {}
func (quiet) Finished(*PlannedRun, time.Duration, bool) {}
