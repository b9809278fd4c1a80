package report

import (
	"fmt"
	"strings"

	"github.com/admmlab/admmlab/pipeline/runs"
	"github.com/admmlab/admmlab/solvers"
)

// validationIntro explains a table whose choices were made on validation:
// the sizes of this table's split, then the legend, the same paragraph for
// every table of the metric's kind (so that the README states it once).
func validationIntro(e expRuns, metric, unit string) string {
	sizes := ""
	for _, r := range e.runs {
		if v, ok := r.Result.Metrics["validation_n"]; ok {
			sizes = fmt.Sprintf("Validation: %.0f samples held out, %.0f trained on, per trial.\n\n", v, r.Result.Metrics["fit_n"])
			break
		}
	}
	return sizes + fmt.Sprintf("Chosen on validation data, never on the test set: each trial holds out a stratified %.0f%% of the training split, "+
		"the same samples for every algorithm of the trial, and trains on the rest. Per algorithm, the configuration (depth, width, λ, init scale) "+
		"with the best mean %s on the held-out samples at its best epoch is chosen, with that epoch as the stopping epoch; "+
		"the table reports the %s at that choice, mean (std) over trials, %s. *(n=1)* marks a single trial. Runs that diverged are named "+
		"in the cell and left out of the mean. *Final* is the same configuration at the last epoch, with its rank there. *At the paper's (d,w)* and *points* "+
		"(the paper's structure at the paper's epochs, profile `points`) are read the same way, at the epoch chosen on their own validation curve. "+
		"%s. Times are seconds per epoch (ours on this machine; the paper's run time over its epochs).\n\n",
		100*e.def.Select.Fraction, runs.ValidationCurve(metric), axisLabel(metric), unit, sameText(metric))
}

// sameText explains the *same?* column.
func sameText(metric string) string {
	if isAcc(metric) {
		return fmt.Sprintf("*Same?* is within %g percentage point of the paper (*ours − paper* in points)", accPoints)
	}
	return "*Same order?* is within a factor 10 of the paper"
}

// chosenText writes a row's choice: λ (ADMM), init × scale and epoch.
func chosenText(metric string, r ourRow) string {
	var parts []string
	if r.Cell.Cfg.Algorithm == solvers.ADMM.String() {
		parts = append(parts, "λ = "+fmtG(r.Cell.Cfg.Lambda))
	}
	parts = append(parts, fmt.Sprintf("%s × %s", r.Cell.Cfg.Init, fmtG(r.Cell.Cfg.InitScale)))
	parts = append(parts, fmt.Sprintf("epoch %d", r.Epoch))
	return fmt.Sprintf("%s (%s)", strings.Join(parts, ", "), fmtVal(metric, r.Val))
}
