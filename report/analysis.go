package report

import (
	"cmp"
	"fmt"
	"maps"
	"math"
	"slices"
	"sort"

	"github.com/admmlab/admmlab/report/figure"
)

// Analysis is what the report found, as typed values: every results
// table's chosen cells (with the rule that chose each), its noise floors
// and its contests on the paper's winner; every figure's panels and
// observations; the panel findings the scorecard's claims read; the judged
// claims, the rankings, and every reported number under its summary.json
// key. The items' analyses fill it; the claims (judgeClaims) read it and
// nothing else, so they can be judged, and tested, from a value built by
// hand; the files are written from it.
type Analysis struct {
	// Profile names the profile whose runs were read; Description is its
	// description.
	Profile, Description string
	// Notices counts the tables and figure panels that show a notice
	// instead of results (no runs, skipped by the profile, data not
	// available).
	Notices int
	// Provenance names the toolchain that computed each run read, by run
	// ID (as recorded in the run's cache key).
	Provenance provenance
	// PointsWall spans the points profile's runs that were read, for the
	// closing note.
	PointsWall wallSpan
	// Tables holds each results table's findings by item ID ("table5",
	// "table5s").
	Tables map[string]*TableAnalysis
	// Panels holds the findings of figure panels by panel ID ("fig12b").
	Panels map[string]*PanelAnalysis
	// Figures holds what each figure draws, by item ID ("fig12").
	Figures map[string]*FigureAnalysis
	// Extras holds what each table outside the paper found, by item ID
	// ("lla-ablation", "tanh").
	Extras map[string]*ExtraAnalysis
	// InitScales holds, per experiment and algorithm label, the score of
	// each init scale its init-scale stage tried (Table 2), on the value
	// that stage chooses on, over its trials.
	InitScales map[string]map[string]map[float64]Stat
	// ChosenScales holds, per experiment and algorithm label, the init
	// scale its init-scale stage chose, as Tables 2 and 7 state it.
	ChosenScales map[string]map[string]ChosenScale
	// LayerRatios holds Figure 4's relative layer-1/last ratio per
	// algorithm family.
	LayerRatios map[string]layerRatio
	// Reductions says, per panel ID, how the runs behind it fall short of
	// the paper's settings under this profile ("" when they do not).
	Reductions map[string]string
	// Claims are the scorecard's claims judged from the rest, in the order
	// of the claims file; nil until judged.
	Claims []claim
	// Rankings rank each results table of the paper beside the paper's
	// numbers (rankTables), in the order of the items; nil until ranked.
	Rankings []Ranking
	// Summary is every reported number under its key, as summary.json
	// writes it out; the claims never read it.
	Summary *Summary
}

// TableAnalysis is one results table's findings.
type TableAnalysis struct {
	// Metric is the value the table compares (the experiment's metric).
	Metric string
	// Cells holds each algorithm's chosen configuration, by label; one
	// without a finite result over its whole grid has a Best that is not
	// Valid (its diverged and missing runs counted).
	Cells map[string]ChosenCell
	// AtPaper holds each algorithm's mean at the paper's structure, by
	// label, when finite.
	AtPaper map[string]Stat
	// NoiseFloors holds the noise floor's Metric per noise variance.
	NoiseFloors map[float64]Stat
	// Contest is the verdict on the paper's winner at this profile's best
	// structures; Points the one at the paper's structures and epochs
	// (profile points). Nil where the table judged none.
	Contest, Points *contest
	// View is everything the table's Markdown shows, as its analysis found
	// it (the rows, the cells at the paper's structures and of the points
	// runs, the floors, the contests), from which resultsMarkdown writes
	// the table. The claims read none of it: an analysis built for them
	// may leave it nil.
	View *resultsView
}

// ChosenCell is the configuration a table's rule chose for one algorithm.
type ChosenCell struct {
	Best         Stat // the table's metric at the chosen epoch
	Seconds      Stat // the run time of its runs
	Depth, Width int
	Epochs       int // the epochs its runs ran
	// Epoch is the stopping epoch chosen on validation (0 under the
	// paper's rule: the best epoch of each run).
	Epoch int
	// Rule names the rule that chose the cell (ruleValidation or
	// rulePaper).
	Rule string
}

// The rules that choose a table's cells.
const (
	rulePaper      = "best mean at the best epoch over the grid"
	ruleValidation = "best mean validation value at the chosen epoch"
)

// PanelAnalysis is what one figure panel found, by kind of panel.
type PanelAnalysis struct {
	// Init: the value per init scheme, by label then scheme.
	Init map[string]map[string]Stat
	// Noise: the value per noise variance, by label; NoiseFloor the noise
	// floor per noise variance.
	Noise      map[string]map[float64]Stat
	NoiseFloor map[float64]float64
	// Params: the value per (λ, β), by label.
	Params map[string][]ParamValue
	// Structure: the chosen value per depth (Axis "depth") or width
	// (Axis "width"), by label.
	Axis      string
	Structure map[string]map[int]Stat
	// StructureRank is the score each Structure cell was chosen by (its
	// validation value under the validation rule, else the value itself),
	// and StructureMetric the metric of both.
	StructureRank   map[string]map[int]float64
	StructureMetric string
	// Slopes: the log-log slope of min_{k≤K} KKT residual² per setting
	// and depth.
	Slopes []Slope
}

// FigureAnalysis is what a figure draws: its panels as figure models (the
// series, clouds and axes the panels found), each panel's observation
// ("(b) test error: …") and how many panels are notices.
type FigureAnalysis struct {
	Panels   []figure.Panel
	Verdicts []string
	Notices  int
}

// ChosenScale is the init scale an init-scale stage chose for one
// algorithm: the scheme and scale, at the structure and on the value (On)
// it was chosen on, and every candidate's score, in the order of the
// stage's cells; Notice says why none was ("no results yet").
type ChosenScale struct {
	Notice       string
	Init         string
	Scale        float64
	Depth, Width int
	On           string
	Scores       []ScaleScore
}

// ScaleScore is one candidate init scale and its score.
type ScaleScore struct{ Scale, Value float64 }

// ParamValue is one (λ, β) cell of a parameters panel.
type ParamValue struct {
	Lambda, Beta float64
	Value        Stat
}

// Slope is the fitted log-log slope of one series of a rate panel.
type Slope struct {
	Label string
	Depth int
	Value float64 // of the trials' mean KKT curve, as the panel draws it
	// PerRun is the slope of each run's own curve, over the cell's runs:
	// the trials a verdict on the rate rests on.
	PerRun Stat
	// Change is, per run, how much its slope changed from the quarter
	// before the second half, [K/4, K/2): below 0 while the decay still
	// steepens (see verdict.Rate).
	Change Stat
}

func newAnalysis(profile, commit string) *Analysis {
	return &Analysis{Profile: profile, Provenance: provenance{},
		Summary: newSummary(profile, commit), Tables: map[string]*TableAnalysis{}, Panels: map[string]*PanelAnalysis{},
		Figures: map[string]*FigureAnalysis{}, Extras: map[string]*ExtraAnalysis{},
		InitScales: map[string]map[string]map[float64]Stat{}, ChosenScales: map[string]map[string]ChosenScale{}, LayerRatios: map[string]layerRatio{}, Reductions: map[string]string{}}
}

// table returns the findings of table id, made on first use.
func (a *Analysis) table(id string) *TableAnalysis {
	t, ok := a.Tables[id]
	if !ok {
		t = &TableAnalysis{Cells: map[string]ChosenCell{}, AtPaper: map[string]Stat{}, NoiseFloors: map[float64]Stat{}}
		a.Tables[id] = t
	}
	return t
}

// panel returns the findings of panel id, made on first use.
func (a *Analysis) panel(id string) *PanelAnalysis {
	p, ok := a.Panels[id]
	if !ok {
		p = &PanelAnalysis{Init: map[string]map[string]Stat{}, Noise: map[string]map[float64]Stat{}, NoiseFloor: map[float64]float64{},
			Params: map[string][]ParamValue{}, Structure: map[string]map[int]Stat{}}
		a.Panels[id] = p
	}
	return p
}

// initScale records the score of one init scale of an init-scale stage.
func (a *Analysis) initScale(exp, label string, scale float64, v Stat) {
	if a.InitScales[exp] == nil {
		a.InitScales[exp] = map[string]map[float64]Stat{}
	}
	if a.InitScales[exp][label] == nil {
		a.InitScales[exp][label] = map[float64]Stat{}
	}
	a.InitScales[exp][label][scale] = v
}

// best is the chosen cell's mean of label in metric, when the table
// compares that metric and it is finite.
func (t *TableAnalysis) best(label, metric string) (trialMean, bool) {
	if t == nil || t.Metric != metric {
		return trialMean{}, false
	}
	c, ok := t.Cells[label]
	m := meanOf(c.Best)
	return m, ok && m.Valid()
}

// atPaper is label's mean at the paper's structure in metric, when finite.
func (t *TableAnalysis) atPaper(label, metric string) (trialMean, bool) {
	if t == nil || t.Metric != metric {
		return trialMean{}, false
	}
	st, ok := t.AtPaper[label]
	m := meanOf(st)
	return m, ok && m.Valid()
}

// settings is how the runs of the table's contest at this profile's best
// structures fall short of the paper's settings ("" when there is none).
func (t *TableAnalysis) settings() string {
	if t == nil || t.Contest == nil {
		return ""
	}
	return t.Contest.Settings
}

func (p *PanelAnalysis) setInit(label, scheme string, st Stat) {
	if p.Init[label] == nil {
		p.Init[label] = map[string]Stat{}
	}
	p.Init[label][scheme] = st
}

func (p *PanelAnalysis) setNoise(label string, noise float64, st Stat) {
	if p.Noise[label] == nil {
		p.Noise[label] = map[float64]Stat{}
	}
	p.Noise[label][noise] = st
}

func (p *PanelAnalysis) setStructure(axis, metric, label string, x int, st Stat, rank float64) {
	if p.Structure[label] == nil {
		p.Structure[label] = map[int]Stat{}
	}
	if p.StructureRank == nil {
		p.StructureRank = map[string]map[int]float64{}
	}
	if p.StructureRank[label] == nil {
		p.StructureRank[label] = map[int]float64{}
	}
	p.Axis, p.StructureMetric, p.Structure[label][x], p.StructureRank[label][x] = axis, metric, st, rank
}

// noiseFloor is the table's noise floor at variance noise in metric, when
// finite.
func (t *TableAnalysis) noiseFloor(noise float64, metric string) (float64, bool) {
	if t == nil || t.Metric != metric {
		return math.NaN(), false
	}
	st, ok := t.NoiseFloors[noise]
	if !ok || math.IsNaN(st.Mean) {
		return math.NaN(), false
	}
	return st.Mean, true
}

// cell is label's chosen cell, when the table chose one with a finite
// result.
func (t *TableAnalysis) cell(label string) (ChosenCell, bool) {
	if t == nil {
		return ChosenCell{}, false
	}
	c, ok := t.Cells[label]
	return c, ok && c.Best.Valid()
}

// setRow records the cell a table's rule chose for one algorithm.
func (t *TableAnalysis) setRow(metric string, r ourRow) {
	rule := rulePaper
	if r.Cell.validation {
		rule = ruleValidation
	}
	t.Metric = metric
	t.Cells[r.Label] = ChosenCell{Best: r.Best, Seconds: r.Seconds, Depth: r.Cell.Cfg.Depth, Width: r.Cell.Cfg.Width,
		Epochs: r.Cell.Cfg.Epochs, Epoch: r.Epoch, Rule: rule}
}

// initStats is label's finite stats by init scheme.
func (p *PanelAnalysis) initStats(label string) map[string]Stat {
	out := map[string]Stat{}
	if p == nil {
		return out
	}
	for k, st := range p.Init[label] {
		if !math.IsNaN(st.Mean) {
			out[k] = st
		}
	}
	return out
}

// noises is label's finite values by noise variance, with the variances
// ascending.
func (p *PanelAnalysis) noises(label string) ([]float64, map[float64]Stat) {
	var ns []float64
	by := map[float64]Stat{}
	if p == nil {
		return ns, by
	}
	for n, st := range p.Noise[label] {
		if !math.IsNaN(st.Mean) {
			ns, by[n] = append(ns, n), st
		}
	}
	sort.Float64s(ns)
	return ns, by
}

// floors is the finite noise floors by noise variance.
func (p *PanelAnalysis) floors() map[float64]float64 {
	out := map[float64]float64{}
	if p == nil {
		return out
	}
	for n, v := range p.NoiseFloor {
		if !math.IsNaN(v) {
			out[n] = v
		}
	}
	return out
}

// slopes is the finite slopes by "label/d=depth/min_kkt2_slope", the
// name summary.json gives each.
func (p *PanelAnalysis) slopes() map[string]Slope {
	out := map[string]Slope{}
	if p == nil {
		return out
	}
	for _, s := range p.Slopes {
		if !math.IsNaN(s.Value) {
			out[fmt.Sprintf("%s/d=%d/min_kkt2_slope", s.Label, s.Depth)] = s
		}
	}
	return out
}

// bestPerBeta is label's lowest finite value over λ at each β, lowest by
// the mean of log10 over the trials where every value is positive (errors
// compare on that scale), else by the mean.
func (p *PanelAnalysis) bestPerBeta(label string) map[float64]Stat {
	best := map[float64]Stat{}
	if p == nil {
		return best
	}
	for _, pv := range p.Params[label] {
		if math.IsNaN(pv.Value.Mean) {
			continue
		}
		if cur, ok := best[pv.Beta]; !ok || logKey(pv.Value) < logKey(cur) {
			best[pv.Beta] = pv.Value
		}
	}
	return best
}

// logKey orders errors on log10: the mean of log10 over the trials where
// it is known, else log10 of the mean.
func logKey(st Stat) float64 {
	if !math.IsNaN(st.LogMean) {
		return st.LogMean
	}
	return math.Log10(st.Mean)
}

// extremes are the keys of the lowest and the highest error of stats (by
// logKey; ties to the smaller key, so that map order does not decide).
// stats must not be empty.
func extremes[K cmp.Ordered](stats map[K]Stat) (lo, hi K) {
	keys := slices.Sorted(maps.Keys(stats))
	lo, hi = keys[0], keys[0]
	for _, k := range keys[1:] {
		if logKey(stats[k]) < logKey(stats[lo]) {
			lo = k
		}
		if logKey(stats[k]) > logKey(stats[hi]) {
			hi = k
		}
	}
	return lo, hi
}

// depthValue is one finite value of a depth panel, with the score its
// cell was chosen by (see StructureRank).
type depthValue struct {
	label string
	depth int
	value Stat
	rank  float64
}

// depthValues lists the finite values of a depth panel.
func (p *PanelAnalysis) depthValues() []depthValue {
	var out []depthValue
	if p == nil || p.Axis != "depth" {
		return out
	}
	for l, byDepth := range p.Structure {
		for d, st := range byDepth {
			if !math.IsNaN(st.Mean) {
				out = append(out, depthValue{l, d, st, p.StructureRank[l][d]})
			}
		}
	}
	return out
}
