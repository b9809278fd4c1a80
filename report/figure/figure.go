package figure

import (
	"fmt"
	"math"
	"strings"
)

// Series is one line of a panel: points with optional symmetric error
// bars (the spread over trials).
type Series struct {
	Name    string
	X, Y    []float64
	Err     []float64 // nil: no error bars
	NoMarks bool      // a smooth curve: no point glyphs
	NoLine  bool      // points on a categorical axis: glyphs (and bars), no joining line
	Dashed  bool
}

// Cloud is one class of a scatter plot (a data map).
type Cloud struct {
	Name string
	X, Y []float64
}

// Range is an axis range fixed by the panel rather than by its data.
type Range struct{ Min, Max float64 }

// Panel is one plot of a figure, or a notice in its place.
type Panel struct {
	Title, XLabel, YLabel string
	// Notice, when not empty, replaces the plot: the panel shows its title
	// and this message.
	Notice string
	Series []Series
	Clouds []Cloud
	// LogX, LogY: log axes (decade ticks, ranges snapped to decades).
	LogX, LogY bool
	// LegendLeft puts the legend at the top left (default: top right).
	LegendLeft bool
	// LegendBottom puts the legend at the bottom: for accuracies, whose
	// curves crowd the top of the axis.
	LegendBottom bool
	// XTicks, when not nil, are the only x ticks (the grid points that ran).
	XTicks []float64
	// NominalX, when not nil, names the x positions 0, 1, … (categories).
	NominalX []string
	// SlantXTicks rotates the x tick labels (long categorical labels).
	SlantXTicks bool
	// X, Y fix an axis's range after the data are drawn; YMax fixes only
	// the top of the y axis (an accuracy axis ends at 100%).
	X, Y *Range
	YMax *float64
}

// Figure is a set of panels tiled into Cols columns.
type Figure struct {
	Panels []Panel
	Cols   int
}

// Drawable reports whether any point of the series survives Clean.
func Drawable(ss []Series, logX, logY bool) bool {
	clean, _ := Clean(ss, logX, logY)
	for _, s := range clean {
		if len(s.X) > 0 {
			return true
		}
	}
	return false
}

// LogStats counts the values a log axis could not show as they were.
type LogStats struct{ Clamped, Dropped int }

func (s LogStats) Note() string {
	var parts []string
	if s.Clamped > 0 {
		parts = append(parts, fmt.Sprintf("%d value(s) ≤ 0 clamped to min/10", s.Clamped))
	}
	if s.Dropped > 0 {
		parts = append(parts, fmt.Sprintf("%d non-finite value(s) dropped", s.Dropped))
	}
	return strings.Join(parts, ", ")
}

// Clean makes series drawable: non-finite points are dropped, and on
// a log axis values ≤ 0 are clamped to a tenth of the smallest positive
// value of the whole panel (or dropped when there is none). Error bars are
// cut so that they stay positive on a log axis.
func Clean(ss []Series, logX, logY bool) ([]Series, LogStats) {
	minPos := func(get func(Series) []float64) float64 {
		m := math.Inf(1)
		for _, s := range ss {
			for _, v := range get(s) {
				if v > 0 && !math.IsInf(v, 0) && v < m {
					m = v
				}
			}
		}
		return m
	}
	floorX := minPos(func(s Series) []float64 { return s.X }) / 10
	floorY := minPos(func(s Series) []float64 { return s.Y }) / 10
	var st LogStats
	out := make([]Series, 0, len(ss))
	for _, s := range ss {
		c := Series{Name: s.Name, NoMarks: s.NoMarks, NoLine: s.NoLine, Dashed: s.Dashed}
		for i := range s.X {
			x, y := s.X[i], s.Y[i]
			if math.IsNaN(x) || math.IsInf(x, 0) || math.IsNaN(y) || math.IsInf(y, 0) {
				st.Dropped++
				continue
			}
			if (logX && x <= 0 && math.IsInf(floorX, 0)) || (logY && y <= 0 && math.IsInf(floorY, 0)) {
				st.Dropped++
				continue
			}
			if logX && x <= 0 {
				x = floorX
				st.Clamped++
			}
			if logY && y <= 0 {
				y = floorY
				st.Clamped++
			}
			c.X = append(c.X, x)
			c.Y = append(c.Y, y)
			if s.Err != nil {
				e := s.Err[i]
				if math.IsNaN(e) || math.IsInf(e, 0) || e < 0 {
					e = 0
				}
				c.Err = append(c.Err, e)
			}
		}
		out = append(out, c)
	}
	return out, st
}
