package report

import (
	"fmt"
	"math"
	"sort"
	"strings"

	"github.com/admmlab/admmlab/solvers"
)

// Verdicts of the scorecard's claims.
const (
	claimHolds       = "holds"
	claimFails       = "fails"
	claimUntestable  = "untestable here"
	claimUnreachable = "unreachable (below the noise floor)"
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

// link names the evidence: the table or figure ID, which is also its
// section anchor in README.md and its file name under tables/ or figures/.
func link(id string) string { return id }

// claims lists the paper's claims with verdicts, from the numbers the
// tables and figures recorded (the scorecard renders last).
func (b *builder) claims() []claim {
	var cs []claim
	wins, tested := 0, 0
	for _, t := range []string{"table3", "table4", "table5", "table6", "table8", "table9", "table10"} {
		paper := b.paper[t]
		c := claim{Text: fmt.Sprintf("%s: %s is best", strings.Replace(t, "table", "Table ", 1), paper.Winner), Evidence: link(t)}
		v, ok := b.num(t + "/winner_holds")
		switch {
		case !ok:
			c.Verdict, c.Numbers = claimUntestable, "no results (data missing or not run)"
		case v == 1:
			c.Verdict = claimHolds
		default:
			c.Verdict = claimFails
		}
		if a, ok := b.num(t + "/admm_wins"); ok {
			tested++
			if a == 1 {
				wins++
			}
		}
		if ok {
			metric := "train_mse"
			if paper.Unit == "percent" {
				metric = "test_acc"
			} else if t == "table5" || t == "table6" {
				metric = "test_mse"
			}
			var parts []string
			for _, r := range paper.Rows {
				if ov, ok := b.num(fmt.Sprintf("%s/%s/%s_best", t, r.Label, metric)); ok {
					parts = append(parts, fmt.Sprintf("%s %s", r.Label, fmtVal(metric, ov)))
				}
			}
			c.Numbers = "ours: " + strings.Join(parts, ", ")
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
	cs = append(cs, claim{Text: "Central claim: ADMM (sigmoid) beats the SGD family", Evidence: "Tables 3–6, 8–10",
		Verdict: map[bool]string{true: claimHolds, false: claimFails}[tested > 0 && wins == tested],
		Numbers: fmt.Sprintf("ADMM (sigmoid) wins in %d of %d tables with results", wins, tested)})
	if tested == 0 {
		cs[len(cs)-1].Verdict = claimUntestable
	}
	// Optimal depths of ADMM.
	for _, d := range []struct{ table, fig string }{{"table3", "fig6"}, {"table4", "fig8"}, {"table5", "fig10"}, {"table6", "fig13"}} {
		pr, ok := b.paper[d.table].row("ADMM (sigmoid)")
		if !ok {
			continue
		}
		c := claim{Text: fmt.Sprintf("ADMM (sigmoid)'s best depth is %d (%s)", pr.Depth, strings.Replace(d.table, "table", "Table ", 1)), Evidence: link(d.fig) + ", " + link(d.table)}
		ours, ok := b.num(d.table + "/ADMM (sigmoid)/depth")
		if !ok {
			c.Verdict, c.Numbers = claimUntestable, "no results"
		} else {
			c.Verdict = map[bool]string{true: claimHolds, false: claimFails}[int(ours) == pr.Depth]
			c.Numbers = fmt.Sprintf("ours: depth %d", int(ours))
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
		if len(parts) == 0 {
			c.Numbers = "no results"
		}
		cs = append(cs, c)
	}
	return cs
}
