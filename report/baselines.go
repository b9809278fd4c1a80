package report

import (
	"fmt"
	"math"

	"github.com/admmlab/admmlab/report/verdict"
)

// baselinesOf are the accuracies of a data set's test split without
// learning (verdict.Baselines), when the store recorded its class counts
// with the data set (runs.DataInfo.TestClasses).
func (b *builder) baselinesOf(data string) (verdict.Baselines, bool) {
	info, ok := b.opt.Data[data]
	if !ok {
		return verdict.Baselines{}, false
	}
	return verdict.BaselinesOf(info.TestClasses)
}

// recordBaselines records in summary.json under id what no learning
// scores on data's test split.
func (b *builder) recordBaselines(id, data string) {
	if bl, ok := b.baselinesOf(data); ok {
		b.an.Summary.addExact(id+"/majority_class_acc", bl.Majority, nil)
		b.an.Summary.addExact(id+"/chance_acc", bl.Chance, nil)
	}
}

// baselineText is a classification table's line on what no learning
// scores.
func (b *builder) baselineText(data string) string {
	bl, ok := b.baselinesOf(data)
	if !ok {
		return ""
	}
	return fmt.Sprintf("Without learning: predicting the majority class everywhere scores **%.2f%%** on the test split, chance (1 of %d classes) %.2f%%.\n\n",
		100*bl.Majority, int(math.Round(1/bl.Chance)), 100*bl.Chance)
}

// baselineLegend explains the baselines' count and the one-class mark, the
// same for every classification table (the README leaves it to the files).
const baselineLegend = "The baselines are counted on one draw of the split (the trials' splits are other draws in the same proportions). " +
	"A cell marked *one class everywhere* is within three standard errors of one class's share, with no larger spread: its net predicts that class for every sample.\n\n"

// oneClassNote names a chosen cell whose test accuracy is what predicting
// one class everywhere scores (verdict.Baselines.OneClass); "" otherwise.
func (b *builder) oneClassNote(data string, st Stat) string {
	bl, ok := b.baselinesOf(data)
	if !ok || !st.Valid() {
		return ""
	}
	class, one := bl.OneClass(st.Mean, st.Std)
	switch {
	case !one:
		return ""
	case class == bl.MajorityClass:
		return " — *one class everywhere* (the majority class's share)"
	}
	return " — *one class everywhere* (a minority class's share)"
}

// withBaselines adds the majority-class and chance accuracies of data's
// test split to an accuracy panel as dashed horizontal lines across its
// x range, so that a reader sees how far above no learning each point is.
func (b *builder) withBaselines(p *panelOut, data, metric string) {
	bl, ok := b.baselinesOf(data)
	if !ok || p.notice || !isAcc(metric) || len(p.plot.Series) == 0 {
		return
	}
	lo, hi := math.Inf(1), math.Inf(-1)
	for _, s := range p.plot.Series {
		for _, x := range s.X {
			lo, hi = math.Min(lo, x), math.Max(hi, x)
		}
	}
	if lo > hi {
		return
	}
	scale := yScale(metric)
	for _, ln := range []struct {
		name string
		v    float64
	}{{"majority class", bl.Majority}, {"chance", bl.Chance}} {
		p.plot.Series = append(p.plot.Series, series{Name: fmt.Sprintf("%s (%.1f%%)", ln.name, 100*ln.v),
			X: []float64{lo, hi}, Y: []float64{ln.v * scale, ln.v * scale}, NoMarks: true, Dashed: true})
	}
}
