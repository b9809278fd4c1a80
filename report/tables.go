package report

import (
	"fmt"
	"math"
	"sort"
	"strings"

	"github.com/admmlab/admmlab/pipeline"
)

// ourRow is one algorithm's result in a results table: the best structure
// and its statistics.
type ourRow struct {
	Label          string
	Cell           cell
	Best, Final    Stat // the metric at its best epoch (or the epoch chosen on validation) / at the last epoch
	Seconds        Stat
	Diverged, Runs int
	// Epoch and Val, under the validation rule: the stopping epoch chosen
	// on validation and the mean validation value there.
	Epoch int
	Val   float64
}

// bestRows picks per algorithm the configuration the experiment's rule
// chooses: the best mean best-epoch metric over the grid (the paper's), or
// the best mean validation value.
func bestRows(e expRuns) []ourRow {
	metric := e.def.Metric
	labels, m := byLabel(cellsOfDef(e.runs, e.def))
	var rows []ourRow
	for _, l := range labels {
		c, st, ok := chooseCell(m[l], metric)
		if !ok {
			// No configuration has a finite value: say how many runs of
			// the whole grid diverged rather than leaving the row empty.
			r := ourRow{Label: l, Cell: m[l][0], Best: Stat{Mean: math.NaN(), Std: math.NaN()}}
			for _, c := range m[l] {
				s := c.stat(metric + "_best")
				r.Best.Diverged += s.Diverged
				r.Best.Missing += s.Missing
				r.Diverged += c.diverged()
				r.Runs += len(c.Runs)
			}
			r.Final, r.Seconds = r.Best, Stat{Mean: math.NaN(), Std: math.NaN()}
			rows = append(rows, r)
			continue
		}
		r := ourRow{Label: l, Cell: c, Best: st, Final: c.stat(metric + "_final"),
			Seconds: c.seconds(), Diverged: c.diverged(), Runs: len(c.Runs)}
		if c.validation {
			r.Epoch, r.Val, _ = c.epoch()
		}
		rows = append(rows, r)
	}
	return rows
}

// ranks orders labels by value (best first) and returns each label's rank.
func ranks(metric string, vals map[string]float64) map[string]int {
	var ls []string
	for l, v := range vals {
		if !math.IsNaN(v) {
			ls = append(ls, l)
		}
	}
	sort.Slice(ls, func(i, j int) bool {
		if vals[ls[i]] != vals[ls[j]] {
			return better(metric, vals[ls[i]], vals[ls[j]])
		}
		return ls[i] < ls[j]
	})
	r := map[string]int{}
	for i, l := range ls {
		r[l] = i + 1
	}
	return r
}

// sameOrder is the "same order of magnitude" verdict: within a factor 10,
// on the error for MSE and on the error rate (1 − accuracy) for accuracy.
func sameOrder(metric string, ours, paper float64) (ratio float64, ok bool) {
	a, p := ours, paper
	if isAcc(metric) {
		a, p = 1-ours, 1-paper
	}
	if !(a > 0) || !(p > 0) {
		return math.NaN(), a == p
	}
	ratio = a / p
	return ratio, ratio >= 0.1 && ratio <= 10
}

func yesNo(ok bool) string {
	if ok {
		return "yes"
	}
	return "no"
}

func (b *builder) resultsTable(it item) error {
	paper := b.paper[it.ID]
	it.Exp = b.resolve(it.ID, it.Exp)
	e := b.experiment(it.Exp)
	var sb strings.Builder
	fmt.Fprintf(&sb, "# %s\n\n", it.Title)
	fmt.Fprintf(&sb, "Paper: %s. Profile: `%s` (%s). Experiment: `%s`.\n\n", paper.Caption, b.prof.Name, b.prof.Description, it.Exp)
	if info, ok := b.opt.Data[e.def.Data]; ok && e.notice == "" {
		if info.Subset != "" {
			fmt.Fprintf(&sb, "> **%s**: every number below comes from this subset, not from the paper's full data set.\n\n", info.Subset)
			b.sum.addNote(it.ID, info.Subset)
		}
		fmt.Fprintf(&sb, "Data: %s.\n\n", info.Counts)
	}
	metric := e.def.Metric
	if metric == "" {
		metric = "test_mse"
		if paper.Unit == "percent" {
			metric = "test_acc"
		}
	}
	unit := "MSE"
	if isAcc(metric) {
		unit = "%"
	}
	var rows []ourRow
	if e.notice != "" {
		b.notices++
		fmt.Fprintf(&sb, "> **%s**\n\n", e.notice)
	} else if rows = bestRows(e); pipeline.SelectsOnValidation(e.def) {
		sb.WriteString(validationIntro(e, metric, unit))
	} else {
		fmt.Fprintf(&sb, "Per algorithm, the (depth, width) with the best mean %s at its best epoch over the grid (the paper's choice); "+
			"mean (std) over trials, %s; *(n=1)* marks a single trial, whose spread is unknown. Runs that diverged are named in the cell "+
			"(*diverged 3/5*) and left out of the mean. *Final* is the same structure at the last epoch. *Same order?* compares ours with the paper within a factor 10 "+
			"(on the error rate 100 − accuracy for accuracies). Times depend on the machine.\n\n", axisLabel(metric), unit)
	}
	ours := map[string]ourRow{}
	for _, r := range rows {
		ours[r.Label] = r
	}
	// Rows in the paper's column order, then anything the paper lacks.
	var order []string
	for _, pr := range paper.Rows {
		order = append(order, pr.Label)
	}
	for _, r := range rows {
		if !contains(order, r.Label) {
			order = append(order, r.Label)
		}
	}
	ourVals, paperVals := map[string]float64{}, map[string]float64{}
	for _, l := range order {
		if r, ok := ours[l]; ok && r.Best.Valid() {
			ourVals[l] = r.Best.Mean
		}
		if pr, ok := paper.row(l); ok {
			paperVals[l] = paper.fraction(pr.Mean)
		}
	}
	ourRank, paperRank := ranks(metric, ourVals), ranks(metric, paperVals)
	validation := pipeline.SelectsOnValidation(e.def) && e.notice == ""
	if validation {
		sb.WriteString("| Algorithm | ours: at the chosen epoch | ours: final epoch | paper | ours/paper | same order? | ours: time (s) | paper: time (s) | ours: (depth, width) | paper: (depth, width) | rank ours / paper | chosen on validation: λ, init × scale, epoch (validation value) |\n")
		sb.WriteString("|---|---|---|---|---|---|---|---|---|---|---|---|\n")
	} else {
		sb.WriteString("| Algorithm | ours: best epoch | ours: final epoch | paper | ours/paper | same order? | ours: time (s) | paper: time (s) | ours: (depth, width) | paper: (depth, width) | rank ours / paper |\n")
		sb.WriteString("|---|---|---|---|---|---|---|---|---|---|---|\n")
	}
	within, compared := 0, 0
	for _, l := range order {
		r, haveOurs := ours[l]
		pr, havePaper := paper.row(l)
		cols := []string{mdEscape(l), "n/a", "n/a", "—", "—", "—", "n/a", "—", "n/a", "—", "—"}
		if haveOurs {
			cols[1] = fmtMeanStd(metric, r.Best)
			cols[2] = fmtMeanStd(metric, r.Final)
			if r.Best.Valid() {
				cols[6] = fmt.Sprintf("%.2f", r.Seconds.Mean)
				cols[8] = fmt.Sprintf("(%d,%d)", r.Cell.Cfg.Depth, r.Cell.Cfg.Width)
				b.recordRow(it.ID, metric, r)
			} else {
				cols[1] += " (whole grid)"
				cols[2] = "—"
			}
		}
		if havePaper {
			cols[3] = fmt.Sprintf("%s (%s)", fmtPaper(paper, pr.Mean), fmtPaper(paper, pr.Std))
			cols[7] = fmt.Sprintf("%.2f", pr.Seconds)
			cols[9] = fmt.Sprintf("(%d,%d)", pr.Depth, pr.Width)
		}
		if haveOurs && havePaper && r.Best.Valid() {
			ratio, ok := sameOrder(metric, r.Best.Mean, paper.fraction(pr.Mean))
			cols[4] = fmt.Sprintf("%.3g", r.Best.Mean/paper.fraction(pr.Mean))
			if isAcc(metric) {
				cols[4] += fmt.Sprintf(" (error rate ×%.3g)", ratio)
			}
			cols[5] = yesNo(ok)
			compared++
			if ok {
				within++
			}
		}
		cols[10] = fmt.Sprintf("%s / %s", rankStr(ourRank, l), rankStr(paperRank, l))
		if validation {
			cols = append(cols, "n/a")
			if haveOurs && r.Epoch > 0 {
				cols[11] = chosenText(metric, r)
			}
		}
		sb.WriteString("| " + strings.Join(cols, " | ") + " |\n")
	}
	verdict := "no results"
	if len(ourVals) > 0 {
		winner := bestLabel(ourRank)
		holds := winner == paper.Winner
		fmt.Fprintf(&sb, "\nPaper's winner: **%s**. Ours: **%s**. Paper's winner wins here: **%s**. Same order of magnitude: %d of %d algorithms.\n",
			paper.Winner, winner, yesNo(holds), within, compared)
		verdict = fmt.Sprintf("paper's winner %s wins here: %s (ours: %s); %d/%d within a factor 10", paper.Winner, yesNo(holds), winner, within, compared)
		b.sum.addExact(it.ID+"/winner_holds", boolNum(holds), nil)
	}
	if paper.Baseline != 0 {
		fmt.Fprintf(&sb, "\nThe paper's baseline accuracy: %.2f%%.\n", paper.Baseline)
	}
	rel := "tables/" + it.ID + ".md"
	if err := b.write(rel, []byte(sb.String())); err != nil {
		return err
	}
	b.gallery = append(b.gallery, galleryEntry{item: it, File: rel, Verdict: verdict, Notices: boolInt(e.notice != ""), Text: sb.String()})
	return nil
}

func (b *builder) recordRow(id, metric string, r ourRow) {
	prefix := id + "/" + r.Label + "/"
	if r.Epoch > 0 {
		// Chosen on validation: the choice itself is a reported number.
		b.sum.addExact(prefix+"chosen_epoch", float64(r.Epoch), nil)
		b.sum.addExact(prefix+"chosen_init_scale", r.Cell.Cfg.InitScale, nil)
		b.sum.addExact(prefix+"chosen_"+pipeline.ValidationCurve(metric), r.Val, nil)
		if r.Cell.Cfg.Algorithm == "admm" {
			b.sum.addExact(prefix+"chosen_lambda", r.Cell.Cfg.Lambda, nil)
		}
	}
	b.sum.addStat(prefix+metric+"_best", r.Best)
	b.sum.addStat(prefix+metric+"_final", r.Final)
	b.sum.addStat(prefix+"seconds", r.Seconds)
	b.sum.addExact(prefix+"depth", float64(r.Cell.Cfg.Depth), nil)
	b.sum.addExact(prefix+"width", float64(r.Cell.Cfg.Width), nil)
}

func fmtPaper(t PaperTable, v float64) string {
	if t.Unit == "percent" {
		return fmt.Sprintf("%.2f", v)
	}
	return fmtSci(v)
}

func rankStr(r map[string]int, l string) string {
	if k, ok := r[l]; ok {
		return fmt.Sprint(k)
	}
	return "–"
}

func bestLabel(r map[string]int) string {
	for l, k := range r {
		if k == 1 {
			return l
		}
	}
	return ""
}

func boolNum(ok bool) float64 {
	if ok {
		return 1
	}
	return 0
}

func boolInt(ok bool) int {
	if ok {
		return 1
	}
	return 0
}

// validationIntro explains a table whose choices were made on validation.
func validationIntro(e expRuns, metric, unit string) string {
	frac := e.def.Select.Fraction
	sizes := ""
	for _, r := range e.runs {
		if v, ok := r.Result.Metrics["validation_n"]; ok {
			sizes = fmt.Sprintf(" (%.0f samples held out, %.0f trained on, per trial)", v, r.Result.Metrics["fit_n"])
			break
		}
	}
	return fmt.Sprintf("Chosen on validation data, never on the test set: each trial holds out a stratified %.0f%% of the training split%s, "+
		"the same samples for every algorithm of the trial, and trains on the rest. Per algorithm, the configuration (depth, width, λ, init scale) "+
		"with the best mean %s on the held-out samples at its best epoch is chosen, with that epoch as the stopping epoch; "+
		"the table reports the %s at that choice, mean (std) over trials, %s. *(n=1)* marks a single trial. Runs that diverged are named "+
		"in the cell and left out of the mean. *Final* is the same configuration at the last epoch. *Same order?* compares ours with the paper "+
		"within a factor 10 (on the error rate 100 − accuracy for accuracies). Times depend on the machine.\n\n",
		100*frac, sizes, pipeline.ValidationCurve(metric), axisLabel(metric), unit)
}

// chosenText writes a row's choice: λ (ADMM), init × scale and epoch.
func chosenText(metric string, r ourRow) string {
	var parts []string
	if r.Cell.Cfg.Algorithm == "admm" {
		parts = append(parts, "λ = "+fmtG(r.Cell.Cfg.Lambda))
	}
	parts = append(parts, fmt.Sprintf("%s × %s", r.Cell.Cfg.Init, fmtG(r.Cell.Cfg.InitScale)))
	parts = append(parts, fmt.Sprintf("epoch %d", r.Epoch))
	return fmt.Sprintf("%s (%s)", strings.Join(parts, ", "), fmtVal(metric, r.Val))
}
