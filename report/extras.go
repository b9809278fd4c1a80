package report

import (
	"fmt"
	"strings"
)

// ExtraAnalysis is what a table outside the paper (the LLA ablation,
// tanh) found: a row per algorithm column and configuration of its
// experiment, or the notice that replaces them.
type ExtraAnalysis struct {
	Exp, Notice, Metric string
	Rows                []ExtraRow
}

// ExtraRow is one configuration of an ExtraAnalysis: its settings, the
// metric at the best and the last epoch, the run time, and how many of its
// runs diverged.
type ExtraRow struct {
	Label, Act, LLA, Init string
	Depth, Width          int
	Lambda, Beta          float64
	Best, Final, Seconds  Stat
	Diverged, Runs        int
}

// summaryTable finds an experiment outside the paper (LLA ablation, tanh),
// one row per algorithm column and configuration, into the analysis, and
// returns the step that writes it from there.
func (b *builder) summaryTable(it item) (func() error, error) {
	it.Exp = b.resolve(it.ID)
	e := b.experimentFor(it.ID, it.Exp)
	xa := &ExtraAnalysis{Exp: it.Exp, Notice: e.notice, Metric: e.def.Metric}
	if e.notice != "" {
		b.an.Notices++
	} else {
		for _, c := range cellsOf(e.runs, labelOrder(e.def), e.curves) {
			r := ExtraRow{Label: c.Label, Act: c.Cfg.Act, LLA: c.Cfg.LLA, Init: initName(c), Depth: c.Cfg.Depth, Width: c.Cfg.Width,
				Lambda: c.Cfg.Lambda, Beta: c.Cfg.Beta, Best: c.stat(xa.Metric + "_best"), Final: c.stat(xa.Metric + "_final"), Seconds: c.seconds(),
				Diverged: c.diverged(), Runs: len(c.Runs)}
			key := fmt.Sprintf("%s/%s/d=%d,w=%d,lla=%s", it.ID, c.Label, c.Cfg.Depth, c.Cfg.Width, c.Cfg.LLA)
			b.an.Summary.addStat(key+"/"+xa.Metric+"_best", r.Best)
			b.an.Summary.addStat(key+"/"+xa.Metric+"_final", r.Final)
			xa.Rows = append(xa.Rows, r)
		}
	}
	b.an.Extras[it.ID] = xa
	return func() error {
		text, g := extraMarkdown(b.an, it)
		if err := b.write(g.File, []byte(text)); err != nil {
			return err
		}
		b.gallery = append(b.gallery, g)
		return nil
	}, nil
}

// extraMarkdown is a table outside the paper and its README entry,
// written from its entry of the analysis (Extras) alone.
func extraMarkdown(an *Analysis, it item) (string, galleryEntry) {
	xa := an.Extras[it.ID]
	var sb strings.Builder
	// What the README's heading and top already say stays in the file.
	meta := fmt.Sprintf("Experiment: `%s`. Profile: `%s` (%s).", xa.Exp, an.Profile, an.Description)
	fmt.Fprintf(&sb, "# %s\n\n%s\n\n", it.Title, meta)
	brief := map[string]string{meta: ""}
	verdict := "no results"
	if xa.Notice != "" {
		fmt.Fprintf(&sb, "> **%s**\n", xa.Notice)
	} else {
		metric := xa.Metric
		header := []string{"Algorithm", "act", "LLA", "(depth, width)", "λ", "β", "init", "best epoch", "final epoch", "time (s)", "diverged"}
		var rows [][]string
		var obs []string
		for _, r := range xa.Rows {
			lla := r.LLA
			if lla == "" {
				lla = "—"
			}
			rows = append(rows, []string{mdEscape(r.Label), r.Act, lla, fmt.Sprintf("(%d,%d)", r.Depth, r.Width), fmtG(r.Lambda), fmtG(r.Beta),
				r.Init, fmtMeanStd(metric, r.Best), fmtMeanStd(metric, r.Final), fmt.Sprintf("%.2f", r.Seconds.Mean), fmt.Sprintf("%d/%d", r.Diverged, r.Runs)})
			obs = append(obs, fmt.Sprintf("%s (%d,%d): %s", r.Label, r.Depth, r.Width, fmtMeanStd(metric, r.Best)))
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
	it.Exp = xa.Exp
	return sb.String(), galleryEntry{item: it, File: "tables/" + it.ID + ".md", Verdict: verdict, Notices: boolInt(xa.Notice != ""), Text: sb.String(),
		Brief: brief, VerdictInBody: xa.Notice == ""}
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
	claimsLegend = "One line per claim of the paper: *holds*, *fails*, *not resolved* (the gap lies within the trial spread: Welch's t test at the two-sided 5% level, on log10 of the trials for errors, does not separate the means), *untestable here* (data missing or not run; a comparison with a mean of a single trial, which has no spread: *untestable at n = 1*; or runs that cannot speak to the claim, such as an error too far above its noise floor for its growth with the noise to measure robustness, or a convergence rate whose log-log slope still steepens at the end of the runs, which have then not reached the asymptotic regime the rate is about) or *unreachable* (the paper's number lies below the noise floor of its own task, which no method trained on these samples reaches). A claim that one algorithm is best holds or fails only beyond the spread; it is judged at the paper's structures and epochs (profile points) wherever every algorithm of the table has such results."
	claimsBrief  = "One line per claim of the paper: *holds*, *fails*, *not resolved* (within the trial spread), *untestable here* " +
		"(no results, a mean of one trial: *untestable at n = 1*, or runs that cannot speak to the claim) or *unreachable* (below the task's noise floor); " +
		"[the scorecard](tables/scorecard.md) defines each and the test behind it."
)
