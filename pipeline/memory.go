package pipeline

import (
	"errors"
	"fmt"
	"slices"

	"github.com/admmlab/admmlab/pipeline/runs"
)

// MemoryEstimator is implemented by an Executor that can say, before a run
// starts, about how many bytes the run will hold at most; ok is false when
// it cannot tell (an unknown data set).
type MemoryEstimator interface {
	MemoryEstimate(spec runs.Spec) (bytes float64, ok bool)
}

// CheckMemory refuses, before anything runs, every algorithm of the plan
// whose largest run (its deepest and widest net) is estimated to need more
// than limit bytes, naming the file, the field to change and the estimate.
// Axes a dependency supplies are checked in the experiment they come from.
func CheckMemory(p *Plan, est MemoryEstimator, limit float64) error {
	var errs []error
	for _, e := range p.Experiments {
		d := &e.Def
		for i, a := range d.Algorithms {
			g := a.Grid
			if len(g.Depth) == 0 || len(g.Width) == 0 {
				continue
			}
			spec := runs.Spec{Data: d.Data, Algorithm: a.Algorithm, Act: a.Act, Batch: a.Batch, Samples: d.Samples, Epochs: d.Epochs}
			need := func(depth, width int) float64 {
				s := spec
				s.Depth, s.Width = depth, width
				b, ok := est.MemoryEstimate(s)
				if !ok {
					return 0
				}
				return b
			}
			dMax, wMax := slices.Max(g.Depth), slices.Max(g.Width)
			worst := need(dMax, wMax)
			if worst <= limit {
				continue
			}
			var field string
			switch {
			case need(1, 1) > limit:
				field = "samples"
			case need(1, wMax) > limit:
				field = fmt.Sprintf("grid.width: %d", wMax)
			case need(dMax, 1) > limit:
				field = fmt.Sprintf("grid.depth: %d", dMax)
			default:
				field = fmt.Sprintf("grid.depth × grid.width: %d × %d", dMax, wMax)
			}
			errs = append(errs, fmt.Errorf("%sexperiment %q: algorithms[%d] %q: %s: a run of depth %d and width %d on %s needs an estimated %s of memory, more than the %s this machine has",
				filePrefix(d), d.Name, i, a.Label, field, dMax, wMax, d.Data, FormatBytes(worst), FormatBytes(limit)))
		}
	}
	if len(errs) == 0 {
		return nil
	}
	return fmt.Errorf("runs too large for this machine, nothing was run:\n%w", errors.Join(errs...))
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
