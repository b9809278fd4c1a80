package report

import (
	"fmt"
	"github.com/admmlab/admmlab/report/figure"
	"math"
	"slices"
	"strings"
)

type panelKind int

const (
	pkActivation panelKind = iota + 1
	pkDerivative
	pkCurves
	pkLayerNorms
	pkDepth
	pkWidth
	pkParams
	pkInits
	pkNoise
	pkScatter
	pkTheorem3Curves
	pkTheorem3Error
	pkConvKKT
	pkConvViolation
	pkConvUpdates
	pkLambda
	pkLearningCurve
)

// panelSpec is one panel of a figure.
type panelSpec struct {
	ID, Title string
	kind      panelKind
	Exp       string   // experiment whose runs it shows (set by resolve when it renders)
	Labels    []string // only these algorithm columns (nil: all)
	Act       string   // only cells with this activation ("": all)
	Curve     string   // per-epoch series (pkCurves)
	Metric    string   // overrides the experiment's metric (pkNoise)
	Data      string   // data set (pkScatter)
	Relative  bool     // pkLayerNorms: divide by the layer's weight norm
}

// panelOut is a rendered panel and its one-line observation for the gallery.
type panelOut struct {
	plot    figure.Panel
	verdict string
	notice  bool
}

// figure finds every panel of a figure (its data, as figure models, and
// its observation) into the analysis and returns the step that draws the
// figure from it and writes it.
func (b *builder) figure(it item) (func() error, error) {
	fa := &FigureAnalysis{}
	for _, ps := range it.Panels {
		out, err := b.panel(ps)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", ps.ID, err)
		}
		if out.notice {
			fa.Notices++
			b.an.Notices++
		}
		fa.Panels = append(fa.Panels, out.plot)
		if out.verdict != "" {
			fa.Verdicts = append(fa.Verdicts, ps.Title+": "+out.verdict)
		}
	}
	// One axis range for panels that compare, one notice for panels that
	// share it.
	fa.Panels = harmonise(it, fa.Panels)
	b.an.Figures[it.ID] = fa
	return func() error {
		f, g := figureModel(b.an.Figures[it.ID], it)
		png, err := b.opt.Draw(f)
		if err != nil {
			return err
		}
		if err := b.write(g.File, png); err != nil {
			return err
		}
		b.gallery = append(b.gallery, g)
		return nil
	}, nil
}

// figureModel is the figure to draw and its README entry, from the figure's
// analysis alone.
func figureModel(fa *FigureAnalysis, it item) (figure.Figure, galleryEntry) {
	return figure.Figure{Panels: fa.Panels, Cols: it.Cols}, galleryEntry{item: it, File: "figures/" + it.ID + ".png", Figure: true,
		Verdict: strings.Join(fa.Verdicts, "; "), Notices: fa.Notices, Panels: len(it.Panels)}
}

// panel dispatches on the panel's kind. Panels that need runs fall back to
// a notice when the experiment has none.
func (b *builder) panel(ps panelSpec) (panelOut, error) {
	switch ps.kind {
	case pkActivation, pkDerivative:
		return activationPanel(ps)
	case pkTheorem3Curves:
		return b.theorem3Curves(ps)
	case pkTheorem3Error:
		return b.theorem3Error(ps)
	case pkScatter:
		return b.scatterPanel(ps)
	}
	ps.Exp = b.resolve(ps.ID)
	e := b.experimentFor(ps.ID, ps.Exp)
	if sub := b.subset(ps.Exp); sub != "" && e.notice == "" {
		ps.Title += " — " + sub
		b.an.Summary.addNote(ps.ID, sub)
	}
	if e.notice != "" {
		return panelOut{plot: noticePanel(ps.Title, e.notice), notice: true}, nil
	}
	cells := withRefits(cellsOfDef(e.runs, e.def, e.curves), e.def, e.refit)
	var floors []cell
	for _, c := range cells {
		if isFloorLabel(c.Label) {
			floors = append(floors, c)
		}
	}
	cells = filterCells(cells, ps.Labels, ps.Act)
	if len(cells) == 0 {
		msg := fmt.Sprintf("experiment %q has no runs of %s", ps.Exp, describeFilter(ps))
		return panelOut{plot: noticePanel(ps.Title, msg), notice: true}, nil
	}
	metric := e.def.Metric
	if ps.Metric != "" {
		metric = ps.Metric
	}
	var (
		out panelOut
		err error
	)
	switch ps.kind {
	case pkCurves:
		out, err = b.curvesPanel(ps, cells)
	case pkLayerNorms:
		out, err = b.layerNormsPanel(ps, cells)
	case pkDepth, pkWidth:
		out, err = b.structurePanel(ps, cells, floors, metric)
		b.withBaselines(&out, e.def.Data, metric)
	case pkParams:
		out, err = b.paramsPanel(ps, cells, metric)
	case pkInits:
		out, err = b.initsPanel(ps, cells, metric)
		b.withBaselines(&out, e.def.Data, metric)
	case pkLambda:
		out, err = b.lambdaPanel(ps, cells, metric)
	case pkLearningCurve:
		out, err = b.learningCurvePanel(ps, cells, metric, e.def.Data)
	case pkNoise:
		out, err = b.noisePanel(ps, cells, floors, metric)
	case pkConvKKT, pkConvViolation, pkConvUpdates:
		out, err = b.convergencePanel(ps, cells)
	default:
		panic(fmt.Sprintf("report: panel %s: unknown kind %d", ps.ID, ps.kind))
	}
	return out, err
}

// filterCells keeps the cells of the given labels and activation; noise-floor
// cells, which are no algorithm, never pass (panels draw them apart).
func filterCells(cells []cell, labels []string, act string) []cell {
	var out []cell
	for _, c := range cells {
		if isFloorLabel(c.Label) {
			continue
		}
		if act != "" && c.Cfg.Act != act {
			continue
		}
		if labels != nil && !slices.Contains(labels, c.Label) {
			continue
		}
		out = append(out, c)
	}
	return out
}

func describeFilter(ps panelSpec) string {
	var parts []string
	if ps.Labels != nil {
		parts = append(parts, strings.Join(ps.Labels, ", "))
	}
	if ps.Act != "" {
		parts = append(parts, ps.Act+" nets")
	}
	if len(parts) == 0 {
		return "any algorithm"
	}
	return strings.Join(parts, " on ")
}

// axisLabel names a metric for a y axis.
func axisLabel(metric string) string {
	switch metric {
	case "val_mse":
		return "validation MSE (held-out training samples)"
	case "val_acc":
		return "validation accuracy (%)"
	case "train_mse":
		return "training MSE"
	case "test_mse":
		return "test MSE"
	case "test_acc":
		return "test accuracy (%)"
	}
	return metric
}

// yScale converts stored values to what the axis shows (accuracy in %).
func yScale(metric string) float64 {
	if isAcc(metric) {
		return 100
	}
	return 1
}

// finish adds series to p or turns the panel into a notice when nothing is
// drawable; log y is used for errors (they span decades), never for accuracy.
func finish(ps panelSpec, p *figure.Panel, ss []series, logX bool, metric, verdict string) (panelOut, error) {
	p.Series, p.LogX, p.LogY = ss, logX, !isAcc(metric)
	if !figure.Drawable(ss, p.LogX, p.LogY) {
		return panelOut{plot: noticePanel(ps.Title, "no finite values to plot (every run diverged or lacks "+metric+")"), notice: true}, nil
	}
	if isAcc(metric) {
		// An accuracy axis ends at 100%, whatever the data's range.
		top := 100.0
		p.YMax = &top
	}
	return panelOut{plot: *p, verdict: verdict}, nil
}

// newPanel returns an empty panel.
func newPanel(title, xlabel, ylabel string) *figure.Panel {
	return &figure.Panel{Title: title, XLabel: xlabel, YLabel: ylabel}
}

// noticePanel is a panel that says msg instead of drawing.
func noticePanel(title, msg string) figure.Panel { return figure.Panel{Title: title, Notice: msg} }

// activationPanel draws Fig 2(a) or (b): analytic, no runs.
func activationPanel(ps panelSpec) (panelOut, error) {
	const n = 401
	xs := make([]float64, n)
	sig := make([]float64, n)
	relu := make([]float64, n)
	dsig := make([]float64, n)
	for i := range xs {
		x := -10 + 20*float64(i)/(n-1)
		s := 1 / (1 + math.Exp(-x))
		xs[i], sig[i], relu[i], dsig[i] = x, s, math.Max(0, x), s*(1-s)
	}
	if ps.kind == pkActivation {
		// Both curves on t ∈ [-6, 6] with y ∈ [-0.1, 2.2]: sigmoid's whole
		// S fills half the height, and ReLU is drawn up to the top of
		// the panel (t ≤ 2) instead of running off it.
		var rx, ry []float64
		var sx, sy []float64
		for i, x := range xs {
			if x < -6 || x > 6 {
				continue
			}
			sx, sy = append(sx, x), append(sy, sig[i])
			if relu[i] <= 2 {
				rx, ry = append(rx, x), append(ry, relu[i])
			}
		}
		p := newPanel(ps.Title, "t", "activation σ(t), ReLU(t)")
		p.LegendLeft = true
		p.Series = []series{{Name: "sigmoid σ(t) = 1/(1+e^−t)", X: sx, Y: sy, NoMarks: true}, {Name: "ReLU max(0, t)", X: rx, Y: ry, NoMarks: true, Dashed: true}}
		p.X, p.Y = &figure.Range{Min: -6, Max: 6}, &figure.Range{Min: -0.1, Max: 2.2}
		return panelOut{plot: *p}, nil
	}
	p := newPanel(ps.Title, "t", "σ′(t)")
	p.Series = []series{{Name: "σ′ = σ(1−σ)", X: xs, Y: dsig, NoMarks: true}}
	// Width of the band where σ′ exceeds 1% of its peak 1/4: |t| < ln(…).
	band := 2 * math.Log((1+math.Sqrt(1-0.01))/(1-math.Sqrt(1-0.01)))
	return panelOut{plot: *p, verdict: fmt.Sprintf("σ′ > 1%% of its peak only for |t| < %.2f", band/2)}, nil
}

// series is one line of a panel (see figure.Series).
type series = figure.Series
