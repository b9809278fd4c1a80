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
// by at most the claim's factor; the claim holds only where every panel
// does (a claim made of several, verdict.Tally).
func (j *claimJudge) betaClaim(cl experiments.Claim) (claim, bool) {
	c := claim{Text: "ADMM is not sensitive to β", Evidence: strings.Join(figuresOf(cl.Panels), ", ")}
	tally, n := verdict.Tally{}, 0
	var parts []string
	for _, p := range cl.Panels {
		best := j.an.Panels[p].bestPerBeta(j.claims.Subject)
		if len(best) < 2 {
			continue
		}
		lo, hi, blo, bhi := math.Inf(1), math.Inf(-1), 0.0, 0.0
		for beta, v := range best {
			if v < lo {
				lo, blo = v, beta
			}
			if v > hi {
				hi, bhi = v, beta
			}
		}
		n++
		tally[verdict.WithinFactor(lo, hi, cl.Factor)]++
		parts = append(parts, fmt.Sprintf("%s: %s at β = %s, %s at β = %s (×%.2g)", p, fmtSci(lo), fmtG(blo), fmtSci(hi), fmtG(bhi), hi/lo))
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

// widthClaim: the subject's chosen width is smaller than every other
// algorithm's on the table (exact numbers: the chosen structures).
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
	smallest := true
	var others []string
	for _, pr := range j.claims.Tables[cl.Table].Rows {
		if oc, ok := ta.cell(pr.Label); ok && pr.Label != subject {
			smallest = smallest && own < oc.Width
			others = append(others, fmt.Sprintf("%s %d", pr.Label, oc.Width))
		}
	}
	if len(others) == 0 {
		c.Verdict, c.Numbers = claimUntestable, "no rival has results"
		return c, true
	}
	c.Verdict = verdict.Of(smallest)
	c.Numbers = fmt.Sprintf("chosen widths: %s %d; %s", subject, own, strings.Join(others, ", "))
	// The widths were chosen on this profile's grid and epochs.
	if reduced := ta.settings(); reduced != "" {
		c.Verdict = qualified(c.Verdict, reduced)
		c.Numbers += "; profile " + j.an.Profile + ": " + reduced
	}
	return c, true
}

// degradesClaim: on the panel, every algorithm's best beyond depth
// cl.Beyond is worse than its best up to it; untestable where the profile
// ran no depth beyond it.
func (j *claimJudge) degradesClaim(cl experiments.Claim) (claim, bool) {
	c := claim{Text: fmt.Sprintf("Every algorithm degrades beyond depth %d (%s)", cl.Beyond, cl.Panel), Evidence: link(cl.Figure)}
	upTo, past := map[string]float64{}, map[string]float64{}
	var depths []int
	for _, pt := range j.an.Panels[cl.Panel].depthValues() {
		label, depth, v := pt.label, pt.depth, pt.value
		depths = append(depths, depth)
		m := upTo
		if depth > cl.Beyond {
			m = past
		}
		if cur, ok := m[label]; !ok || v > cur {
			m[label] = v
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
	all, compared := true, 0
	var parts []string
	for l, v := range past {
		ref, ok := upTo[l]
		if !ok {
			parts = append(parts, fmt.Sprintf("%s %.2f%% beyond, no depth up to it", l, 100*v))
			continue
		}
		all, compared = all && v < ref, compared+1
		parts = append(parts, fmt.Sprintf("%s %.2f%% beyond vs %.2f%% up to it", l, 100*v, 100*ref))
	}
	sort.Strings(parts)
	c.Verdict, c.Numbers = verdict.Of(all), strings.Join(parts, "; ")
	if compared == 0 {
		c.Verdict = claimUntestable
	}
	j.qualifyClaim(&c, cl.Panel)
	return c, true
}

// scaleClaim: the subject ranks first on the table at every init scale its
// init-scale stage tried, not only at the one chosen. The stage ran at one
// structure and this profile's epochs; its scores stand beside the other
// algorithms' means on the table.
func (j *claimJudge) scaleClaim(cl experiments.Claim) (claim, bool) {
	subject := j.claims.Subject
	c := claim{Text: fmt.Sprintf("%s: %s's win does not hinge on the init scale", tableName(cl.Table), subject), Evidence: link(cl.Table) + ", table2"}
	metric := tableMetric(cl.Table, j.claims.Tables[cl.Table])
	scores := map[float64]float64{}
	var scales []float64
	for s, v := range j.an.InitScales[cl.Experiment][subject] {
		if !math.IsNaN(v) {
			scores[s] = v
			scales = append(scales, s)
		}
	}
	var others []float64
	for _, pr := range j.claims.Tables[cl.Table].Rows {
		if m, ok := j.an.Tables[cl.Table].best(pr.Label, metric); ok && pr.Label != subject {
			others = append(others, m.Mean)
		}
	}
	if len(scales) < 2 || len(others) == 0 {
		c.Verdict, c.Numbers = claimUntestable, "no results"
		return c, true
	}
	sort.Float64s(scales)
	first := true
	var parts []string
	for _, s := range scales {
		rank := 1
		for _, o := range others {
			if scaleOf(metric).Better(o, scores[s]) {
				rank++
			}
		}
		first = first && rank == 1
		parts = append(parts, fmt.Sprintf("×%s %s (rank %d of %d)", fmtG(s), fmtSci(scores[s]), rank, len(others)+1))
	}
	c.Verdict = verdict.Of(first)
	c.Numbers = fmt.Sprintf("%s's %s at each init scale of %s, ranked beside the others' means: %s", subject, axisLabel(metric), cl.Experiment, strings.Join(parts, "; "))
	if reduced := j.an.Tables[cl.Table].settings(); reduced != "" {
		c.Verdict = qualified(c.Verdict, reduced)
		c.Numbers += "; profile " + j.an.Profile + ": " + reduced
	}
	return c, true
}
