package experiments

import (
	"slices"

	"github.com/admmlab/admmlab/datasets"
)

// EffectiveScale merges a definition's own entry for the profile over the
// global rule, field by field: a non-zero field of the definition's entry
// wins. The report uses it to state exactly what a profile ran.
func EffectiveScale(d *Definition, p Profile) Scale {
	s := p.Scale
	o, ok := d.Profiles[p.Name]
	if !ok {
		return s
	}
	if o.Trials != 0 {
		s.Trials = o.Trials
	}
	if o.Epochs != 0 {
		s.Epochs = o.Epochs
	}
	if o.MaxDepth != 0 {
		s.MaxDepth = o.MaxDepth
	}
	if o.MaxWidth != 0 {
		s.MaxWidth = o.MaxWidth
	}
	if o.MaxPoints != 0 {
		s.MaxPoints = o.MaxPoints
	}
	if o.MaxHyperPoints != 0 {
		s.MaxHyperPoints = o.MaxHyperPoints
	}
	if o.Samples != 0 {
		s.Samples = o.Samples
	}
	if o.Skip {
		s.Skip = true
	}
	if o.PaperOnly {
		s.PaperOnly = true
	}
	return s
}

// ScaleDefinition applies s to a copy of d. Trials and epochs only shrink
// (a profile never makes an experiment bigger than the paper's); samples is
// replaced for toy tasks and forced to 0 for real data sets, which use their
// own split. Depth and width of dependency-supplied axes stay empty.
//
// An algorithm's paper structure survives thinning: when MaxPoints or
// MaxWidth dropped it from the depth × width cross product, it is added as
// an extra point (PaperPoint says where). Under PaperOnly it is the only
// structure an algorithm that declares one runs.
func ScaleDefinition(d Definition, s Scale) Definition {
	if s.Trials > 0 && s.Trials < d.Trials {
		d.Trials = s.Trials
	}
	if s.Epochs > 0 && s.Epochs < d.Epochs {
		d.Epochs = s.Epochs
	}
	if s.Samples > 0 {
		d.Samples = s.Samples
	}
	if datasets.Name(d.Data).IsReal() { // its own train/test split: samples do not apply
		d.Samples = 0
	}
	hyper := s.MaxPoints
	if s.MaxHyperPoints > 0 {
		hyper = s.MaxHyperPoints
	}
	algs := make([]Algorithm, len(d.Algorithms))
	for i, a := range d.Algorithms {
		g := a.Grid
		g.Depth = thin(capAxis(g.Depth, s.MaxDepth), s.MaxPoints)
		g.Width = thin(capAxis(g.Width, s.MaxWidth), s.MaxPoints)
		g.Lambda = thin(g.Lambda, hyper)
		g.Beta = thin(g.Beta, hyper)
		g.InitScale = thin(g.InitScale, hyper)
		g.Noise = thin(g.Noise, hyper)
		if pp, ok := PaperPoint(a, s); ok {
			switch {
			case s.PaperOnly:
				g.Depth, g.Width, g.Extra = []int{pp.Depth}, []int{pp.Width}, nil
			case !slices.Contains(g.Depth, pp.Depth) || !slices.Contains(g.Width, pp.Width):
				g.Extra = []Structure{pp}
			}
		}
		a.Grid = g
		algs[i] = a
	}
	d.Algorithms = algs
	return d
}

// capAxis drops depths or widths above max. If that would empty the axis,
// the smallest value stays, so that a profile never deletes a column.
func capAxis(values []int, max int) []int {
	if max <= 0 || len(values) == 0 {
		return values
	}
	var out []int
	least := values[0]
	for _, d := range values {
		if d <= max {
			out = append(out, d)
		}
		if d < least {
			least = d
		}
	}
	if len(out) == 0 {
		out = []int{least}
	}
	return out
}

// thin keeps at most k evenly spaced values (by position), always the first
// and the last; k <= 0 keeps everything and k == 1 keeps the first.
func thin[T any](v []T, k int) []T {
	n := len(v)
	if k <= 0 || n <= k {
		return v
	}
	if k == 1 {
		return []T{v[0]}
	}
	out := make([]T, 0, k)
	for i := 0; i < k; i++ {
		// round(i·(n−1)/(k−1)) in integers; strictly increasing because n > k.
		j := (2*i*(n-1) + (k - 1)) / (2 * (k - 1))
		out = append(out, v[j])
	}
	return out
}

// PaperPoint is the structure a profile runs for the algorithm's paper
// structure: the paper's (depth, width) with the depth lowered to the
// profile's MaxDepth when the paper's is deeper (the only cap that applies
// to it; the report states it). ok is false when the algorithm declares no
// paper structure.
func PaperPoint(a Algorithm, s Scale) (p Structure, ok bool) {
	if a.Paper == nil {
		return p, false
	}
	p = *a.Paper
	if s.MaxDepth > 0 && p.Depth > s.MaxDepth {
		p.Depth = s.MaxDepth
	}
	return p, true
}

// HasPaperStructure reports whether any algorithm of d declares one.
func HasPaperStructure(d *Definition) bool {
	for _, a := range d.Algorithms {
		if a.Paper != nil {
			return true
		}
	}
	return false
}
