package report

import (
	"fmt"
	"math"
	"strings"

	"github.com/admmlab/admmlab/experiments"
	"github.com/admmlab/admmlab/report/verdict"
)

// trialMean is a mean over trials with its spread (see verdict.Mean).
type trialMean = verdict.Mean

func meanOf(s Stat) trialMean {
	return trialMean{Mean: s.Mean, Std: s.Std, N: s.N, LogMean: s.LogMean, LogStd: s.LogStd}
}

// scaleOf says how values of metric compare: accuracies higher, in
// percentage points; errors lower, on log10 of their trials.
func scaleOf(metric string) verdict.Scale { return verdict.Scale{HigherIsBetter: isAcc(metric)} }

// contest is a results table's verdict on the paper's winner.
type contest struct {
	Verdict, Why string
	// Complete: every algorithm of the paper's table has a mean.
	Complete bool
	// Reduced says why the comparison has not ruled out our own settings:
	// how the runs fall short of the paper's ("200 of 2000 epochs, a
	// thinned grid"), and the grid ends the compared choices sit at; empty:
	// it has. Settings is the first part alone.
	Reduced, Settings string
	// Metric and Means are what it compared, for the claims judged on the
	// same means (within: the subject's shortfall from the best).
	Metric string
	Means  map[string]trialMean
}

// claimSide is one set of means a results table judges the paper's
// winner on: key prefixes its summary.json numbers, where says what the
// means are, reduced how their settings fall short of the paper's, and
// edges, per algorithm, the grid ends its choice sits at (see gridEdge).
type claimSide struct {
	key, where string
	means      map[string]trialMean
	reduced    string
	edges      map[string]string
}

// judgedSide is one side's contest on the paper's winner, with where its
// means are (claimSide.where).
type judgedSide struct {
	where string
	con   *contest
}

// judgeContests judges the claim that the paper's winner of table id is
// best on each side that has means, records each verdict in the analysis
// (the table's Contest, or Points for the side keyed "points/") and its
// exact codes in summary.json, and returns the sides judged, in order.
func (b *builder) judgeContests(id, metric string, paper PaperTable, sides []claimSide) []judgedSide {
	var judged []judgedSide
	for _, v := range sides {
		claimV, why, rival, ok := winnerVerdict(metric, paper.Winner, v.means)
		if !ok {
			continue
		}
		// A choice at the end of its grid leaves our settings open, as
		// fewer epochs do: the qualifier says so.
		caveats := []string{}
		for _, c := range []string{v.reduced, v.edges[paper.Winner], v.edges[rival]} {
			if c != "" {
				caveats = append(caveats, c)
			}
		}
		reduced := strings.Join(caveats, "; ")
		complete := true
		var missing []string
		for _, pr := range paper.Rows {
			if _, have := v.means[pr.Label]; !have {
				complete, missing = false, append(missing, pr.Label)
			}
		}
		// A winner beaten beyond the spread fails whoever else is missing,
		// and one within the spread of a rival is not resolved either way;
		// but that it beats every other cannot be said while some have no
		// results.
		if !complete && claimV == claimHolds {
			claimV, why = claimUntestable, "no results yet for "+strings.Join(missing, ", ")
		}
		con := &contest{claimV, why, complete, reduced, v.reduced, metric, v.means}
		if t := b.an.table(id); v.key == "" {
			t.Contest = con
		} else {
			t.Points = con
		}
		h, f := verdictCodes(claimV)
		b.an.Summary.addExact(id+"/"+v.key+"winner_claim_holds", h, nil)
		b.an.Summary.addExact(id+"/"+v.key+"winner_claim_fails", f, nil)
		judged = append(judged, judgedSide{v.where, con})
	}
	return judged
}

// contestText writes the judged sides' verdicts on the paper's winner: the
// table's sentences and the gallery verdict's clauses.
func contestText(paper PaperTable, judged []judgedSide) (text, brief, verdict string) {
	var sb, bb, vb strings.Builder
	for _, j := range judged {
		shown, where := qualified(j.con.Verdict, j.con.Reduced), j.where
		if j.con.Reduced != "" {
			where += " (" + j.con.Reduced + ")"
		}
		fmt.Fprintf(&sb, " That %s is best, %s: **%s** (%s).", paper.Winner, where, shown, j.con.Why)
		// The README states the verdict; the test behind it (means,
		// spreads, the bound) is in the table's file and, for the side the
		// scorecard judges, in the README's answer.
		if bb.Len() == 0 {
			fmt.Fprintf(&bb, " %s best %s: **%s**", paper.Winner, where, shown)
		} else {
			fmt.Fprintf(&bb, "; %s: **%s**", where, shown)
		}
		fmt.Fprintf(&vb, "; best %s: %s", where, shown)
	}
	if bb.Len() > 0 {
		bb.WriteString(".")
	}
	return sb.String(), bb.String(), vb.String()
}

// reductions says how runs of d that ran the given epochs (0: as many as
// this profile gives d) fall short of the paper's settings; empty when they
// do not. ofProfile: the runs are this profile's grid's best, whose grid
// and samples its scale may reduce too (else they are the paper's
// structures, from the points profile). A subset of the paper's data set
// (PTB's 5,237 of 14,552 beats) is fewer samples at any profile, so it
// reduces both. Fewer trials are no reduction here: the spread accounts
// for them.
func (b *builder) reductions(d experiments.Definition, epochs int, ofProfile bool) string {
	scaled := experiments.ScaleDefinition(d, experiments.EffectiveScale(&d, b.prof))
	if epochs == 0 {
		epochs = scaled.Epochs
	}
	var parts []string
	if epochs < d.Epochs {
		parts = append(parts, fmt.Sprintf("%d of %d epochs", epochs, d.Epochs))
	}
	if ofProfile {
		if thinned(d, scaled) {
			parts = append(parts, "a thinned grid")
		}
		if scaled.Samples != d.Samples && d.Samples != 0 {
			parts = append(parts, fmt.Sprintf("%d of %d samples", scaled.Samples, d.Samples))
		}
	}
	if sub := b.opt.Data[d.Data].Subset; sub != "" {
		parts = append(parts, subsetReduction(sub))
	}
	return strings.Join(parts, ", ")
}

// subsetReduction names a data subset as a reduction: "the PTB subset
// (5,237 of 14,552 beats)" for the label "PTB subset: 5,237 of 14,552 beats";
// a label of another form as it is.
func subsetReduction(label string) string {
	if name, counts, ok := strings.Cut(label, ": "); ok {
		return "the " + name + " (" + counts + ")"
	}
	return label
}

// thinned reports whether scaling dropped values from any grid axis of an
// algorithm of d.
func thinned(d, scaled experiments.Definition) bool {
	for i, a := range d.Algorithms {
		g, sg := a.Grid, scaled.Algorithms[i].Grid
		if len(sg.Depth) < len(g.Depth) || len(sg.Width) < len(g.Width) || len(sg.Lambda) < len(g.Lambda) ||
			len(sg.Beta) < len(g.Beta) || len(sg.InitScale) < len(g.InitScale) || len(sg.Noise) < len(g.Noise) || len(sg.Init) < len(g.Init) {
			return true
		}
	}
	return false
}

// winnerVerdict judges the claim that the algorithm claimed is the best
// of means (verdict.Scale.Winner) and states the deciding comparison with
// its numbers; rival names the other algorithm in it. ok is false when the
// claimed algorithm has no mean or no rival has one.
func winnerVerdict(metric, claimed string, means map[string]trialMean) (v, why, rival string, ok bool) {
	c, ok := scaleOf(metric).Winner(claimed, means)
	if !ok {
		return "", "", "", false
	}
	own, m := means[claimed], means[c.Rival]
	switch c.Verdict {
	case claimFails:
		why = fmt.Sprintf("%s beats %s beyond the spread: %s", c.Rival, claimed, gapText(metric, c.Rival, m, claimed, own))
	case claimUnresolved:
		why = fmt.Sprintf("%s and %s lie within the spread: %s", claimed, c.Rival, gapText(metric, claimed, own, c.Rival, m))
	case claimUntestable:
		why = fmt.Sprintf("untestable at n = 1: %s", gapText(metric, claimed, own, c.Rival, m))
	default:
		why = fmt.Sprintf("%s beats every other beyond the spread; the closest: %s", claimed, gapText(metric, claimed, own, c.Rival, m))
	}
	return c.Verdict, why, c.Rival, true
}

// gapText writes two means and their gap against the bound it must
// exceed, on the scale they compare on.
func gapText(metric, la string, a trialMean, lb string, b trialMean) string {
	d, bound, df := scaleOf(metric).Gap(a, b)
	var against string
	switch {
	case math.IsNaN(bound):
		against = "a mean of one trial has no spread"
	case scaleOf(metric).OnLog(a, b):
		against = fmt.Sprintf("log10 gap %.2f, 95%% bound %.2f, df %.1f", d, bound, df)
	default:
		against = fmt.Sprintf("gap %s, 95%% bound %s, df %.1f", fmtVal(metric, d), fmtVal(metric, bound), df)
	}
	return fmt.Sprintf("%s %s vs %s %s (%s)", la, fmtTrialMean(metric, a), lb, fmtTrialMean(metric, b), against)
}

func fmtTrialMean(metric string, m trialMean) string {
	if m.N < 2 {
		return fmtVal(metric, m.Mean) + " (n=1)"
	}
	return fmt.Sprintf("%s (std %s, n=%d)", fmtVal(metric, m.Mean), fmtVal(metric, m.Std), m.N)
}

// verdictCodes are the exact numbers summary.json records for a verdict, so
// that `admmlab diff` flags a verdict that changes: holds and fails are 1
// only when the comparison is resolved; both 0 is "not resolved".
func verdictCodes(verdict string) (holds, fails float64) {
	return boolNum(verdict == claimHolds), boolNum(verdict == claimFails)
}
