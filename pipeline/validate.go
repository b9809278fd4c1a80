package pipeline

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/admmlab/admmlab/datasets"
	"github.com/admmlab/admmlab/experiments"
	"github.com/admmlab/admmlab/pipeline/runs"
	"github.com/admmlab/admmlab/solvers"
)

// Known values of the definition fields. Data-set names and their variants
// are the datasets package's (datasets.Parse, Name.CheckVariant).
var (
	Algorithms  = solvers.Names(solvers.AllAlgorithms())
	Activations = solvers.Names(solvers.AllActivations())
	Inits       = solvers.Names(solvers.PaperInitSchemes())
	Metrics     = []string{"train_mse", "test_mse", "test_acc"}
	LLAs        = solvers.Names(solvers.AllLLAs())
	// Selections are the values of select.on.
	Selections = []string{runs.SelectOnTest, runs.SelectOnValidation}
	// NoiseFloors are the reference estimators of a definition's noise_floor.
	NoiseFloors = []string{"linear", "radial-poly"}
	// Axes are the grid axes a dependency may supply.
	Axes = []string{"depth", "width", "lambda", "beta", "init", "init_scale", "noise"}
)

type intRange struct{ lo, hi int }
type floatRange struct{ hi float64 }

// Bounds are the sane ranges of the definition fields; the lower bounds of
// the float fields (> 0 or ≥ 0) are checked beside them. They are far beyond
// anything the paper runs, and keep a typo from asking for a run or a grid
// that no machine can hold. They hold for the definitions as written, not
// only as a profile expands them; the memory admission (estimate.CheckPlan)
// refuses what fits the bounds but not the machine.
var Bounds = struct {
	Trials, Epochs, Samples, Depth, Width, Batch intRange
	InitScale, Noise, Penalty, LR                floatRange
}{
	Trials:    intRange{1, 1000},
	Epochs:    intRange{1, 1_000_000},
	Samples:   intRange{1, 10_000_000},
	Depth:     intRange{1, 1000},
	Width:     intRange{1, 100_000},
	Batch:     intRange{1, 10_000_000},
	InitScale: floatRange{1e6},
	Noise:     floatRange{1e6},
	Penalty:   floatRange{1e12},
	LR:        floatRange{1e6},
}

// filePrefix is "FILE:LINE:COL: " for a definition read from a file, the
// position being the field's as written (or its parent's, for a field left
// out); "FILE: " when no position is known; "" for a definition made in Go.
func filePrefix(d *experiments.Definition, field string) string {
	if d.File == "" {
		return ""
	}
	if pos := d.FieldPosition(field); pos != "" {
		return d.File + ":" + pos + ": "
	}
	return d.File + ": "
}

// Validate checks the whole catalogue and returns every problem found, each
// naming the experiment and the field, so that nothing runs on a definition
// with a typo in it.
func Validate(defs []experiments.Definition) error {
	var errs []error
	byName := map[string]*experiments.Definition{}
	for i := range defs {
		d := &defs[i]
		if d.Name == "" {
			errs = append(errs, fmt.Errorf("definition %d: name: empty", i+1))
			continue
		}
		if _, dup := byName[d.Name]; dup {
			errs = append(errs, fmt.Errorf("experiment %q: name: defined twice", d.Name))
			continue
		}
		byName[d.Name] = d
	}
	for i := range defs {
		if defs[i].Name != "" {
			errs = append(errs, validateDef(&defs[i], byName)...)
		}
	}
	for _, name := range sortedKeys(byName) {
		if cyc := cycleFrom(name, byName); cyc != nil {
			// Report each cycle once, from its alphabetically first member.
			if slices.Min(cyc[:len(cyc)-1]) == name {
				errs = append(errs, fmt.Errorf("experiment %q: depends_on: dependency cycle %s", name, strings.Join(cyc, " → ")))
			}
		}
	}
	return errors.Join(errs...)
}

// defChecker collects the problems of one definition, each naming the
// definition, its field and, when read from a file, the field's position.
type defChecker struct {
	d      *experiments.Definition
	data   datasets.Name // the definition's data set, valid when dataOK
	dataOK bool
	errs   []error
}

func (c *defChecker) bad(field, format string, a ...any) {
	c.errs = append(c.errs, fmt.Errorf("%sexperiment %q: %s: %s", filePrefix(c.d, field), c.d.Name, field, fmt.Sprintf(format, a...)))
}

func (c *defChecker) oneOf(field, v string, want []string) {
	if !slices.Contains(want, v) {
		c.bad(field, "unknown %q, want one of %s", v, strings.Join(want, ", "))
	}
}

func (c *defChecker) intIn(field string, v int, b intRange) {
	if v < b.lo || v > b.hi {
		c.bad(field, "%d, want %d to %d", v, b.lo, b.hi)
	}
}

// positive reports each value of vs that is not > 0 (or, with zero, ≥ 0).
func (c *defChecker) positive(field string, vs []float64, zero bool) {
	for _, v := range vs {
		switch {
		case zero && !(v >= 0):
			c.bad(field, "%g, want ≥ 0", v)
		case !zero && !(v > 0):
			c.bad(field, "%g, want > 0", v)
		}
	}
}

func validateDef(d *experiments.Definition, byName map[string]*experiments.Definition) []error {
	c := &defChecker{d: d}
	data, dataErr := datasets.Parse(d.Data)
	c.data, c.dataOK = data, dataErr == nil
	if dataErr != nil {
		c.bad("data", "%v", dataErr)
	}
	c.oneOf("metric", d.Metric, Metrics)
	if dataErr == nil {
		if err := data.CheckVariant(d.DataVariant); err != nil {
			c.bad("data_variant", "%v", err)
		}
	}
	if sel := d.Select; sel != nil {
		c.oneOf("select.on", sel.On, Selections)
		switch {
		case sel.On == runs.SelectOnValidation && !(sel.Fraction > 0 && sel.Fraction <= 0.5):
			c.bad("select.fraction", "%v, want a share of the training set in (0, 0.5]", sel.Fraction)
		case sel.On == runs.SelectOnTest && sel.Fraction != 0:
			c.bad("select.fraction", "%v, but select.on is %q (no validation split)", sel.Fraction, sel.On)
		case sel.Refit && sel.On != runs.SelectOnValidation:
			c.bad("select.refit", "true, but select.on is %q: only a choice made on a validation split is refitted", sel.On)
		case sel.Each && !sel.Refit:
			c.bad("select.each", "true, but select.refit is not: each names what a refit stage retrains (every configuration)")
		}
	}
	c.validateSizes(data)
	if d.NoiseFloor != "" {
		c.oneOf("noise_floor", d.NoiseFloor, NoiseFloors)
		if data.IsReal() {
			c.bad("noise_floor", "%q needs a toy task whose clean target is known, not %s", d.NoiseFloor, d.Data)
		}
	}
	supplied := map[string]bool{}
	if dep := d.DependsOn; dep != nil {
		c.errs = append(c.errs, validateDep(d, byName, supplied)...)
	}
	if len(d.Algorithms) == 0 {
		c.bad("algorithms", "empty")
	}
	labels := map[string]bool{}
	for i, a := range d.Algorithms {
		field := fmt.Sprintf("algorithms[%d] %q", i, a.Label)
		if a.Label == "" {
			c.bad(field+": label", "empty")
		} else if labels[a.Label] {
			c.bad(field+": label", "used twice")
		}
		labels[a.Label] = true
		c.validateAlgorithm(field, a, supplied)
	}
	return c.errs
}

// validateSizes checks trials, epochs and samples, and each profile's
// overrides of them.
func (c *defChecker) validateSizes(data datasets.Name) {
	d := c.d
	c.intIn("trials", d.Trials, Bounds.Trials)
	c.intIn("epochs", d.Epochs, Bounds.Epochs)
	if d.Samples < 0 || (d.Samples == 0 && data.IsToy()) {
		c.bad("samples", "%d, want ≥ 1 for the toy task %s", d.Samples, d.Data)
	} else if d.Samples > Bounds.Samples.hi {
		c.bad("samples", "%d, want at most %d", d.Samples, Bounds.Samples.hi)
	}
	for name, s := range d.Profiles {
		if s.Trials < 0 || s.Epochs < 0 || s.MaxDepth < 0 || s.MaxWidth < 0 || s.MaxPoints < 0 || s.MaxHyperPoints < 0 || s.Samples < 0 {
			c.bad("profiles."+name, "negative value")
		}
		if s.Trials > Bounds.Trials.hi || s.Epochs > Bounds.Epochs.hi || s.Samples > Bounds.Samples.hi {
			c.bad("profiles."+name, "trials, epochs or samples beyond %d, %d or %d", Bounds.Trials.hi, Bounds.Epochs.hi, Bounds.Samples.hi)
		}
	}
}

// validateAlgorithm checks one algorithm of the definition (field names
// it); supplied holds the axes its dependency fills in.
func (c *defChecker) validateAlgorithm(field string, a experiments.Algorithm, supplied map[string]bool) {
	c.oneOf(field+": algorithm", a.Algorithm, Algorithms)
	alg, algErr := solvers.ParseAlgorithm(a.Algorithm)
	c.oneOf(field+": act", a.Act, Activations)
	if why := lossProblem(a, c.data, c.dataOK); why != "" {
		c.bad(field+": loss", "%s", why)
	}
	if p := a.Paper; p != nil {
		c.intIn(field+": paper.depth", p.Depth, Bounds.Depth)
		c.intIn(field+": paper.width", p.Width, Bounds.Width)
	}
	if len(a.Grid.Extra) > 0 {
		c.bad(field+": grid.extra", "set by profile scaling, not by definitions")
	}
	g := a.Grid
	axis := func(name string, n int) {
		if n == 0 && !supplied[name] {
			c.bad(field+": grid."+name, "empty axis (write a single value for a constant)")
		}
	}
	axis("depth", len(g.Depth))
	axis("width", len(g.Width))
	axis("init", len(g.Init))
	axis("init_scale", len(g.InitScale))
	axis("noise", len(g.Noise))
	c.validateGrid(field, g)
	switch {
	case algErr == nil && alg.Family() == solvers.FamilyADMM:
		if a.Act == solvers.ReLU.String() {
			c.bad(field+": act", "admm needs a differentiable activation (sigmoid or tanh), not relu")
		}
		if a.LLA != "" {
			c.oneOf(field+": lla", a.LLA, LLAs)
		}
		if a.Batch != 0 || a.LR != 0 {
			c.bad(field, "batch and lr are for the SGD family, not admm")
		}
		if _, err := solvers.ParseBetaRule(a.BetaRule); err != nil {
			c.bad(field+": beta_rule", "unknown %q, want theorem4 or nothing", a.BetaRule)
		}
		axis("lambda", len(g.Lambda))
		axis("beta", len(g.Beta))
		c.positive(field+": grid.lambda", g.Lambda, false)
		c.positive(field+": grid.beta", g.Beta, false)
	case algErr == nil && alg.Family() == solvers.FamilySGD:
		if a.Batch < 1 {
			c.bad(field+": batch", "%d, want ≥ 1", a.Batch)
		} else {
			c.intIn(field+": batch", a.Batch, Bounds.Batch)
		}
		if !(a.LR > 0) || a.LR > Bounds.LR.hi {
			c.bad(field+": lr", "%g, want > 0 and at most %g", a.LR, Bounds.LR.hi)
		}
		if a.LLA != "" || a.BetaRule != "" || len(g.Lambda) > 0 || len(g.Beta) > 0 {
			c.bad(field, "lla, beta_rule, lambda and beta are for admm, not %s", a.Algorithm)
		}
	}
}

// validateGrid checks the values of an algorithm's grid against Bounds.
func (c *defChecker) validateGrid(field string, g experiments.Grid) {
	for _, v := range g.Depth {
		c.intIn(field+": grid.depth", v, Bounds.Depth)
	}
	// Width's bound is far above any net that fits a machine: what a
	// width costs depends on the data and the depth, and the memory
	// admission (estimate.CheckPlan) refuses what cannot fit. The bound
	// holds for the definition as written, whatever a profile keeps.
	for _, v := range g.Width {
		c.intIn(field+": grid.width", v, Bounds.Width)
	}
	floatIn := func(name string, vs []float64, b floatRange) {
		for _, v := range vs {
			if v > b.hi {
				c.bad(field+": grid."+name, "%g, want at most %g", v, b.hi)
			}
		}
	}
	floatIn("init_scale", g.InitScale, Bounds.InitScale)
	floatIn("noise", g.Noise, Bounds.Noise)
	floatIn("lambda", g.Lambda, Bounds.Penalty)
	floatIn("beta", g.Beta, Bounds.Penalty)
	for _, v := range g.Init {
		c.oneOf(field+": grid.init", v, Inits)
	}
	c.positive(field+": grid.init_scale", g.InitScale, false)
	c.positive(field+": grid.noise", g.Noise, true)
	for _, v := range g.TrainFraction {
		if !(v > 0 && v <= 1) {
			c.bad(field+": grid.train_fraction", "%g, want a share in (0, 1]", v)
		}
	}
	if len(g.TrainFraction) > 0 && c.dataOK && !c.data.IsReal() {
		c.bad(field+": grid.train_fraction", "a share of a real data set's training split; the toy task %s sets its size with samples", c.d.Data)
	}
}

// lossProblem says what is wrong with a column's loss, or "". Cross-entropy
// is the SGD family's alternative on classification data (every real data
// set classifies); ADMM's updates are derived for the square loss.
func lossProblem(a experiments.Algorithm, data datasets.Name, dataOK bool) string {
	if a.Loss == "" || a.Loss == runs.LossSquare {
		return ""
	}
	if !slices.Contains(runs.Losses, a.Loss) {
		return fmt.Sprintf("unknown %q, want one of %s (or nothing for square)", a.Loss, strings.Join(runs.Losses, ", "))
	}
	if alg, err := solvers.ParseAlgorithm(a.Algorithm); err == nil && alg.Family() != solvers.FamilySGD {
		return fmt.Sprintf("%q is for the SGD family (sgd, sgdm, adam); %s minimises the square loss", a.Loss, a.Algorithm)
	}
	if dataOK && !data.IsReal() {
		return fmt.Sprintf("%q needs classification data (a real data set), not the regression task %s", a.Loss, data)
	}
	return ""
}

func validateDep(d *experiments.Definition, byName map[string]*experiments.Definition, supplied map[string]bool) []error {
	var errs []error
	dep := d.DependsOn
	bad := func(field, format string, a ...any) {
		errs = append(errs, fmt.Errorf("%sexperiment %q: depends_on.%s: %s", filePrefix(d, "depends_on."+field), d.Name, field, fmt.Sprintf(format, a...)))
	}
	target, ok := byName[dep.Experiment]
	switch {
	case dep.Experiment == d.Name:
		bad("experiment", "depends on itself")
	case !ok:
		bad("experiment", "unknown experiment %q", dep.Experiment)
	}
	var alg *experiments.Algorithm
	if ok {
		for i := range target.Algorithms {
			if target.Algorithms[i].Label == dep.Algorithm {
				alg = &target.Algorithms[i]
			}
		}
		if alg == nil {
			var labels []string
			for _, a := range target.Algorithms {
				labels = append(labels, fmt.Sprintf("%q", a.Label))
			}
			bad("algorithm", "no label %q in experiment %q, want one of %s", dep.Algorithm, dep.Experiment, strings.Join(labels, ", "))
		}
	}
	if len(dep.Axes) == 0 {
		bad("axes", "empty")
	}
	for _, ax := range dep.Axes {
		if !slices.Contains(Axes, ax) {
			bad("axes", "unknown axis %q, want one of %s", ax, strings.Join(Axes, ", "))
			continue
		}
		if alg != nil && alg.Algorithm != solvers.ADMM.String() && (ax == "lambda" || ax == "beta") {
			bad("axes", "%q is an admm axis but %q is %s", ax, dep.Algorithm, alg.Algorithm)
		}
		supplied[ax] = true
	}
	return errs
}

// cycleFrom follows depends_on from name and returns the cycle it walks
// into, if it returns to name (e.g. [a b a]).
func cycleFrom(name string, byName map[string]*experiments.Definition) []string {
	path := []string{name}
	seen := map[string]bool{name: true}
	for cur := byName[name]; cur != nil && cur.DependsOn != nil; {
		next := cur.DependsOn.Experiment
		path = append(path, next)
		if next == name {
			return path
		}
		if seen[next] {
			return nil // a cycle further on; reported from its own members
		}
		seen[next] = true
		cur = byName[next]
	}
	return nil
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
