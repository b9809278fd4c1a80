package report

import (
	"math"
	"sort"

	"github.com/admmlab/admmlab/pipeline"
)

// cell is one configuration of one algorithm column: every run that differs
// only in its trial index.
type cell struct {
	Label string
	Cfg   pipeline.RunSpec // the runs' spec with Trial zeroed
	Runs  []pipeline.LabeledRun
}

// cellsOf groups runs into cells, ordered by the label order given (labels
// not in it come after, alphabetically) and then by the spec's axes.
func cellsOf(runs []pipeline.LabeledRun, labelOrder []string) []cell {
	rank := map[string]int{}
	for i, l := range labelOrder {
		rank[l] = i
	}
	type key struct {
		label string
		cfg   pipeline.RunSpec
	}
	idx := map[key]int{}
	var cells []cell
	for _, r := range runs {
		cfg := r.Spec
		cfg.Trial = 0
		k := key{r.Label, cfg}
		i, ok := idx[k]
		if !ok {
			i = len(cells)
			idx[k] = i
			cells = append(cells, cell{Label: r.Label, Cfg: cfg})
		}
		cells[i].Runs = append(cells[i].Runs, r)
	}
	lr := func(l string) int {
		if r, ok := rank[l]; ok {
			return r
		}
		return len(rank)
	}
	sort.SliceStable(cells, func(i, j int) bool {
		a, b := cells[i], cells[j]
		if lr(a.Label) != lr(b.Label) {
			return lr(a.Label) < lr(b.Label)
		}
		if a.Label != b.Label {
			return a.Label < b.Label
		}
		return specLess(a.Cfg, b.Cfg)
	})
	for i := range cells {
		sort.Slice(cells[i].Runs, func(p, q int) bool { return cells[i].Runs[p].Spec.Trial < cells[i].Runs[q].Spec.Trial })
	}
	return cells
}

func specLess(a, b pipeline.RunSpec) bool {
	switch {
	case a.Depth != b.Depth:
		return a.Depth < b.Depth
	case a.Width != b.Width:
		return a.Width < b.Width
	case a.Lambda != b.Lambda:
		return a.Lambda < b.Lambda
	case a.Beta != b.Beta:
		return a.Beta < b.Beta
	case a.Noise != b.Noise:
		return a.Noise < b.Noise
	case a.Init != b.Init:
		return a.Init < b.Init
	case a.InitScale != b.InitScale:
		return a.InitScale < b.InitScale
	case a.LLA != b.LLA:
		return a.LLA < b.LLA
	case a.Act != b.Act:
		return a.Act < b.Act
	}
	return a.Epochs < b.Epochs
}

func (c cell) ids() []string {
	ids := make([]string, len(c.Runs))
	for i, r := range c.Runs {
		ids[i] = r.ID
	}
	return ids
}

// stat averages a scalar metric over the cell's trials; a run without the
// metric counts as missing. Diverged runs are counted apart and left out:
// their "best" value is whatever the net reached before blowing up (often
// 1e+100 or more), which is no error estimate.
func (c cell) stat(metric string) Stat {
	vals := make([]float64, 0, len(c.Runs))
	div := 0
	for _, r := range c.Runs {
		if r.Result.Diverged {
			div++
			continue
		}
		v, ok := r.Result.Metrics[metric]
		if !ok {
			v = math.NaN()
		}
		vals = append(vals, v)
	}
	s := newStat(vals, c.ids())
	s.Diverged = div
	return s
}

// seconds is the mean wall time: the engine's "seconds" metric, or the
// record's duration when the engine did not report one.
func (c cell) seconds() Stat {
	vals := make([]float64, len(c.Runs))
	for i, r := range c.Runs {
		v, ok := r.Result.Metrics["seconds"]
		if !ok {
			v = r.Duration.Seconds()
		}
		vals[i] = v
	}
	return newStat(vals, c.ids())
}

// diverged counts the cell's diverged runs.
func (c cell) diverged() int {
	n := 0
	for _, r := range c.Runs {
		if r.Result.Diverged {
			n++
		}
	}
	return n
}

// curve averages a per-epoch series over the trials: entry k is the mean
// over the runs that reached epoch k with a finite value.
func (c cell) curve(name string) (mean, std []float64) {
	n := 0
	for _, r := range c.Runs {
		n = max(n, len(r.Result.Curves[name]))
	}
	mean = make([]float64, n)
	std = make([]float64, n)
	vals := make([]float64, 0, len(c.Runs))
	for k := range n {
		vals = vals[:0]
		for _, r := range c.Runs {
			if cv := r.Result.Curves[name]; k < len(cv) {
				vals = append(vals, cv[k])
			}
		}
		s := newStat(vals, nil)
		mean[k], std[k] = s.Mean, s.Std
	}
	return mean, std
}

// hasCurve reports whether any run of the cell has the named curve.
func (c cell) hasCurve(name string) bool {
	for _, r := range c.Runs {
		if len(r.Result.Curves[name]) > 0 {
			return true
		}
	}
	return false
}

// bestCell returns, among cells, the one with the best mean of metric at its
// best epoch (metric is the base name, e.g. "train_mse"). It applies
// pipeline.Best, the rule the pipeline uses to pick the structure its
// dependent studies run at, so a table's best structure is always the one
// those studies used: diverged trials are left out and counted, and a cell
// without a finite mean is never chosen.
func bestCell(cells []cell, metric string) (cell, Stat, bool) {
	var specs []pipeline.RunSpec
	var results []pipeline.Result
	for _, c := range cells {
		for _, r := range c.Runs {
			specs = append(specs, r.Spec)
			results = append(results, r.Result)
		}
	}
	if len(specs) == 0 {
		return cell{}, Stat{}, false
	}
	choice, err := pipeline.Best(metric, specs, results)
	if err != nil || math.IsNaN(choice.Mean) {
		return cell{}, Stat{}, false
	}
	for _, c := range cells {
		if c.Cfg == choice.Spec {
			s := c.stat(metric + "_best")
			return c, s, s.Valid()
		}
	}
	return cell{}, Stat{}, false
}

// byLabel splits cells by label, keeping order.
func byLabel(cells []cell) (labels []string, m map[string][]cell) {
	m = map[string][]cell{}
	for _, c := range cells {
		if _, ok := m[c.Label]; !ok {
			labels = append(labels, c.Label)
		}
		m[c.Label] = append(m[c.Label], c)
	}
	return labels, m
}
