package report

import (
	"fmt"
	"math"
	"sort"
	"strings"
)

// ourRow is one algorithm's result in a results table: the best structure
// and its statistics.
type ourRow struct {
	Label          string
	Cell           cell
	Best, Final    Stat // the metric at its best epoch / at the last epoch
	Seconds        Stat
	Diverged, Runs int
}

// bestRows picks per algorithm the (depth, width) with the best mean
// best-epoch metric over the grid.
func bestRows(e expRuns) []ourRow {
	metric := e.def.Metric
	labels, m := byLabel(cellsOf(e.runs, labelOrder(e.def)))
	var rows []ourRow
	for _, l := range labels {
		c, st, ok := bestCell(m[l], metric)
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
		rows = append(rows, ourRow{Label: l, Cell: c, Best: st, Final: c.stat(metric + "_final"),
			Seconds: c.seconds(), Diverged: c.diverged(), Runs: len(c.Runs)})
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
	} else {
		rows = bestRows(e)
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
	sb.WriteString("| Algorithm | ours: best epoch | ours: final epoch | paper | ours/paper | same order? | ours: time (s) | paper: time (s) | ours: (depth, width) | paper: (depth, width) | rank ours / paper |\n")
	sb.WriteString("|---|---|---|---|---|---|---|---|---|---|---|\n")
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
