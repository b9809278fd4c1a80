//go:build !unix

package admm

import "time"

// processCPU is not measured off unix: the cpu-ns/op metric reads 0.
func processCPU() time.Duration { return 0 }
