package report

import (
	"fmt"
	"github.com/admmlab/admmlab/report/figure"
	"math"
	"sort"
	"strings"

	"github.com/admmlab/admmlab/pipeline/runs"
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
	p.LegendLeft = true
	// Linear axes (values cross 0), through the accuracy path of finish,
	// but without its 100% top: these values lie in [0, 1].
	out, err := finish(ps, p, ss, false, "test_acc", "")
	out.plot.YMax = nil
	return out, err
}

func (b *builder) theorem3Error(ps panelSpec) (panelOut, error) {
	var sups, l1s, bound []float64
	var obs []string
	m0 := (math.Sqrt(5) - 1) / 2 // M0 + M0² = M = 1
	for _, eps := range theorem3Eps {
		sup, l1 := theorem3Errors(eps)
		sups, l1s = append(sups, sup), append(l1s, l1)
		bound = append(bound, (m0+1+2*m0*m0)*eps)
		b.an.Summary.addExact(fmt.Sprintf("%s/eps=%s/sup_error", ps.ID, fmtG(eps)), sup, nil)
		b.an.Summary.addExact(fmt.Sprintf("%s/eps=%s/l1_error", ps.ID, fmtG(eps)), l1, nil)
		obs = append(obs, fmt.Sprintf("ε=%s: sup %s", fmtG(eps), fmtSci(sup)))
	}
	p := newPanel(ps.Title, "ε", "error of h_ε against ReLU")
	p.LegendLeft = true
	ss := []series{
		{Name: "sup error on [-1,-τ]∪[τ,1]", X: theorem3Eps, Y: sups},
		{Name: "L1 error on [-1,1]", X: theorem3Eps, Y: l1s},
		{Name: "bound (M0+1+2M0²)ε of (32)", X: theorem3Eps, Y: bound, NoMarks: true, Dashed: true},
	}
	return finish(ps, p, ss, true, "error", strings.Join(obs, ", "))
}

// convergencePanel draws the Theorem 4 quantities, one series per ADMM
// setting (label) and depth:
//
//   - pkConvKKT: m_K = min_{k≤K} r_k², r the KKT residual of (24), which
//     Theorem 4 bounds by c/K; a c/K line (c = max_K K·m_K of the first
//     series) is drawn for reference and the verdict gives the log-log slope
//     of m_K over the second half (≤ −1 where O(1/K) is visible);
//   - pkConvUpdates: S_K = Σ_{k≤K} r_k², bounded exactly when the residuals
//     are square-summable; the verdict gives S_K / S_{K/2} (near 1: levelled);
//   - pkConvViolation: ‖σ(W_i V_{i−1}) − V_i‖ per layer of the deepest net of
//     each setting; the verdict names each layer's first and last value.
func (b *builder) convergencePanel(ps panelSpec, cells []cell) (panelOut, error) {
	labels, m := byLabel(cells)
	switch ps.kind {
	case pkConvViolation:
		return b.violationPanel(ps, labels, m)
	case pkConvKKT, pkConvUpdates:
		return b.kktPanel(ps, labels, m)
	}
	panic("report: convergencePanel: wrong kind")
}

// violationPanel draws each layer's constraint violation of the deepest
// net of each setting.
func (b *builder) violationPanel(ps panelSpec, labels []string, m map[string][]cell) (panelOut, error) {
	var ss []series
	var obs []string
	p := newPanel(ps.Title, "iteration K", "violation ‖σ(W_i V_i−1) − V_i‖")
	for li, l := range labels {
		c := pickCell(m[l])
		var layers []string // "first → last" per layer, in order
		for k := 1; k <= c.layers(runs.LayerViolation); k++ {
			// The summary's key keeps the name the curve had when the
			// layer was part of it, so that diffs across commits match.
			name := fmt.Sprintf("violation_layer%d", k)
			mean, std := c.layerCurve(runs.LayerViolation, k)
			ss = append(ss, series{Name: fmt.Sprintf("%s d=%d, layer %d", b.shortLabel(l), c.Cfg.Depth, k), X: epochs(len(mean)), Y: mean, NoMarks: true, Dashed: li > 0})
			last := mean[len(mean)-1]
			b.an.Summary.addStat(fmt.Sprintf("%s/%s/d=%d/%s_last", ps.ID, l, c.Cfg.Depth, name), Stat{Mean: last, Std: std[len(std)-1], N: len(c.Runs), Runs: sortedIDs(c)})
			layers = append(layers, fmt.Sprintf("%s → %s", fmtSci(mean[0]), fmtSci(last)))
		}
		if len(layers) > 0 {
			obs = append(obs, fmt.Sprintf("%s d=%d, layers 1 to %d: %s", b.shortLabel(l), c.Cfg.Depth, len(layers), strings.Join(layers, ", ")))
		}
	}
	if len(ss) == 0 {
		return panelOut{plot: noticePanel(ps.Title, "no per-layer violation curves stored"), notice: true}, nil
	}
	return finish(ps, p, ss, true, "violation", "constraint violation, first → last iteration: "+strings.Join(obs, "; ")+
		". Theorem 4's limit satisfies every constraint, so each should fall towards 0")
}

// kktSeries is m_K = min_{k≤K} r_k² (running) or S_K = Σ_{k≤K} r_k² (sum)
// of a KKT residual curve r.
func kktSeries(kkt []float64, running bool) []float64 {
	ys := make([]float64, len(kkt))
	acc, sum := math.Inf(1), 0.0
	for i, v := range kkt {
		if running {
			acc = math.Min(acc, v*v)
			ys[i] = acc
		} else {
			sum += v * v
			ys[i] = sum
		}
	}
	return ys
}

// kktPanel draws m_K (pkConvKKT, with a c/K reference line) or S_K
// (pkConvUpdates), one series per setting and depth.
func (b *builder) kktPanel(ps panelSpec, labels []string, m map[string][]cell) (panelOut, error) {
	var ss []series
	var obs []string
	ylabel := "min over k ≤ K of r(k)², r = KKT residual (24)"
	if ps.kind == pkConvUpdates {
		ylabel = "Σ over k ≤ K of r(k)²"
	}
	p := newPanel(ps.Title, "iteration K", ylabel)
	refC := math.NaN()
	var refK []float64
	for _, l := range labels {
		sort.Slice(m[l], func(i, j int) bool { return m[l][i].Cfg.Depth < m[l][j].Cfg.Depth })
		for _, c := range m[l] {
			if !c.hasCurve("kkt") {
				continue
			}
			kkt, _ := c.curve("kkt")
			ys := kktSeries(kkt, ps.kind == pkConvKKT)
			ks := epochs(len(ys))
			name := fmt.Sprintf("%s, depth %d", b.shortLabel(l), c.Cfg.Depth)
			ss = append(ss, series{Name: name, X: ks, Y: ys, NoMarks: true})
			n := len(ys)
			if n < 2 {
				continue
			}
			if ps.kind == pkConvKKT {
				slope := logSlope(ks, ys)
				kmax := 0.0
				for i, v := range ys {
					kmax = math.Max(kmax, ks[i]*v)
				}
				if math.IsNaN(refC) {
					refC, refK = kmax, ks
				}
				b.an.Summary.addDerived(fmt.Sprintf("%s/%s/d=%d/min_kkt2_slope", ps.ID, l, c.Cfg.Depth), slope, sortedIDs(c))
				perRun, change := c.runSlopes()
				if perRun.N > 0 {
					b.an.Summary.addStat(fmt.Sprintf("%s/%s/d=%d/min_kkt2_slope_per_run", ps.ID, l, c.Cfg.Depth), perRun)
					b.an.Summary.addStat(fmt.Sprintf("%s/%s/d=%d/min_kkt2_slope_change_per_run", ps.ID, l, c.Cfg.Depth), change)
				}
				pa := b.an.panel(ps.ID)
				pa.Slopes = append(pa.Slopes, Slope{Label: l, Depth: c.Cfg.Depth, Value: slope, PerRun: perRun, Change: change})
				obs = append(obs, fmt.Sprintf("%s: min r² %s at K=%d, log-log slope %.2f over the second half, K·min r² from %s to %s",
					name, fmtSci(ys[n-1]), n, slope, fmtSci(ks[0]*ys[0]), fmtSci(ks[n-1]*ys[n-1])))
			} else {
				ratio := ys[n-1] / ys[n/2-1]
				b.an.Summary.addDerived(fmt.Sprintf("%s/%s/d=%d/sum_kkt2_ratio", ps.ID, l, c.Cfg.Depth), ratio, sortedIDs(c))
				obs = append(obs, fmt.Sprintf("%s: Σr² = %s at K=%d, %.3g× its value at K=%d", name, fmtSci(ys[n-1]), n, ratio, n/2))
			}
		}
	}
	if len(ss) == 0 {
		return panelOut{plot: noticePanel(ps.Title, "no kkt curve stored"), notice: true}, nil
	}
	verdict := strings.Join(obs, "; ")
	if ps.kind == pkConvKKT {
		if !math.IsNaN(refC) {
			ref := make([]float64, len(refK))
			for i, k := range refK {
				ref[i] = refC / k
			}
			ss = append(ss, series{Name: fmt.Sprintf("c/K, c = %s", fmtSci(refC)), X: refK, Y: ref, NoMarks: true, Dashed: true})
		}
		verdict += ". O(1/K) is visible where the slope is ≤ −1 and K·min r² stays bounded"
	} else {
		verdict += ". A sum that levels off (ratio near 1) means Σ r² converges, which Theorem 4's proof needs"
	}
	return finish(ps, p, ss, true, "kkt", verdict)
}

// runSlopes is, over the cell's runs, the log-log slope of each run's own
// min_{k≤K} r(k)² over the second half of its iterations (last), and how
// much that slope changed from the quarter before, [K/4, K/2) (change,
// last − previous, per run): a slope still falling has not reached the
// asymptotic rate a claim of O(1/K) is about.
func (c cell) runSlopes() (last, change Stat) {
	var lasts, changes []float64
	var ids []string
	for _, run := range c.Runs {
		kkt := c.result(run).Curves["kkt"]
		if len(kkt) < 2 {
			continue
		}
		ys := kktSeries(kkt, true)
		ks := epochs(len(ys))
		n := len(ys)
		s := logSlopeOver(ks, ys, n/2, n)
		if math.IsNaN(s) {
			continue
		}
		lasts = append(lasts, s)
		changes = append(changes, s-logSlopeOver(ks, ys, n/4, n/2))
		ids = append(ids, run.ID)
	}
	return newStat(lasts, ids), newStat(changes, ids)
}

// shortLabel drops the activation from a label of the paper's subject
// for legends: the subject alone runs at the recommended parameters.
func (b *builder) shortLabel(l string) string {
	if l == b.claims.Subject {
		return b.claims.Recommended.Label
	}
	return strings.Replace(l, b.claims.Subject+", ", "ADMM ", 1)
}

// logSlope fits log y = a + s log x by least squares over the second half
// of the points with positive finite y.
func logSlope(xs, ys []float64) float64 { return logSlopeOver(xs, ys, len(xs)/2, len(xs)) }

// logSlopeOver is logSlope over the points lo ≤ i < hi.
func logSlopeOver(xs, ys []float64, lo, hi int) float64 {
	var sx, sy, sxx, sxy, n float64
	for i := lo; i < hi; i++ {
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
	for _, s := range sd.Series {
		var c figure.Cloud
		for k := range s.X {
			if k < len(s.Y) && !math.IsNaN(s.X[k]) && !math.IsNaN(s.Y[k]) {
				c.X, c.Y = append(c.X, s.X[k]), append(c.Y, s.Y[k])
			}
		}
		c.Name = fmt.Sprintf("%s (%d)", s.Name, len(c.X))
		p.Clouds = append(p.Clouds, c)
		n += len(c.X)
	}
	if n == 0 {
		return panelOut{plot: noticePanel(ps.Title, "data not available: the "+ps.Data+" scatter data has no points"), notice: true}, nil
	}
	return panelOut{plot: *p, verdict: fmt.Sprintf("%d points", n)}, nil
}
