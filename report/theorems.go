package report

import (
	"fmt"
	"math"
	"strings"

	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/plotutil"
	"gonum.org/v1/plot/vg"
)

func sigmoid(t float64) float64 { return 1 / (1 + math.Exp(-t)) }

// theorem3Net is the two-hidden-layer sigmoid net of the proof of Theorem 3
// (Appendix A) with ε = μ = ν = eps and τ = eps^7:
//
//	layer 1: a = σ(A t) ≈ Heaviside(t), A = log(1/ε)/τ;  s = σ(μ t)
//	         b = (4/μ)(s − 1/2) ≈ t                      (h^linear of (30))
//	layer 2: σ(t0 ± ν(a+b)), σ(t0 ± ν(a−b))
//	output:  [sq(a+b) − sq(a−b)]/4 ≈ a·b ≈ ReLU(t)     (the product gate)
//
// where sq(u) = [σ(t0+νu) + σ(t0−νu) − 2σ(t0)] / (ν² σ″(t0)) is the
// sigmoid square gate of Lemma 2, taken at t0 = ln(2+√3), the point where
// |σ″| is largest, so that the second difference is well conditioned.
type theorem3Net struct{ eps, a, mu, nu, t0, d2 float64 }

func newTheorem3Net(eps float64) theorem3Net {
	tau := math.Pow(eps, 7)
	t0 := math.Log(2 + math.Sqrt(3))
	s := sigmoid(t0)
	return theorem3Net{eps: eps, a: math.Log(1/eps) / tau, mu: eps, nu: eps, t0: t0, d2: s * (1 - s) * (1 - 2*s)}
}

func (n theorem3Net) sq(u float64) float64 {
	return (sigmoid(n.t0+n.nu*u) + sigmoid(n.t0-n.nu*u) - 2*sigmoid(n.t0)) / (n.nu * n.nu * n.d2)
}

func (n theorem3Net) eval(t float64) float64 {
	a := sigmoid(n.a * t)
	b := 4 / n.mu * (sigmoid(n.mu*t) - 0.5)
	return (n.sq(a+b) - n.sq(a-b)) / 4
}

var theorem3Eps = []float64{0.4, 0.2, 0.1, 0.05, 0.025}

// theorem3Errors returns the sup error on [-1,-τ]∪[τ,1] and the L1 error on
// [-1,1] of the construction for eps.
func theorem3Errors(eps float64) (sup, l1 float64) {
	n := newTheorem3Net(eps)
	tau := math.Pow(eps, 7)
	const m = 20000
	h := 2.0 / m
	prev := 0.0
	for i := 0; i <= m; i++ {
		t := -1 + h*float64(i)
		e := math.Abs(n.eval(t) - math.Max(0, t))
		if math.Abs(t) >= tau {
			sup = math.Max(sup, e)
		}
		if i > 0 {
			l1 += h * (e + prev) / 2
		}
		prev = e
	}
	return sup, l1
}

func (b *builder) theorem3Curves(ps panelSpec) (panelOut, error) {
	const m = 401
	xs := make([]float64, m)
	relu := make([]float64, m)
	for i := range xs {
		xs[i] = -1 + 2*float64(i)/(m-1)
		relu[i] = math.Max(0, xs[i])
	}
	ss := []series{{Name: "ReLU", X: xs, Y: relu, NoMarks: true, Dashed: true}}
	for _, eps := range theorem3Eps[:4] {
		n := newTheorem3Net(eps)
		ys := make([]float64, m)
		for i, t := range xs {
			ys[i] = n.eval(t)
		}
		ss = append(ss, series{Name: "h, ε = " + fmtG(eps), X: xs, Y: ys, NoMarks: true})
	}
	p := newPanel(ps.Title, "t", "value")
	p.Legend.Left = true
	return finish(ps, p, ss, false, "test_acc", "") // linear axes: values cross 0
}

func (b *builder) theorem3Error(ps panelSpec) (panelOut, error) {
	var sups, l1s, bound []float64
	var obs []string
	m0 := (math.Sqrt(5) - 1) / 2 // M0 + M0² = M = 1
	for _, eps := range theorem3Eps {
		sup, l1 := theorem3Errors(eps)
		sups, l1s = append(sups, sup), append(l1s, l1)
		bound = append(bound, (m0+1+2*m0*m0)*eps)
		b.sum.addExact(fmt.Sprintf("%s/eps=%s/sup_error", ps.ID, fmtG(eps)), sup, nil)
		b.sum.addExact(fmt.Sprintf("%s/eps=%s/l1_error", ps.ID, fmtG(eps)), l1, nil)
		obs = append(obs, fmt.Sprintf("ε=%s: sup %s", fmtG(eps), fmtSci(sup)))
	}
	p := newPanel(ps.Title, "ε", "error of h_ε against ReLU")
	p.Legend.Left = true
	ss := []series{
		{Name: "sup error on [-1,-τ]∪[τ,1]", X: theorem3Eps, Y: sups},
		{Name: "L1 error on [-1,1]", X: theorem3Eps, Y: l1s},
		{Name: "bound (M0+1+2M0²)ε of (32)", X: theorem3Eps, Y: bound, NoMarks: true, Dashed: true},
	}
	return finish(ps, p, ss, true, "error", strings.Join(obs, ", "))
}

// convergencePanel draws the Theorem 4 quantities of the deepest run config.
func (b *builder) convergencePanel(ps panelSpec, cells []cell) (panelOut, error) {
	c := pickCell(cells)
	title := fmt.Sprintf("%s, depth %d, width %d", ps.Title, c.Cfg.Depth, c.Cfg.Width)
	var ss []series
	verdict := ""
	switch ps.kind {
	case pkConvViolation:
		p := newPanel(title, "iteration K", "violation ‖σ(W_i V_i−1) − V_i‖")
		for k := 1; ; k++ {
			name := fmt.Sprintf("violation_layer%d", k)
			if !c.hasCurve(name) {
				break
			}
			mean, std := c.curve(name)
			ss = append(ss, series{Name: fmt.Sprintf("layer %d", k), X: epochs(len(mean)), Y: mean, NoMarks: true})
			b.sum.addStat(fmt.Sprintf("%s/%s_last", ps.ID, name), Stat{Mean: mean[len(mean)-1], Std: std[len(std)-1], N: len(c.Runs), Runs: sortedIDs(c)})
		}
		if len(ss) == 0 {
			return panelOut{plot: noticePanel(ps.Title, "no violation_layerK curves stored"), notice: true}, nil
		}
		return finish(ps, p, ss, true, "violation", "")
	case pkConvKKT, pkConvUpdates:
		var sq []float64
		var ylabel, what string
		if ps.kind == pkConvKKT {
			if !c.hasCurve("kkt") {
				return panelOut{plot: noticePanel(ps.Title, "no kkt curve stored"), notice: true}, nil
			}
			kkt, _ := c.curve("kkt")
			for _, v := range kkt {
				sq = append(sq, v*v)
			}
			ylabel, what = "(1/K) Σ r(k)², r = KKT residual (24)", "kkt"
		} else {
			for k := 1; c.hasCurve(fmt.Sprintf("norm_layer%d", k)); k++ {
				nk, _ := c.curve(fmt.Sprintf("norm_layer%d", k))
				for i, v := range nk {
					if i >= len(sq) {
						sq = append(sq, 0)
					}
					sq[i] += v * v
				}
			}
			if len(sq) == 0 {
				return panelOut{plot: noticePanel(ps.Title, "no norm_layerK curves stored"), notice: true}, nil
			}
			ylabel, what = "(1/K) Σ_k Σ_i ‖W_i(k) − W_i(k−1)‖²", "updates"
		}
		run := make([]float64, len(sq))
		sum := 0.0
		for i, v := range sq {
			sum += v
			run[i] = sum / float64(i+1)
		}
		ks := epochs(len(run))
		ref := make([]float64, len(run))
		for i := range ref {
			ref[i] = run[0] / ks[i]
		}
		ss = append(ss, series{Name: c.Label, X: ks, Y: run, NoMarks: true},
			series{Name: "O(1/K) reference", X: ks, Y: ref, NoMarks: true, Dashed: true})
		slope := logSlope(ks, run)
		b.sum.addDerived(fmt.Sprintf("%s/%s_loglog_slope", ps.ID, what), slope, sortedIDs(c))
		// A running mean (1/K)Σ of any summable sequence decays like 1/K,
		// so a slope of −1 here is necessary, not evidence of the rate.
		verdict = fmt.Sprintf("log-log slope over the second half of K: %.2f (O(1/K) means ≤ −1; a running mean of a summable sequence always reaches −1, so this checks consistency, not the rate)", slope)
		p := newPanel(title, "iteration K", ylabel)
		return finish(ps, p, ss, true, what, verdict)
	}
	panic("report: convergencePanel: wrong kind")
}

// logSlope fits log y = a + s log x by least squares over the second half
// of the points with positive finite y.
func logSlope(xs, ys []float64) float64 {
	var sx, sy, sxx, sxy, n float64
	for i := len(xs) / 2; i < len(xs); i++ {
		if !(ys[i] > 0) || math.IsInf(ys[i], 0) {
			continue
		}
		x, y := math.Log(xs[i]), math.Log(ys[i])
		sx, sy, sxx, sxy, n = sx+x, sy+y, sxx+x*x, sxy+x*y, n+1
	}
	d := n*sxx - sx*sx
	if n < 2 || d == 0 {
		return math.NaN()
	}
	return (n*sxy - sx*sy) / d
}

// scatterPanel draws a data map (Fig 16(a)) from Options.Scatter.
func (b *builder) scatterPanel(ps panelSpec) (panelOut, error) {
	sd, ok := b.opt.Scatter[ps.Data]
	if !ok {
		msg := fmt.Sprintf("data not available: no %s data points were given to the report", ps.Data)
		if reason, bad := b.opt.Unavailable[ps.Data]; bad {
			msg = dataNotice(reason)
		}
		return panelOut{plot: noticePanel(ps.Title, msg), notice: true}, nil
	}
	p := newPanel(ps.Title, sd.XLabel, sd.YLabel)
	n := 0
	for i, s := range sd.Series {
		xys := make(plotter.XYs, 0, len(s.X))
		for k := range s.X {
			if k < len(s.Y) && !math.IsNaN(s.X[k]) && !math.IsNaN(s.Y[k]) {
				xys = append(xys, plotter.XY{X: s.X[k], Y: s.Y[k]})
			}
		}
		if len(xys) == 0 {
			continue
		}
		sc, err := plotter.NewScatter(xys)
		if err != nil {
			return panelOut{}, err
		}
		sc.Color = plotutil.Color(i)
		sc.Shape = plotutil.Shape(i)
		sc.Radius = vg.Points(1.2)
		p.Add(sc)
		p.Legend.Add(fmt.Sprintf("%s (%d)", s.Name, len(xys)), sc)
		n += len(xys)
	}
	if n == 0 {
		return panelOut{plot: noticePanel(ps.Title, "data not available: the "+ps.Data+" scatter data has no points"), notice: true}, nil
	}
	return panelOut{plot: p, verdict: fmt.Sprintf("%d points", n)}, nil
}
