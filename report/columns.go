package report

import (
	"fmt"
	"strings"
)

// A results table's columns: their names, the cells that need more than a
// format (at the paper's structure, the points results), and the README's
// copy of the table. The README shows each results table shorter than its
// file: the columns that explain a number rather than give one, and the
// legends, stay in the file, which the README links. The brief copy is
// made here, beside the full one, from the same cells, so that the two
// never disagree on a number.

// resultsColumns are a results table's columns, in the order of the col
// constants below.
var resultsColumns = []string{"Algorithm", "ours: best (d,w)", "ours: best epoch", "ours: final epoch", "ours at the paper's (d,w)",
	"points: paper's (d,w) and epochs", "paper", "paper (d,w)", "ours/paper", "same?", "ours: s/epoch", "paper: s/epoch", "rank ours / paper"}

// header names the columns: under the validation rule the "best" columns
// are the configuration and epoch chosen on validation, and a last column
// states the choice.
func (v *resultsView) header() []string {
	h := append([]string(nil), resultsColumns...)
	if v.validation {
		h[colBestStructure], h[colBest] = "ours: chosen (d,w)", "ours: at the chosen epoch"
		h = append(h, "chosen on validation: λ, init × scale, epoch (validation value)")
	}
	return h
}

// The columns of a results table's row.
const (
	colLabel = iota
	colBestStructure
	colBest
	colFinal
	colAtPaper
	colPoints
	colPaper
	colPaperStructure
	colRatio
	colSame
	colSeconds
	colPaperSeconds
	colRank
	colChosen // under the validation rule only
)

// briefDropped are the columns the README's copy leaves to the file: the
// paper's structure (the *at the paper's (d,w)* cell names it), the ratio
// to the paper's, its *same?* flag and the ranks (ours and the paper's
// values stand side by side, and the verdict line counts the same), the
// times per epoch and the account of what validation chose (summary.json
// keeps the choice). Our structure joins our value's cell ("… at (d,w)", as
// the cells at the paper's structure read).
var briefDropped = map[int]bool{colBestStructure: true, colPaperStructure: true, colRatio: true, colSame: true, colSeconds: true, colPaperSeconds: true, colRank: true, colChosen: true}

// fileOnly writes text to the table's file and leaves it out of the
// README's copy: a legend, a method or a command, the same for every table
// of a kind, which a reader needs once and finds behind the link.
func (v *resultsWriter) fileOnly(sb *strings.Builder, text string) {
	sb.WriteString(text)
	for _, p := range strings.Split(text, "\n\n") {
		if p = strings.TrimSpace(p); p != "" {
			v.brief[p] = ""
		}
	}
}

// table is the Markdown of the header and rows.
func (v *resultsWriter) table(rows [][]string) string {
	var sb strings.Builder
	h := v.header()
	sb.WriteString("| " + strings.Join(h, " | ") + " |\n|" + strings.Repeat("---|", len(h)) + "\n")
	for _, r := range rows {
		sb.WriteString("| " + strings.Join(r, " | ") + " |\n")
	}
	return sb.String()
}

// pointsCell is the README's copy of a points cell: the value at its
// structure, the epochs and trials it ran, and what follows (one-class
// mark, refitted or pending). What all rows share the header says once.
type pointsCell struct{ head, run, tail string }

// briefTable is the README's copy of the table: the briefDropped columns
// left out, and each points cell its brief copy (pointsBrief).
func (v *resultsWriter) briefTable(rows [][]string) string {
	keep := func(cells []string) []string {
		var out []string
		for i, c := range cells {
			if !briefDropped[i] {
				out = append(out, c)
			}
		}
		return out
	}
	var runs, tails []string
	for _, l := range v.order {
		if c, ok := v.pointsBrief[l]; ok {
			runs, tails = append(runs, c.run), append(tails, c.tail)
		}
	}
	sharedRun, sharedTail := allSame(runs), allSame(tails)
	h := v.header()
	h[colBest] = "ours: at the best (d,w) and epoch"
	if v.validation {
		h[colBest] = "ours: at the chosen (d,w) and epoch"
	}
	if sharedRun {
		h[colPoints] = "points: paper's (d,w), " + runs[0] + tails[0]
		if !sharedTail {
			h[colPoints] = "points: paper's (d,w), " + runs[0]
		}
	}
	var sb strings.Builder
	h = keep(h)
	sb.WriteString("| " + strings.Join(h, " | ") + " |\n|" + strings.Repeat("---|", len(h)) + "\n")
	for i, r := range rows {
		r = append([]string(nil), r...)
		if i < len(v.order) {
			// At the paper's (d,w) when that is the chosen structure: the
			// same cell, said in two words.
			if same := r[colBest] + " at " + r[colBestStructure]; strings.TrimSuffix(r[colAtPaper], "‡") == same {
				r[colAtPaper] = "= ours" + strings.TrimPrefix(r[colAtPaper], same)
			}
			if strings.HasPrefix(r[colBestStructure], "(") {
				r[colBest] += " at " + r[colBestStructure]
			}
			if c, ok := v.pointsBrief[v.order[i]]; ok {
				r[colPoints] = c.head
				if !sharedRun {
					r[colPoints] += ", " + c.run
				}
				if !sharedRun || !sharedTail {
					r[colPoints] += c.tail
				}
			}
		}
		sb.WriteString("| " + strings.Join(keep(r), " | ") + " |\n")
	}
	return sb.String()
}

// allSame says that xs is not empty and all its strings are equal.
func allSame(xs []string) bool {
	for _, x := range xs {
		if x != xs[0] {
			return false
		}
	}
	return len(xs) > 0
}

// refittedMark starts a points cell's note that its value is the refitted
// model's.
const refittedMark = "; refitted"

// briefRefit is the README's copy of a points cell's refit note: that the
// value is refitted, or pending, without the held-out model's value.
func briefRefit(refit string) string {
	if strings.HasPrefix(refit, refittedMark) {
		return refittedMark
	}
	return refit
}

// briefCaps is the README's copy of the depth-cap note: the algorithms
// grouped by the depth they were capped at, the profile named once. (The
// file keeps a clause per algorithm, as the table's golden test reads it.)
func (v *resultsWriter) briefCaps() string {
	var groups []string
	byDepth := map[string][]string{}
	for _, c := range v.caps {
		if _, ok := byDepth[c[0]]; !ok {
			groups = append(groups, c[0])
		}
		byDepth[c[0]] = append(byDepth[c[0]], fmt.Sprintf("%s (paper: %s)", c[1], c[2]))
	}
	var parts []string
	for _, d := range groups {
		parts = append(parts, fmt.Sprintf("at %s for %s", d, strings.Join(byDepth[d], ", ")))
	}
	// The table is named: a sensitivity table caps as its table does.
	return fmt.Sprintf("‡ %s, depth capped by profile %s: %s.", shortTitle(v.it.Title), v.profile, strings.Join(parts, "; "))
}

// atPaperColumn is the algorithm at the structure the paper reports
// (capped by the profile: ‡), or why there is none.
func (v *resultsWriter) atPaperColumn(l string) string {
	f := v.found[l].atPaper
	pp, note := f.pp, f.note
	col := "n/a"
	switch {
	case f.ok:
		col = fmt.Sprintf("%s at (%d,%d)", fmtMeanStd(v.metric, f.st), pp.Depth, pp.Width)
	case pp.Depth > 0:
		col = fmt.Sprintf("not run at (%d,%d)", pp.Depth, pp.Width)
	default:
		return col
	}
	if note != "" {
		col += "‡"
		v.capNotes = append(v.capNotes, fmt.Sprintf("%s: %s", l, note))
		if a, ok := algorithmOf(v.def, l); ok && a.Paper != nil {
			v.caps = append(v.caps, [3]string{fmt.Sprint(pp.Depth), l, fmt.Sprint(a.Paper.Depth)})
		}
	}
	return col
}

// pointsColumn is the algorithm at the paper's structure and epochs
// (profile points), "pending" when those runs are still to come.
func (v *resultsWriter) pointsColumn(l string) string {
	metric, f := v.metric, v.found[l].points
	if !f.ok {
		if f.pending {
			return "pending"
		}
		return "n/a"
	}
	c, all, st := f.cell, f.all, f.st
	refit := ""
	switch f.refit {
	case refitDone:
		refit = fmt.Sprintf("%s, %s: %s", refittedMark, heldOutName(v.def), fmtMeanStd(metric, f.heldOut))
	case refitPending:
		refit = "; *refit pending*"
	}
	run := fmt.Sprintf("%d epochs, %d trials", c.Cfg.Epochs, len(c.Runs))
	col := fmt.Sprintf("%s at (%d,%d), %s%s", fmtMeanStd(metric, st), c.Cfg.Depth, c.Cfg.Width, run, f.oneClass)
	// The README's cell gives the value and whether it is refitted; what
	// validation chose and the held-out model's value stay in the file.
	brief := pointsCell{head: fmt.Sprintf("%s at (%d,%d)", fmtMeanStd(metric, st), c.Cfg.Depth, c.Cfg.Width), run: run,
		tail: f.oneClass + briefRefit(refit)}
	if multiple := len(all) > 1; multiple && c.validation {
		col += "; chosen on validation: " + chosenText(metric, ourRow{Cell: c, Epoch: f.epoch, Val: f.val}, f.places)
	} else if multiple {
		col += "; the best of its points grid"
	}
	col += refit
	v.pointsBrief[l] = brief
	return col
}
