package report

import (
	"fmt"
	"strings"

	"github.com/admmlab/admmlab/experiments"
	"github.com/admmlab/admmlab/pipeline/runs"
)

// resultsView is what a results table shows, as its analysis found it:
// the experiment's rows, the paper's, and what the rows found for the
// verdict under the table. It is the table's TableAnalysis.View, from
// which resultsMarkdown writes the table, reading nothing else.
type resultsView struct {
	it    item // with its experiment resolved
	paper PaperTable
	// def is the experiment's definition; notice, when not "", says why
	// the table has no runs to show.
	def          experiments.Definition
	notice       string
	metric, unit string
	validation   bool // chosen on validation: a last column states the choice
	// profile and profileText name the profile and describe it.
	profile, profileText string
	// data describes the data set (haveData: the report was told, and the
	// table has runs); baselines is the line on what no learning scores
	// (classification only), sizes the validation split's sizes.
	data             DataInfo
	haveData         bool
	baselines, sizes string
	ours             map[string]ourRow
	order            []string // the paper's column order, then anything the paper lacks
	ourVals          map[string]float64
	ourRank          map[string]int
	finalRank        map[string]int // by the mean at the last epoch
	paperRank        map[string]int
	// winner is ours by mean; within of the compared algorithms are of the
	// same order as the paper's; pending have no points results yet.
	winner                    string
	within, compared, pending int
	ourMeans, pointsMeans     map[string]trialMean
	ourEpochs, pointsEpochs   int
	ourEdges, pointsEdges     map[string]string
	// What analyze found: per algorithm, the noise floors, the contests.
	found       map[string]rowFinding
	floorsFound []floorFinding
	judged      []judgedSide
}

// resultsWriter writes one results table from its view: what it gathers
// while writing (the README's copy, the depth-cap notes, the floor's rows)
// lives only as long as one writing.
type resultsWriter struct {
	*resultsView
	// brief maps paragraphs of the table's file to the README's copy
	// (galleryEntry.Brief); pointsBrief holds the README's copy of each
	// points cell.
	brief       map[string]string
	pointsBrief map[string]pointsCell
	capNotes    []string
	caps        [][3]string // per capped algorithm: the depth run, its label, the paper's depth
	floors      [][]string  // the noise floor's rows
	// floorCaption explains the floor, which the README leaves to the file;
	// floorFinding is what the floor says of the paper's noise, which it keeps.
	floorCaption, floorFinding string
}

func newResultsWriter(v *resultsView) *resultsWriter {
	return &resultsWriter{resultsView: v, brief: map[string]string{}, pointsBrief: map[string]pointsCell{}}
}

// resultsTable finds what a results table shows (analyze) into its
// analysis and returns the step that writes it from there: per algorithm
// our best configuration, the paper's structure, the points results and
// the paper's numbers, then the noise floor and the verdict on the paper's
// winner.
func (b *builder) resultsTable(it item) (func() error, error) {
	v := b.newResultsFinder(it)
	v.analyze()
	b.an.table(it.ID).View = v.resultsView
	return func() error {
		text, g := resultsMarkdown(b.an.Tables[it.ID])
		if err := b.write(g.File, []byte(text)); err != nil {
			return err
		}
		b.gallery = append(b.gallery, g)
		return nil
	}, nil
}

// resultsMarkdown is a results table's file and its README entry, written
// from the table's analysis alone.
func resultsMarkdown(t *TableAnalysis) (string, galleryEntry) {
	v := newResultsWriter(t.View)
	it := v.it
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
	if v.notice != "" {
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
	verdict := v.winnerText(&sb, floorNote)
	if v.paper.Baseline != 0 {
		fmt.Fprintf(&sb, "\nThe paper's baseline accuracy: %.2f%%.\n", v.paper.Baseline)
	}
	return sb.String(), galleryEntry{item: it, File: "tables/" + it.ID + ".md", Verdict: verdict, Notices: boolInt(v.notice != ""), Text: sb.String(),
		VerdictInBody: len(v.ourVals) > 0, Brief: v.brief}
}

// intro writes the title, the data and how the columns were chosen.
func (v *resultsWriter) intro(sb *strings.Builder) {
	it := v.it
	fmt.Fprintf(sb, "# %s\n\n", it.Title)
	// The paper's epochs (for its times per epoch) are said here, so that
	// the legend below is one paragraph per kind of table.
	v.fileOnly(sb, fmt.Sprintf("Paper: %s; %d epochs. Profile: `%s` (%s). Experiment: `%s`.\n\n", v.paper.Caption, v.def.Epochs, v.profile, v.profileText, it.Exp))
	if v.haveData {
		if v.data.Subset != "" {
			fmt.Fprintf(sb, "> **%s**: every number below comes from this subset, not from the paper's full data set.\n\n", v.data.Subset)
		}
		fmt.Fprintf(sb, "Data: %s.\n\n", v.data.Counts)
		if v.baselines != "" {
			sb.WriteString(v.baselines)
			v.fileOnly(sb, baselineLegend)
		}
	}
	switch {
	case v.notice != "":
		fmt.Fprintf(sb, "> **%s**\n\n", v.notice)
	case runs.SelectsOnValidation(v.def):
		// The split's sizes read alike across tables of one task: the
		// README leaves them, with the legend, to the file.
		v.fileOnly(sb, v.sizes+validationIntro(v.def, v.metric, v.unit))
	default:
		v.fileOnly(sb, fmt.Sprintf("Per algorithm, *ours: best* is the (depth, width) with the best mean %s at its best epoch over this profile's grid (the paper's choice, "+
			"diverged trials left out and counted); *at the paper's (d,w)* is the same algorithm at the structure the paper reports, which every profile runs; "+
			"*points* is that structure at the paper's epochs (profile `points`). Mean (std) over trials, %s; *(n=1)* marks a single trial. "+
			"*Final* is the best structure at the last epoch, with its rank there. %s. Times are seconds per epoch (ours on this machine; the paper's run time over its epochs).\n\n",
			axisLabel(v.metric), v.unit, sameText(v.metric)))
	}
}

// row writes one algorithm's columns.
func (v *resultsWriter) row(l string) []string {
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
	if v.notice == "" {
		cols[colAtPaper] = v.atPaperColumn(l)
	}
	cols[colPoints] = v.pointsColumn(l)
	if havePaper {
		cols[colPaper] = fmt.Sprintf("%s (%s)", fmtPaper(v.paper, pr.Mean), fmtPaper(v.paper, pr.Std))
		cols[colPaperStructure] = fmt.Sprintf("(%d,%d)", pr.Depth, pr.Width)
		cols[colPaperSeconds] = perEpoch(pr.Seconds, v.def.Epochs)
	}
	if f := v.found[l]; f.compared {
		cols[colRatio] = fmt.Sprintf("%.3g", f.ratio)
		if isAcc(metric) {
			cols[colRatio] = fmt.Sprintf("%+.2f pt", f.ratio)
		}
		cols[colSame] = yesNo(f.same)
	}
	cols[colRank] = fmt.Sprintf("%s / %s", rankStr(v.ourRank, l), rankStr(v.paperRank, l))
	if v.validation {
		cols = append(cols, "n/a")
		if haveOurs && r.Epoch > 0 {
			cols[colChosen] = chosenText(metric, r, v.found[l].places)
		}
	}
	return cols
}

// floorRows gathers a row per noise level's floor (v.floors) and its
// caption (v.floorCaption), and returns the floor's verdict on the paper's
// numbers.
func (v *resultsWriter) floorRows() string {
	if v.notice != "" || v.def.NoiseFloor == "" {
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
	v.floorCaption = fmt.Sprintf("\n*Noise floor*: the clean-test MSE of %s, per trial on the same samples as the nets. %s\n", floorNames[v.def.NoiseFloor], floorNote)
	if finding != "" {
		v.floorFinding = fmt.Sprintf("\n%s\n", finding)
		floorNote += " " + finding
	}
	return floorNote
}

// winnerText writes the verdict on the paper's winner, on this profile's
// best structures and on the points results, and returns the gallery's
// verdict.
func (v *resultsWriter) winnerText(sb *strings.Builder, floorNote string) string {
	if len(v.ourVals) == 0 {
		return "no results"
	}
	metric, paper := v.metric, v.paper
	winner := v.winner
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
