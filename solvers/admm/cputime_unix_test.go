//go:build unix

package admm

import (
	"syscall"
	"time"
)

// processCPU returns the CPU time (user and system) the process has used.
// On a machine shared with other work a benchmark's wall time counts the
// time other processes held the core; its CPU time does not.
func processCPU() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
