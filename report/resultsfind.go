package report

import (
	"fmt"
	"slices"
	"strings"

	"github.com/admmlab/admmlab/experiments"
	"github.com/admmlab/admmlab/pipeline/runs"
)

// What a results table finds before any of it is written: per algorithm
// its cell at the paper's structure and its points cell, the noise floor
// per noise level and the contests on the paper's winner. analyze computes
// them, records them in the analysis and summary.json, and the table's
// Markdown is then written from them alone.

// resultsFinder finds what a results table shows, into its view, from
// the builder's runs.
type resultsFinder struct {
	b *builder
	*resultsView
	// e is the experiment's runs; rows our chosen cell per algorithm, and
	// cellsBy every cell of each algorithm.
	e       expRuns
	rows    []ourRow
	cellsBy map[string][]cell
}

func (b *builder) newResultsFinder(it item) *resultsFinder {
	paperID := it.ID
	if it.Paper != "" {
		paperID = it.Paper
	}
	it.Exp = b.resolve(it.ID)
	e := b.experimentFor(it.ID, it.Exp)
	v := &resultsFinder{b: b, e: e, resultsView: &resultsView{it: it, paper: b.paper[paperID], def: e.def, notice: e.notice, unit: "MSE",
		profile: b.prof.Name, profileText: b.prof.Description,
		ours: map[string]ourRow{}, ourMeans: map[string]trialMean{}, pointsMeans: map[string]trialMean{},
		ourEdges: map[string]string{}, pointsEdges: map[string]string{}}}
	v.metric = v.e.def.Metric
	if v.metric == "" {
		v.metric = "test_mse"
		if v.paper.Unit == "percent" {
			v.metric = "test_acc"
		}
	}
	if isAcc(v.metric) {
		v.unit = "%"
	}
	if v.e.notice == "" {
		v.rows = bestRows(v.e)
	}
	for _, r := range v.rows {
		v.ours[r.Label] = r
	}
	_, v.cellsBy = byLabel(cellsOfDef(v.e.runs, v.e.def, v.e.curves))
	for _, pr := range v.paper.Rows {
		v.order = append(v.order, pr.Label)
	}
	for _, r := range v.rows {
		if !slices.Contains(v.order, r.Label) {
			v.order = append(v.order, r.Label)
		}
	}
	paperVals, finalVals := map[string]float64{}, map[string]float64{}
	v.ourVals = map[string]float64{}
	for _, l := range v.order {
		if r, ok := v.ours[l]; ok && r.Best.Valid() {
			v.ourVals[l] = r.Best.Mean
			if r.Final.Valid() {
				finalVals[l] = r.Final.Mean
			}
		}
		if pr, ok := v.paper.Row(l); ok {
			paperVals[l] = v.paper.Fraction(pr.Mean)
		}
	}
	v.ourRank, v.paperRank = ranks(v.metric, v.ourVals), ranks(v.metric, paperVals)
	// The last epoch ranks too: a choice of stopping epoch that flatters
	// one algorithm shows as a rank that moves.
	v.finalRank = ranks(v.metric, finalVals)
	v.validation = runs.SelectsOnValidation(v.e.def) && v.e.notice == ""
	v.ourEpochs, v.pointsEpochs = v.e.def.Epochs, v.e.def.Epochs
	for l, r := range v.ours {
		if r.Best.Valid() {
			v.ourMeans[l] = meanOf(r.Best)
			v.ourEpochs = min(v.ourEpochs, r.Cell.Cfg.Epochs)
			v.ourEdges[l] = gridEdge(l, r.Cell, v.cellsBy[l])
		}
	}
	return v
}

// rowFinding is what a results table found for one algorithm beside its
// chosen cell (resultsView.ours).
type rowFinding struct {
	atPaper atPaperFinding
	points  pointsFinding
	// compared: both the paper and ours have a value; ratio is ours to
	// the paper's (the difference in points for accuracies), same that
	// the two are of the same order (sameOrder).
	compared, same bool
	ratio          float64
	// oneClass names a chosen cell whose accuracy is one class's share
	// (oneClassNote); "" otherwise.
	oneClass string
	// places: where the chosen cell sits on the grids its label searched.
	places []axisPlace
}

// atPaperFinding is the algorithm at the structure the paper reports
// (paperCell): ok when it ran, pp the structure, note why it is capped.
type atPaperFinding struct {
	cell cell
	pp   experiments.Structure
	note string
	ok   bool
	st   Stat
}

// pointsFinding is the algorithm at the paper's structure and epochs
// (profile points): ok when it ran, pending when those runs are still to
// come. Under a refit st is the refitted model's value, when stored
// (refit), and heldOut the value before.
type pointsFinding struct {
	cell        cell
	all         []cell
	ok, pending bool
	st, heldOut Stat
	refit       int
	// epoch and val: the stopping epoch chosen on validation and the
	// validation value there.
	epoch int
	val   float64
	// oneClass: as rowFinding's, of st; places: as rowFinding's, on the
	// points grid.
	oneClass string
	places   []axisPlace
}

// The refit states of a points cell.
const (
	refitNone = iota
	refitDone
	refitPending
)

// floorFinding is the noise floor at one noise level, and the analytic
// floor when the definition has one; note is what the floor says of the
// paper's numbers and ours, finding what the analytic floor says of the
// paper's noise.
type floorFinding struct {
	noise         float64
	fl            Stat
	haveExact     bool
	note, finding string
}

// analyze computes what the table shows and records it: the rows' chosen
// cells, the cells at the paper's structures and of the points runs, the
// noise floors and the verdicts on the paper's winner.
func (v *resultsFinder) analyze() {
	b, id := v.b, v.it.ID
	v.found = map[string]rowFinding{}
	for _, l := range v.order {
		r, haveOurs := v.ours[l]
		if haveOurs {
			b.an.table(id).setRow(v.metric, r)
		}
		if haveOurs && r.Best.Valid() {
			b.recordRow(id, v.metric, r)
		}
		if v.validation && haveOurs && r.Epoch > 0 {
			b.an.Summary.addExact(id+"/"+l+"/chosen_at_grid_end", boolNum(atGridEnd(r.Cell, v.cellsBy[l])), nil)
		}
		var f rowFinding
		if haveOurs {
			f.oneClass = b.oneClassNote(v.e.def.Data, r.Best)
			f.places = placesOf(r.Cell, v.cellsBy[l])
		}
		if pr, ok := v.paper.Row(l); ok && haveOurs && r.Best.Valid() {
			f.ratio, f.same = sameOrder(v.metric, r.Best.Mean, v.paper.Fraction(pr.Mean))
			f.compared, v.compared, v.within = true, v.compared+1, v.within+boolInt(f.same)
		}
		if v.e.notice == "" {
			f.atPaper = v.findAtPaper(l)
		}
		f.points = v.findPoints(l)
		if f.points.pending {
			v.pending++
		}
		v.found[l] = f
	}
	v.findFloors()
	v.findData()
	if len(v.ourVals) == 0 {
		return
	}
	v.judged = b.judgeContests(id, v.metric, v.paper, []claimSide{
		{"", "at this profile's best structures", v.ourMeans, b.reductions(v.e.def, v.ourEpochs, true), v.ourEdges},
		{"points/", "at the paper's structures and epochs (profile `points`)", v.pointsMeans, b.reductions(v.e.def, v.pointsEpochs, false), v.pointsEdges},
	})
	v.winner = bestLabel(v.ourRank)
	b.an.Summary.addExact(id+"/winner_holds", boolNum(v.winner == v.paper.Winner), nil)
	b.an.Summary.addExact(id+"/admm_wins", boolNum(v.winner == b.claims.Subject), nil)
}

// findData finds what the table says of its data: the notice that
// replaces its runs, counted; or the data set's counts and subset, what no
// learning scores on it, and the validation split's sizes.
func (v *resultsFinder) findData() {
	b, e := v.b, v.e
	if e.notice != "" {
		b.an.Notices++
		return
	}
	v.sizes = validationSizes(e)
	info, ok := b.opt.Data[e.def.Data]
	if !ok {
		return
	}
	v.data, v.haveData = info, true
	if info.Subset != "" {
		b.an.Summary.addNote(v.it.ID, info.Subset)
	}
	if isAcc(v.metric) {
		b.recordBaselines(v.it.ID, e.def.Data)
		v.baselines = b.baselineText(e.def.Data)
	}
}

// findAtPaper finds label's cell at the structure the paper reports.
func (v *resultsFinder) findAtPaper(l string) atPaperFinding {
	var f atPaperFinding
	f.cell, f.pp, f.note, f.ok = v.b.paperCell(v.e.def, v.metric, l, v.cellsBy[l])
	if !f.ok {
		return f
	}
	f.st = f.cell.reported(v.metric)
	if f.st.Valid() {
		v.b.an.Summary.addStat(v.it.ID+"/"+l+"/at_paper_structure/"+v.metric+"_best", f.st)
		t := v.b.an.table(v.it.ID)
		t.Metric, t.AtPaper[l] = v.metric, f.st
	}
	return f
}

// findPoints finds label's cell of the points runs, refitted where the
// definition refits and the refit is stored.
func (v *resultsFinder) findPoints(l string) pointsFinding {
	b, metric := v.b, v.metric
	c, all, ok := b.pointsCell(v.it.Exp, l)
	if !ok {
		return pointsFinding{pending: b.opt.Points != nil && b.prof.Name != "points"}
	}
	f := pointsFinding{cell: c, all: all, ok: true, st: c.reported(metric)}
	if c.validation && (runs.Refits(v.e.def) || len(all) > 1) {
		f.epoch, f.val, _ = c.epoch()
		f.places = placesOf(c, all)
	}
	if runs.Refits(v.e.def) && c.validation {
		// As the chosen cell: the refitted model's value when it is stored.
		if rs, ok := refitCell(metric, c, f.epoch, b.pointsRuns(runs.RefitName(v.it.Exp))); ok {
			f.heldOut, f.st, f.refit = f.st, rs, refitDone
		} else {
			f.refit = refitPending
		}
	}
	f.oneClass = b.oneClassNote(v.e.def.Data, f.st)
	if f.st.Valid() {
		v.pointsMeans[l] = meanOf(f.st)
		v.pointsEpochs = min(v.pointsEpochs, c.Cfg.Epochs)
		v.pointsEdges[l] = gridEdge(l, c, all)
		b.an.Summary.addStat(v.it.ID+"/"+l+"/points/"+metric+"_best", f.st)
	}
	if len(all) > 1 && c.validation {
		b.an.Summary.addExact(v.it.ID+"/"+l+"/points/chosen_at_grid_end", boolNum(atGridEnd(c, all)), nil)
	}
	return f
}

// findFloors finds the noise floor at each noise level of the runs, and
// the analytic floor where the definition has one.
func (v *resultsFinder) findFloors() {
	e := v.e
	if e.notice != "" || e.def.NoiseFloor == "" {
		return
	}
	for _, noise := range noiseLevels(e.runs) {
		fl, ok := floorStat(e.runs, v.metric, noise)
		if !ok {
			continue
		}
		v.b.an.Summary.addStat(fmt.Sprintf("%s/noise_floor/noise=%s/%s", v.it.ID, fmtG(noise), v.metric), fl)
		t := v.b.an.table(v.it.ID)
		t.Metric, t.NoiseFloors[noise] = v.metric, fl
		f := floorFinding{noise: noise, fl: fl, note: floorVerdict(v.metric, fl, v.paper, v.ours)}
		if a, ok := analyticOf(e.def, e.runs, noise); ok {
			v.b.an.Summary.addExact(fmt.Sprintf("%s/analytic_floor/noise=%s/bound", v.it.ID, fmtG(noise)), a.Bound, nil)
			if a.P > 0 {
				v.b.an.Summary.addExact(fmt.Sprintf("%s/analytic_floor/noise=%s/least_squares", v.it.ID, fmtG(noise)), a.LS, nil)
			}
			f.haveExact = true
			f.note = strings.TrimSpace(f.note) + " " + analyticNote(a, v.paperValues(), v.ours)
			f.finding = noiseFinding(e.def, e.runs, a, v.paperValues())
		}
		v.floorsFound = append(v.floorsFound, f)
	}
}
