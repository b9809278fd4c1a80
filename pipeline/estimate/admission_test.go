package estimate

import (
	"runtime"
	"testing"
)

// TestSpareProcessor: GOMAXPROCS ends above the workers, and is never
// lowered.
func TestSpareProcessor(t *testing.T) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(0))
	for _, tc := range []struct{ before, jobs, want int }{
		{2, 1, 2},
		{2, 2, 3},
		{2, 5, 6},
		{8, 3, 8},
	} {
		runtime.GOMAXPROCS(tc.before)
		SpareProcessor(tc.jobs)
		if got := runtime.GOMAXPROCS(0); got != tc.want {
			t.Errorf("GOMAXPROCS %d, -j %d: now %d, want %d", tc.before, tc.jobs, got, tc.want)
		}
	}
}
