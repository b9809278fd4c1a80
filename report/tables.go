package report

import (
	"fmt"
	"math"
	"slices"
	"sort"

	"github.com/admmlab/admmlab/pipeline/runs"
	"github.com/admmlab/admmlab/solvers"
)

// ourRow is one algorithm's result in a results table: the best structure
// and its statistics.
type ourRow struct {
	Label          string
	Cell           cell
	Best, Final    Stat // the metric at its best epoch (or the epoch chosen on validation) / at the last epoch
	Seconds        Stat
	Diverged, Runs int
	// Epoch and Val, under the validation rule: the stopping epoch chosen
	// on validation and the mean validation value there.
	Epoch int
	Val   float64
	// Under a refit (runs.Refits): Refitted says Best, Final and Seconds
	// are the refit runs' (see refitted), and HeldOut is then the model
	// trained without the held-out samples, read at the same epoch;
	// RefitPending says the definition refits but no refit run is stored.
	Refitted, RefitPending bool
	HeldOut                Stat
	HeldOutName            string // "the 80%-model value"
}

// bestRows picks per algorithm the configuration the experiment's rule
// chooses (chooseCell): the best mean best-epoch metric over the grid (the
// paper's), or the best mean validation value. Noise-floor runs are no
// algorithm and get no row here.
func bestRows(e expRuns) []ourRow {
	metric := e.def.Metric
	labels, m := byLabel(cellsOfDef(e.runs, e.def, e.curves))
	var rows []ourRow
	for _, l := range labels {
		if isFloorLabel(l) {
			continue
		}
		c, st, ok := chooseCell(m[l], metric)
		if !ok {
			// No configuration has a finite value: say how many runs of
			// the whole grid diverged rather than leaving the row empty.
			r := ourRow{Label: l, Cell: m[l][0], Best: Stat{Mean: math.NaN(), Std: math.NaN()}}
			for _, c := range m[l] {
				s := c.stat(metric + "_best")
				r.Best.Diverged += s.Diverged
				r.Best.Missing += s.Missing
				r.Diverged += c.diverged()
				r.Runs += len(c.Runs)
			}
			r.Final, r.Seconds = r.Best, Stat{Mean: math.NaN(), Std: math.NaN()}
			rows = append(rows, r)
			continue
		}
		r := ourRow{Label: l, Cell: c, Best: st, Final: c.stat(metric + "_final"),
			Seconds: c.seconds(), Diverged: c.diverged(), Runs: len(c.Runs)}
		if c.validation {
			r.Epoch, r.Val, _ = c.epoch()
			r = refitted(e, r)
		}
		rows = append(rows, r)
	}
	return rows
}

// ranks orders labels by value (best first) and returns each label's rank.
func ranks(metric string, vals map[string]float64) map[string]int {
	var ls []string
	for l, v := range vals {
		if !math.IsNaN(v) {
			ls = append(ls, l)
		}
	}
	sort.Slice(ls, func(i, j int) bool {
		if vals[ls[i]] != vals[ls[j]] {
			return scaleOf(metric).Better(vals[ls[i]], vals[ls[j]])
		}
		return ls[i] < ls[j]
	})
	r := map[string]int{}
	for i, l := range ls {
		r[l] = i + 1
	}
	return r
}

// sameOrder is the "same order" verdict: within a factor 10 for errors; for
// accuracies, within accPoints percentage points (ratio is then the
// difference ours − paper in points).
func sameOrder(metric string, ours, paper float64) (ratio float64, ok bool) {
	if isAcc(metric) {
		d := 100 * (ours - paper)
		return d, math.Abs(d) <= accPoints
	}
	if !(ours > 0) || !(paper > 0) {
		return math.NaN(), ours == paper
	}
	ratio = ours / paper
	return ratio, ratio >= 0.1 && ratio <= 10
}

// accPoints is how many percentage points an accuracy may differ from the
// paper's and still count as the same.
const accPoints = 1.0

func yesNo(ok bool) string {
	if ok {
		return "yes"
	}
	return "no"
}

// noiseLevels lists the noise levels of the runs, ascending.
func noiseLevels(runs []runs.Labeled) []float64 {
	ns := make([]float64, len(runs))
	for i, r := range runs {
		ns[i] = r.Spec.Noise
	}
	return sortedDistinct(ns)
}

// sortedDistinct returns the distinct values of xs, ascending; xs is reused.
func sortedDistinct(xs []float64) []float64 {
	sort.Float64s(xs)
	return slices.Compact(xs)
}

func (b *builder) recordRow(id, metric string, r ourRow) {
	prefix := id + "/" + r.Label + "/"
	if r.Epoch > 0 {
		// Chosen on validation: the choice itself is a reported number.
		b.an.Summary.addExact(prefix+"chosen_epoch", float64(r.Epoch), nil)
		b.an.Summary.addExact(prefix+"chosen_init_scale", r.Cell.Cfg.InitScale, nil)
		b.an.Summary.addExact(prefix+"chosen_"+runs.ValidationCurve(metric), r.Val, nil)
		if r.Cell.Cfg.Algorithm == solvers.ADMM.String() {
			b.an.Summary.addExact(prefix+"chosen_lambda", r.Cell.Cfg.Lambda, nil)
		}
	}
	if r.Refitted {
		// The held-out model's number stays reported, under its own key.
		b.an.Summary.addStat(prefix+"held_out/"+metric+"_best", r.HeldOut)
	}
	b.an.Summary.addStat(prefix+metric+"_best", r.Best)
	b.an.Summary.addStat(prefix+metric+"_final", r.Final)
	b.an.Summary.addStat(prefix+"seconds", r.Seconds)
	b.an.Summary.addExact(prefix+"depth", float64(r.Cell.Cfg.Depth), nil)
	b.an.Summary.addExact(prefix+"width", float64(r.Cell.Cfg.Width), nil)
}

func fmtPaper(t PaperTable, v float64) string {
	if t.Unit == "percent" {
		return fmt.Sprintf("%.2f", v)
	}
	return fmtSci(v)
}

func rankStr(r map[string]int, l string) string {
	if k, ok := r[l]; ok {
		return fmt.Sprint(k)
	}
	return "–"
}

func bestLabel(r map[string]int) string {
	for l, k := range r {
		if k == 1 {
			return l
		}
	}
	return ""
}
