package report

import (
	"fmt"
	"github.com/admmlab/admmlab/report/figure"
	"math"
	"slices"
	"sort"
	"strings"

	"github.com/admmlab/admmlab/pipeline/runs"
)

// pickCell chooses, among a label's cells, the deepest net (ties: widest):
// the curve figures show one depth-fixed net per algorithm.
func pickCell(cells []cell) cell {
	best := cells[0]
	for _, c := range cells[1:] {
		if c.Cfg.Depth > best.Cfg.Depth || (c.Cfg.Depth == best.Cfg.Depth && c.Cfg.Width > best.Cfg.Width) {
			best = c
		}
	}
	return best
}

func epochs(n int) []float64 {
	xs := make([]float64, n)
	for i := range xs {
		xs[i] = float64(i + 1)
	}
	return xs
}

// curvesPanel: mean per-epoch curve per algorithm (Fig 2(c)).
func (b *builder) curvesPanel(ps panelSpec, cells []cell) (panelOut, error) {
	labels, m := byLabel(cells)
	p := newPanel(ps.Title, "epoch", axisLabel(ps.Curve))
	var ss []series
	var obs []string
	for _, l := range labels {
		c := pickCell(m[l])
		if !c.hasCurve(ps.Curve) {
			continue
		}
		mean, std := c.curve(ps.Curve)
		name := fmt.Sprintf("%s (%d,%d)", l, c.Cfg.Depth, c.Cfg.Width)
		ss = append(ss, series{Name: name, X: epochs(len(mean)), Y: mean, NoMarks: true})
		last := mean[len(mean)-1]
		b.an.Summary.addStat(fmt.Sprintf("%s/%s/%s_last", ps.ID, l, ps.Curve), Stat{Mean: last, Std: std[len(std)-1], N: len(c.Runs), Runs: sortedIDs(c)})
		obs = append(obs, fmt.Sprintf("%s ends at %s", l, fmtSci(last)))
	}
	if len(ss) == 0 {
		return panelOut{plot: noticePanel(ps.Title, fmt.Sprintf("experiment %q stored no %q curves", ps.Exp, ps.Curve)), notice: true}, nil
	}
	return finish(ps, p, ss, false, ps.Curve, strings.Join(obs, ", "))
}

func sortedIDs(c cell) []string {
	ids := c.ids()
	sort.Strings(ids)
	return ids
}

// structurePanel: metric vs depth (best width per depth) or vs width (best
// depth per width), one line per algorithm with the trial spread as bars.
//
// Only the grid points that ran are drawn (as marks; the x ticks are exactly
// those points), and the verdict lists them beside the paper's best
// structure. The noise floor, when the experiment has one, is a dashed
// horizontal line.
func (b *builder) structurePanel(ps panelSpec, cells, floors []cell, metric string) (panelOut, error) {
	axis, xlabel := func(c cell) int { return c.Cfg.Depth }, "depth (hidden layers)"
	if ps.kind == pkWidth {
		axis, xlabel = func(c cell) int { return c.Cfg.Width }, "width (units per hidden layer)"
	}
	labels, m := byLabel(cells)
	p := newPanel(ps.Title, xlabel, axisLabel(metric)+", "+epochNote(cells))
	p.LegendBottom = isAcc(metric) // the curves rise to the top (Figure 17a's legend covered them)
	scale := yScale(metric)
	var ss []series
	var obs []string
	var grid []float64
	for _, c := range cells {
		if x := float64(axis(c)); !slices.Contains(grid, x) {
			grid = append(grid, x)
		}
	}
	sort.Float64s(grid)
	p.XTicks = grid
	var best []string
	for _, l := range labels {
		s, o := b.structureSeries(ps, l, m[l], axis, metric, scale)
		ss = append(ss, s)
		if o != "" {
			best = append(best, o)
		}
	}
	if len(best) > 0 {
		obs = append(obs, bestOf(axisName(ps.kind), best))
	}
	if len(grid) > 0 {
		obs = append(obs, fmt.Sprintf("%ss run: %s", axisName(ps.kind), fmtInts(floatsToInts(grid))))
	}
	if len(floors) > 0 && len(grid) > 0 {
		for _, noise := range cellNoises(floors) {
			var runs []runs.Labeled
			for _, c := range floors {
				runs = append(runs, c.Runs...)
			}
			if fl, ok := floorStat(runs, metric, noise); ok {
				lo, hi := grid[0], grid[len(grid)-1]
				ss = append(ss, series{Name: "noise floor (reference estimator)", X: []float64{lo, hi}, Y: []float64{fl.Mean * scale, fl.Mean * scale}, NoMarks: true, Dashed: true})
				obs = append(obs, "noise floor "+fmtSci(fl.Mean))
			}
		}
	}
	return finish(ps, p, ss, false, metric, strings.Join(obs, ", "))
}

func axisName(k panelKind) string {
	if k == pkWidth {
		return "width"
	}
	return "depth"
}

// paramsPanel: metric over λ, one line per β (Fig 7(a) and the like).
func (b *builder) paramsPanel(ps panelSpec, cells []cell, metric string) (panelOut, error) {
	byBeta := map[float64][]cell{}
	var betas []float64
	for _, c := range cells {
		if _, ok := byBeta[c.Cfg.Beta]; !ok {
			betas = append(betas, c.Cfg.Beta)
		}
		byBeta[c.Cfg.Beta] = append(byBeta[c.Cfg.Beta], c)
	}
	sort.Float64s(betas)
	first := cells[0]
	p := newPanel(fmt.Sprintf("%s, %s (%d,%d)", ps.Title, first.Label, first.Cfg.Depth, first.Cfg.Width), "λ", axisLabel(metric)+", "+epochNote(cells))
	scale := yScale(metric)
	var ss []series
	best, bs, found := chooseCell(cells, metric)
	// The grid's lowest and highest means say how much λ and β matter at
	// all; they are a range, not a choice (the choice is chooseCell's).
	var valid []cell
	stats := map[int]Stat{}
	for _, beta := range betas {
		cs := byBeta[beta]
		sort.Slice(cs, func(i, j int) bool { return cs[i].Cfg.Lambda < cs[j].Cfg.Lambda })
		s := series{Name: "β = " + fmtG(beta)}
		for _, c := range cs {
			st := c.reported(metric)
			s.X = append(s.X, c.Cfg.Lambda)
			s.Y = append(s.Y, st.Mean*scale)
			s.Err = append(s.Err, st.Std*scale)
			if st.Valid() {
				stats[len(valid)], valid = st, append(valid, c)
				b.an.Summary.addStat(fmt.Sprintf("%s/%s/lambda=%s,beta=%s", ps.ID, c.Label, fmtG(c.Cfg.Lambda), fmtG(beta)), st)
				pa := b.an.panel(ps.ID)
				pa.Params[c.Label] = append(pa.Params[c.Label], ParamValue{Lambda: c.Cfg.Lambda, Beta: beta, Value: st})
			}
		}
		ss = append(ss, s)
	}
	verdict, rec := "", b.claims.Recommended
	if found {
		// Under the validation rule the choice is the validation curve's,
		// so a lower test value elsewhere on the grid is no contradiction.
		rule := "best"
		if best.validation {
			rule = "chosen on validation"
		}
		verdict = fmt.Sprintf("%s (λ, β) = (%s, %s) with %s; the paper recommends (%s, %s)", rule, fmtG(best.Cfg.Lambda), fmtG(best.Cfg.Beta), fmtVal(metric, bs.Mean), fmtG(rec.Lambda), fmtG(rec.Beta))
		inGrid := false
		for _, c := range cells {
			inGrid = inGrid || (c.Cfg.Lambda == rec.Lambda && c.Cfg.Beta == rec.Beta)
		}
		if !inGrid {
			verdict += ", which is not in this profile's grid"
		}
	}
	if len(stats) > 1 {
		at := func(i int) string {
			return fmt.Sprintf("%s at (%s, %s)", fmtVal(metric, stats[i].Mean), fmtG(valid[i].Cfg.Lambda), fmtG(valid[i].Cfg.Beta))
		}
		lo, hi := extremes(stats)
		verdict += fmt.Sprintf("; the grid's means range from %s to %s", at(lo), at(hi))
	}
	return finish(ps, p, ss, true, metric, verdict)
}

// initsPanel: metric per initialisation scheme, one series per algorithm.
func (b *builder) initsPanel(ps panelSpec, cells []cell, metric string) (panelOut, error) {
	var inits []string
	for _, c := range cells {
		name := initName(c)
		if !slices.Contains(inits, name) {
			inits = append(inits, name)
		}
	}
	sort.Strings(inits)
	labels, m := byLabel(cells)
	// A scale common to every scheme (msra×8, xavier×8, …) goes into the
	// axis label, so the tick labels stay short; they are slanted anyway,
	// as six scheme names do not fit side by side.
	xlabel, ticks := "initialisation", inits
	if suf := commonSuffix(inits, "×"); suf != "" {
		xlabel = fmt.Sprintf("initialisation (every scheme scaled %s)", suf)
		ticks = make([]string, len(inits))
		for i, in := range inits {
			ticks[i] = strings.TrimSuffix(in, suf)
		}
	}
	p := newPanel(ps.Title, xlabel, axisLabel(metric)+", "+epochNote(cells))
	p.NominalX = ticks
	p.SlantXTicks = true
	// An empty column to the right of the last scheme holds the legend,
	// whose marker glyph would otherwise sit among the data like a point.
	p.X = &figure.Range{Min: -0.5, Max: float64(len(inits)) + 0.6}
	scale := yScale(metric)
	var ss []series
	var obs, spans []string
	var schemes []int
	for _, l := range labels {
		s := series{Name: l, NoLine: true}
		lo, hi := math.Inf(1), math.Inf(-1)
		for _, c := range m[l] {
			st := c.reported(metric)
			i := slices.Index(inits, initName(c))
			s.X = append(s.X, float64(i))
			s.Y = append(s.Y, st.Mean*scale)
			s.Err = append(s.Err, st.Std*scale)
			if st.Valid() {
				b.an.Summary.addStat(fmt.Sprintf("%s/%s/init=%s", ps.ID, l, initName(c)), st)
				b.an.panel(ps.ID).setInit(l, initName(c), st)
				lo, hi = math.Min(lo, st.Mean), math.Max(hi, st.Mean)
			}
		}
		sortSeries(&s)
		ss = append(ss, s)
		if hi >= lo {
			spans = append(spans, fmt.Sprintf("%s %s – %s", l, fmtVal(metric, lo), fmtVal(metric, hi)))
			schemes = append(schemes, len(m[l]))
		}
	}
	if len(spans) > 0 {
		obs = append(obs, rangesText(spans, schemes))
	}
	if len(labels) > 1 && len(cells) > 0 {
		// The study runs every algorithm at the structure and epochs of the
		// ADMM choice it depends on: say so, as the SGD family's own best
		// structures differ.
		c := cells[0]
		obs = append(obs, fmt.Sprintf("every algorithm at ADMM's chosen structure (%d,%d) for %d epochs, not at its own best structure", c.Cfg.Depth, c.Cfg.Width, c.Cfg.Epochs))
	}
	return finish(ps, p, ss, false, metric, strings.Join(obs, ", "))
}

// commonSuffix returns the part of the names from the last sep on when
// every name has the same one, else "".
func commonSuffix(names []string, sep string) string {
	suf := ""
	for i, n := range names {
		j := strings.LastIndex(n, sep)
		if j < 0 {
			return ""
		}
		if i == 0 {
			suf = n[j:]
		} else if n[j:] != suf {
			return ""
		}
	}
	return suf
}

func initName(c cell) string {
	if c.Cfg.InitScale != 0 && c.Cfg.InitScale != 1 {
		return fmt.Sprintf("%s×%s", c.Cfg.Init, fmtG(c.Cfg.InitScale))
	}
	return c.Cfg.Init
}

// sortSeries orders a series' points by x.
func sortSeries(s *series) {
	idx := make([]int, len(s.X))
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx, func(i, j int) bool { return s.X[idx[i]] < s.X[idx[j]] })
	perm := func(v []float64) []float64 {
		if v == nil {
			return nil
		}
		out := make([]float64, len(v))
		for i, k := range idx {
			out[i] = v[k]
		}
		return out
	}
	s.X, s.Y, s.Err = perm(s.X), perm(s.Y), perm(s.Err)
}

// noisePanel: metric vs noise variance, with the noise level as reference.
// The noise floor, when the experiment has one, is drawn per noise level.
func (b *builder) noisePanel(ps panelSpec, cells, floors []cell, metric string) (panelOut, error) {
	labels, m := byLabel(cells)
	p := newPanel(ps.Title, "noise variance", axisLabel(metric)+", "+epochNote(cells))
	var ss []series
	var obs []string
	var noises []float64
	for _, l := range labels {
		s := series{Name: l}
		var ns []int
		for _, c := range m[l] {
			st := c.reported(metric)
			ns = append(ns, st.N)
			s.X = append(s.X, c.Cfg.Noise)
			s.Y = append(s.Y, st.Mean)
			s.Err = append(s.Err, st.Std)
			if st.Valid() {
				b.an.Summary.addStat(fmt.Sprintf("%s/%s/noise=%s", ps.ID, l, fmtG(c.Cfg.Noise)), st)
				b.an.panel(ps.ID).setNoise(l, c.Cfg.Noise, st)
			}
			if !slices.Contains(noises, c.Cfg.Noise) {
				noises = append(noises, c.Cfg.Noise)
			}
		}
		sortSeries(&s)
		ss = append(ss, s)
		if n := len(s.Y); n >= 2 {
			obs = append(obs, fmt.Sprintf("%s (%s): %s at variance %s → %s at %s", l, trialsText(ns), fmtSci(s.Y[0]), fmtG(s.X[0]), fmtSci(s.Y[n-1]), fmtG(s.X[n-1])))
		}
	}
	sort.Float64s(noises)
	p.XTicks = noises // ticks at the noise levels that ran
	ss = append(ss, series{Name: "noise variance", X: noises, Y: noises, NoMarks: true, Dashed: true})
	if len(floors) > 0 {
		fs, trials := floorSeries(floors, metric)
		if len(fs.X) > 0 {
			ss = append(ss, fs)
			n := len(fs.Y)
			obs = append(obs, fmt.Sprintf("noise floor (%s): %s at variance %s → %s at %s", trials, fmtSci(fs.Y[0]), fmtG(fs.X[0]), fmtSci(fs.Y[n-1]), fmtG(fs.X[n-1])))
			for i, v := range fs.Y {
				b.an.Summary.addExact(fmt.Sprintf("%s/noise_floor/noise=%s", ps.ID, fmtG(fs.X[i])), v, nil)
				b.an.panel(ps.ID).NoiseFloor[fs.X[i]] = v
			}
		}
	}
	return finish(ps, p, ss, false, metric, strings.Join(obs, "; "))
}

// structureSeries is one algorithm's line of a structure panel: at each
// value of the axis the cell its rule chooses, recorded in the summary;
// obs says where it is best, beside the paper's structure ("" when no
// value is finite).
func (b *builder) structureSeries(ps panelSpec, l string, cells []cell, axis func(cell) int, metric string, scale float64) (series, string) {
	groups := map[int][]cell{}
	var xs []int
	for _, c := range cells {
		x := axis(c)
		if _, ok := groups[x]; !ok {
			xs = append(xs, x)
		}
		groups[x] = append(groups[x], c)
	}
	sort.Ints(xs)
	s := series{Name: l}
	// The best structure is ranked by the experiment's rule, as its table
	// chooses: under the validation rule on the validation value, never on
	// the test metric the panel draws.
	bestX, bestV := 0, math.NaN()
	for _, x := range xs {
		c, st, ok := chooseCell(groups[x], metric)
		if !ok {
			st = Stat{Mean: math.NaN(), Std: math.NaN()}
		}
		s.X = append(s.X, float64(x))
		s.Y = append(s.Y, st.Mean*scale)
		s.Err = append(s.Err, st.Std*scale)
		if ok {
			key := fmt.Sprintf("%s/%s/%s=%d", ps.ID, l, axisName(ps.kind), x)
			b.an.Summary.addStat(key, st)
			b.an.Summary.addExact(key+"/depth", float64(c.Cfg.Depth), nil)
			b.an.Summary.addExact(key+"/width", float64(c.Cfg.Width), nil)
			v := rankScore(c, st)
			b.an.panel(ps.ID).setStructure(axisName(ps.kind), metric, l, x, st, v)
			if scaleOf(metric).Better(v, bestV) {
				bestX, bestV = x, v
			}
		}
	}
	if math.IsNaN(bestV) {
		return s, ""
	}
	// "A 4 (paper's 2)"; a * marks a paper's value not run here (bestOf
	// says so once per panel).
	o := fmt.Sprintf("%s %d", l, bestX)
	if a, ok := algorithmOf(b.defs[ps.Exp], l); ok && a.Paper != nil {
		pv := a.Paper.Depth
		if ps.kind == pkWidth {
			pv = a.Paper.Width
		}
		ran := ""
		if !slices.Contains(xs, pv) {
			ran = "*"
		}
		o += fmt.Sprintf(" (paper's %d%s)", pv, ran)
	}
	return s, o
}
