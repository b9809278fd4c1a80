package report

import (
	"fmt"
	"math"
	"slices"
	"sort"
	"strings"

	"github.com/admmlab/admmlab/pipeline/runs"
	"github.com/admmlab/admmlab/solvers"
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
// chooses (chooseCell): the best mean best-epoch metric over the grid (the
// paper's), or the best mean validation value. Noise-floor runs are no
// algorithm and get no row here.
func bestRows(e expRuns) []ourRow {
	metric := e.def.Metric
	labels, m := byLabel(cellsOfDef(e.runs, e.def, e.curves))
	var rows []ourRow
	for _, l := range labels {
		if isFloorLabel(l) {
			continue
		}
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

// sameOrder is the "same order" verdict: within a factor 10 for errors; for
// accuracies, within accPoints percentage points (ratio is then the
// difference ours − paper in points).
func sameOrder(metric string, ours, paper float64) (ratio float64, ok bool) {
	if isAcc(metric) {
		d := 100 * (ours - paper)
		return d, math.Abs(d) <= accPoints
	}
	if !(ours > 0) || !(paper > 0) {
		return math.NaN(), ours == paper
	}
	ratio = ours / paper
	return ratio, ratio >= 0.1 && ratio <= 10
}

// accPoints is how many percentage points an accuracy may differ from the
// paper's and still count as the same.
const accPoints = 1.0

func yesNo(ok bool) string {
	if ok {
		return "yes"
	}
	return "no"
}

func (b *builder) resultsTable(it item) error {
	paperID := it.ID
	if it.Paper != "" {
		paperID = it.Paper
	}
	paper := b.paper[paperID]
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
	} else if rows = bestRows(e); runs.SelectsOnValidation(e.def) {
		sb.WriteString(validationIntro(e, metric, unit))
	} else {
		fmt.Fprintf(&sb, "Per algorithm, *ours: best* is the (depth, width) with the best mean %s at its best epoch over this profile's grid (the paper's choice, "+
			"diverged trials left out and counted); *at the paper's (d,w)* is the same algorithm at the structure the paper reports, which every profile runs; "+
			"*points* is that structure at the paper's epochs (profile `points`). Mean (std) over trials, %s; *(n=1)* marks a single trial. "+
			"*Final* is the best structure at the last epoch. %s. Times are seconds per epoch (ours on this machine; the paper's run time over its %d epochs).\n\n",
			axisLabel(metric), unit, sameText(metric), e.def.Epochs)
	}
	ours := map[string]ourRow{}
	for _, r := range rows {
		ours[r.Label] = r
	}
	_, cellsBy := byLabel(cellsOfDef(e.runs, e.def, e.curves))
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
		if pr, ok := paper.Row(l); ok {
			paperVals[l] = paper.Fraction(pr.Mean)
		}
	}
	ourRank, paperRank := ranks(metric, ourVals), ranks(metric, paperVals)
	// Under the validation rule the "best" columns are the configuration
	// and epoch chosen on validation, and a last column states the choice.
	validation := runs.SelectsOnValidation(e.def) && e.notice == ""
	if validation {
		sb.WriteString("| Algorithm | ours: chosen (d,w) | ours: at the chosen epoch | ours: final epoch | ours at the paper's (d,w) | points: paper's (d,w) and epochs | paper | paper (d,w) | ours/paper | same? | ours: s/epoch | paper: s/epoch | rank ours / paper | chosen on validation: λ, init × scale, epoch (validation value) |\n")
		sb.WriteString("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n")
	} else {
		sb.WriteString("| Algorithm | ours: best (d,w) | ours: best epoch | ours: final epoch | ours at the paper's (d,w) | points: paper's (d,w) and epochs | paper | paper (d,w) | ours/paper | same? | ours: s/epoch | paper: s/epoch | rank ours / paper |\n")
		sb.WriteString("|---|---|---|---|---|---|---|---|---|---|---|---|---|\n")
	}
	within, compared, pending := 0, 0, 0
	var capNotes []string
	ourMeans, pointsMeans := map[string]trialMean{}, map[string]trialMean{}
	ourEpochs, pointsEpochs := e.def.Epochs, e.def.Epochs
	ourEdges, pointsEdges := map[string]string{}, map[string]string{}
	for l, r := range ours {
		if r.Best.Valid() {
			ourMeans[l] = meanOf(r.Best)
			ourEpochs = min(ourEpochs, r.Cell.Cfg.Epochs)
			ourEdges[l] = gridEdge(l, r.Cell, cellsBy[l])
		}
	}
	for _, l := range order {
		r, haveOurs := ours[l]
		pr, havePaper := paper.Row(l)
		cols := []string{mdEscape(l), "n/a", "n/a", "n/a", "n/a", "n/a", "—", "—", "—", "—", "n/a", "—", "—"}
		if haveOurs {
			cols[2] = fmtMeanStd(metric, r.Best)
			cols[3] = fmtMeanStd(metric, r.Final)
			if r.Best.Valid() {
				cols[1] = fmt.Sprintf("(%d,%d)", r.Cell.Cfg.Depth, r.Cell.Cfg.Width)
				cols[10] = perEpoch(r.Seconds.Mean, r.Cell.Cfg.Epochs)
				b.recordRow(it.ID, metric, r)
			} else {
				cols[2] += " (whole grid)"
				cols[3] = "—"
			}
		}
		if e.notice == "" {
			if c, pp, note, ok := b.paperCell(e.def, metric, l, cellsBy[l]); ok {
				st := c.reported(metric)
				cols[4] = fmt.Sprintf("%s at (%d,%d)", fmtMeanStd(metric, st), pp.Depth, pp.Width)
				if note != "" {
					cols[4] += "‡"
					capNotes = append(capNotes, fmt.Sprintf("%s: %s", l, note))
				}
				if st.Valid() {
					b.sum.addStat(it.ID+"/"+l+"/at_paper_structure/"+metric+"_best", st)
				}
			} else if pp.Depth > 0 {
				cols[4] = fmt.Sprintf("not run at (%d,%d)", pp.Depth, pp.Width)
				if note != "" {
					cols[4] += "‡"
					capNotes = append(capNotes, fmt.Sprintf("%s: %s", l, note))
				}
			}
		}
		if c, all, ok := b.pointsCell(it.Exp, l); ok {
			multiple := len(all) > 1
			st := c.reported(metric)
			if st.Valid() {
				pointsMeans[l] = meanOf(st)
				pointsEpochs = min(pointsEpochs, c.Cfg.Epochs)
				pointsEdges[l] = gridEdge(l, c, all)
			}
			cols[5] = fmt.Sprintf("%s at (%d,%d), %d epochs, %d trials", fmtMeanStd(metric, st), c.Cfg.Depth, c.Cfg.Width, c.Cfg.Epochs, len(c.Runs))
			if multiple && c.validation {
				ep, val, _ := c.epoch()
				cols[5] += "; chosen on validation: " + chosenText(metric, ourRow{Cell: c, Epoch: ep, Val: val})
			} else if multiple {
				cols[5] += "; the best of its points grid"
			}
			if st.Valid() {
				b.sum.addStat(it.ID+"/"+l+"/points/"+metric+"_best", st)
			}
		} else if b.opt.Points != nil && b.prof.Name != "points" {
			cols[5] = "pending"
			pending++
		}
		if havePaper {
			cols[6] = fmt.Sprintf("%s (%s)", fmtPaper(paper, pr.Mean), fmtPaper(paper, pr.Std))
			cols[7] = fmt.Sprintf("(%d,%d)", pr.Depth, pr.Width)
			cols[11] = perEpoch(pr.Seconds, e.def.Epochs)
		}
		if haveOurs && havePaper && r.Best.Valid() {
			ratio, ok := sameOrder(metric, r.Best.Mean, paper.Fraction(pr.Mean))
			cols[8] = fmt.Sprintf("%.3g", ratio)
			if isAcc(metric) {
				cols[8] = fmt.Sprintf("%+.2f pt", ratio)
			}
			cols[9] = yesNo(ok)
			compared++
			if ok {
				within++
			}
		}
		cols[12] = fmt.Sprintf("%s / %s", rankStr(ourRank, l), rankStr(paperRank, l))
		if validation {
			cols = append(cols, "n/a")
			if haveOurs && r.Epoch > 0 {
				cols[13] = chosenText(metric, r)
			}
		}
		sb.WriteString("| " + strings.Join(cols, " | ") + " |\n")
	}
	floorNote := ""
	if e.notice == "" && e.def.NoiseFloor != "" {
		for _, noise := range noiseLevels(e.runs) {
			fl, ok := floorStat(e.runs, metric, noise)
			if !ok {
				continue
			}
			extra := ""
			if validation {
				extra = " — |"
			}
			fmt.Fprintf(&sb, "| *noise floor (variance %s)* | — | %s | — | — | — | — | — | — | — | — | — | — |%s\n", fmtG(noise), fmtMeanStd(metric, fl), extra)
			b.sum.addStat(fmt.Sprintf("%s/noise_floor/noise=%s/%s", it.ID, fmtG(noise), metric), fl)
			floorNote = floorVerdict(metric, fl, paper, ours)
		}
		fmt.Fprintf(&sb, "\n*Noise floor*: the clean-test MSE of %s, per trial on the same samples as the nets. %s\n", floorNames[e.def.NoiseFloor], floorNote)
	}
	if len(capNotes) > 0 {
		fmt.Fprintf(&sb, "\n‡ %s.\n", strings.Join(capNotes, "; "))
	}
	if pending > 0 {
		fmt.Fprintf(&sb, "\n*pending*: %d algorithms have no `points` results yet (`admmlab run --profile points --trials 3 --only %s`).\n", pending, it.Exp)
	}
	verdict := "no results"
	if len(ourVals) > 0 {
		winner := bestLabel(ourRank)
		holds := winner == paper.Winner
		what := "within a factor 10"
		if isAcc(metric) {
			what = fmt.Sprintf("within %g point", accPoints)
		}
		fmt.Fprintf(&sb, "\nPaper's winner: **%s**. Ours, by mean: **%s**.", paper.Winner, winner)
		verdict = fmt.Sprintf("paper's winner %s; ours by mean: %s", paper.Winner, winner)
		text, judged := b.judgeWinner(it.ID, metric, paper, []claimSide{
			{"", "at this profile's best structures", ourMeans, b.reductions(e.def, ourEpochs, true), ourEdges},
			{"points/", "at the paper's structures and epochs (profile `points`)", pointsMeans, b.reductions(e.def, pointsEpochs, false), pointsEdges},
		})
		sb.WriteString(text)
		verdict += judged
		fmt.Fprintf(&sb, " Same order (%s): %d of %d algorithms.\n", what, within, compared)
		verdict += fmt.Sprintf("; %d/%d %s", within, compared, what)
		if floorNote != "" {
			verdict += ". " + floorNote
		}
		b.sum.addExact(it.ID+"/winner_holds", boolNum(holds), nil)
		b.sum.addExact(it.ID+"/admm_wins", boolNum(winner == b.claims.Subject), nil)
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

// noiseLevels lists the noise levels of the runs, ascending.
func noiseLevels(runs []runs.Labeled) []float64 {
	ns := make([]float64, len(runs))
	for i, r := range runs {
		ns[i] = r.Spec.Noise
	}
	return sortedDistinct(ns)
}

// sortedDistinct returns the distinct values of xs, ascending; xs is reused.
func sortedDistinct(xs []float64) []float64 {
	sort.Float64s(xs)
	return slices.Compact(xs)
}

func (b *builder) recordRow(id, metric string, r ourRow) {
	prefix := id + "/" + r.Label + "/"
	if r.Epoch > 0 {
		// Chosen on validation: the choice itself is a reported number.
		b.sum.addExact(prefix+"chosen_epoch", float64(r.Epoch), nil)
		b.sum.addExact(prefix+"chosen_init_scale", r.Cell.Cfg.InitScale, nil)
		b.sum.addExact(prefix+"chosen_"+runs.ValidationCurve(metric), r.Val, nil)
		if r.Cell.Cfg.Algorithm == solvers.ADMM.String() {
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
