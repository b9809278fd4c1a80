package report

import (
	"fmt"
	"strings"

	"github.com/admmlab/admmlab/experiments"
	"github.com/admmlab/admmlab/pipeline/runs"
	"github.com/admmlab/admmlab/solvers"
)

// validationSizes states the sizes of a table's validation split.
func validationSizes(e expRuns) string {
	for _, r := range e.runs {
		if v, ok := r.Result.Metrics["validation_n"]; ok {
			return fmt.Sprintf("Validation: %.0f samples held out, %.0f trained on, per trial.\n\n", v, r.Result.Metrics["fit_n"])
		}
	}
	return ""
}

// validationIntro is the legend of a table whose choices were made on
// validation, the same paragraph for every table of the metric's kind,
// which the README leaves to the tables' files.
func validationIntro(d experiments.Definition, metric, unit string) string {
	return fmt.Sprintf("Chosen on validation data, never on the test set: each trial holds out a stratified %.0f%% of the training split, "+
		"the same samples for every algorithm of the trial, and trains on the rest. Per algorithm, the configuration (depth, width, λ, init scale) "+
		"with the best mean %s on the held-out samples at its best epoch is chosen, with that epoch as the stopping epoch; "+
		"the table reports the %s at that choice, mean (std) over trials, %s. *(n=1)* marks a single trial. Runs that diverged are named "+
		"in the cell and left out of the mean. *Final* is the same configuration at the last epoch, with its rank there. *At the paper's (d,w)* and *points* "+
		"(the paper's structure at the paper's epochs, profile `points`) are read the same way, at the epoch chosen on their own validation curve. "+
		"%s. Times are seconds per epoch (ours on this machine; the paper's run time over its epochs).\n\n",
		100*d.Select.Fraction, runs.ValidationCurve(metric), axisLabel(metric), unit, sameText(metric)) + refitIntro(d, metric)
}

// refitIntro is the legend of a table whose choices were refitted.
func refitIntro(d experiments.Definition, metric string) string {
	if !runs.Refits(d) {
		return ""
	}
	kept := 100 * (1 - d.Select.Fraction)
	return fmt.Sprintf("Refitted: *ours: at the chosen epoch* is the %s of the chosen configuration refitted on the whole training split at the chosen epoch "+
		"(%d trials, one run each, the held-out samples trained on too). A refitted run stops at the chosen epoch: it is seeded as the run of the full %d epochs "+
		"and is that run read at the chosen epoch, because nothing a run does up to an epoch depends on the epochs after it (the learning-rate schedule "+
		"depends on the epoch index alone). So *final* and the times are the %.0f%%-model's, which ran the full length. The last column gives, after the choice, "+
		"the %.0f%%-model value: the same configuration trained without the held-out samples, at the same epoch (summary.json: `held_out/`). "+
		"*Points* reads the points profile's refits the same way; *at the paper's (d,w)* stays the %.0f%%-model value, as only the chosen configuration is refitted. "+
		"*Refit pending* marks a row whose refit runs are not stored yet; it shows the %.0f%%-model value.\n\n",
		axisLabel(metric), d.Trials, d.Epochs, kept, kept, kept, kept)
}

// refitted, for a row chosen on validation in an experiment that refits,
// takes its numbers from the refit runs of the chosen configuration (the
// same spec on the whole training split, runs.RefitSpec), read at the
// epoch chosen on validation, and keeps the held-out model's in HeldOut.
// Without refit runs the row stays the held-out model's, marked pending.
func refitted(e expRuns, r ourRow) ourRow {
	if !runs.Refits(e.def) || r.Epoch == 0 {
		return r
	}
	st, ok := refitCell(e.def.Metric, r.Cell, r.Epoch, e.refit)
	if !ok {
		r.RefitPending = true
		return r
	}
	r.Refitted, r.HeldOut = true, r.Best
	r.HeldOutName = heldOutName(e.def)
	// The refit stops at the chosen epoch (runs.RefitSpec): its last epoch is
	// the chosen one, so the final value and the time stay the held-out
	// model's, which ran the full length.
	r.Best = st
	return r
}

// refitCell gathers, among refit runs, those of the chosen cell's
// configuration (runs.RefitSpec: stopped at epoch, or, as stored before
// refits stopped early, at full length) and its label, and reads metric at
// the epoch chosen on validation; ok is false when none has a value there.
func refitCell(metric string, chosen cell, epoch int, refit []runs.Labeled) (Stat, bool) {
	want := runs.RefitSpec(chosen.Cfg, 0, 0)
	c := cell{Label: chosen.Label, Cfg: want, metric: metric, curves: chosen.curves}
	for _, x := range refit {
		if s := runs.RefitSpec(x.Spec, 0, 0); x.Label == chosen.Label && s == want {
			c.Runs = append(c.Runs, x)
		}
	}
	st := c.statAt(metric, epoch)
	return st, len(c.Runs) > 0 && st.Valid()
}

// withRefits gives each cell of a study that refits every configuration
// (runs.RefitsEach) the refit stage's runs to be read on; a cell whose
// refit runs are not stored yet keeps the held-out model's value.
func withRefits(cells []cell, d experiments.Definition, refit []runs.Labeled) []cell {
	if !runs.RefitsEach(d) || len(refit) == 0 {
		return cells
	}
	for i := range cells {
		cells[i].refit = refit
	}
	return cells
}

// heldOutName names the model a refit replaces in a table: "the
// 80%-model value".
func heldOutName(d experiments.Definition) string {
	return fmt.Sprintf("the %.0f%%-model value", 100*(1-d.Select.Fraction))
}

// sameText explains the *same?* column.
func sameText(metric string) string {
	if isAcc(metric) {
		return fmt.Sprintf("*Same?* is within %g percentage point of the paper (*ours − paper* in points)", accPoints)
	}
	return "*Same order?* is within a factor 10 of the paper"
}

// chosenText writes a row's choice: λ (ADMM), init × scale and epoch,
// then where λ and init scale sit on the grids its label's cells searched
// (placeText of places, placesOf the cells its label searched), so that a
// reader sees whether the search bracketed them.
func chosenText(metric string, r ourRow, places []axisPlace) string {
	var parts []string
	if r.Cell.Cfg.Algorithm == solvers.ADMM.String() {
		parts = append(parts, "λ = "+fmtG(r.Cell.Cfg.Lambda))
	}
	parts = append(parts, fmt.Sprintf("%s × %s", r.Cell.Cfg.Init, fmtG(r.Cell.Cfg.InitScale)))
	parts = append(parts, fmt.Sprintf("epoch %d", r.Epoch))
	text := fmt.Sprintf("%s (%s)", strings.Join(parts, ", "), fmtVal(metric, r.Val))
	if where := placeText(places); where != "" {
		text += "; " + where
	}
	switch {
	case r.Refitted:
		text += "; " + r.HeldOutName + ": " + fmtMeanStd(metric, r.HeldOut)
	case r.RefitPending:
		text += "; *refit pending*"
	}
	return text
}
