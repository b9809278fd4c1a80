package report

import (
	"fmt"
	"math"
	"sort"
	"strings"

	"github.com/admmlab/admmlab/report/verdict"
	"github.com/admmlab/admmlab/solvers"
)

// admmLabel is the paper's label of ADMM on sigmoid nets, whose claims
// the scorecard checks.
const admmLabel = "ADMM (sigmoid)"

// Verdicts of the scorecard's claims, decided in package verdict.
const (
	claimHolds       = verdict.Holds
	claimFails       = verdict.Fails
	claimUnresolved  = verdict.Unresolved
	claimUntestable  = verdict.Untestable
	claimUnreachable = verdict.Unreachable
)

// claim is one line of the scorecard: a claim of the paper, whether it holds
// here, and the evidence.
type claim struct {
	Text, Verdict, Evidence, Numbers string
}

// num reads a number the earlier items recorded.
func (b *builder) num(key string) (float64, bool) {
	n, ok := b.sum.Numbers[key]
	if !ok || math.IsNaN(float64(n.Value)) {
		return math.NaN(), false
	}
	return float64(n.Value), true
}

// numsWithPrefix returns the recorded numbers whose key starts with prefix,
// by the rest of the key.
func (b *builder) numsWithPrefix(prefix string) map[string]float64 {
	out := map[string]float64{}
	for k, n := range b.sum.Numbers {
		if rest, ok := strings.CutPrefix(k, prefix); ok && !math.IsNaN(float64(n.Value)) {
			out[rest] = float64(n.Value)
		}
	}
	return out
}

// trialMean reads a recorded mean with its spread.
func (b *builder) trialMean(key string) (trialMean, bool) {
	st, ok := b.sum.stats[key]
	m := meanOf(st)
	return m, ok && m.Valid()
}

// tableMetric is the metric a results table of the paper reports.
func tableMetric(t string, paper PaperTable) string {
	switch {
	case paper.Unit == "percent":
		return "test_acc"
	case t == "table5" || t == "table6":
		return "test_mse"
	}
	return "train_mse"
}

// panelReductions says how the runs behind a figure panel fall short of
// the paper's settings under this profile (see reductions); a panel that
// reads a sweep's dependent study reads that study's experiment.
func (b *builder) panelReductions(panelID string) string {
	for _, it := range b.items {
		for _, ps := range it.Panels {
			if ps.ID != panelID {
				continue
			}
			d, ok := b.defs[b.resolve(ps.ID, ps.Exp)]
			if !ok {
				return ""
			}
			return b.reductions(d, 0, true)
		}
	}
	return ""
}

// atReduced qualifies a verdict reached at settings short of the paper's:
// before a result is called a disagreement with the paper, the paper's
// settings must be ruled out as its cause.
const atReduced = verdict.AtReduced

// qualifyClaim qualifies c's verdict by the reductions of the runs behind
// the panel, and says what they are.
func (b *builder) qualifyClaim(c *claim, panelID string) {
	if r := b.panelReductions(panelID); r != "" && c.Verdict != qualified(c.Verdict, r) {
		c.Verdict = qualified(c.Verdict, r)
		c.Numbers += "; profile " + b.prof.Name + ": " + r
	}
}

// qualified is the verdict, qualified when the runs behind it fall short of
// the paper's settings (reduced says how); a comparison within the spread
// needs no qualifier.
func qualified(v, reduced string) string { return verdict.Qualified(v, reduced) }

// winnerEvidence is the verdict on the paper's winner of table t, compared
// like with like where possible: at the paper's structures and epochs
// (profile points) when every algorithm of the table has results there,
// else at this profile's best structures. basis says which.
func (b *builder) winnerEvidence(t string) (contest, string, bool) {
	if c, ok := b.contests[t+"/points"]; ok && c.Complete {
		basis := "at the paper's structures and epochs (profile points)"
		if c.Reduced != "" {
			basis = "at the paper's structures (profile points): " + c.Reduced
		}
		return c, basis, true
	}
	c, ok := b.contests[t]
	if !ok {
		return c, "", false
	}
	basis := fmt.Sprintf("at profile %s's best structures (no complete points results)", b.prof.Name)
	if c.Reduced != "" {
		basis += ": " + c.Reduced
	}
	return c, basis, true
}

// link names the evidence: the table or figure ID, which is also its
// section anchor in README.md and its file name under tables/ or figures/.
func link(id string) string { return id }

// claims lists the paper's claims with verdicts, from the numbers the
// tables and figures recorded (the scorecard renders last).
func (b *builder) claims() []claim {
	var cs []claim
	central := map[string]int{}
	centralTables := 0
	for _, t := range []string{"table3", "table4", "table5", "table6", "table8", "table9", "table10"} {
		paper := b.paper[t]
		c := claim{Text: fmt.Sprintf("%s: %s is best", strings.Replace(t, "table", "Table ", 1), paper.Winner), Evidence: link(t)}
		con, basis, ok := b.winnerEvidence(t)
		if !ok {
			c.Verdict, c.Numbers = claimUntestable, "no results (data missing or not run)"
		} else {
			c.Verdict, c.Numbers = qualified(con.Verdict, con.Reduced), con.Why+"; "+basis
		}
		if ok && paper.Winner == admmLabel {
			centralTables++
			central[c.Verdict]++
		}
		cs = append(cs, c)
		// The paper's error level, against the noise floor.
		if fl, ok := b.num(t + "/noise_floor/noise=0.1/test_mse"); ok {
			if pr, ok := paper.row(paper.Winner); ok {
				lc := claim{Text: fmt.Sprintf("%s: %s reaches %s", strings.Replace(t, "table", "Table ", 1), paper.Winner, fmtSci(pr.Mean)), Evidence: link(t)}
				ours, _ := b.num(fmt.Sprintf("%s/%s/test_mse_best", t, paper.Winner))
				lc.Numbers = fmt.Sprintf("noise floor at variance 0.1: %s (paper's value %.2g× it); ours %s", fmtSci(fl), pr.Mean/fl, fmtSci(ours))
				switch {
				case pr.Mean < fl/3:
					lc.Verdict = claimUnreachable
				case ours <= 10*pr.Mean:
					lc.Verdict = claimHolds
				default:
					lc.Verdict = claimFails
				}
				cs = append(cs, lc)
			}
		}
	}
	holdsAll, failsAll := central[claimHolds]+central[claimHolds+atReduced], central[claimFails]+central[claimFails+atReduced]
	cc := claim{Text: "Central claim: ADMM (sigmoid) beats the SGD family", Evidence: "Tables 3–6, 8–10",
		Numbers: fmt.Sprintf("of the %d tables with results where the paper has ADMM (sigmoid) best, the claim holds in %d (%d at reduced settings), fails in %d (%d at reduced settings) and is within the trial spread in %d (each as in its line above)",
			centralTables, holdsAll, central[claimHolds+atReduced], failsAll, central[claimFails+atReduced], central[claimUnresolved])}
	switch {
	case centralTables == 0:
		cc.Verdict = claimUntestable
	case central[claimFails] > 0:
		cc.Verdict = claimFails
	case failsAll > 0:
		cc.Verdict = claimFails + atReduced
	case holdsAll == centralTables && central[claimHolds+atReduced] > 0:
		cc.Verdict = claimHolds + atReduced
	case holdsAll == centralTables:
		cc.Verdict = claimHolds
	default:
		cc.Verdict = claimUnresolved
	}
	cs = append(cs, cc)
	// Optimal depths of ADMM: the paper's structure against our best, both
	// on this profile's grid and epochs.
	for _, d := range []struct{ table, fig string }{{"table3", "fig6"}, {"table4", "fig8"}, {"table5", "fig10"}, {"table6", "fig13"}} {
		pr, ok := b.paper[d.table].row(admmLabel)
		if !ok {
			continue
		}
		c := claim{Text: fmt.Sprintf("ADMM (sigmoid)'s best depth is %d (%s)", pr.Depth, strings.Replace(d.table, "table", "Table ", 1)), Evidence: link(d.fig) + ", " + link(d.table)}
		metric := tableMetric(d.table, b.paper[d.table])
		depth, okD := b.num(d.table + "/" + admmLabel + "/depth")
		width, _ := b.num(d.table + "/" + admmLabel + "/width")
		best, okB := b.trialMean(d.table + "/" + admmLabel + "/" + metric + "_best")
		atPaper, okP := b.trialMean(d.table + "/" + admmLabel + "/at_paper_structure/" + metric + "_best")
		// The depth compared is ADMM's at this profile's settings; the grid
		// ends of the table's winner and rival have no bearing on it.
		reduced := b.contests[d.table].Settings
		switch {
		case !okD:
			c.Verdict, c.Numbers = claimUntestable, "no results"
		case int(depth) == pr.Depth:
			c.Verdict, c.Numbers = claimHolds, fmt.Sprintf("ours: depth %d", int(depth))
		case !okB || !okP:
			c.Verdict, c.Numbers = claimUntestable, fmt.Sprintf("ours: depth %d; the paper's structure was not run to compare with", int(depth))
		default:
			c.Verdict = claimFails
			if !separated(metric, best, atPaper) {
				c.Verdict = claimUnresolved
			}
			c.Numbers = fmt.Sprintf("ours: depth %d; %s", int(depth),
				gapText(metric, fmt.Sprintf("ours at (%d,%d)", int(depth), int(width)), best, fmt.Sprintf("at the paper's (%d,%d)", pr.Depth, pr.Width), atPaper))
		}
		if okD {
			c.Verdict = qualified(c.Verdict, reduced)
			if reduced != "" {
				c.Numbers += "; profile " + b.prof.Name + ": " + reduced
			}
		}
		cs = append(cs, c)
	}
	// Robust to initialisation: ADMM's error over the six schemes within a factor 10.
	for _, f := range []string{"fig7b", "fig9b", "fig11b", "fig14b"} {
		c := claim{Text: "ADMM is robust to the initialisation scheme (" + f + ")", Evidence: link(strings.TrimSuffix(f, "b"))}
		vals := b.numsWithPrefix(f + "/ADMM (sigmoid)/init=")
		if len(vals) < 2 {
			c.Verdict, c.Numbers = claimUntestable, "no results"
		} else {
			lo, hi := math.Inf(1), math.Inf(-1)
			for _, v := range vals {
				lo, hi = math.Min(lo, v), math.Max(hi, v)
			}
			c.Verdict = map[bool]string{true: claimHolds, false: claimFails}[hi <= 10*lo]
			c.Numbers = fmt.Sprintf("%d schemes, error %s – %s (×%.3g; holds within ×10)", len(vals), fmtSci(lo), fmtSci(hi), hi/lo)
			b.qualifyClaim(&c, f)
		}
		cs = append(cs, c)
	}
	// Robust to noise: the test error grows more slowly than the noise.
	for _, f := range []string{"fig12b", "fig15b"} {
		c := claim{Text: "ADMM's test error grows more slowly than the noise variance (" + f + ")", Evidence: link(strings.TrimSuffix(f, "b"))}
		vals := b.numsWithPrefix(f + "/ADMM (sigmoid)/noise=")
		var ns []float64
		byN := map[float64]float64{}
		for k, v := range vals {
			var n float64
			if _, err := fmt.Sscan(k, &n); err == nil {
				ns = append(ns, n)
				byN[n] = v
			}
		}
		sort.Float64s(ns)
		if len(ns) < 2 {
			c.Verdict, c.Numbers = claimUntestable, "no results"
		} else {
			lo, hi := ns[0], ns[len(ns)-1]
			growth := byN[hi] / byN[lo]
			c.Verdict = map[bool]string{true: claimHolds, false: claimFails}[growth < hi/lo]
			c.Numbers = fmt.Sprintf("test error ×%.3g from variance %s to %s (noise ×%.3g)", growth, fmtG(lo), fmtG(hi), hi/lo)
			b.qualifyClaim(&c, f)
		}
		cs = append(cs, c)
	}
	// Saturation avoidance.
	{
		c := claim{Text: "ADMM avoids the saturation that makes SGD's gradients vanish towards the input", Evidence: link("fig4")}
		sgd, okS := b.layerRatios[solvers.SGD.String()]
		admm, okA := b.layerRatios[solvers.ADMM.String()]
		if !okS || !okA {
			c.Verdict, c.Numbers = claimUntestable, "no weight-norm curves"
		} else {
			c.Verdict = map[bool]string{true: claimHolds, false: claimFails}[admm > sgd]
			c.Numbers = fmt.Sprintf("relative layer-1/last median ratio: ADMM %s, SGD %s", fmtSci(admm), fmtSci(sgd))
			b.qualifyClaim(&c, "fig4a")
		}
		cs = append(cs, c)
	}
	// O(1/K).
	{
		c := claim{Text: "Theorem 4: min_{k≤K} KKT residual² = O(1/K) under condition (23)", Evidence: link("theorem4")}
		slopes := b.numsWithPrefix("theorem4a/")
		var keys []string
		for k := range slopes {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		var parts []string
		verdict := claimUntestable
		for _, k := range keys {
			parts = append(parts, fmt.Sprintf("%s %.2f", strings.TrimSuffix(k, "/min_kkt2_slope"), slopes[k]))
			if strings.Contains(k, "(23)") {
				verdict = map[bool]string{true: claimHolds, false: claimFails}[slopes[k] <= -1]
			}
		}
		c.Verdict = verdict
		c.Numbers = "log-log slopes over the second half: " + strings.Join(parts, "; ")
		b.qualifyClaim(&c, "theorem4a")
		if len(parts) == 0 {
			c.Numbers = "no results"
		}
		cs = append(cs, c)
	}
	return cs
}
