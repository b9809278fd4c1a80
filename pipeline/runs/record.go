package runs

import (
	"context"
	"time"
)

// Run statuses as stored.
const (
	StatusDone    = "done"    // finished; Result is valid (it may have diverged)
	StatusFailed  = "failed"  // returned an error; retried on the next invocation
	StatusRunning = "running" // claimed by a live invocation
)

// Key is a run's cache key, kept as its separate components so that `plan`
// and `explain` can say which one changed.
type Key struct {
	SpecHash        string `json:"spec_hash"`
	CodeFingerprint string `json:"code_fingerprint"`
	DataDigest      string `json:"data_digest"`
	Toolchain       string `json:"toolchain"`
}

// Record is one stored run.
type Record struct {
	ID       string        `json:"id"` // hash of the Key's components
	Key      Key           `json:"key"`
	Spec     Spec          `json:"spec"`
	Status   string        `json:"status"`
	Error    string        `json:"error,omitempty"`
	Result   Result        `json:"result"`
	Duration time.Duration // wall-clock time of the run
	// CPU is the CPU time of the thread that computed the run (see
	// pipeline's Runner): unlike Duration it does not grow when the machine
	// is loaded. 0 means not measured (a run recorded before it was, or on
	// a system without per-thread CPU time).
	CPU      time.Duration
	Started  time.Time
	Finished time.Time
	Host     string
	Commit   string
}

// Labeled is a run as an experiment sees it: under the algorithm label of
// the column it belongs to.
type Labeled struct {
	Experiment string
	Label      string
	Record
}

// Source is the read-only view of results that the report uses.
type Source interface {
	// ExperimentRuns returns the current (latest key) done runs of an
	// experiment as last planned, with their algorithm labels, without their
	// curves (Result.Curves and Result.Layers are nil): an experiment may
	// hold thousands of long runs, and most of the report reads metrics.
	ExperimentRuns(ctx context.Context, experiment string) ([]Labeled, error)
	// Curves returns the curves of the run with the given ID: a Result with
	// only Curves and Layers set.
	Curves(ctx context.Context, id string) (Result, error)
}
