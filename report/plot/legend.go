package plot

import (
	"math"

	"github.com/admmlab/admmlab/report/figure"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// A legend drawn over the data hides what it names: a review found the
// legend glyph of fig17b sitting on the xavier point like an outlier,
// because an accuracy axis ends at 100% and leaves the legend no headroom.
// Where the legend goes is therefore decided once the panel's canvas is
// known: of six places (the four corners and the middle of either side),
// the one whose box covers the fewest of the panel's drawn points (its
// marks, its bars' ends and samples along its lines), the corner the panel
// asked for winning ties, then the corners before the middles.

// footprint is what a panel draws, in data coordinates, as far as the
// legend's placement needs it.
type footprint struct {
	names []string       // legend entries, in order
	lines [][]plotter.XY // polylines drawn
	marks []plotter.XY   // isolated points drawn (glyphs, bar ends)
}

// footprintOf lists what drawPanel draws of fp: the series as Clean leaves
// them for fp's axes, and the clouds.
func footprintOf(fp figure.Panel) footprint {
	var f footprint
	ss, _ := figure.Clean(fp.Series, fp.LogX, fp.LogY)
	for _, s := range ss {
		if len(s.X) == 0 {
			continue
		}
		if s.Name != "" {
			f.names = append(f.names, s.Name)
		}
		pts := make([]plotter.XY, len(s.X))
		for k := range s.X {
			pts[k] = plotter.XY{X: s.X[k], Y: s.Y[k]}
			if s.Err != nil {
				f.marks = append(f.marks, plotter.XY{X: s.X[k], Y: s.Y[k] + s.Err[k]})
				if lo := s.Y[k] - s.Err[k]; lo > 0 || !fp.LogY {
					f.marks = append(f.marks, plotter.XY{X: s.X[k], Y: lo})
				}
			}
		}
		f.marks = append(f.marks, pts...)
		if !s.NoLine && len(pts) > 1 {
			f.lines = append(f.lines, pts)
		}
	}
	for _, c := range fp.Clouds {
		if len(c.X) == 0 {
			continue
		}
		f.names = append(f.names, c.Name)
		for k := range c.X {
			f.marks = append(f.marks, plotter.XY{X: c.X[k], Y: c.Y[k]})
		}
	}
	return f
}

// corner is a legend position: a corner, or with mid the middle of the
// left or right side (top is then ignored).
type corner struct{ top, left, mid bool }

// placeLegend moves p's legend to the corner of the data area c (the
// canvas p is drawn on) that covers the fewest points of f.
func placeLegend(p *plot.Plot, c draw.Canvas, f footprint) {
	if len(f.names) == 0 {
		return
	}
	dc := p.DataCanvas(c)
	trX, trY := p.Transforms(&dc)
	pts := canvasPoints(f, trX, trY)
	w, h := legendSize(p.Legend, f.names)
	asked := corner{top: p.Legend.Top, left: p.Legend.Left}
	best, bestHits := asked, -1
	places := []corner{asked, {top: true}, {top: true, left: true}, {}, {left: true}, {mid: true}, {mid: true, left: true}}
	for _, k := range places {
		r := legendBox(dc.Rectangle, w, h, k)
		hits := 0
		for _, q := range pts {
			if q.X >= r.Min.X && q.X <= r.Max.X && q.Y >= r.Min.Y && q.Y <= r.Max.Y {
				hits++
			}
		}
		if bestHits < 0 || hits < bestHits {
			best, bestHits = k, hits
		}
	}
	p.Legend.Top, p.Legend.Left = best.top || best.mid, best.left
	if best.mid {
		// Legend.Draw puts the first entry's top at the area's top plus
		// YOffs: move it down to centre the box on the data area.
		p.Legend.YOffs = legendBox(dc.Rectangle, w, h, best).Max.Y - dc.Max.Y
	}
}

// canvasPoints maps f's marks to the canvas and samples its lines there
// every 2 points (at most 400 samples a segment): a line is straight on
// the canvas whatever the axes' scales.
func canvasPoints(f footprint, trX, trY func(float64) vg.Length) []vg.Point {
	to := func(q plotter.XY) vg.Point { return vg.Point{X: trX(q.X), Y: trY(q.Y)} }
	var out []vg.Point
	for _, q := range f.marks {
		out = append(out, to(q))
	}
	for _, line := range f.lines {
		for k := 1; k < len(line); k++ {
			a, b := to(line[k-1]), to(line[k])
			d := math.Hypot(float64(b.X-a.X), float64(b.Y-a.Y))
			n := min(400, max(1, int(d/float64(vg.Points(2)))))
			for j := 0; j <= n; j++ {
				t := vg.Length(float64(j) / float64(n))
				out = append(out, vg.Point{X: a.X + t*(b.X-a.X), Y: a.Y + t*(b.Y-a.Y)})
			}
		}
	}
	return out
}

// legendSize is the extent of a legend of these entries, as gonum's
// Legend.Draw lays them out (thumbnail, a space, the text; one entry
// height per line).
func legendSize(l plot.Legend, names []string) (w, h vg.Length) {
	var entry vg.Length
	for _, n := range names {
		w = max(w, l.ThumbnailWidth+l.TextStyle.Rectangle(" "+n).Max.X)
		entry = max(entry, l.TextStyle.Rectangle(n).Max.Y)
	}
	h = vg.Length(len(names))*entry + vg.Length(len(names)-1)*l.Padding
	return w, h
}

// legendBox is where a legend of size w × h sits in the data area r at
// corner k, with a margin of 2 points.
func legendBox(r vg.Rectangle, w, h vg.Length, k corner) vg.Rectangle {
	m := vg.Points(2)
	var b vg.Rectangle
	if k.left {
		b.Min.X, b.Max.X = r.Min.X, r.Min.X+w+m
	} else {
		b.Min.X, b.Max.X = r.Max.X-w-m, r.Max.X
	}
	switch {
	case k.mid:
		mid := (r.Min.Y + r.Max.Y) / 2
		b.Min.Y, b.Max.Y = mid-h/2-m, mid+h/2+m
	case k.top:
		b.Min.Y, b.Max.Y = r.Max.Y-h-m, r.Max.Y
	default:
		b.Min.Y, b.Max.Y = r.Min.Y, r.Min.Y+h+m
	}
	return b
}
