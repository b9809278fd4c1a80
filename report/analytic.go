package report

import (
	"fmt"
	"math"
	"sort"
	"strings"

	"github.com/admmlab/admmlab/datasets"
	"github.com/admmlab/admmlab/experiments"
	"github.com/admmlab/admmlab/pipeline/runs"
)

// Analytic noise floors beside the empirical ones. The empirical floor is
// one estimator's error over a few trials, itself noisy (two trials of the
// L2 floor spread by 63%); these are expectations, exact and free:
//
//   - least squares on the d inputs and an intercept (p = d + 1
//     parameters) of a target linear in them, from n samples with noise of
//     variance σ², has expected excess clean-test error σ²·p/n (to first
//     order in p/n, for inputs spread like the test inputs): the floor of
//     the estimator that knows the target's form;
//   - no estimator from n samples beats σ²/n, the error of the mean of n
//     noisy observations of a constant, the simplest target there is.
//
// Only the linear floor's task has the first (its target is linear on its
// domain); the second holds for every learning task.

// analyticFloor is the two analytic floors of a task at one noise level.
type analyticFloor struct {
	Noise  float64 // σ², the noise variance
	P, N   int     // least squares' parameters (0 when the target is not linear) and training samples
	LS     float64 // σ²·p/n; NaN without P
	Bound  float64 // σ²/n
	Inputs int
}

// analyticOf returns the analytic floors of d's task at noise variance σ²;
// ok is false for a task that is not a toy learning task. n is the floor
// runs' training size (what they fitted), the data set's default without
// them.
func analyticOf(d experiments.Definition, labeled []runs.Labeled, noise float64) (analyticFloor, bool) {
	info, ok := datasets.Name(d.Data).Info()
	if !ok || !info.Learning || d.NoiseFloor == "" {
		return analyticFloor{}, false
	}
	n := info.Samples
	if d.Samples > 0 {
		n = d.Samples
	}
	for _, r := range labeled {
		if isFloorLabel(r.Label) && r.Spec.Samples > 0 {
			n = r.Spec.Samples
			break
		}
	}
	a := analyticFloor{Noise: noise, N: n, LS: math.NaN(), Bound: noise / float64(n), Inputs: info.Inputs}
	if d.NoiseFloor == linearFloor {
		a.P = info.Inputs + 1
		a.LS = noise * float64(a.P) / float64(n)
	}
	return a, true
}

// linearFloor names the noise-floor estimator whose target is linear in
// the inputs: ordinary least squares, with a closed-form expected error.
const linearFloor = "linear"

// ratioRange is "lo–hi×" of vals over by, or "" without values.
func ratioRange(vals []float64, by float64) string {
	if len(vals) == 0 || !(by > 0) {
		return ""
	}
	lo, hi := math.Inf(1), math.Inf(-1)
	for _, v := range vals {
		lo, hi = math.Min(lo, v/by), math.Max(hi, v/by)
	}
	return fmt.Sprintf("%.2g–%.2g×", lo, hi)
}

// analyticNote states the analytic floors of a results table at one noise
// level, places the paper's numbers against them (at this level and, when
// it differs, at the paper's stated one: the noise-variance finding), and
// names every value of ours below least squares' expected error, which
// needs the explanation it gets.
func analyticNote(a analyticFloor, paperVals []float64, ours map[string]ourRow) string {
	var sb strings.Builder
	fmt.Fprintf(&sb, "Analytic floors at variance %s: no estimator from n = %d samples beats σ²/n = %s", fmtG(a.Noise), a.N, fmtSci(a.Bound))
	if a.P == 0 {
		sb.WriteString(".")
		return sb.String()
	}
	fmt.Fprintf(&sb, "; least squares on the %d inputs and an intercept (p = %d) has expected excess test error σ²·p/n = %s", a.Inputs, a.P, fmtSci(a.LS))
	if r := ratioRange(paperVals, a.LS); r != "" {
		fmt.Fprintf(&sb, "; the paper's numbers are %s it", r)
	}
	sb.WriteString(".")
	var below []string
	labels := make([]string, 0, len(ours))
	for l := range ours {
		labels = append(labels, l)
	}
	sort.Strings(labels)
	for _, l := range labels {
		if r := ours[l]; r.Best.Valid() && r.Best.Mean < a.LS {
			below = append(below, fmt.Sprintf("%s %s (%.2g×, n = %d)", l, fmtSci(r.Best.Mean), r.Best.Mean/a.LS, r.Best.N))
		}
	}
	if len(below) > 0 {
		fmt.Fprintf(&sb, " Ours below σ²·p/n: %s. σ²·p/n is an expectation over samples: one draw of the noise can leave a smaller error, "+
			"and a net that fits fewer effective parameters than p (or is chosen on the test set) can too; below σ²/n would be out of reach.", strings.Join(below, ", "))
	}
	return sb.String()
}

// noiseFinding compares the paper's numbers with least squares' expected
// error at this table's noise level and at the noise the paper states, when
// the two differ (the sensitivity tables): a paper far below the floor at
// its stated level but near it at a smaller one is evidence that its noise
// was the smaller one.
func noiseFinding(d experiments.Definition, labeled []runs.Labeled, at analyticFloor, paperVals []float64) string {
	info, ok := datasets.Name(d.Data).Info()
	if !ok || at.P == 0 || len(paperVals) == 0 || at.Noise == info.PaperNoise {
		return ""
	}
	stated, ok := analyticOf(d, labeled, info.PaperNoise)
	if !ok {
		return ""
	}
	text := fmt.Sprintf("**Finding: the paper's noise.** Against least squares' expected error σ²·p/n, the paper's numbers are %s it at variance %s "+
		"(the noise its text states; σ²·p/n = %s) but %s it at variance %s (σ²·p/n = %s).",
		ratioRange(paperVals, stated.LS), fmtG(stated.Noise), fmtSci(stated.LS), ratioRange(paperVals, at.LS), fmtG(at.Noise), fmtSci(at.LS))
	// Far below the exact model's floor at the stated variance, near it at
	// the stated value squared: the stated value was a standard deviation.
	if sq := info.PaperNoise * info.PaperNoise; math.Abs(at.Noise-sq) <= 1e-9*sq && maxOf(paperVals) >= at.LS/2 && maxOf(paperVals) < stated.LS/3 {
		text += fmt.Sprintf(" No estimator trained on these samples reaches the first; the second is where a good one lands. "+
			"The evidence says the paper's \"%s\" was a standard deviation (variance %s).", fmtG(info.PaperNoise), fmtG(sq))
	}
	return text
}

func maxOf(xs []float64) float64 {
	m := math.Inf(-1)
	for _, x := range xs {
		m = math.Max(m, x)
	}
	return m
}
