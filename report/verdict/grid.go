package verdict

import (
	"math"
	"slices"
)

// Place is where a choice made on validation sits on the grid of values
// that was searched for it.
type Place int

const (
	// NotSearched: the axis had one value, so nothing was chosen on it.
	NotSearched Place = iota
	// Interior: strictly between the smallest and the largest value
	// searched, on an axis of at least three values: the search bracketed
	// the best value, as far as the grid can tell.
	Interior
	// AtEnd: the smallest or the largest value searched. The best may lie
	// beyond the grid, so a comparison at this choice has not ruled out our
	// own settings as its cause; on an axis of two values every choice is
	// at an end.
	AtEnd
)

// Grid is the distinct values of one axis that a search tried, ascending.
type Grid []float64

// GridOf is the distinct, non-NaN values of vs, ascending.
func GridOf(vs []float64) Grid {
	var g Grid
	for _, v := range vs {
		if !math.IsNaN(v) {
			g = append(g, v)
		}
	}
	slices.Sort(g)
	return slices.Compact(g)
}

// Place says where chosen sits on g.
func (g Grid) Place(chosen float64) Place {
	switch {
	case len(g) < 2:
		return NotSearched
	case chosen <= g[0] || chosen >= g[len(g)-1]:
		return AtEnd
	}
	return Interior
}

// EndFails is the check on a validation choice: it fails (true) when the
// choice sits at an end of a grid of at least three values, the case in
// which the grid should have been widened until the choice is interior. A
// two-value axis cannot bracket anything and is not held to it (the
// caveat of AtEnd still applies).
func (g Grid) EndFails(chosen float64) bool {
	return len(g) >= 3 && g.Place(chosen) == AtEnd
}
