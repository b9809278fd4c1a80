package pipeline

import (
	"context"
	"fmt"
	"strings"

	"github.com/admmlab/admmlab/experiments"
	"github.com/admmlab/admmlab/pipeline/runs"
)

// A refit stage retrains, on the whole training split, what an experiment
// that selects on validation chose: the paper trains its reported models on
// the whole training half, while the choice needs held-out samples. It is
// a stage of the dependency machinery like a dependent experiment (waiting
// until every run it chooses from is done, counted by plan, estimated by
// estimate.GuessRuns, its plan saved under runs.RefitName), not a mechanism
// of its own; only what it lists differs: per algorithm, the configuration
// runs.BestFor chooses, once per trial, with Validation 0.

// LabeledChoice is one algorithm's choice that a refit stage retrains.
type LabeledChoice struct {
	Label  string
	Choice runs.Choice
}

// refitStage is the refit stage of e, one stage after it.
func refitStage(e *Experiment) *Experiment {
	d := e.Def
	d.Name = runs.RefitName(e.Def.Name)
	d.Title = "refit on the whole training split: " + e.Def.Title
	d.DependsOn = nil // what it waits on is RefitOf; the axes were substituted there
	return &Experiment{Def: d, Scale: e.Scale, Stage: e.Stage + 1, RefitOf: e.Def.Name}
}

// ExpandRefit lists a refit stage's runs: for each choice, in the order
// given, one run per trial of the definition (runs.RefitSpec).
func (e *Experiment) ExpandRefit(chosen []LabeledChoice) []LabeledSpec {
	var out []LabeledSpec
	for _, c := range chosen {
		for t := 0; t < e.Def.Trials; t++ {
			out = append(out, LabeledSpec{Label: c.Label, Spec: runs.RefitSpec(c.Choice.Spec, t, c.Choice.Epoch)})
		}
	}
	return out
}

// GuessChoices stands in for a refit stage's choices before they are made.
// stored are the stage's runs kept from an earlier resolution (of fewer
// trials, say; none in a store that never ran it): an algorithm with some
// takes their configurations, each stopped where they stopped, the choice
// its experiment made then. Any other algorithm takes its paper structure
// when the grid has it, else its first grid point, at full length, the
// most a refit can run: the cost model needs structures and lengths, not
// the exact choice, and no stop is known before the choice. all are the
// runs the choice will be made among: the refitted experiment's Expand, at
// a stand-in for its own dependency's choice when it has one (a study at a
// sweep's chosen structure lists no runs without it).
func (e *Experiment) GuessChoices(stored []runs.Labeled, all []LabeledSpec) []LabeledChoice {
	earlier := earlierChoices(stored)
	if runs.RefitsEach(e.Def) {
		out := everyConfiguration(e.Def, all)
		for i := range out {
			for _, c := range earlier[out[i].Label] {
				if c.Choice.Spec == out[i].Choice.Spec {
					out[i].Choice.Epoch = c.Choice.Epoch
				}
			}
		}
		return out
	}
	var out []LabeledChoice
	for _, a := range e.Def.Algorithms {
		if prev := earlier[a.Label]; len(prev) > 0 {
			out = append(out, prev...)
			continue
		}
		pp, hasPaper := experiments.PaperPoint(a, e.Scale)
		var guess *runs.Spec
		for i := range all {
			s := &all[i].Spec
			if all[i].Label != a.Label {
				continue
			}
			if guess == nil || (hasPaper && s.Depth == pp.Depth && s.Width == pp.Width) {
				guess = s
			}
			if hasPaper && s.Depth == pp.Depth && s.Width == pp.Width {
				break
			}
		}
		if guess != nil {
			out = append(out, LabeledChoice{Label: a.Label, Choice: runs.Choice{Spec: runs.RefitSpec(*guess, 0, 0)}})
		}
	}
	return out
}

// earlierChoices reads, per label, the choices a refit stage's stored runs
// retrained: each distinct configuration at full length, Trial 0, with the
// epoch its runs stopped at (0 for a run of the full length).
func earlierChoices(stored []runs.Labeled) map[string][]LabeledChoice {
	out := map[string][]LabeledChoice{}
	seen := map[runs.Spec]bool{}
	for _, x := range stored {
		cfg := runs.RefitSpec(x.Spec, 0, 0)
		if seen[cfg] {
			continue
		}
		seen[cfg] = true
		c := runs.Choice{Spec: cfg}
		if x.Spec.FullEpochs > 0 {
			c.Epoch = x.Spec.Epochs
		}
		out[x.Label] = append(out[x.Label], LabeledChoice{Label: x.Label, Choice: c})
	}
	return out
}

// everyConfiguration is a refit stage's choices when it refits each
// configuration: every algorithm's configurations of the expansion, once.
func everyConfiguration(d experiments.Definition, all []LabeledSpec) []LabeledChoice {
	var out []LabeledChoice
	seen := map[runs.Spec]bool{}
	for _, ls := range all {
		if algorithmOf(d, ls.Label) == nil {
			continue
		}
		cfg := runs.RefitSpec(ls.Spec, 0, 0)
		if !seen[cfg] {
			seen[cfg] = true
			out = append(out, LabeledChoice{Label: ls.Label, Choice: runs.Choice{Spec: cfg}})
		}
	}
	return out
}

func algorithmOf(d experiments.Definition, label string) *experiments.Algorithm {
	for i := range d.Algorithms {
		if d.Algorithms[i].Label == label {
			return &d.Algorithms[i]
		}
	}
	return nil
}

// resolveRefit resolves a refit stage against its experiment's state: it
// waits until every run of every algorithm is done (a choice over part of
// a grid would be a different choice), then chooses per algorithm by
// runs.BestFor, the rule the report's tables and dependent experiments use,
// and lists the refit runs.
func (r *Resolver) resolveRefit(e *Experiment, dep *ExperimentState) (*ExperimentState, error) {
	st := &ExperimentState{Experiment: e, Expected: len(e.Def.Algorithms) * e.Def.Trials}
	if runs.RefitsEach(e.Def) {
		st.Expected = refitsOfEach(e.Def, dep)
	}
	if dep == nil {
		return nil, fmt.Errorf("experiment %q: %s not resolved", e.Def.Name, e.RefitOf)
	}
	if dep.Waiting != "" {
		st.Waiting = fmt.Sprintf("refits the choices of %s, which is itself waiting (%s)", e.RefitOf, dep.Waiting)
		st.Unavailable = dep.Unavailable
		return st, nil
	}
	counts := map[string]int{}
	reason := ""
	specs, results := map[string][]runs.Spec{}, map[string][]runs.Result{}
	for i, run := range dep.Runs {
		l := dep.Labels[i]
		if algorithmOf(e.Def, l) == nil {
			continue
		}
		counts[run.State]++
		switch run.State {
		case StateSkipped:
			reason = run.Why
		case StateCached:
			res, err := r.Index.ValidationResult(context.Background(), run.ID)
			if err != nil {
				return nil, fmt.Errorf("experiment %q: %s: %w", e.Def.Name, e.RefitOf, err)
			}
			specs[l], results[l] = append(specs[l], run.Spec), append(results[l], res)
		}
	}
	switch {
	case counts[StateSkipped] > 0:
		st.Waiting = fmt.Sprintf("skipped: %s has %d runs skipped (%s; the full reason is given for %s)", e.RefitOf, counts[StateSkipped], shortReason(reason), e.RefitOf)
		st.Unavailable = true
		return st, nil
	case counts[StatePending] > 0:
		st.Waiting = fmt.Sprintf("waiting on %s: each algorithm's configuration chosen on validation is refitted once all its runs are done (%d of %d not done)",
			e.RefitOf, counts[StatePending], counts[StatePending]+counts[StateCached])
		return st, nil
	}
	for _, a := range e.Def.Algorithms {
		for _, g := range configurations(dep.Def, specs[a.Label], results[a.Label]) {
			choice, err := runs.BestFor(dep.Def, g.specs, g.results)
			if err != nil {
				// Every trial diverged, say: nothing to refit, and no reason to
				// hold up the other columns or the rest of the catalogue.
				st.Unchosen = append(st.Unchosen, fmt.Sprintf("%q is not refitted%s: %v", a.Label, g.which, err))
				continue
			}
			st.Chosen = append(st.Chosen, LabeledChoice{Label: a.Label, Choice: choice})
		}
	}
	if err := r.list(st, e.ExpandRefit(st.Chosen)); err != nil {
		return nil, err
	}
	st.Expected = len(st.Runs)
	return st, nil
}

// refitsOfEach is how many runs a refit stage that refits every
// configuration will list: one per run of its experiment's algorithms, or,
// while that experiment waits itself, as many as it expects.
func refitsOfEach(d experiments.Definition, dep *ExperimentState) int {
	if dep == nil {
		return 0
	}
	n := 0
	for _, l := range dep.Labels {
		if algorithmOf(d, l) != nil {
			n++
		}
	}
	if n == 0 {
		return dep.Expected
	}
	return n
}

// runGroup is runs a refit stage chooses among; which names it in a
// message ("" for an algorithm's whole grid).
type runGroup struct {
	specs   []runs.Spec
	results []runs.Result
	which   string
}

// configurations splits an algorithm's runs into what its refit stage
// chooses among: the whole grid at once, or, for a study that refits each
// configuration (runs.RefitsEach), one group per configuration (its
// trials), in the order the runs come.
func configurations(d experiments.Definition, specs []runs.Spec, results []runs.Result) []runGroup {
	if !runs.RefitsEach(d) {
		return []runGroup{{specs: specs, results: results}}
	}
	var groups []runGroup
	index := map[runs.Spec]int{}
	for i, s := range specs {
		cfg := s
		cfg.Trial = 0
		k, ok := index[cfg]
		if !ok {
			k = len(groups)
			index[cfg] = k
			groups = append(groups, runGroup{which: " at " + strings.TrimSuffix(runs.Describe(cfg), " trial=0")})
		}
		groups[k].specs = append(groups[k].specs, s)
		groups[k].results = append(groups[k].results, results[i])
	}
	return groups
}

// Why says why a refit stage of experiment from lists this choice's runs,
// for plan and explain: what was chosen, on what, and the runs it makes.
func (c LabeledChoice) Why(from string) string {
	refit := strings.TrimSuffix(runs.Describe(runs.RefitSpec(c.Choice.Spec, 0, c.Choice.Epoch)), " trial=0")
	return fmt.Sprintf("refits %q as chosen on %s's validation split (epoch %d, validation mean %.4g over %d trials): %s, on the whole training split",
		c.Label, from, c.Choice.Epoch, c.Choice.Mean, c.Choice.Trials, refit)
}
