package plot

import (
	"bytes"
	"fmt"
	"image/color"
	"math"
	"strings"

	"github.com/admmlab/admmlab/report/figure"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/plotutil"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"
)

// PNG draws a figure: its panels tiled into its columns, at dpi.
func PNG(f figure.Figure) ([]byte, error) {
	plots := make([]*plot.Plot, len(f.Panels))
	feet := make([]footprint, len(f.Panels))
	for i, p := range f.Panels {
		var err error
		if plots[i], err = drawPanel(p); err != nil {
			return nil, fmt.Errorf("panel %q: %w", p.Title, err)
		}
		if p.Notice == "" {
			feet[i] = footprintOf(p)
		}
	}
	return renderPNG(plots, feet, f.Cols)
}

// drawPanel turns a panel of the model into a gonum plot: the notice in
// its place, or its series and clouds with the axes it asks for.
func drawPanel(fp figure.Panel) (*plot.Plot, error) {
	if fp.Notice != "" {
		return noticePanel(fp.Title, fp.Notice), nil
	}
	p := newPanel(fp.Title, fp.XLabel, fp.YLabel)
	p.Legend.Left = fp.LegendLeft
	p.Legend.Top = !fp.LegendBottom
	if fp.XTicks != nil {
		p.X.Tick.Marker = gridTicks(fp.XTicks)
	}
	if fp.NominalX != nil {
		p.NominalX(fp.NominalX...)
	}
	if fp.SlantXTicks {
		p.X.Tick.Label.Rotation = math.Pi / 6
		p.X.Tick.Label.XAlign = draw.XRight
		p.X.Tick.Label.YAlign = draw.YCenter
	}
	if len(fp.Series) > 0 {
		ok, err := addSeries(p, fp.Series, fp.LogX, fp.LogY)
		if err != nil {
			return nil, err
		}
		if !ok {
			return nil, fmt.Errorf("no drawable point (figure.Drawable decides that before drawing)")
		}
	}
	if err := addClouds(p, fp.Clouds); err != nil {
		return nil, err
	}
	if fp.X != nil {
		p.X.Min, p.X.Max = fp.X.Min, fp.X.Max
	}
	if fp.Y != nil {
		p.Y.Min, p.Y.Max = fp.Y.Min, fp.Y.Max
	}
	if fp.YMax != nil {
		p.Y.Max = *fp.YMax
	}
	return p, nil
}

// addClouds draws scatter clouds, one colour and glyph each, named in the
// legend; an empty cloud keeps its colour index.
func addClouds(p *plot.Plot, clouds []figure.Cloud) error {
	for i, c := range clouds {
		if len(c.X) == 0 {
			continue
		}
		xys := make(plotter.XYs, len(c.X))
		for k := range c.X {
			xys[k] = plotter.XY{X: c.X[k], Y: c.Y[k]}
		}
		sc, err := plotter.NewScatter(xys)
		if err != nil {
			return err
		}
		sc.Color = plotutil.Color(i)
		sc.Shape = plotutil.Shape(i)
		sc.Radius = vg.Points(1.2)
		p.Add(sc)
		p.Legend.Add(c.Name, sc)
	}
	return nil
}

// Figure geometry: every panel is panelW × panelH at dpi, so a figure is
// readable at 150 DPI whatever its number of panels.
const (
	dpi    = 150
	panelW = 5 * vg.Inch
	panelH = 4 * vg.Inch
)

// errPoints feeds plotter.YErrorBars with asymmetric bars.
type errPoints struct {
	plotter.XYs
	plotter.YErrors
}

// newPanel returns an empty panel with the house style.
func newPanel(title, xlabel, ylabel string) *plot.Plot {
	p := plot.New()
	p.Title.Text = wrapTitle(title)
	p.X.Label.Text = xlabel
	p.Y.Label.Text = ylabel
	// Axis labels at 11 pt: a label longer than the data area would
	// otherwise shrink the data area of every panel in its row.
	p.X.Label.TextStyle.Font.Size = vg.Points(11)
	p.Y.Label.TextStyle.Font.Size = vg.Points(11)
	p.Legend.Top = true
	p.Legend.TextStyle.Font.Size = vg.Points(9)
	p.X.Tick.Marker, p.Y.Tick.Marker = plainTicks{}, plainTicks{}
	p.Add(plotter.NewGrid())
	return p
}

// addSeries draws ss on p, with log axes as asked. It returns false when no
// point survives, in which case the caller shows a notice instead.
func addSeries(p *plot.Plot, ss []figure.Series, logX, logY bool) (bool, error) {
	ss, st := figure.Clean(ss, logX, logY)
	n := 0
	for _, s := range ss {
		n += len(s.X)
	}
	if n == 0 {
		return false, nil
	}
	if logX {
		p.X.Scale = plot.LogScale{}
		p.X.Tick.Marker = logTicks{}
	}
	if logY {
		p.Y.Scale = plot.LogScale{}
		p.Y.Tick.Marker = logTicks{}
	}
	for i, s := range ss {
		if len(s.X) == 0 {
			continue
		}
		if err := drawSeries(p, s, i, logY); err != nil {
			return false, err
		}
	}
	if note := st.Note(); note != "" {
		p.Title.Text += "\n(" + note + ")"
	}
	named := 0
	for _, s := range ss {
		if s.Name != "" && len(s.X) > 0 {
			named++
		}
	}
	legendHeadroom(&p.Y, named, logY)
	fitAxes(p, logX, logY)
	return true, nil
}

// pad widens [lo, hi] by 5% of its length on each side.
func pad(lo, hi float64) (float64, float64) {
	d := 0.05 * (hi - lo)
	if !(d > 0) {
		d = 0.5
	}
	return lo - d, hi + d
}

// noticePanel is a panel that says why it is empty.
func noticePanel(title, msg string) *plot.Plot {
	p := plot.New()
	p.Title.Text = title
	p.HideAxes()
	lines := wrap(msg, 58)
	xys := make(plotter.XYs, len(lines))
	for i := range lines {
		xys[i].X, xys[i].Y = 0.5, 0.8-0.08*float64(i)
	}
	lab, err := plotter.NewLabels(plotter.XYLabels{XYs: xys, Labels: lines})
	if err != nil {
		panic(err) // equal lengths by construction
	}
	for i := range lab.TextStyle {
		lab.TextStyle[i].XAlign = draw.XCenter
		lab.TextStyle[i].Color = color.RGBA{R: 160, A: 255}
		lab.TextStyle[i].Font.Size = vg.Points(10)
	}
	p.Add(lab)
	p.X.Min, p.X.Max, p.Y.Min, p.Y.Max = 0, 1, 0, 1
	return p
}

// titleWidth is the most characters a title line holds across a panel at
// the title's 12 pt: a longer title ran into its neighbour's (fig18 (c)
// and (d), each carrying the data subset's label).
const titleWidth = 62

// wrapTitle breaks each line of a title at spaces to titleWidth.
func wrapTitle(title string) string {
	var out []string
	for _, line := range strings.Split(title, "\n") {
		out = append(out, wrap(line, titleWidth)...)
	}
	return strings.Join(out, "\n")
}

// wrap splits s into lines of at most width runes, at spaces.
func wrap(s string, width int) []string {
	var lines []string
	var cur []rune
	for _, w := range strings.Fields(s) {
		r := []rune(w)
		if len(cur) > 0 && len(cur)+1+len(r) > width {
			lines = append(lines, string(cur))
			cur = nil
		}
		if len(cur) > 0 {
			cur = append(cur, ' ')
		}
		cur = append(cur, r...)
	}
	if len(cur) > 0 || len(lines) == 0 {
		lines = append(lines, string(cur))
	}
	return lines
}

// renderPNG tiles panels into rows of cols and encodes a PNG; feet[i]
// (nil: nothing to avoid) is what panels[i] draws, for its legend's place.
func renderPNG(panels []*plot.Plot, feet []footprint, cols int) ([]byte, error) {
	if len(panels) == 0 {
		return nil, fmt.Errorf("no panels")
	}
	cols = min(cols, len(panels))
	rows := (len(panels) + cols - 1) / cols
	grid := make([][]*plot.Plot, rows)
	for r := range grid {
		grid[r] = make([]*plot.Plot, cols)
		for c := range grid[r] {
			if i := r*cols + c; i < len(panels) {
				grid[r][c] = panels[i]
			}
		}
	}
	img := vgimg.NewWith(vgimg.UseWH(panelW*vg.Length(cols), panelH*vg.Length(rows)), vgimg.UseDPI(dpi))
	dc := draw.New(img)
	// A white page: vgimg's default background is transparent with UseDPI.
	dc.SetColor(color.White)
	dc.Fill(dc.Rectangle.Path())
	t := draw.Tiles{Rows: rows, Cols: cols, PadX: vg.Millimeter * 4, PadY: vg.Millimeter * 4,
		PadTop: vg.Millimeter * 2, PadBottom: vg.Millimeter * 2, PadLeft: vg.Millimeter * 2, PadRight: vg.Millimeter * 4}
	// gonum pads the data area for the y label's glyph box centred at the
	// arithmetic middle of the range, which on a log axis lies near the
	// top, so a long label pushed the data area far down. The label is
	// therefore drawn here, centred on the data area, while the axis gets a
	// one-space stand-in of the same height that reserves its column.
	ylabels := make([][]string, rows)
	for r := range grid {
		ylabels[r] = make([]string, cols)
		for c, p := range grid[r] {
			if p != nil && p.Y.Label.Text != "" && !strings.Contains(p.Y.Label.Text, "\n") {
				ylabels[r][c], p.Y.Label.Text = p.Y.Label.Text, " "
			}
		}
	}
	canvases := plot.Align(grid, t, dc)
	for r := range grid {
		for c, p := range grid[r] {
			if p == nil {
				continue
			}
			cv := canvases[r][c]
			if i := r*cols + c; i < len(feet) {
				placeLegend(p, cv, feet[i])
			}
			p.Draw(cv)
			if lab := ylabels[r][c]; lab != "" {
				sty := p.Y.Label.TextStyle
				sty.Rotation += math.Pi / 2
				x := cv.Min.X + p.Y.Label.TextStyle.Height(lab) - p.Y.Label.TextStyle.FontExtents().Descent
				dataC := p.DataCanvas(cv)
				cv.FillText(sty, vg.Point{X: x, Y: dataC.Center().Y}, lab)
				p.Y.Label.Text = lab
			}
		}
	}
	var buf bytes.Buffer
	if _, err := (vgimg.PngCanvas{Canvas: img}).WriteTo(&buf); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// drawSeries adds one series to p in the i-th color and shape: its line,
// its marks, its error bars (kept above 0 on a log axis) and its legend
// entry.
func drawSeries(p *plot.Plot, s figure.Series, i int, logY bool) error {
	xys := make(plotter.XYs, len(s.X))
	for k := range s.X {
		xys[k].X, xys[k].Y = s.X[k], s.Y[k]
	}
	col := plotutil.Color(i)
	l, err := plotter.NewLine(xys)
	if err != nil {
		return err
	}
	l.Color = col
	l.Width = vg.Points(1.2)
	if s.Dashed {
		l.Dashes = []vg.Length{vg.Points(4), vg.Points(3)}
	}
	var thumb []plot.Thumbnailer
	if !s.NoLine {
		p.Add(l)
		thumb = append(thumb, l)
	}
	if !s.NoMarks || s.NoLine {
		sc, err := plotter.NewScatter(xys)
		if err != nil {
			return err
		}
		sc.Color = col
		sc.Shape = plotutil.Shape(i)
		p.Add(sc)
		thumb = append(thumb, sc)
	}
	if s.Err != nil {
		ep := errPoints{XYs: xys, YErrors: make(plotter.YErrors, len(xys))}
		for k := range xys {
			lo := s.Err[k]
			if logY && xys[k].Y-lo <= 0 {
				lo = xys[k].Y * 0.9 // keep the bar's foot on the log axis
			}
			ep.YErrors[k].Low, ep.YErrors[k].High = lo, s.Err[k]
		}
		eb, err := plotter.NewYErrorBars(ep)
		if err != nil {
			return err
		}
		eb.Color = col
		p.Add(eb)
	}
	if s.Name != "" {
		p.Legend.Add(s.Name, thumb...)
	}
	return nil
}

// fitAxes sets the axes' ranges once the data are drawn: log axes snap to
// decades, linear ones get a margin.
func fitAxes(p *plot.Plot, logX, logY bool) {
	if logX && decadesWithin(p.X.Min, p.X.Max) < 2 {
		// An x axis keeps its data range (epochs 1–20 need not run to
		// 100) unless fewer than two decades would be labelled.
		p.X.Min, p.X.Max = snapDecades(p.X.Min, p.X.Max)
	}
	if logY {
		p.Y.Min, p.Y.Max = snapDecades(p.Y.Min, p.Y.Max)
	}
	// No point sits on the frame: linear axes get a margin of 5% of their
	// range (half a unit on a degenerate one) on each side.
	if !logX {
		p.X.Min, p.X.Max = pad(p.X.Min, p.X.Max)
	}
	if !logY {
		p.Y.Min, p.Y.Max = pad(p.Y.Min, p.Y.Max)
	}
}
