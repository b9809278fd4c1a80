package report

import (
	"fmt"
	"math"
	"sort"
	"strings"

	"github.com/admmlab/admmlab/experiments"
	"github.com/admmlab/admmlab/report/verdict"
)

// The claims the report once left unjudged: the paper's own sentences on
// Tables 8–10 and Figure 18(a), and its claim that β needs no tuning.

// withinClaim: the subject falls short of the best algorithm of the table
// by at most the claim's tolerance (percentage points), on the means the
// table's winner contest compared (the points results where complete).
func (j *claimJudge) withinClaim(cl experiments.Claim) (claim, bool) {
	subject := j.claims.Subject
	c := claim{Text: fmt.Sprintf("%s: %s is within %g points of the best", tableName(cl.Table), subject, cl.Tolerance), Evidence: link(cl.Table)}
	con, basis, ok := j.winnerEvidence(cl.Table)
	if !ok {
		c.Verdict, c.Numbers = claimUntestable, "no results (data missing or not run)"
		return c, true
	}
	v, best, short, ok := scaleOf(con.Metric).WithinOfBest(subject, con.Means, cl.Tolerance/100)
	if !ok {
		c.Verdict, c.Numbers = claimUntestable, "no results for "+subject
		return c, true
	}
	c.Verdict = qualified(v, con.Reduced)
	c.Numbers = fmt.Sprintf("short of the best (%s) by %.2f points (allowed: %g): %s; %s", best, 100*short, cl.Tolerance,
		gapText(con.Metric, subject, con.Means[subject], best, con.Means[best]), basis)
	return c, true
}

// betaClaim: per panel, the subject's best error over λ at each β spreads
// by at most the claim's factor, beyond the trials' spread (the lowest
// and the highest of those bests by verdict.SpreadWithin, each panel's
// verdict qualified by how its runs fall short of the paper's settings);
// the claim holds only where every panel does (a claim made of several,
// verdict.Tally).
func (j *claimJudge) betaClaim(cl experiments.Claim) (claim, bool) {
	c := claim{Text: "ADMM is not sensitive to β", Evidence: strings.Join(figuresOf(cl.Panels), ", ")}
	tally, n := verdict.Tally{}, 0
	var parts []string
	for _, p := range cl.Panels {
		best := j.an.Panels[p].bestPerBeta(j.claims.Subject)
		if len(best) < 2 {
			continue
		}
		blo, bhi := extremes(best)
		lo, hi := best[blo], best[bhi]
		v, d, bound, df := verdict.SpreadWithin(meanOf(lo), meanOf(hi), cl.Factor)
		part := fmt.Sprintf("%s: %s at β = %s, %s at β = %s (×%.2g; %s): ", p, fmtSci(lo.Mean), fmtG(blo), fmtSci(hi.Mean), fmtG(bhi), hi.Mean/lo.Mean,
			spreadText(d, bound, df, cl.Factor, min(lo.N, hi.N)))
		if r := j.an.Reductions[p]; qualified(v, r) != v {
			v = qualified(v, r)
			part += v + " (" + r + ")"
		} else {
			part += v
		}
		n++
		tally[v]++
		parts = append(parts, part)
	}
	if n == 0 {
		c.Verdict, c.Numbers = claimUntestable, "no results"
		return c, true
	}
	c.Verdict = tally.Summary(n)
	c.Numbers = fmt.Sprintf("best error over λ per β, within ×%g to hold: %s", cl.Factor, strings.Join(parts, "; "))
	return c, true
}

// figuresOf is the figures of panels, each once, in order.
func figuresOf(panels []string) []string {
	var out []string
	for _, p := range panels {
		if f := figureOf(p); len(out) == 0 || out[len(out)-1] != f {
			out = append(out, f)
		}
	}
	return out
}

// widthClaim: the subject reaches its best with a smaller width than every
// other algorithm, and the others need their wider ones. Each rival is
// judged on the width panel (cl.Panel), whose value per width is the cell
// its rule chooses there: it fails the claim when its chosen width is no
// larger than the subject's; it supports it when, at the subject's width,
// it does worse than at its own beyond the trials' spread; otherwise (the
// same within the spread, or not run at the subject's width) it leaves the
// claim not resolved. Widths are chosen on this profile's grid and epochs.
func (j *claimJudge) widthClaim(cl experiments.Claim) (claim, bool) {
	subject := j.claims.Subject
	c := claim{Text: fmt.Sprintf("%s: %s needs the smallest width", tableName(cl.Table), subject), Evidence: link(cl.Table)}
	ta := j.an.Tables[cl.Table]
	ownCell, ok := ta.cell(subject)
	own := ownCell.Width
	if !ok {
		c.Verdict, c.Numbers = claimUntestable, "no results"
		return c, true
	}
	panel := j.an.Panels[cl.Panel]
	metric := tableMetric(cl.Table, j.claims.Tables[cl.Table])
	tally, n := verdict.Tally{}, 0
	var parts []string
	for _, pr := range j.claims.Tables[cl.Table].Rows {
		oc, ok := ta.cell(pr.Label)
		if !ok || pr.Label == subject {
			continue
		}
		n++
		v, why := widthNeed(panel, metric, pr.Label, oc.Width, own)
		tally[v]++
		parts = append(parts, fmt.Sprintf("%s %d (%s)", pr.Label, oc.Width, why))
	}
	if n == 0 {
		c.Verdict, c.Numbers = claimUntestable, "no rival has results"
		return c, true
	}
	c.Verdict = tally.Every(n)
	c.Numbers = fmt.Sprintf("chosen widths: %s %d; %s", subject, own, strings.Join(parts, ", "))
	if reduced := ta.settings(); reduced != "" {
		c.Verdict = qualified(c.Verdict, reduced)
		c.Numbers += "; profile " + j.an.Profile + ": " + reduced
	}
	return c, true
}

// widthNeed judges whether label needs its chosen width over the subject's
// (own): its value on the width panel at its width against at own.
func widthNeed(panel *PanelAnalysis, metric, label string, width, own int) (v, why string) {
	if width <= own {
		return claimFails, "no wider than the subject's"
	}
	var at, best Stat
	var okAt, okBest bool
	if panel != nil && panel.Axis == "width" {
		at, okAt = panel.Structure[label][own]
		best, okBest = panel.Structure[label][width]
	}
	if !okAt || !okBest {
		return claimUnresolved, fmt.Sprintf("not run at width %d", own)
	}
	ma, mb := meanOf(at), meanOf(best)
	scale := scaleOf(metric)
	gap := gapText(metric, fmt.Sprintf("at %d", width), mb, fmt.Sprintf("at %d", own), ma)
	switch {
	case ma.N < 2 || mb.N < 2:
		return claimUntestable, gap
	case scale.Separated(ma, mb) && scale.Better(mb.Mean, ma.Mean):
		return claimHolds, "worse at the subject's width: " + gap
	}
	return claimUnresolved, "within the spread at the subject's width: " + gap
}

// degradesClaim: on the panel, every algorithm's depth beyond cl.Beyond is
// worse than its depth up to it, beyond the trials' spread. Each side is
// represented by the depth its cells' own rule ranks best (the validation
// value under the validation rule), never by the best test mean, which
// would pick the luckiest depth of many; the two are then compared on the
// panel's metric with Welch's bound. Holds when every algorithm compared
// is worse beyond; fails when one is better beyond the spread; not
// resolved otherwise; untestable where the profile ran no depth beyond it.
func (j *claimJudge) degradesClaim(cl experiments.Claim) (claim, bool) {
	c := claim{Text: fmt.Sprintf("Every algorithm degrades beyond depth %d (%s)", cl.Beyond, cl.Panel), Evidence: link(cl.Figure)}
	panel := j.an.Panels[cl.Panel]
	metric := ""
	if panel != nil {
		metric = panel.StructureMetric
	}
	scale := scaleOf(metric)
	upTo, past := map[string]depthValue{}, map[string]depthValue{}
	var depths []int
	for _, pt := range panel.depthValues() {
		depths = append(depths, pt.depth)
		m := upTo
		if pt.depth > cl.Beyond {
			m = past
		}
		// Ties in the rank go to the shallower depth, so that the choice
		// does not depend on map order.
		if cur, ok := m[pt.label]; !ok || scale.Better(pt.rank, cur.rank) || (pt.rank == cur.rank && pt.depth < cur.depth) {
			m[pt.label] = pt
		}
	}
	sort.Ints(depths)
	switch {
	case len(depths) == 0:
		c.Verdict, c.Numbers = claimUntestable, "no results"
		return c, true
	case len(past) == 0:
		c.Verdict = claimUntestable
		c.Numbers = fmt.Sprintf("no depth beyond %d was run under profile %s (deepest: %d)", cl.Beyond, j.an.Profile, depths[len(depths)-1])
		return c, true
	}
	// An algorithm run only beyond the depth has nothing to degrade from:
	// it is named, and decides nothing.
	labels := make([]string, 0, len(past))
	for l := range past {
		labels = append(labels, l)
	}
	sort.Strings(labels)
	worse, better, compared := 0, 0, 0
	var parts []string
	for _, l := range labels {
		b := past[l]
		a, ok := upTo[l]
		if !ok {
			parts = append(parts, fmt.Sprintf("%s: depth %d only, nothing up to %d", l, b.depth, cl.Beyond))
			continue
		}
		compared++
		ma, mb := meanOf(a.value), meanOf(b.value)
		switch {
		case !scale.Separated(ma, mb):
		case scale.Better(ma.Mean, mb.Mean):
			worse++
		default:
			better++
		}
		parts = append(parts, l+": "+gapText(metric, fmt.Sprintf("depth %d", b.depth), mb, fmt.Sprintf("depth %d", a.depth), ma))
	}
	switch {
	case compared == 0:
		c.Verdict = claimUntestable
	case better > 0:
		c.Verdict = claimFails
	case worse == compared:
		c.Verdict = claimHolds
	default:
		c.Verdict = claimUnresolved
	}
	c.Numbers = fmt.Sprintf("worse beyond the spread in %d of %d algorithms, better in %d (each at the depth its rule ranks best on either side): %s",
		worse, compared, better, strings.Join(parts, "; "))
	j.qualifyClaim(&c, cl.Panel)
	return c, true
}

// scaleClaim: the subject wins the table at every init scale its
// init-scale stage tried, not only at the one chosen: at each scale its
// mean over the stage's trials is judged against the other algorithms'
// means on the table as the table's winner is (verdict.Scale.Winner,
// beyond the trials' spread). Fails when another beats it beyond the
// spread at some scale, holds when it beats every other beyond the spread
// at every scale, and is not resolved (or untestable at n = 1) otherwise.
// The stage ran at one structure and this profile's epochs.
func (j *claimJudge) scaleClaim(cl experiments.Claim) (claim, bool) {
	subject := j.claims.Subject
	c := claim{Text: fmt.Sprintf("%s: %s's win does not hinge on the init scale", tableName(cl.Table), subject), Evidence: link(cl.Table) + ", table2"}
	metric := tableMetric(cl.Table, j.claims.Tables[cl.Table])
	scores := map[float64]Stat{}
	var scales []float64
	for s, st := range j.an.InitScales[cl.Experiment][subject] {
		if !math.IsNaN(st.Mean) {
			scores[s] = st
			scales = append(scales, s)
		}
	}
	others := map[string]trialMean{}
	for _, pr := range j.claims.Tables[cl.Table].Rows {
		if m, ok := j.an.Tables[cl.Table].best(pr.Label, metric); ok && pr.Label != subject {
			others[pr.Label] = m
		}
	}
	if len(scales) < 2 || len(others) == 0 {
		c.Verdict, c.Numbers = claimUntestable, "no results"
		return c, true
	}
	sort.Float64s(scales)
	scale := scaleOf(metric)
	tally := verdict.Tally{}
	var parts []string
	for _, s := range scales {
		own := meanOf(scores[s])
		means := map[string]trialMean{subject: own}
		rank := 1
		for l, m := range others {
			means[l] = m
			if scale.Better(m.Mean, own.Mean) {
				rank++
			}
		}
		con, _ := scale.Winner(subject, means)
		tally[con.Verdict]++
		parts = append(parts, fmt.Sprintf("×%s %s (rank %d of %d by mean; %s against %s)",
			fmtG(s), fmtTrialMean(metric, own), rank, len(others)+1, con.Verdict, con.Rival))
	}
	c.Verdict = tally.Every(len(scales))
	c.Numbers = fmt.Sprintf("%s's %s at each init scale of %s, against the others' means on the table: %s", subject, axisLabel(metric), cl.Experiment, strings.Join(parts, "; "))
	if reduced := j.an.Tables[cl.Table].settings(); reduced != "" {
		c.Verdict = qualified(c.Verdict, reduced)
		c.Numbers += "; profile " + j.an.Profile + ": " + reduced
	}
	return c, true
}
