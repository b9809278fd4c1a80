package report

import (
	"fmt"
	"sort"
	"strings"

	"github.com/admmlab/admmlab/pipeline/runs"
)

// lambdaPanel draws the validation curve over λ: per algorithm (the
// claims file names which, panel_labels), its best validation value per λ
// over the other hyperparameters (init scheme and scale) at the structure
// its validation choice picked, with the chosen λ marked. It shows whether
// the λ grid brackets the choice (placeText says so in the gallery): the
// test set plays no part in it.
func (b *builder) lambdaPanel(ps panelSpec, cells []cell, metric string) (panelOut, error) {
	curve := runs.ValidationCurve(metric)
	labels, m := byLabel(cells)
	// The axis says only what is measured: the series' names say at which
	// structure, and the panel's verdict how each point was taken.
	p := newPanel(ps.Title, "λ", axisLabel(curve))
	scale := yScale(curve)
	var (
		ss       []series
		verdicts []string
	)
	for _, l := range labels {
		chosen, _, ok := chooseCell(m[l], metric)
		if !ok {
			continue
		}
		lambdas, best := bestPerLambda(m[l], chosen)
		s := series{Name: fmt.Sprintf("%s at (%d,%d)", l, chosen.Cfg.Depth, chosen.Cfg.Width)}
		mark := series{Name: fmt.Sprintf("%s: chosen λ = %s", l, fmtG(chosen.Cfg.Lambda)), NoLine: true}
		for _, lam := range lambdas {
			st := best[lam]
			s.X, s.Y, s.Err = append(s.X, lam), append(s.Y, st.Mean*scale), append(s.Err, st.Std*scale)
			if st.Valid() {
				b.an.Summary.addStat(fmt.Sprintf("%s/%s/lambda=%s/%s", ps.ID, l, fmtG(lam), curve), st)
			}
			if lam == chosen.Cfg.Lambda {
				mark.X, mark.Y = []float64{lam}, []float64{st.Mean * scale}
			}
		}
		ss = append(ss, s, mark)
		if where := placeText(placesOf(chosen, m[l])); where != "" {
			verdicts = append(verdicts, fmt.Sprintf("%s: best over init × scale per λ at (%d,%d), %s; %s", l, chosen.Cfg.Depth, chosen.Cfg.Width, epochNote(m[l]), where))
		}
	}
	if len(ss) == 0 {
		return panelOut{plot: noticePanel(ps.Title, "no validation choice to draw (no cell has a finite validation value)"), notice: true}, nil
	}
	return finish(ps, p, ss, true, curve, strings.Join(verdicts, "; "))
}

// bestPerLambda returns the λ values tried at the chosen cell's structure,
// ascending, and per λ the validation statistics (at each cell's chosen
// epoch) of the cell that is best on them among its init schemes and
// scales: the curve the choice was made on, one point per λ.
func bestPerLambda(cells []cell, chosen cell) ([]float64, map[float64]Stat) {
	best := map[float64]Stat{}
	var lambdas []float64
	for _, c := range cells {
		if c.Cfg.Depth != chosen.Cfg.Depth || c.Cfg.Width != chosen.Cfg.Width {
			continue
		}
		name, st := c.chosenOn()
		old, seen := best[c.Cfg.Lambda]
		if !seen {
			lambdas = append(lambdas, c.Cfg.Lambda)
		}
		if !seen || scaleOf(name).Better(st.Mean, old.Mean) {
			best[c.Cfg.Lambda] = st
		}
	}
	sort.Float64s(lambdas)
	return lambdas, best
}
