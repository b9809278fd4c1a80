package report

import (
	"fmt"
	"strings"

	"github.com/admmlab/admmlab/pipeline/runs"
	"github.com/admmlab/admmlab/report/verdict"
)

// choiceAxes are the hyperparameters a choice is made on besides the
// structure; an axis on which a label tried one value is not a choice.
var choiceAxes = []struct {
	name string
	of   func(runs.Spec) float64
}{
	{"λ", func(s runs.Spec) float64 { return s.Lambda }},
	{"init scale", func(s runs.Spec) float64 { return s.InitScale }},
}

// axisPlace is where a choice sits on one axis of the grid searched;
// fails says it fails the grid check (verdict.Grid.EndFails).
type axisPlace struct {
	name   string
	grid   verdict.Grid
	chosen float64
	place  verdict.Place
	fails  bool
}

// placesOf places the chosen cell's λ and init scale on the values its
// label's cells tried (verdict.Grid decides; axes of one value are left
// out).
func placesOf(chosen cell, cells []cell) []axisPlace {
	var out []axisPlace
	for _, ax := range choiceAxes {
		vals := make([]float64, len(cells))
		for i, c := range cells {
			vals[i] = ax.of(c.Cfg)
		}
		g := verdict.GridOf(vals)
		v := ax.of(chosen.Cfg)
		if p := g.Place(v); p != verdict.NotSearched {
			out = append(out, axisPlace{ax.name, g, v, p, g.EndFails(v)})
		}
	}
	return out
}

// gridEdge says where the chosen cell's λ or init scale is an end of the
// values its label's cells tried: the best may then lie beyond the grid,
// so a verdict on it has not ruled out our own settings.
func gridEdge(label string, chosen cell, cells []cell) string {
	var parts []string
	for _, p := range placesOf(chosen, cells) {
		if p.place != verdict.AtEnd {
			continue
		}
		lo, hi := p.grid[0], p.grid[len(p.grid)-1]
		end := "largest"
		if p.chosen <= lo {
			end = "smallest"
		}
		parts = append(parts, fmt.Sprintf("%s's %s = %s, the %s tried (%s … %s)", label, p.name, fmtG(p.chosen), end, fmtG(lo), fmtG(hi)))
	}
	return strings.Join(parts, "; ")
}

// atGridEnd reports whether a choice fails the grid check on any axis: it
// sits at an end of a grid of at least three values (verdict.Grid.EndFails).
func atGridEnd(chosen cell, cells []cell) bool {
	for _, p := range placesOf(chosen, cells) {
		if p.fails {
			return true
		}
	}
	return false
}

// placeText says, per axis, whether the choice is inside the grid
// searched or at an end of it, with the grid: "λ = 1 is inside the
// searched {1e-06, 0.01, 1, 100}". An end of a grid of three or more
// values is a warning (⚠): that grid should have been widened. places are
// the choice's places (placesOf).
func placeText(places []axisPlace) string {
	var parts []string
	for _, p := range places {
		vals := make([]string, len(p.grid))
		for i, v := range p.grid {
			vals[i] = fmtG(v)
		}
		grid := "{" + strings.Join(vals, ", ") + "}"
		switch {
		case p.place == verdict.Interior:
			parts = append(parts, fmt.Sprintf("%s = %s is inside the searched %s", p.name, fmtG(p.chosen), grid))
		case p.fails:
			parts = append(parts, fmt.Sprintf("⚠ %s = %s is at an end of the searched %s: the best may lie beyond it", p.name, fmtG(p.chosen), grid))
		default:
			parts = append(parts, fmt.Sprintf("%s = %s is an end of the searched %s, which has no interior", p.name, fmtG(p.chosen), grid))
		}
	}
	return strings.Join(parts, "; ")
}
