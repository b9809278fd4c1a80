package runs

import (
	"fmt"
	"math"
)

// MetricValue reads an experiment's metric from a result: the best value
// over the epochs ("<metric>_best", the paper's choice) when the run reports
// it, else the final one.
func MetricValue(r Result, metric string) (float64, bool) {
	for _, k := range []string{metric + "_best", metric + "_final", metric} {
		if v, ok := r.Metrics[k]; ok {
			return v, true
		}
	}
	return 0, false
}

// Choice is the configuration Best (or BestOnValidation) picked.
type Choice struct {
	Spec     Spec    // the configuration, Trial 0
	Mean     float64 // mean metric over its trials that did not diverge (on validation: the mean validation curve at Epoch)
	Trials   int     // trials that count in Mean
	Diverged int     // trials that diverged, left out of Mean
	// Epoch is the 1-based stopping epoch chosen on validation; 0 under
	// Best, where every run is read at its own best epoch.
	Epoch int
}

// Best picks, among the runs of one label, the configuration with the best
// mean metric over its trials: the lowest, or the highest for accuracy. It is
// the one rule for "best" that the pipeline (dependencies) and the report
// (tables, figures) share:
//
//   - a diverged trial is left out of its configuration's mean and counted
//     (its last value is whatever the net reached before blowing up, no error
//     estimate);
//   - a configuration whose every trial diverged, or whose mean is NaN,
//     loses to any number;
//   - ties go to the first configuration in the order given.
func Best(metric string, specs []Spec, results []Result) (Choice, error) {
	type group struct {
		spec     Spec
		sum      float64
		n, div   int
		position int
	}
	groups := map[string]*group{}
	for i, s := range specs {
		s.Trial = 0
		h := s.SpecHash()
		g := groups[h]
		if g == nil {
			g = &group{spec: s, position: len(groups)}
			groups[h] = g
		}
		if results[i].Diverged {
			g.div++
			continue
		}
		v, ok := MetricValue(results[i], metric)
		if !ok {
			return Choice{}, fmt.Errorf("run %s has no metric %s", specs[i].SpecHash()[:12], metric)
		}
		g.sum += v
		g.n++
	}
	if len(groups) == 0 {
		return Choice{}, fmt.Errorf("no runs to choose from")
	}
	mean := func(g *group) float64 {
		if g.n == 0 {
			return math.NaN()
		}
		return g.sum / float64(g.n)
	}
	better := func(a, b float64) bool {
		if math.IsNaN(b) {
			return !math.IsNaN(a)
		}
		if HigherIsBetter(metric) {
			return a > b
		}
		return a < b
	}
	var best *group
	for _, g := range groups {
		if best == nil {
			best = g
			continue
		}
		a, b := mean(g), mean(best)
		if better(a, b) || (!better(b, a) && g.position < best.position) {
			best = g
		}
	}
	return Choice{Spec: best.spec, Mean: mean(best), Trials: best.n, Diverged: best.div}, nil
}
