package pipeline

import (
	"context"

	"github.com/admmlab/admmlab/pipeline/runs"
)

// Executor runs specs. It is the pipeline's only door to numerics: the
// pipeline itself knows nothing of matrices.
type Executor interface {
	// Execute runs one spec. A returned error marks the run failed (retried on
	// the next invocation); ctx cancellation must be honoured promptly.
	Execute(ctx context.Context, spec runs.Spec) (runs.Result, error)
	// CodeFingerprint names the solver code that computes spec.
	CodeFingerprint(spec runs.Spec) string
	// DataDigest names the preprocessed data spec reads; ok is false when the
	// data set is not available (reason says why and what file to place).
	DataDigest(spec runs.Spec) (digest string, ok bool, reason string, err error)
}
