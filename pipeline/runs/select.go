package runs

import (
	"fmt"
	"math"
	"strings"

	"github.com/admmlab/admmlab/experiments"
)

// Selection rules: what an experiment's choices (structure, λ, init scale,
// stopping epoch) are made on. See experiments.Selection.
const (
	// SelectOnTest is the paper's rule and the default: the configuration
	// with the best mean metric at its best epoch, both read on the data
	// the metric is reported on.
	SelectOnTest = "test"
	// SelectOnValidation chooses on a validation split carved from the
	// training data (Spec.Validation); the test set is only reported.
	SelectOnValidation = "validation"
)

// SelectsOnValidation reports whether d chooses on held-out training data.
func SelectsOnValidation(d experiments.Definition) bool {
	return d.Select != nil && d.Select.On == SelectOnValidation
}

// ValidationCurve names the per-epoch curve a metric is chosen on:
// val_acc for test_acc, val_mse for an error.
func ValidationCurve(metric string) string {
	if HigherIsBetter(metric) {
		return "val_acc"
	}
	return "val_mse"
}

// HigherIsBetter reports whether larger values of metric are better
// (accuracies).
func HigherIsBetter(metric string) bool { return strings.HasSuffix(metric, "_acc") }

// ChooseEpoch returns the 1-based epoch at which the mean of curve over the
// results (the trials of one configuration) is best, and that mean. Diverged
// results are left out, as the report leaves them out of every mean; a
// value that is not finite does not count. Ties go to the earliest epoch. ok is false
// when no epoch has a value.
func ChooseEpoch(results []Result, curve string, higher bool) (epoch int, score float64, ok bool) {
	n := 0
	for _, r := range results {
		if !r.Diverged {
			n = max(n, len(r.Curves[curve]))
		}
	}
	score = math.NaN()
	for k := 0; k < n; k++ {
		var sum float64
		cnt := 0
		for _, r := range results {
			c := r.Curves[curve]
			if r.Diverged || k >= len(c) || math.IsNaN(c[k]) || math.IsInf(c[k], 0) {
				continue
			}
			sum += c[k]
			cnt++
		}
		if cnt == 0 {
			continue
		}
		m := sum / float64(cnt)
		if !ok || (higher && m > score) || (!higher && m < score) {
			epoch, score, ok = k+1, m, true
		}
	}
	return epoch, score, ok
}

// BestOnValidation groups runs by configuration (the spec without its
// trial) and picks the one whose mean validation curve reaches the best
// value, at its own best epoch (ChooseEpoch): the Choice's Epoch and Mean.
// Diverged trials are left out of the curve's mean and counted, as in Best;
// configurations without a validation value lose to any with one. Ties
// are common (an accuracy on a few hundred held-out samples takes few
// values) and are broken without regard to the order the runs are given
// in, so that the pipeline and the report, which list runs in different
// orders, make the same choice (tieBreak). Nothing of the test set enters:
// only the curve ValidationCurve names is read.
func BestOnValidation(metric string, specs []Spec, results []Result) (Choice, error) {
	type group struct {
		spec    Spec
		results []Result
	}
	var groups []*group
	index := map[string]*group{}
	for i, s := range specs {
		s.Trial = 0
		h := s.SpecHash()
		g := index[h]
		if g == nil {
			g = &group{spec: s}
			index[h] = g
			groups = append(groups, g)
		}
		g.results = append(g.results, results[i])
	}
	if len(groups) == 0 {
		return Choice{}, fmt.Errorf("no runs to choose from")
	}
	curve, higher := ValidationCurve(metric), HigherIsBetter(metric)
	var best Choice
	found := false
	for _, g := range groups {
		ep, score, ok := ChooseEpoch(g.results, curve, higher)
		if !ok {
			continue
		}
		better := (higher && score > best.Mean) || (!higher && score < best.Mean)
		if !found || better || (score == best.Mean && tieBreak(g.spec, ep, best.Spec, best.Epoch)) {
			best, found = Choice{Spec: g.spec, Epoch: ep, Mean: score}, true
			for _, r := range g.results {
				if r.Diverged {
					best.Diverged++
				} else {
					best.Trials++
				}
			}
		}
	}
	if !found {
		return Choice{}, fmt.Errorf("no run has a %s curve (was the experiment run with a validation split?)", curve)
	}
	return best, nil
}

// tieBreak reports whether configuration a, best at epoch ea, goes before
// b, best at eb, when both reach the same validation value: the one that
// gets there sooner (the cheaper stop), then the smaller net (depth, then
// width), then the canonical spec's bytes, an arbitrary but fixed order.
func tieBreak(a Spec, ea int, b Spec, eb int) bool {
	switch {
	case ea != eb:
		return ea < eb
	case a.Depth != b.Depth:
		return a.Depth < b.Depth
	case a.Width != b.Width:
		return a.Width < b.Width
	}
	return string(a.Canonical()) < string(b.Canonical())
}

// BestFor picks the configuration a dependent experiment takes its axes
// from, by the selection rule d declares: Best on d's metric, or
// BestOnValidation. It is the one rule the pipeline and the report share.
func BestFor(d experiments.Definition, specs []Spec, results []Result) (Choice, error) {
	if SelectsOnValidation(d) {
		return BestOnValidation(d.Metric, specs, results)
	}
	return Best(d.Metric, specs, results)
}

// Refits reports whether d refits its choices: after choosing on a
// validation split, each algorithm's chosen configuration is trained again
// on the whole training split (see experiments.Selection.Refit).
func Refits(d experiments.Definition) bool {
	return SelectsOnValidation(d) && d.Select.Refit
}

// RefitsEach says whether d's refit stage refits every configuration, each
// at the epoch chosen on its own validation curve (a study), rather than
// each algorithm's one choice.
func RefitsEach(d experiments.Definition) bool {
	return Refits(d) && d.Select.Each
}

// RefitName is the name under which the refit runs of experiment are
// planned and stored: a stage of its own after the experiment, whose plan
// lists one run per algorithm (under the algorithm's label) and trial.
func RefitName(experiment string) string { return experiment + "/refit" }

// RefitSpec is the refit run of trial of a configuration chosen on
// validation at epoch (1-based; 0 when no epoch was chosen): the same spec
// on the whole training split (Validation 0), trained only to epoch. It is
// seeded as the full-length run (FullEpochs, Spec.Seed), and nothing a run
// does at epoch k depends on how many epochs follow (the SGD family's
// learning-rate schedule depends on the epoch index alone; ADMM has none),
// so it is that run read at epoch, without the epochs after it. chosen may
// itself be a refit spec: RefitSpec(s, t, 0) is s's configuration at full
// length, the one key refits of a configuration share.
func RefitSpec(chosen Spec, trial, epoch int) Spec {
	s := chosen.FullLength()
	s.Validation, s.Trial = 0, trial
	if epoch > 0 && epoch < s.Epochs {
		s.Epochs, s.FullEpochs = epoch, s.Epochs
	}
	return s
}
