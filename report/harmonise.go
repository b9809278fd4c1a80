package report

import (
	"math"

	"github.com/admmlab/admmlab/report/figure"
)

// harmonise makes a figure's panels read as one: a notice repeated on
// several panels (a data set missing for the whole figure) is written in
// full once and pointed to after, and panels of per-layer norms share one
// y range, so that their heights compare across algorithms (Figure 4).
func harmonise(it item, plots []figure.Panel) []figure.Panel {
	first := map[string]string{}
	for i := range plots {
		n := plots[i].Notice
		if n == "" {
			continue
		}
		if title, ok := first[n]; ok {
			plots[i].Notice = "as in " + title
			continue
		}
		first[n] = plots[i].Title
	}
	if len(it.Panels) < 2 {
		return plots
	}
	lo, hi := math.Inf(1), math.Inf(-1)
	for i, ps := range it.Panels {
		if ps.kind != pkLayerNorms || plots[i].Notice != "" {
			return plots
		}
		for _, s := range plots[i].Series {
			for _, y := range s.Y {
				if y > 0 && !math.IsInf(y, 0) {
					lo, hi = math.Min(lo, y), math.Max(hi, y)
				}
			}
		}
	}
	if lo < hi {
		for i := range plots {
			plots[i].Y = &figure.Range{Min: lo, Max: hi}
		}
	}
	return plots
}
