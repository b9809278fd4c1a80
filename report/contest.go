package report

import (
	"fmt"
	"math"
	"sort"
	"strings"

	"github.com/admmlab/admmlab/experiments"
	"github.com/admmlab/admmlab/pipeline/runs"
	"gonum.org/v1/gonum/stat/distuv"
)

// claimUnresolved is the verdict on a comparison whose gap lies within the
// trials' spread: the runs cannot tell the two apart, so the paper's claim
// is neither confirmed nor contradicted.
const claimUnresolved = "not resolved (within the trial spread)"

// trialMean is a mean over trials with its sample standard deviation and
// the number of trials behind it, on the value's scale and on log10's.
type trialMean struct {
	Mean, Std       float64
	N               int
	LogMean, LogStd float64 // NaN when a value is not positive
}

func meanOf(s Stat) trialMean { return trialMean{s.Mean, s.Std, s.N, s.LogMean, s.LogStd} }

func (m trialMean) valid() bool { return m.N > 0 && !math.IsNaN(m.Mean) && !math.IsInf(m.Mean, 0) }

// onLogScale reports whether two means of the metric compare on log10 of
// their trials: errors do (they spread over orders of magnitude, and one
// bad trial would otherwise swamp the spread), accuracies do not
// (percentage points are their scale).
func onLogScale(metric string, a, b trialMean) bool {
	return !isAcc(metric) && !math.IsNaN(a.LogMean) && !math.IsNaN(b.LogMean)
}

// gap is the difference of two means on the scale they compare on, and
// the bound it must exceed to count: Welch's t test at the two-sided 5%
// level, t(0.975, ν)·√(s₁²/n₁ + s₂²/n₂) with ν from Welch–Satterthwaite.
// With two trials a side ν is about 2 and t about 4.3: two trials resolve
// only large gaps. bound is NaN when either mean rests on fewer than two
// trials, whose spread is unknown.
func gap(metric string, a, b trialMean) (d, bound, df float64) {
	ma, sa, mb, sb := a.Mean, a.Std, b.Mean, b.Std
	if onLogScale(metric, a, b) {
		ma, sa, mb, sb = a.LogMean, a.LogStd, b.LogMean, b.LogStd
	}
	d = math.Abs(ma - mb)
	if a.N < 2 || b.N < 2 || math.IsNaN(sa) || math.IsNaN(sb) {
		return d, math.NaN(), math.NaN()
	}
	va, vb := sa*sa/float64(a.N), sb*sb/float64(b.N)
	if va+vb == 0 {
		return d, 0, math.Inf(1) // every trial alike on both sides: any gap is real
	}
	df = (va + vb) * (va + vb) / (va*va/float64(a.N-1) + vb*vb/float64(b.N-1))
	t := distuv.StudentsT{Mu: 0, Sigma: 1, Nu: df}.Quantile(0.975)
	return d, t * math.Sqrt(va+vb), df
}

// separated reports whether two means differ beyond their trials' spread
// (see gap). A mean of one trial is separated from nothing.
func separated(metric string, a, b trialMean) bool {
	d, bound, _ := gap(metric, a, b)
	return !math.IsNaN(bound) && d > bound
}

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

// judgeWinner judges the claim that the paper's winner of table id is best
// on each side that has means, records each verdict for the scorecard
// (contests) and summary.json, and returns the table's sentences and the
// gallery verdict's clauses.
func (b *builder) judgeWinner(id, metric string, paper PaperTable, sides []claimSide) (text, verdict string) {
	var sb, vb strings.Builder
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
		for _, pr := range paper.Rows {
			_, have := v.means[pr.Label]
			complete = complete && have
		}
		b.contests[strings.TrimSuffix(id+"/"+v.key, "/")] = contest{claimV, why, complete, reduced, v.reduced}
		shown, where := qualified(claimV, reduced), v.where
		if reduced != "" {
			where += " (" + reduced + ")"
		}
		fmt.Fprintf(&sb, " That %s is best, %s: **%s** (%s).", paper.Winner, where, shown, why)
		fmt.Fprintf(&vb, "; best %s: %s", where, shown)
		h, f := verdictCodes(claimV)
		b.sum.addExact(id+"/"+v.key+"winner_claim_holds", h, nil)
		b.sum.addExact(id+"/"+v.key+"winner_claim_fails", f, nil)
	}
	return sb.String(), vb.String()
}

// reductions says how runs of d that ran the given epochs (0: as many as
// this profile gives d) fall short of the paper's settings; empty when they
// do not. ofProfile: the runs are this profile's grid's best, whose grid
// and samples its scale may reduce too (else they are the paper's
// structures, from the points profile). Fewer trials are no reduction here:
// the spread accounts for them.
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
	return strings.Join(parts, ", ")
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

// winnerVerdict judges the claim that the algorithm claimed is the best of
// means (lower errors, higher accuracies):
//   - claimHolds when its mean is better than every other's, separated
//     from each;
//   - claimFails when another's is better than its, separated from it;
//   - claimUnresolved otherwise: a rival's mean lies within the spread.
//
// why states the deciding comparison with its numbers, rival names the
// other algorithm in it. ok is false when
// the claimed algorithm has no mean or no rival has one.
func winnerVerdict(metric, claimed string, means map[string]trialMean) (verdict, why, rival string, ok bool) {
	own, have := means[claimed]
	if !have || !own.valid() {
		return "", "", "", false
	}
	var rivals []string
	for l, m := range means {
		if l != claimed && m.valid() {
			rivals = append(rivals, l)
		}
	}
	if len(rivals) == 0 {
		return "", "", "", false
	}
	// Best mean first, so that the deciding rival named is the strongest.
	sort.Slice(rivals, func(i, j int) bool {
		a, b := means[rivals[i]].Mean, means[rivals[j]].Mean
		if a != b {
			return better(metric, a, b)
		}
		return rivals[i] < rivals[j]
	})
	for _, l := range rivals {
		if m := means[l]; better(metric, m.Mean, own.Mean) && separated(metric, m, own) {
			return claimFails, fmt.Sprintf("%s beats %s beyond the spread: %s", l, claimed, gapText(metric, l, m, claimed, own)), l, true
		}
	}
	for _, l := range rivals {
		if m := means[l]; !separated(metric, m, own) {
			return claimUnresolved, fmt.Sprintf("%s and %s lie within the spread: %s", claimed, l, gapText(metric, claimed, own, l, m)), l, true
		}
	}
	l := rivals[0]
	return claimHolds, fmt.Sprintf("%s beats every other beyond the spread; the closest: %s", claimed, gapText(metric, claimed, own, l, means[l])), l, true
}

// gapText writes two means and their gap against the bound it must
// exceed, on the scale they compare on.
func gapText(metric, la string, a trialMean, lb string, b trialMean) string {
	d, bound, df := gap(metric, a, b)
	var against string
	switch {
	case math.IsNaN(bound):
		against = "a mean of one trial has no spread"
	case onLogScale(metric, a, b):
		against = fmt.Sprintf("on log10 of the trials: gap %.2f, 95%% bound %.2f (Welch t, df %.1f)", d, bound, df)
	default:
		against = fmt.Sprintf("gap %s, 95%% bound %s (Welch t, df %.1f)", fmtVal(metric, d), fmtVal(metric, bound), df)
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

// gridEdge says where the chosen cell's λ or init scale is an end of the
// values its label's cells tried: the best may then lie beyond the grid,
// so a verdict on it has not ruled out our own settings.
func gridEdge(label string, chosen cell, cells []cell) string {
	var parts []string
	for _, ax := range []struct {
		name string
		of   func(runs.Spec) float64
	}{
		{"λ", func(s runs.Spec) float64 { return s.Lambda }},
		{"init scale", func(s runs.Spec) float64 { return s.InitScale }},
	} {
		vals := make([]float64, len(cells))
		for i, c := range cells {
			vals[i] = ax.of(c.Cfg)
		}
		vals = sortedDistinct(vals)
		if len(vals) < 2 {
			continue
		}
		lo, hi, v := vals[0], vals[len(vals)-1], ax.of(chosen.Cfg)
		if end := map[float64]string{lo: "smallest", hi: "largest"}[v]; end != "" {
			parts = append(parts, fmt.Sprintf("%s's %s = %s, the %s tried (%s … %s)", label, ax.name, fmtG(v), end, fmtG(lo), fmtG(hi)))
		}
	}
	return strings.Join(parts, "; ")
}
