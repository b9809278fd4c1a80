package pipeline

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

// RunRecord is one stored run.
type RunRecord struct {
	ID       string  `json:"id"` // hash of the Key's components
	Key      Key     `json:"key"`
	Spec     RunSpec `json:"spec"`
	Status   string  `json:"status"`
	Error    string  `json:"error,omitempty"`
	Result   Result  `json:"result"`
	Duration time.Duration
	Started  time.Time
	Finished time.Time
	Host     string
	Commit   string
}

// LabeledRun is a run as an experiment sees it: under the algorithm label of
// the column it belongs to.
type LabeledRun struct {
	Experiment string
	Label      string
	RunRecord
}

// ResultSource is the read-only view of results that the report uses.
type ResultSource interface {
	// ExperimentRuns returns the current (latest key) done runs of an
	// experiment as last planned, with their algorithm labels.
	ExperimentRuns(ctx context.Context, experiment string) ([]LabeledRun, error)
}
