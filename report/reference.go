package report

import (
	"fmt"
	"math"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/admmlab/admmlab/experiments"
	"github.com/admmlab/admmlab/pipeline/runs"
)

// This file reads a results table against references: the paper's own
// structure (run by every profile), the "points" profile (the paper's
// structures at the paper's epochs), and the noise floor.

// floorNames says what each noise-floor estimator is, for captions.
var floorNames = map[string]string{
	"linear":      "ordinary least squares on the features (the target is linear on this domain)",
	"radial-poly": "least-squares polynomial in ‖x‖², degree chosen on a validation split of the training data",
}

// isFloorLabel reports whether a column holds noise-floor runs.
func isFloorLabel(l string) bool { return l == runs.NoiseFloorLabel }

// floorStat is the noise floor's clean-test (or, for metric train_mse,
// training) MSE over trials at one noise level. ok is false without floor
// runs at that level.
func floorStat(runs []runs.Labeled, metric string, noise float64) (Stat, bool) {
	var vals []float64
	var ids []string
	for _, r := range runs {
		if !isFloorLabel(r.Label) || r.Spec.Noise != noise {
			continue
		}
		v, ok := r.Result.Metrics[metric+"_best"]
		if !ok {
			v, ok = r.Result.Metrics[metric+"_final"]
		}
		if ok {
			vals = append(vals, v)
			ids = append(ids, r.ID)
		}
	}
	if len(vals) == 0 {
		return Stat{}, false
	}
	return newStat(vals, ids), true
}

// floorSeries is the noise floor against noise variance, for a noise
// figure, with the trials behind its points (trialsText): a figure states
// its own floor's count, which may differ from its table's.
func floorSeries(cells []cell, metric string) (series, string) {
	s := series{Name: "noise floor (reference estimator)", Dashed: true}
	var ns []int
	for _, c := range cells {
		if !isFloorLabel(c.Label) {
			continue
		}
		if st, ok := floorStat(c.Runs, metric, c.Cfg.Noise); ok {
			s.X = append(s.X, c.Cfg.Noise)
			s.Y = append(s.Y, st.Mean)
			ns = append(ns, st.N)
		}
	}
	sortSeries(&s)
	return s, trialsText(ns)
}

// trialsText says how many trials stand behind the points of a line:
// "n=2", or "n=1–2" when the points differ.
func trialsText(ns []int) string {
	if len(ns) == 0 {
		return ""
	}
	lo, hi := slices.Min(ns), slices.Max(ns)
	if lo == hi {
		return fmt.Sprintf("n=%d", lo)
	}
	return fmt.Sprintf("n=%d–%d", lo, hi)
}

// algorithmOf returns the definition's algorithm column with label l.
func algorithmOf(d experiments.Definition, l string) (experiments.Algorithm, bool) {
	for _, a := range d.Algorithms {
		if a.Label == l {
			return a, true
		}
	}
	return experiments.Algorithm{}, false
}

// paperCell finds, among a label's cells, the one at the structure this
// profile runs for the paper's (PaperPoint). note says when the depth was
// capped.
func (b *builder) paperCell(d experiments.Definition, metric, l string, cells []cell) (c cell, pp experiments.Structure, note string, ok bool) {
	a, found := algorithmOf(d, l)
	if !found {
		return cell{}, pp, "", false
	}
	pp, found = experiments.PaperPoint(a, experiments.EffectiveScale(&d, b.prof))
	if !found {
		return cell{}, pp, "", false
	}
	if pp != *a.Paper {
		note = fmt.Sprintf("depth capped at %d by profile %s (paper: %d)", pp.Depth, b.prof.Name, a.Paper.Depth)
	}
	var at []cell
	for _, x := range cells {
		if x.Cfg.Depth == pp.Depth && x.Cfg.Width == pp.Width {
			at = append(at, x)
		}
	}
	c, ok = cellAtStructure(b.claims.Choice.AtPaperStructure, at, metric)
	return c, pp, note, ok
}

// cellAtStructure chooses among the cells of one structure (several when
// the grid varies λ, β or the init) by the claims file's rule: the first
// in the grid's axis order, or the experiment's own rule (chooseCell).
func cellAtStructure(rule string, cells []cell, metric string) (cell, bool) {
	switch {
	case len(cells) == 0:
		return cell{}, false
	case rule == experiments.ChooseRule:
		if c, _, ok := chooseCell(cells, metric); ok {
			return c, true
		}
		// No cell has a finite value: show the first, as the rule "first"
		// does, with its diverged trials counted.
	}
	return cells[0], true
}

// pointsRuns returns the points profile's runs of an experiment (nil when
// that profile is not available or has none).
func (b *builder) pointsRuns(name string) []runs.Labeled {
	if b.opt.Points == nil || b.prof.Name == "points" {
		return nil
	}
	if r, ok := b.points[name]; ok {
		return r
	}
	labeled, err := b.opt.Points.ExperimentRuns(b.ctx, name)
	if err != nil {
		labeled = nil
	}
	var done []runs.Labeled
	for _, r := range labeled {
		if r.Status == "" || r.Status == runs.StatusDone {
			done = append(done, r)
			b.an.PointsWall.add(r.Record)
		}
	}
	b.points[name] = done
	return done
}

// wallSpan accumulates the first start and last finish of a set of runs.
type wallSpan struct {
	first, last time.Time
	runTime     time.Duration // the runs' wall-clock durations, summed
	cpu         time.Duration // the CPU time of the runs that measured it
	cpuRuns     int           // how many did (runs.Record.CPU > 0)
	runs        int
	seen        map[string]bool
}

func (w *wallSpan) add(r runs.Record) {
	if w.seen == nil {
		w.seen = map[string]bool{}
	}
	if w.seen[r.ID] {
		return
	}
	w.seen[r.ID] = true
	w.runs++
	w.runTime += r.Duration
	if r.CPU > 0 {
		w.cpu += r.CPU
		w.cpuRuns++
	}
	if !r.Started.IsZero() && (w.first.IsZero() || r.Started.Before(w.first)) {
		w.first = r.Started
	}
	if r.Finished.After(w.last) {
		w.last = r.Finished
	}
}

// note describes the span for the closing note of the report.
func (w *wallSpan) note() string {
	if w.runs == 0 {
		return ""
	}
	cpu := ""
	if w.cpuRuns > 0 {
		cpu = fmt.Sprintf(" (the %d of them that measured their CPU time used %s of it)", w.cpuRuns, w.cpu.Round(time.Second))
	}
	return fmt.Sprintf("%d runs of the `points` profile are shown beside the paper's numbers; they took %s of run time in all%s, between %s and %s (%s wall).",
		w.runs, w.runTime.Round(time.Second), cpu, w.first.UTC().Format(time.RFC3339), w.last.UTC().Format(time.RFC3339), w.last.Sub(w.first).Round(time.Second))
}

// pointsCell is the points profile's cell for a label: its one structure,
// at the configuration the experiment's rule chooses when the points grid
// still varies another axis (EYB's λ and init scale, chosen on
// validation). all are the label's points cells it was chosen from.
func (b *builder) pointsCell(exp, label string) (c cell, all []cell, ok bool) {
	labeled := b.pointsRuns(exp)
	if len(labeled) == 0 {
		return cell{}, nil, false
	}
	var mine []runs.Labeled
	for _, r := range labeled {
		if r.Label == label {
			mine = append(mine, r)
		}
	}
	if len(mine) == 0 {
		return cell{}, nil, false
	}
	cs := cellsOfDef(mine, b.defs[exp], b.pointCurves)
	if len(cs) == 1 {
		return cs[0], cs, true
	}
	if c, _, ok := chooseCell(cs, b.defs[exp].Metric); ok {
		return c, cs, true
	}
	return cs[0], cs, true // no configuration has a finite value: the first shows it
}

// perEpoch formats seconds per epoch.
func perEpoch(seconds float64, epochs int) string {
	if epochs < 1 || math.IsNaN(seconds) {
		return "—"
	}
	v := seconds / float64(epochs)
	if v >= 0.1 {
		return fmt.Sprintf("%.2f", v)
	}
	return fmt.Sprintf("%.2g", v)
}

// floorVerdict places the paper's and our numbers against the noise floor.
func floorVerdict(metric string, fl Stat, paper PaperTable, ours map[string]ourRow) string {
	var below, at []string
	for _, pr := range paper.Rows {
		v := paper.Fraction(pr.Mean)
		if v < fl.Mean/3 {
			below = append(below, fmt.Sprintf("%s %s (%.2g×)", pr.Label, fmtSci(v), v/fl.Mean))
		} else {
			at = append(at, pr.Label)
		}
	}
	var sb strings.Builder
	fmt.Fprintf(&sb, "Noise floor: %s (std %s, %d trials). ", fmtSci(fl.Mean), fmtSci(fl.Std), fl.N)
	if len(below) > 0 {
		fmt.Fprintf(&sb, "The paper's numbers below a third of it (out of reach at this noise level): %s. ", strings.Join(below, ", "))
	}
	if len(at) > 0 {
		fmt.Fprintf(&sb, "At or above a third of it: %s. ", strings.Join(at, ", "))
	}
	var ourParts []string
	labels := make([]string, 0, len(ours))
	for l := range ours {
		labels = append(labels, l)
	}
	sort.Strings(labels)
	for _, l := range labels {
		if r := ours[l]; r.Best.Valid() {
			ourParts = append(ourParts, fmt.Sprintf("%s %.2g×", l, r.Best.Mean/fl.Mean))
		}
	}
	if len(ourParts) > 0 {
		fmt.Fprintf(&sb, "Ours, as multiples of the floor: %s.", strings.Join(ourParts, ", "))
	}
	return sb.String()
}

// bestOf is a structure panel's line of best values: each algorithm's
// ("A 4 (paper's 2)"), the mark of a paper's value not run here said once.
func bestOf(axis string, best []string) string {
	text := fmt.Sprintf("best %s: %s", axis, strings.Join(best, ", "))
	if strings.Contains(text, "*)") {
		text += " (* not run here)"
	}
	return text
}

// rangesText is an inits panel's line of each algorithm's range over the
// schemes ("ADMM (sigmoid) 2.21e-4 – 4.30e-4"), their count said once when
// every algorithm ran the same.
func rangesText(spans []string, schemes []int) string {
	if len(schemes) > 0 && slices.Min(schemes) == slices.Max(schemes) {
		return fmt.Sprintf("range over %d schemes: %s", schemes[0], strings.Join(spans, ", "))
	}
	out := make([]string, len(spans))
	for i, s := range spans {
		out[i] = fmt.Sprintf("%s (%d schemes)", s, schemes[i])
	}
	return "range over the schemes: " + strings.Join(out, ", ")
}
