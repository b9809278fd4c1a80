package report

import (
	"fmt"
	"slices"
	"strings"
)

// summaryTable finds an experiment outside the paper (LLA ablation, tanh),
// one row per algorithm column and configuration, and returns the step
// that writes it.
func (b *builder) summaryTable(it item) (func() error, error) {
	it.Exp = b.resolve(it.ID)
	e := b.experimentFor(it.ID, it.Exp)
	var sb strings.Builder
	// What the README's heading and top already say stays in the file.
	meta := fmt.Sprintf("Experiment: `%s`. Profile: `%s` (%s).", it.Exp, b.prof.Name, b.prof.Description)
	fmt.Fprintf(&sb, "# %s\n\n%s\n\n", it.Title, meta)
	brief := map[string]string{meta: ""}
	verdict := "no results"
	if e.notice != "" {
		b.notices++
		fmt.Fprintf(&sb, "> **%s**\n", e.notice)
	} else {
		metric := e.def.Metric
		header := []string{"Algorithm", "act", "LLA", "(depth, width)", "λ", "β", "init", "best epoch", "final epoch", "time (s)", "diverged"}
		var rows [][]string
		var obs []string
		for _, c := range cellsOf(e.runs, labelOrder(e.def), e.curves) {
			best, final, sec := c.stat(metric+"_best"), c.stat(metric+"_final"), c.seconds()
			lla := c.Cfg.LLA
			if lla == "" {
				lla = "—"
			}
			rows = append(rows, []string{mdEscape(c.Label), c.Cfg.Act, lla, fmt.Sprintf("(%d,%d)", c.Cfg.Depth, c.Cfg.Width), fmtG(c.Cfg.Lambda), fmtG(c.Cfg.Beta),
				initName(c), fmtMeanStd(metric, best), fmtMeanStd(metric, final), fmt.Sprintf("%.2f", sec.Mean), fmt.Sprintf("%d/%d", c.diverged(), len(c.Runs))})
			key := fmt.Sprintf("%s/%s/d=%d,w=%d,lla=%s", it.ID, c.Label, c.Cfg.Depth, c.Cfg.Width, c.Cfg.LLA)
			b.an.Summary.addStat(key+"/"+metric+"_best", best)
			b.an.Summary.addStat(key+"/"+metric+"_final", final)
			obs = append(obs, fmt.Sprintf("%s (%d,%d): %s", c.Label, c.Cfg.Depth, c.Cfg.Width, fmtMeanStd(metric, best)))
		}
		full := mdTable(header, rows)
		sb.WriteString(full)
		// The README drops the machine's times and says once what every
		// row shares.
		brief[strings.TrimSpace(full)] = foldShared(header, rows, map[int]bool{9: true}, "Values: "+axisLabel(metric)+", mean (std) over trials")
		legend := fmt.Sprintf("Values: %s, mean (std) over trials; *(n=1)*: a single trial, spread unknown; diverged runs are counted in the last column and left out of the means. Times depend on the machine.", axisLabel(metric))
		fmt.Fprintf(&sb, "\n%s\n", legend)
		brief[legend] = ""
		verdict = strings.Join(obs, "; ")
	}
	text := sb.String()
	return func() error {
		rel := "tables/" + it.ID + ".md"
		if err := b.write(rel, []byte(text)); err != nil {
			return err
		}
		b.gallery = append(b.gallery, galleryEntry{item: it, File: rel, Verdict: verdict, Notices: boolInt(e.notice != ""), Text: text,
			Brief: brief, VerdictInBody: e.notice == ""})
		return nil
	}, nil
}

// scorecard lists every number of Tables 3–10 beside ours.
func (b *builder) scorecard(it item) error {
	var sb strings.Builder
	fmt.Fprintf(&sb, "# %s\n\nProfile: `%s` (%s). *Ranking holds* compares the full order of the algorithms by mean.\n\n", it.Title, b.prof.Name, b.prof.Description)
	// The README's answer opens with a shorter legend (claimsBrief): the
	// rows say where each was judged, and this file defines the verdicts.
	sb.WriteString("## Claims\n\n" + claimsLegend + "\n\n")
	sb.WriteString("| Claim | Verdict | Numbers | Evidence |\n|---|---|---|---|\n")
	counts := map[string]int{}
	var notes []string
	for _, c := range b.an.Claims {
		counts[c.Verdict]++
		fmt.Fprintf(&sb, "| %s | **%s** | %s | %s |\n", mdEscape(c.Text), c.Verdict, c.Numbers, c.Evidence)
		if c.Note != "" && !slices.Contains(notes, c.Note) {
			notes = append(notes, c.Note)
		}
	}
	for _, n := range notes {
		fmt.Fprintf(&sb, "\n† %s\n", n)
	}
	sb.WriteString("\n## Every number of Tables 3–10\n\nAccuracies compare in percentage points (*ours − paper*, same within 1 point), errors as ratios (same within a factor 10); times are seconds per epoch (the paper's run time divided by its epochs).\n\n")
	sb.WriteString("| Table | Algorithm | paper | ours | ours/paper or Δ | same? | paper s/epoch | ours s/epoch | time ratio | paper (d,w) | ours (d,w) |\n")
	sb.WriteString("|---|---|---|---|---|---|---|---|---|---|---|\n")
	var summary []string
	held, tables := 0, 0
	for _, ri := range b.items {
		if b.paper[ri.ID].Rows == nil {
			continue
		}
		paper := b.paper[ri.ID]
		// The cells the results table chose: the scorecard chooses none.
		e := b.experiment(b.resolve(ri.ID))
		metric := e.def.Metric
		ours := map[string]ChosenCell{}
		if t, ok := b.an.Tables[ri.ID]; ok && e.notice == "" {
			ours = t.Cells
		}
		ourVals, paperVals := map[string]float64{}, map[string]float64{}
		for _, pr := range paper.Rows {
			cols, ov, pv, ok := b.numberRow(ri.ID, paper, pr, e, ours)
			if ok {
				ourVals[pr.Label], paperVals[pr.Label] = ov, pv
			}
			sb.WriteString("| " + strings.Join(cols, " | ") + " |\n")
		}
		if len(ourVals) == 0 {
			summary = append(summary, fmt.Sprintf("- %s: no results (%s)", ri.ID, e.notice))
			continue
		}
		or, pr := ranks(metric, ourVals), ranks(metric, paperVals)
		same := true
		for l := range or {
			if or[l] != pr[l] {
				same = false
			}
		}
		winner := bestLabel(or) == bestLabel(pr)
		tables++
		if same {
			held++
		}
		summary = append(summary, fmt.Sprintf("- %s: paper's winner (%s) has our best mean: **%s**; full ranking by means holds: **%s** (ours: %s)",
			ri.ID, bestLabel(pr), yesNo(winner), yesNo(same), rankOrder(or)))
		b.an.Summary.addExact("scorecard/"+ri.ID+"/ranking_holds", boolNum(same), nil)
	}
	sb.WriteString("\n## Rankings\n\nThe orders of the means, whatever the trial spread; the claims above say which gaps the trials resolve.\n\n" + strings.Join(summary, "\n") + "\n")
	rel := "tables/" + it.ID + ".md"
	if err := b.write(rel, []byte(sb.String())); err != nil {
		return err
	}
	if note := b.pointsWall.note(); note != "" {
		sb.WriteString("\n" + note + "\n")
	}
	b.gallery = append(b.gallery, galleryEntry{item: it, File: rel, Text: sb.String(), Brief: map[string]string{claimsLegend: claimsBrief},
		Verdict: fmt.Sprintf("claims: %d hold (%d of them at reduced settings), %d fail (%d at reduced settings), %d not resolved (within the trial spread), %d untestable here, %d unreachable; full ranking by means holds in %d of %d tables with results",
			counts[claimHolds]+counts[claimHolds+atReduced], counts[claimHolds+atReduced], counts[claimFails]+counts[claimFails+atReduced], counts[claimFails+atReduced],
			counts[claimUnresolved], counts[claimUntestable], counts[claimUnreachable], held, tables)})
	return nil
}

func rankOrder(r map[string]int) string {
	ls := make([]string, len(r))
	for l, k := range r {
		ls[k-1] = l
	}
	return strings.Join(ls, " > ")
}

// numberRow is one paper number of the scorecard beside ours: the value,
// their ratio (or difference in points), the times and the structures.
// ok: ours has a value, returned with the paper's as a fraction.
func (b *builder) numberRow(id string, paper PaperTable, pr PaperRow, e expRuns, ours map[string]ChosenCell) (cols []string, ov, pv float64, ok bool) {
	metric := e.def.Metric
	r, have := ours[pr.Label]
	cols = []string{id, mdEscape(pr.Label), fmtPaper(paper, pr.Mean), "n/a", "—", "—", perEpoch(pr.Seconds, e.def.Epochs), "n/a", "—",
		fmt.Sprintf("(%d,%d)", pr.Depth, pr.Width), "n/a"}
	if have && !r.Best.Valid() {
		cols[3] = fmtMeanStd(metric, r.Best)
	}
	if !have || !r.Best.Valid() {
		return cols, 0, 0, false
	}
	pv = paper.Fraction(pr.Mean)
	ratio, same := sameOrder(metric, r.Best.Mean, pv)
	cols[3] = fmtVal(metric, r.Best.Mean)
	cols[4] = fmt.Sprintf("%.3g", ratio)
	if isAcc(metric) {
		cols[4] = fmt.Sprintf("%+.2f pt", ratio)
	}
	cols[5] = yesNo(same)
	oursPer, theirs := r.Seconds.Mean/float64(max(r.Epochs, 1)), pr.Seconds/float64(max(e.def.Epochs, 1))
	cols[7] = perEpoch(r.Seconds.Mean, r.Epochs)
	cols[8] = fmt.Sprintf("%.3g", oursPer/theirs)
	cols[10] = fmt.Sprintf("(%d,%d)", r.Depth, r.Width)
	b.an.Summary.addDerived(fmt.Sprintf("scorecard/%s/%s/ratio", id, pr.Label), r.Best.Mean/pv, r.Best.Runs)
	return cols, r.Best.Mean, pv, true
}

// mdTable is the Markdown of a header and rows.
func mdTable(header []string, rows [][]string) string {
	var sb strings.Builder
	sb.WriteString("| " + strings.Join(header, " | ") + " |\n|" + strings.Repeat("---|", len(header)) + "\n")
	for _, r := range rows {
		sb.WriteString("| " + strings.Join(r, " | ") + " |\n")
	}
	return sb.String()
}

// foldShared is a table without the columns in drop and without those
// whose cell is the same in every row of several, which the line under
// it, after lead, states once ("…; every row: act sigmoid, β 1.").
func foldShared(header []string, rows [][]string, drop map[int]bool, lead string) string {
	var keep []int
	var shared []string
	for j, h := range header {
		same := len(rows) > 1 && j > 0
		for _, r := range rows {
			same = same && r[j] == rows[0][j]
		}
		switch {
		case drop[j]:
		case same:
			shared = append(shared, h+" "+rows[0][j])
		default:
			keep = append(keep, j)
		}
	}
	pick := func(cells []string) []string {
		out := make([]string, len(keep))
		for i, j := range keep {
			out[i] = cells[j]
		}
		return out
	}
	var out [][]string
	for _, r := range rows {
		out = append(out, pick(r))
	}
	text := mdTable(pick(header), out) + "\n" + lead
	if len(shared) > 0 {
		text += "; every row: " + strings.Join(shared, ", ")
	}
	return text + ".\n"
}

// claimsLegend defines the scorecard's verdicts; claimsBrief is the
// README's copy, which links the file for the definitions.
const (
	claimsLegend = "One line per claim of the paper: *holds*, *fails*, *not resolved* (the gap lies within the trial spread: Welch's t test at the two-sided 5% level, on log10 of the trials for errors, does not separate the means), *untestable here* (data missing or not run, or a comparison with a mean of a single trial, which has no spread: *untestable at n = 1*) or *unreachable* (the paper's number lies below the noise floor of its own task, which no method trained on these samples reaches). A claim that one algorithm is best holds or fails only beyond the spread; it is judged at the paper's structures and epochs (profile points) wherever every algorithm of the table has such results."
	claimsBrief  = "One line per claim of the paper: *holds*, *fails*, *not resolved* (within the trial spread), *untestable here* " +
		"(no results, or a mean of one trial: *untestable at n = 1*) or *unreachable* (below the task's noise floor); " +
		"[the scorecard](tables/scorecard.md) defines each and the test behind it."
)
