package report

import (
	"fmt"
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
		b.an.Notices++
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
