package report

import (
	"fmt"
	"math"
	"sort"
	"strings"

	"github.com/admmlab/admmlab/report/verdict"
)

// lcPoint is one point of a learning curve: an algorithm's validation
// choice among the cells trained on one share of the training split.
type lcPoint struct {
	n  float64 // training samples seen (fitted + held out), mean over trials
	st Stat
}

// learningCurvePanel draws each algorithm's test metric at its validation
// choice against the training samples it had (the grid's train_fraction
// axis), with the trials' spread, and says per algorithm what its last
// step supports at the paper's training-set size (claims.json
// "train_sizes"): a curve still rising beyond the spread is not
// extrapolated.
func (b *builder) learningCurvePanel(ps panelSpec, cells []cell, metric, data string) (panelOut, error) {
	labels, m := byLabel(cells)
	p := newPanel(ps.Title, "training samples (fitted + held out)", axisLabel(metric))
	scale := yScale(metric)
	var (
		ss           []series
		verdicts     []string
		readAtTarget bool     // some flat curve is read at the paper's size
		leads        []string // per verdict, the lead shareLead may say once
	)
	for _, l := range labels {
		pts := learningCurve(m[l], metric)
		if len(pts) == 0 {
			continue
		}
		s := series{Name: l}
		means := make([]verdict.Mean, len(pts))
		for i, pt := range pts {
			s.X, s.Y, s.Err = append(s.X, pt.n), append(s.Y, pt.st.Mean*scale), append(s.Err, pt.st.Std*scale)
			means[i] = meanOf(pt.st)
			if pt.st.Valid() {
				b.an.Summary.addStat(fmt.Sprintf("%s/%s/n=%.0f/%s", ps.ID, l, pt.n, metric), pt.st)
			}
		}
		ss = append(ss, s)
		// A curve at one class's share is no learning to read a trend in:
		// the note says so beside it.
		text, read := trendText(metric, pts, means, b.claims.TrainSizes[data])
		readAtTarget = readAtTarget || read
		// "flat at n = 2519 (…)" leads most lines: said once below when
		// every curve shares it.
		verdicts = append(verdicts, l+": "+text+b.oneClassNote(data, pts[len(pts)-1].st))
		leads = append(leads, fmt.Sprintf("flat at n = %.0f ", pts[len(pts)-1].n))
	}
	if len(ss) == 0 {
		return panelOut{plot: noticePanel(ps.Title, "no validation choice at any training share"), notice: true}, nil
	}
	text := strings.Join(shareLead(verdicts, leads), "; ")
	if readAtTarget {
		// What a flat curve supports is said once, for every curve.
		text += flatMeans
	}
	out, err := finish(ps, p, ss, true, metric, text)
	b.withBaselines(&out, data, metric)
	return out, err
}

// learningCurve groups a label's cells by training share and takes each
// share's choice (chooseCell, on validation), ordered by samples.
func learningCurve(cells []cell, metric string) []lcPoint {
	byShare := map[float64][]cell{}
	for _, c := range cells {
		byShare[c.Cfg.TrainFraction] = append(byShare[c.Cfg.TrainFraction], c)
	}
	var pts []lcPoint
	for _, group := range byShare {
		c, st, ok := chooseCell(group, metric)
		if !ok {
			continue
		}
		var n float64
		for _, r := range c.Runs {
			n += r.Result.Metrics["fit_n"] + r.Result.Metrics["validation_n"]
		}
		pts = append(pts, lcPoint{n: n / float64(len(c.Runs)), st: st})
	}
	sort.Slice(pts, func(i, j int) bool { return pts[i].n < pts[j].n })
	return pts
}

// trendText says what a learning curve supports at target samples (0:
// no target): a curve still rising beyond the spread at its end supports
// no extrapolation; a flat end suggests the last point's value there,
// within the last step's bound (read says so; flatMeans explains it once).
func trendText(metric string, pts []lcPoint, means []verdict.Mean, target int) (text string, read bool) {
	last := pts[len(pts)-1]
	material := 0.0
	if isAcc(metric) {
		material = accPoints / 100 // the report's "same?" tolerance, in the metric's units
	}
	t, gain, bound := scaleOf(metric).TrendOf(means, material)
	at := ""
	if target > 0 {
		at = fmt.Sprintf(" to the paper's %d", target)
	}
	switch t {
	case verdict.Rising:
		return fmt.Sprintf("the curve is still rising at n = %.0f (last step %s, beyond its 95%% bound %s); no extrapolation%s",
			last.n, fmtSigned(metric, gain), fmtStep(metric, bound), at), false
	case verdict.Undecided:
		return fmt.Sprintf("not resolved at n = %.0f: last step %s, within its 95%% bound %s, which does not rule out a gain above %s; no extrapolation%s",
			last.n, fmtSigned(metric, gain), fmtStep(metric, bound), fmtStep(metric, material), at), false
	case verdict.Flat:
		if target == 0 {
			return fmt.Sprintf("flat at n = %.0f (last step %s, within its 95%% bound %s)", last.n, fmtSigned(metric, gain), fmtStep(metric, bound)), false
		}
		return fmt.Sprintf("flat at n = %.0f (last step %s, within its 95%% bound %s): about %s at %d samples",
			last.n, fmtSigned(metric, gain), fmtStep(metric, bound), fmtMeanStd(metric, last.st), target), true
	}
	return fmt.Sprintf("too few points or trials to judge a trend at n = %.0f; no extrapolation%s", last.n, at), false
}

// flatMeans says once, after the curves' verdicts, what a flat curve's
// reading at the paper's size is worth.
const flatMeans = ". At the paper's size a flat curve's last value is what its trend suggests, give or take its bound: more samples are not shown to help"

// fmtSigned writes a change of metric with its sign (and "pt" for an
// accuracy, which changes in percentage points).
func fmtSigned(metric string, d float64) string {
	s := fmtStep(metric, math.Abs(d))
	switch {
	case strings.Trim(fmtVal(metric, math.Abs(d)), "0.") == "": // zero as printed
		return "±" + s
	case d < 0:
		return "−" + s
	}
	return "+" + s
}

// fmtStep writes a difference of metric: points for an accuracy.
func fmtStep(metric string, d float64) string {
	if isAcc(metric) {
		return fmtVal(metric, d) + " pt"
	}
	return fmtVal(metric, d)
}

// shareLead says a lead that every verdict ("L: lead…") has once, before
// the first: "every curve lead…: A (…); B (…)". Verdicts that do not all
// share it are returned as they are.
func shareLead(verdicts, leads []string) []string {
	if len(verdicts) < 2 || !allSame(leads) {
		return verdicts
	}
	out := make([]string, len(verdicts))
	for i, v := range verdicts {
		l, rest, ok := strings.Cut(v, ": "+leads[0])
		if !ok {
			return verdicts
		}
		out[i] = l + " " + rest
	}
	out[0] = "every curve " + strings.TrimSpace(leads[0]) + ": " + out[0]
	return out
}
