package report

import (
	"math"
	"sort"

	"github.com/admmlab/admmlab/experiments"
	"github.com/admmlab/admmlab/pipeline/runs"
)

// cell is one configuration of one algorithm column: every run that differs
// only in its trial index.
type cell struct {
	Label string
	Cfg   runs.Spec // the runs' spec with Trial zeroed
	Runs  []runs.Labeled
	// metric and validation are the experiment's selection rule: with
	// validation set, cells are chosen and read at the stopping epoch
	// chosen on the validation curve (see chooseCell and reported).
	metric     string
	validation bool
	// refit, in a study that refits each configuration (runs.RefitsEach),
	// holds its refit stage's runs: the cell's value is read on them, at
	// the epoch chosen on the cell's own validation curve (withRefits).
	refit []runs.Labeled
	// curves reads the runs' curves, which the source lists them without.
	curves *curveCache
}

// cellsOfDef groups an experiment's runs into cells (see cellsOf) that carry
// the definition's selection rule.
func cellsOfDef(labeled []runs.Labeled, d experiments.Definition, curves *curveCache) []cell {
	cells := cellsOf(labeled, labelOrder(d), curves)
	for i := range cells {
		cells[i].metric, cells[i].validation = d.Metric, runs.SelectsOnValidation(d)
	}
	return cells
}

// cellsOf groups runs into cells, ordered by the label order given (labels
// not in it come after, alphabetically) and then by the spec's axes.
func cellsOf(labeled []runs.Labeled, labelOrder []string, curves *curveCache) []cell {
	rank := map[string]int{}
	for i, l := range labelOrder {
		rank[l] = i
	}
	type key struct {
		label string
		cfg   runs.Spec
	}
	idx := map[key]int{}
	var cells []cell
	for _, r := range labeled {
		cfg := r.Spec
		cfg.Trial = 0
		k := key{r.Label, cfg}
		i, ok := idx[k]
		if !ok {
			i = len(cells)
			idx[k] = i
			cells = append(cells, cell{Label: r.Label, Cfg: cfg, curves: curves})
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

func specLess(a, b runs.Spec) bool {
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
	return c.trialStat(func(r runs.Labeled) float64 {
		if v, ok := r.Result.Metrics[metric]; ok {
			return v
		}
		return math.NaN()
	})
}

// trialStat averages value over the cell's trials that did not diverge,
// and counts those that did (see stat).
func (c cell) trialStat(value func(runs.Labeled) float64) Stat {
	vals := make([]float64, 0, len(c.Runs))
	div := 0
	for _, r := range c.Runs {
		if r.Result.Diverged {
			div++
			continue
		}
		vals = append(vals, value(r))
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

// curve averages a whole-net per-epoch series over the trials: entry k is
// the mean over the runs that reached epoch k with a finite value.
func (c cell) curve(name string) (mean, std []float64) {
	return c.meanSeries(func(r runs.Result) []float64 { return r.Curves[name] })
}

// layerCurve is curve for layer k (1-based) of the per-layer series name.
func (c cell) layerCurve(name string, k int) (mean, std []float64) {
	return c.meanSeries(func(r runs.Result) []float64 {
		if ls := r.Layers[name]; k <= len(ls) {
			return ls[k-1]
		}
		return nil
	})
}

func (c cell) meanSeries(series func(runs.Result) []float64) (mean, std []float64) {
	all := make([][]float64, len(c.Runs))
	n := 0
	for i, r := range c.Runs {
		all[i] = series(c.result(r))
		n = max(n, len(all[i]))
	}
	mean = make([]float64, n)
	std = make([]float64, n)
	vals := make([]float64, 0, len(c.Runs))
	for k := range n {
		vals = vals[:0]
		for _, cv := range all {
			if k < len(cv) {
				vals = append(vals, cv[k])
			}
		}
		s := newStat(vals, nil)
		mean[k], std[k] = s.Mean, s.Std
	}
	return mean, std
}

// result is run r's result with its curves.
func (c cell) result(r runs.Labeled) runs.Result { return c.curves.result(r) }

// hasCurve reports whether any run of the cell has the named whole-net curve.
func (c cell) hasCurve(name string) bool {
	for _, r := range c.Runs {
		if len(c.result(r).Curves[name]) > 0 {
			return true
		}
	}
	return false
}

// layers is the number of layers of the per-layer series name that some run
// of the cell recorded (0: none).
func (c cell) layers(name string) int {
	n := 0
	for _, r := range c.Runs {
		for k, s := range c.result(r).Layers[name] {
			if len(s) > 0 {
				n = max(n, k+1)
			}
		}
	}
	return n
}

// epoch is the stopping epoch chosen for the cell on its validation curve
// (the mean over its trials) and the mean validation value there.
func (c cell) epoch() (epoch int, score float64, ok bool) {
	curve := runs.ValidationCurve(c.metric)
	results := make([]runs.Result, len(c.Runs))
	for i, r := range c.Runs {
		results[i] = withCurve(c.result(r), curve)
	}
	return runs.ChooseEpoch(results, curve, runs.HigherIsBetter(c.metric))
}

// withCurve is res with only the named curve, all that choosing on it
// reads: the choice over a whole experiment then holds one curve per run.
func withCurve(res runs.Result, name string) runs.Result {
	c, ok := res.Curves[name]
	res.Curves, res.Layers = nil, nil
	if ok {
		res.Curves = map[string][]float64{name: c}
	}
	return res
}

// reported is what a table or figure shows for the cell: the metric at its
// best epoch (the paper's rule), or, when the experiment selects on
// validation, the metric's curve at the epoch chosen on validation.
func (c cell) reported(metric string) Stat {
	if !c.validation {
		return c.stat(metric + "_best")
	}
	ep, _, ok := c.epoch()
	if !ok {
		ep = 0 // no validation value: every trial reads as missing
	}
	if c.refit != nil {
		if st, ok := refitCell(metric, c, ep, c.refit); ok {
			return st
		}
	}
	return c.statAt(metric, ep)
}

// chosenOn is what the cell competes on under its experiment's rule: the
// metric at each trial's best epoch (the paper's rule), or the validation
// curve at the epoch chosen on it; it returns that quantity's name
// ("<metric>" or "val_mse"/"val_acc") and its statistics over the trials.
func (c cell) chosenOn() (string, Stat) {
	if !c.validation {
		return c.metric, c.stat(c.metric + "_best")
	}
	curve := runs.ValidationCurve(c.metric)
	ep, _, ok := c.epoch()
	if !ok {
		ep = 0
	}
	return curve, c.statAt(curve, ep)
}

// statAt averages curve at the 1-based epoch over the cell's trials,
// leaving diverged runs out as stat does.
func (c cell) statAt(curve string, epoch int) Stat {
	return c.trialStat(func(r runs.Labeled) float64 {
		if cv := c.result(r).Curves[curve]; epoch >= 1 && epoch <= len(cv) {
			return cv[epoch-1]
		}
		return math.NaN() // newStat counts a value that is not finite as missing
	})
}

// chooseCell returns, among cells, the chosen one with its reported value
// (reported). It applies the pipeline's one rule (runs.BestFor's two
// halves), so a table's choice is always the one the experiments that
// depend on it used: under the paper's rule runs.Best, the best mean
// metric at its best epoch, diverged trials left out and counted, a cell
// without a finite mean never chosen; under the validation rule
// runs.BestOnValidation, the best mean validation value, the test set
// playing no part in the choice. metric is the base name, e.g. "train_mse".
func chooseCell(cells []cell, metric string) (cell, Stat, bool) {
	if len(cells) == 0 {
		return cell{}, Stat{}, false
	}
	// The paper's rule reads metrics only; the validation rule reads the
	// validation curve of every run, and nothing else of it.
	choose, result := runs.Best, func(c cell, r runs.Labeled) runs.Result { return r.Result }
	if cells[0].validation {
		curve := runs.ValidationCurve(metric)
		choose = runs.BestOnValidation
		result = func(c cell, r runs.Labeled) runs.Result { return withCurve(c.result(r), curve) }
	}
	var specs []runs.Spec
	var results []runs.Result
	for _, c := range cells {
		for _, r := range c.Runs {
			specs = append(specs, r.Spec)
			results = append(results, result(c, r))
		}
	}
	if len(specs) == 0 {
		return cell{}, Stat{}, false
	}
	choice, err := choose(metric, specs, results)
	if err != nil || math.IsNaN(choice.Mean) {
		return cell{}, Stat{}, false
	}
	for _, c := range cells {
		if c.Cfg == choice.Spec {
			s := c.reported(metric)
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

// epochNote names the epoch a figure's values are read at.
func epochNote(cells []cell) string {
	if len(cells) > 0 && cells[0].validation {
		if cells[0].refit != nil {
			return "validation-chosen epoch, refit"
		}
		return "epoch chosen on validation"
	}
	return "best epoch"
}

// rankScore is what a cell is ranked on: its mean validation value at the
// chosen epoch under the validation rule, else st, its reported mean.
func rankScore(c cell, st Stat) float64 {
	if c.validation {
		if _, v, ok := c.epoch(); ok {
			return v
		}
		return math.NaN()
	}
	return st.Mean
}
