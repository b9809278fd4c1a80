package pipeline

import (
	"fmt"

	"github.com/admmlab/admmlab/pipeline/runs"
)

// MemoryEstimator can say, before a run starts, about how many bytes the
// run will hold at most; ok is false when it cannot tell (an unknown data
// set). The estimate package implements it; the Runner refuses a run
// estimated above Options.MemoryLimit.
type MemoryEstimator interface {
	MemoryEstimate(spec runs.Spec) (bytes float64, ok bool)
}

// FormatBytes writes a byte count with a binary unit: "1.5 GiB".
func FormatBytes(b float64) string {
	units := []string{"B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB", "ZiB", "YiB"}
	i := 0
	for b >= 1024 && i < len(units)-1 {
		b /= 1024
		i++
	}
	if i == 0 {
		return fmt.Sprintf("%.0f B", b)
	}
	return fmt.Sprintf("%.3g %s", b, units[i])
}
