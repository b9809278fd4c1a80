package report

import (
	"fmt"
	"slices"
	"strings"

	"github.com/admmlab/admmlab/pipeline/runs"
)

// resultsView is one results table being rendered: the experiment's rows,
// the paper's, and what the rows found for the verdict under the table.
type resultsView struct {
	b            *builder
	it           item
	paper        PaperTable
	e            expRuns
	metric, unit string
	validation   bool // chosen on validation: a last column states the choice
	rows         []ourRow
	ours         map[string]ourRow
	cellsBy      map[string][]cell
	order        []string // the paper's column order, then anything the paper lacks
	ourVals      map[string]float64
	ourRank      map[string]int
	finalRank    map[string]int // by the mean at the last epoch
	paperRank    map[string]int
	// Gathered row by row.
	within, compared, pending int
	capNotes                  []string
	caps                      [][3]string // per capped algorithm: the depth run, its label, the paper's depth
	ourMeans, pointsMeans     map[string]trialMean
	ourEpochs, pointsEpochs   int
	ourEdges, pointsEdges     map[string]string
	// brief maps paragraphs of the table's file to the README's copy
	// (galleryEntry.Brief); pointsBrief holds the README's copy of each
	// points cell.
	brief       map[string]string
	pointsBrief map[string]pointsCell
	// What analyze found: per algorithm, the noise floors, the contests.
	found       map[string]rowFinding
	floorsFound []floorFinding
	judged      []judgedSide
	floors      [][]string // the noise floor's rows
	// floorCaption explains the floor, which the README leaves to the file;
	// floorFinding is what the floor says of the paper's noise, which it keeps.
	floorCaption, floorFinding string
}

// resultsTable finds what a results table shows (analyze) and returns
// the step that writes it: per algorithm our best configuration, the
// paper's structure, the points results and the paper's numbers, then the
// noise floor and the verdict on the paper's winner.
func (b *builder) resultsTable(it item) (func() error, error) {
	v := b.newResultsView(it)
	v.analyze()
	return v.write, nil
}

// write writes the results table from what analyze found.
func (v *resultsView) write() error {
	b, it := v.b, v.it // it with its experiment resolved
	var sb strings.Builder
	v.intro(&sb)
	var rows [][]string
	for _, l := range v.order {
		rows = append(rows, v.row(l))
	}
	// The floor rows belong to the table: the README's copy keeps them.
	floorNote := v.floorRows()
	rows = append(rows, v.floors...)
	full := v.table(rows)
	v.brief[strings.TrimSpace(full)] = v.briefTable(rows)
	if v.e.notice != "" {
		// Without runs the table holds only the paper's numbers: the
		// README gives the notice and links the file.
		v.brief[strings.TrimSpace(full)] = ""
	}
	sb.WriteString(full)
	v.fileOnly(&sb, v.floorCaption)
	sb.WriteString(v.floorFinding)
	if len(v.capNotes) > 0 {
		caps := fmt.Sprintf("‡ %s.", strings.Join(v.capNotes, "; "))
		fmt.Fprintf(&sb, "\n%s\n", caps)
		v.brief[caps] = v.briefCaps()
	}
	if v.pending > 0 {
		v.fileOnly(&sb, fmt.Sprintf("\n*pending*: %d algorithms have no `points` results yet (`admmlab run --profile points --trials 3 --only %s`).\n", v.pending, it.Exp))
	}
	verdict := v.winner(&sb, floorNote)
	if v.paper.Baseline != 0 {
		fmt.Fprintf(&sb, "\nThe paper's baseline accuracy: %.2f%%.\n", v.paper.Baseline)
	}
	rel := "tables/" + it.ID + ".md"
	if err := b.write(rel, []byte(sb.String())); err != nil {
		return err
	}
	b.gallery = append(b.gallery, galleryEntry{item: it, File: rel, Verdict: verdict, Notices: boolInt(v.e.notice != ""), Text: sb.String(),
		VerdictInBody: len(v.ourVals) > 0, Brief: v.brief})
	return nil
}

func (b *builder) newResultsView(it item) *resultsView {
	paperID := it.ID
	if it.Paper != "" {
		paperID = it.Paper
	}
	it.Exp = b.resolve(it.ID)
	v := &resultsView{b: b, it: it, paper: b.paper[paperID], e: b.experimentFor(it.ID, it.Exp), unit: "MSE",
		ours: map[string]ourRow{}, ourMeans: map[string]trialMean{}, pointsMeans: map[string]trialMean{},
		ourEdges: map[string]string{}, pointsEdges: map[string]string{}, brief: map[string]string{}, pointsBrief: map[string]pointsCell{}}
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

// intro writes the title, the data and how the columns were chosen.
func (v *resultsView) intro(sb *strings.Builder) {
	b, it, e := v.b, v.it, v.e
	fmt.Fprintf(sb, "# %s\n\n", it.Title)
	// The paper's epochs (for its times per epoch) are said here, so that
	// the legend below is one paragraph per kind of table.
	v.fileOnly(sb, fmt.Sprintf("Paper: %s; %d epochs. Profile: `%s` (%s). Experiment: `%s`.\n\n", v.paper.Caption, e.def.Epochs, b.prof.Name, b.prof.Description, it.Exp))
	if info, ok := b.opt.Data[e.def.Data]; ok && e.notice == "" {
		if info.Subset != "" {
			fmt.Fprintf(sb, "> **%s**: every number below comes from this subset, not from the paper's full data set.\n\n", info.Subset)
			b.an.Summary.addNote(it.ID, info.Subset)
		}
		fmt.Fprintf(sb, "Data: %s.\n\n", info.Counts)
		if isAcc(v.metric) {
			if line := b.baselineText(e.def.Data); line != "" {
				sb.WriteString(line)
				v.fileOnly(sb, baselineLegend)
			}
		}
	}
	switch {
	case e.notice != "":
		b.an.Notices++
		fmt.Fprintf(sb, "> **%s**\n\n", e.notice)
	case runs.SelectsOnValidation(e.def):
		// The split's sizes read alike across tables of one task: the
		// README leaves them, with the legend, to the file.
		v.fileOnly(sb, validationSizes(e)+validationIntro(e, v.metric, v.unit))
	default:
		v.fileOnly(sb, fmt.Sprintf("Per algorithm, *ours: best* is the (depth, width) with the best mean %s at its best epoch over this profile's grid (the paper's choice, "+
			"diverged trials left out and counted); *at the paper's (d,w)* is the same algorithm at the structure the paper reports, which every profile runs; "+
			"*points* is that structure at the paper's epochs (profile `points`). Mean (std) over trials, %s; *(n=1)* marks a single trial. "+
			"*Final* is the best structure at the last epoch, with its rank there. %s. Times are seconds per epoch (ours on this machine; the paper's run time over its epochs).\n\n",
			axisLabel(v.metric), v.unit, sameText(v.metric)))
	}
}

// row writes one algorithm's columns.
func (v *resultsView) row(l string) []string {
	metric := v.metric
	r, haveOurs := v.ours[l]
	pr, havePaper := v.paper.Row(l)
	cols := []string{mdEscape(l), "n/a", "n/a", "n/a", "n/a", "n/a", "—", "—", "—", "—", "n/a", "—", "—"}
	if haveOurs {
		cols[colBest] = fmtMeanStd(metric, r.Best) + v.found[l].oneClass
		cols[colFinal] = fmtMeanStd(metric, r.Final)
		if k, ok := v.finalRank[l]; ok {
			cols[colFinal] += fmt.Sprintf(", rank %d", k)
		}
		if r.Best.Valid() {
			cols[colBestStructure] = fmt.Sprintf("(%d,%d)", r.Cell.Cfg.Depth, r.Cell.Cfg.Width)
			cols[colSeconds] = perEpoch(r.Seconds.Mean, r.Cell.Cfg.Epochs)
		} else {
			cols[colBest] += " (whole grid)"
			cols[colFinal] = "—"
		}
	}
	if v.e.notice == "" {
		cols[colAtPaper] = v.atPaperColumn(l)
	}
	cols[colPoints] = v.pointsColumn(l)
	if havePaper {
		cols[colPaper] = fmt.Sprintf("%s (%s)", fmtPaper(v.paper, pr.Mean), fmtPaper(v.paper, pr.Std))
		cols[colPaperStructure] = fmt.Sprintf("(%d,%d)", pr.Depth, pr.Width)
		cols[colPaperSeconds] = perEpoch(pr.Seconds, v.e.def.Epochs)
	}
	if haveOurs && havePaper && r.Best.Valid() {
		ratio, ok := sameOrder(metric, r.Best.Mean, v.paper.Fraction(pr.Mean))
		cols[colRatio] = fmt.Sprintf("%.3g", ratio)
		if isAcc(metric) {
			cols[colRatio] = fmt.Sprintf("%+.2f pt", ratio)
		}
		cols[colSame] = yesNo(ok)
		v.compared++
		if ok {
			v.within++
		}
	}
	cols[colRank] = fmt.Sprintf("%s / %s", rankStr(v.ourRank, l), rankStr(v.paperRank, l))
	if v.validation {
		cols = append(cols, "n/a")
		if haveOurs && r.Epoch > 0 {
			cols[colChosen] = chosenText(metric, r, v.cellsBy[l])
		}
	}
	return cols
}

// floorRows gathers a row per noise level's floor (v.floors) and its
// caption (v.floorCaption), and returns the floor's verdict on the paper's
// numbers.
func (v *resultsView) floorRows() string {
	e := v.e
	if e.notice != "" || e.def.NoiseFloor == "" {
		return ""
	}
	floorNote, finding := "", ""
	for _, ff := range v.floorsFound {
		noise, fl := ff.noise, ff.fl
		row := []string{fmt.Sprintf("*noise floor (variance %s)*", fmtG(noise))}
		for range len(v.header()) - 1 {
			row = append(row, "—")
		}
		row[colBest] = fmtMeanStd(v.metric, fl)
		v.floors = append(v.floors, row)
		floorNote = ff.note
		if ff.haveExact {
			finding = ff.finding
		}
	}
	v.floorCaption = fmt.Sprintf("\n*Noise floor*: the clean-test MSE of %s, per trial on the same samples as the nets. %s\n", floorNames[e.def.NoiseFloor], floorNote)
	if finding != "" {
		v.floorFinding = fmt.Sprintf("\n%s\n", finding)
		floorNote += " " + finding
	}
	return floorNote
}

// winner writes the verdict on the paper's winner, on this profile's best
// structures and on the points results, and returns the gallery's verdict.
func (v *resultsView) winner(sb *strings.Builder, floorNote string) string {
	if len(v.ourVals) == 0 {
		return "no results"
	}
	metric, paper := v.metric, v.paper
	winner := bestLabel(v.ourRank)
	what := "within a factor 10"
	if isAcc(metric) {
		what = fmt.Sprintf("within %g point", accPoints)
	}
	head := fmt.Sprintf("Paper's winner: **%s**. Ours, by mean: **%s**.", paper.Winner, winner)
	verdict := fmt.Sprintf("paper's winner %s; ours by mean: %s", paper.Winner, winner)
	text, brief, judged := contestText(paper, v.judged)
	verdict += judged
	same := fmt.Sprintf(" Same order (%s): %d of %d algorithms.", what, v.within, v.compared)
	fmt.Fprintf(sb, "\n%s%s%s\n", head, text, same)
	// The README's line names its table: two tables' verdicts, shorn of
	// their numbers, may read alike.
	v.brief[head+text+same] = fmt.Sprintf("%s: the paper's winner **%s**, ours by mean **%s**.", shortTitle(v.it.Title), paper.Winner, winner) + brief + same
	verdict += fmt.Sprintf("; %d/%d %s", v.within, v.compared, what)
	if floorNote != "" {
		verdict += ". " + floorNote
	}
	return verdict
}

// paperValues are the paper's numbers of the table, on our scale.
func (v *resultsView) paperValues() []float64 {
	var out []float64
	for _, pr := range v.paper.Rows {
		out = append(out, v.paper.Fraction(pr.Mean))
	}
	return out
}
