package report

import (
	"fmt"
	"slices"
	"strings"
)

// Ranking is a results table's numbers beside the paper's, as the
// scorecard lists and ranks them: the cells the table chose (the scorecard
// chooses none), the order of the means, ours and the paper's.
type Ranking struct {
	Table  string
	Notice string // why the table has no results; "" when it has
	Metric string
	Epochs int // the paper's epochs, for its time per epoch
	Ours   map[string]ChosenCell
	// Ratio is, per algorithm with a value on both sides, ours to the
	// paper's (the difference in points for accuracies); SameOrder says
	// the two are of the same order (sameOrder).
	Ratio     map[string]float64
	SameOrder map[string]bool
	// OurRank and PaperRank rank the algorithms that have a value on both
	// sides (nil when none has); Same says the two orders agree, Winner
	// that both put the same algorithm first.
	OurRank, PaperRank map[string]int
	Same, Winner       bool
}

// rankTables ranks every results table of the paper beside the paper's
// numbers, in the order of the items, from the cells the tables chose, and
// records the ratios and whether each ranking holds in summary.json.
func (b *builder) rankTables() []Ranking {
	var out []Ranking
	for _, ri := range b.items {
		paper := b.paper[ri.ID]
		if paper.Rows == nil {
			continue
		}
		e := b.experiment(b.resolve(ri.ID))
		r := Ranking{Table: ri.ID, Notice: e.notice, Metric: e.def.Metric, Epochs: e.def.Epochs, Ours: map[string]ChosenCell{},
			Ratio: map[string]float64{}, SameOrder: map[string]bool{}}
		if t, ok := b.an.Tables[ri.ID]; ok && e.notice == "" {
			r.Ours = t.Cells
		}
		ourVals, paperVals := map[string]float64{}, map[string]float64{}
		for _, pr := range paper.Rows {
			if c, ok := r.Ours[pr.Label]; ok && c.Best.Valid() {
				ourVals[pr.Label], paperVals[pr.Label] = c.Best.Mean, paper.Fraction(pr.Mean)
				r.Ratio[pr.Label], r.SameOrder[pr.Label] = sameOrder(r.Metric, c.Best.Mean, paperVals[pr.Label])
				b.an.Summary.addDerived(fmt.Sprintf("scorecard/%s/%s/ratio", ri.ID, pr.Label), c.Best.Mean/paperVals[pr.Label], c.Best.Runs)
			}
		}
		if len(ourVals) > 0 {
			r.OurRank, r.PaperRank = ranks(r.Metric, ourVals), ranks(r.Metric, paperVals)
			r.Same = true
			for l := range r.OurRank {
				if r.OurRank[l] != r.PaperRank[l] {
					r.Same = false
				}
			}
			r.Winner = bestLabel(r.OurRank) == bestLabel(r.PaperRank)
			b.an.Summary.addExact("scorecard/"+ri.ID+"/ranking_holds", boolNum(r.Same), nil)
		}
		out = append(out, r)
	}
	return out
}

// scorecard writes the scorecard: the judged claims, then every number of
// Tables 3–10 beside ours.
func (b *builder) scorecard(it item) error {
	text, g := scorecardMarkdown(b.an, b.paper, it)
	if err := b.write(g.File, []byte(text)); err != nil {
		return err
	}
	b.gallery = append(b.gallery, g)
	return nil
}

// scorecardMarkdown is the scorecard's file and its README entry, written
// from the analysis (its claims, rankings and points runs) and the paper's
// tables alone.
func scorecardMarkdown(an *Analysis, paperTables map[string]PaperTable, it item) (string, galleryEntry) {
	var sb strings.Builder
	fmt.Fprintf(&sb, "# %s\n\nProfile: `%s` (%s). *Ranking holds* compares the full order of the algorithms by mean.\n\n", it.Title, an.Profile, an.Description)
	// The README's answer opens with a shorter legend (claimsBrief): the
	// rows say where each was judged, and this file defines the verdicts.
	sb.WriteString("## Claims\n\n" + claimsLegend + "\n\n")
	sb.WriteString("| Claim | Verdict | Numbers | Evidence |\n|---|---|---|---|\n")
	counts := map[string]int{}
	var notes []string
	for _, c := range an.Claims {
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
	for _, r := range an.Rankings {
		paper := paperTables[r.Table]
		for _, pr := range paper.Rows {
			sb.WriteString("| " + strings.Join(numberRow(r, paper, pr), " | ") + " |\n")
		}
		if r.OurRank == nil {
			summary = append(summary, fmt.Sprintf("- %s: no results (%s)", r.Table, r.Notice))
			continue
		}
		tables++
		if r.Same {
			held++
		}
		summary = append(summary, fmt.Sprintf("- %s: paper's winner (%s) has our best mean: **%s**; full ranking by means holds: **%s** (ours: %s)",
			r.Table, bestLabel(r.PaperRank), yesNo(r.Winner), yesNo(r.Same), rankOrder(r.OurRank)))
	}
	sb.WriteString("\n## Rankings\n\nThe orders of the means, whatever the trial spread; the claims above say which gaps the trials resolve.\n\n" + strings.Join(summary, "\n") + "\n")
	file := sb.String()
	if note := an.PointsWall.note(); note != "" {
		sb.WriteString("\n" + note + "\n")
	}
	return file, galleryEntry{item: it, File: "tables/" + it.ID + ".md", Text: sb.String(), Brief: map[string]string{claimsLegend: claimsBrief},
		Verdict: fmt.Sprintf("claims: %d hold (%d of them at reduced settings), %d fail (%d at reduced settings), %d not resolved (within the trial spread), %d untestable here, %d unreachable; full ranking by means holds in %d of %d tables with results",
			counts[claimHolds]+counts[claimHolds+atReduced], counts[claimHolds+atReduced], counts[claimFails]+counts[claimFails+atReduced], counts[claimFails+atReduced],
			counts[claimUnresolved], counts[claimUntestable], counts[claimUnreachable], held, tables)}
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
func numberRow(rk Ranking, paper PaperTable, pr PaperRow) []string {
	metric := rk.Metric
	r, have := rk.Ours[pr.Label]
	cols := []string{rk.Table, mdEscape(pr.Label), fmtPaper(paper, pr.Mean), "n/a", "—", "—", perEpoch(pr.Seconds, rk.Epochs), "n/a", "—",
		fmt.Sprintf("(%d,%d)", pr.Depth, pr.Width), "n/a"}
	if have && !r.Best.Valid() {
		cols[3] = fmtMeanStd(metric, r.Best)
	}
	if !have || !r.Best.Valid() {
		return cols
	}
	ratio, same := rk.Ratio[pr.Label], rk.SameOrder[pr.Label]
	cols[3] = fmtVal(metric, r.Best.Mean)
	cols[4] = fmt.Sprintf("%.3g", ratio)
	if isAcc(metric) {
		cols[4] = fmt.Sprintf("%+.2f pt", ratio)
	}
	cols[5] = yesNo(same)
	oursPer, theirs := r.Seconds.Mean/float64(max(r.Epochs, 1)), pr.Seconds/float64(max(rk.Epochs, 1))
	cols[7] = perEpoch(r.Seconds.Mean, r.Epochs)
	cols[8] = fmt.Sprintf("%.3g", oursPer/theirs)
	cols[10] = fmt.Sprintf("(%d,%d)", r.Depth, r.Width)
	return cols
}
