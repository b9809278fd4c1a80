//go:build !linux

package pipeline

import "time"

// threadCPU reports no per-thread CPU time: outside Linux a run's CPU time
// is recorded as 0, not measured.
func threadCPU() (time.Duration, bool) { return 0, false }
