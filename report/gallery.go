package report

import (
	"fmt"
	"regexp"
	"strings"
)

// galleryEntry is one item of README.md.
type galleryEntry struct {
	item
	File    string
	Figure  bool
	Verdict string
	Notices int    // tables or panels shown as notices
	Panels  int    // figures: number of panels
	Text    string // tables: the Markdown, inlined into the gallery
	// VerdictInBody: the table's text already states its verdict (the
	// results tables' winner sentences), which the gallery then does not
	// repeat.
	VerdictInBody bool
	// Brief maps paragraphs of Text (trimmed) to the README's copy of
	// them: "" leaves a paragraph to the file, which the README links.
	Brief map[string]string
	// Link is the README's words for the link to File; "" says the file
	// holds every column, the legend and the notes.
	Link string
}

// README.md opens with the answer (the scorecard's claims, one line each,
// linked to their evidence), then the tables and figures in the paper's
// order. What every item would repeat is said once: the profile at the
// top; the legends, settings and methods in the tables' files, which each
// entry links (galleryEntry.Brief says what an entry leaves there).
func (b *builder) writeGallery() error {
	return b.write("README.md", []byte(galleryMarkdown(b.an, b.opt.Commit, b.gallery)))
}

// galleryMarkdown is README.md: what the analysis an found (the profile,
// the claims' answer, the runs' toolchains, the notices, the points runs'
// span) around the entries the items wrote, in order. It reads nothing
// else, so it can be written from an analysis and entries built by hand.
func galleryMarkdown(an *Analysis, commit string, entries []galleryEntry) string {
	var sb strings.Builder
	if commit == "" {
		commit = "unknown"
	}
	fmt.Fprintf(&sb, "# Zeng, Lin, Yao & Zhou (JMLR 2021), regenerated\n\n")
	fmt.Fprintf(&sb, "Profile **%s**: %s. Code and results at commit `%s`; every item below is of this profile and commit. Machine-readable numbers: [summary.json](summary.json).\n\n", an.Profile, an.Description, commit)
	if an.Profile != "full" {
		sb.WriteString("This profile reduces the paper's settings (Tables 2 and 7 list each reduction beside the paper's value), " +
			"so numbers are not expected to match the paper's. A mean shown with *(n=1)* comes from a single trial and has no spread.\n\n")
	}
	sb.WriteString("Each table below shows its numbers; its file (*Full table*, linked under it) has every column (the paper's (d,w), the ratio to the paper's and *same?*, the ranks, the times per epoch, " +
		"what validation chose), the legend and the notes.\n\n")
	answer := scorecardAnswer(entries)
	if answer != "" {
		sb.WriteString("## The answer: the paper's claims, judged\n\n" + answer + "\n")
	}
	sb.WriteString(an.Provenance.markdown())
	fmt.Fprintf(&sb, "%d tables or figure panels are shown as notices (no runs, skipped by the profile, or data not available).\n\n", an.Notices)
	// One line of links, by ID: the titles follow, in full, as the headings.
	var toc []string
	for _, g := range entries {
		toc = append(toc, fmt.Sprintf("[%s](#%s)", g.ID, g.ID))
	}
	fmt.Fprintf(&sb, "**Contents:** %s.\n", strings.Join(toc, ", "))
	seen := map[string]galleryEntry{}
	for _, g := range entries {
		if g.ID == scorecardID {
			// Its claims open the README; its table of every number
			// repeats the results tables' own columns, so the README
			// points to it.
			g.Text = "Every number of Tables 3–10 beside the paper's (ratio, *same?*) and the rankings by mean, table by table, " +
				"are in the file below; each results table above shows them for its own table, and the claims open this README.\n"
		}
		writeEntry(&sb, g, seen, an.Description)
	}
	if note := an.PointsWall.note(); note != "" {
		fmt.Fprintf(&sb, "\n## Closing note: the `points` runs\n\n%s\n", note)
	}
	return sb.String()
}

// writeEntry writes one table or figure of the gallery; seen holds the
// paragraphs already written, by the entry that wrote them first, and
// profile is the profile's description, which the top states.
func writeEntry(sb *strings.Builder, g galleryEntry, seen map[string]galleryEntry, profile string) {
	fmt.Fprintf(sb, "\n<a id=\"%s\"></a>\n## %s\n\n", g.ID, g.Title)
	if first, ok := seen[g.Claim]; ok && g.Claim != "" {
		fmt.Fprintf(sb, "**Paper's claim.** As for [%s](#%s).\n\n", shortTitle(first.Title), first.ID)
	} else if g.Claim != "" {
		fmt.Fprintf(sb, "**Paper's claim.** %s\n\n", g.Claim)
		seen[g.Claim] = g
	}
	if g.Figure {
		fmt.Fprintf(sb, "![%s](%s)\n\n", g.ID, g.File)
	} else {
		// Inline the table without its own heading.
		body := g.Text
		if i := strings.Index(body, "\n"); strings.HasPrefix(body, "# ") && i >= 0 {
			body = strings.TrimLeft(body[i:], "\n")
		}
		if body = strings.TrimRight(once(body, g, seen, profile), "\n"); body != "" {
			sb.WriteString(body + "\n\n")
		}
		link := g.Link
		if link == "" {
			link = "Full table" // the top of the README says what the file adds
		}
		fmt.Fprintf(sb, "%s: [%s](%s)\n\n", link, g.File, g.File)
	}
	// A verdict that would only say what the notices or the n/a cells
	// above show is left out.
	switch {
	case g.VerdictInBody && g.Notices == 0, !g.Figure && strings.HasPrefix(g.Verdict, "no results"), g.Figure && g.Notices == g.Panels:
		return
	}
	v := g.Verdict
	if v == "" {
		v = "see the figure"
	}
	if g.Notices > 0 {
		if g.Figure {
			v += fmt.Sprintf(" (%d of %d panels without results)", g.Notices, g.Panels)
		} else if !strings.HasPrefix(v, "no results") {
			v += " (no results)"
		}
	}
	fmt.Fprintf(sb, "**Verdict.** %s\n", v)
}

// minShared is the length from which a paragraph seen under an earlier
// item is replaced by a pointer to it: legends and notes, not table rows.
const minShared = 160

// once drops from a table's text what the README already says: the
// profile's description (stated at the top) and every long paragraph an
// earlier item wrote, which becomes a pointer to that item. profile is the
// profile's description.
func once(body string, g galleryEntry, seen map[string]galleryEntry, profile string) string {
	var paras []string
	for _, p := range strings.Split(body, "\n\n") {
		if brief, ok := g.Brief[strings.TrimSpace(p)]; ok {
			p = strings.TrimSpace(brief)
		}
		if p != "" {
			paras = append(paras, p)
		}
	}
	for i, p := range paras {
		p = strings.ReplaceAll(p, " ("+profile+")", "")
		p = strings.ReplaceAll(p, ": "+profile, "")
		paras[i] = p
		if strings.HasPrefix(p, "|") || len(p) < minShared {
			continue
		}
		if first, ok := seen[p]; ok {
			paras[i] = fmt.Sprintf("*(As under [%s](#%s).)*", shortTitle(first.Title), first.ID)
			continue
		}
		seen[p] = g
	}
	return strings.Join(paras, "\n\n")
}

// shortTitle is a title up to its colon: "Table 5" of "Table 5: learning …".
func shortTitle(t string) string {
	if i := strings.Index(t, ":"); i > 0 {
		return t[:i]
	}
	return t
}

// scorecardID is the item whose claims section is the README's answer.
const scorecardID = "scorecard"

// evidenceCell matches the last cell of a claims row: the evidence IDs.
var evidenceCell = regexp.MustCompile(`\| ([a-z0-9, –-]+) \|$`)

// itemID matches a report item's ID.
var itemID = regexp.MustCompile(`^(table|fig|theorem)[0-9a-z]+$`)

// scorecardAnswer is the scorecard's claims section, with each evidence
// ID linked to its section of the README.
func scorecardAnswer(entries []galleryEntry) string {
	for _, g := range entries {
		if g.ID != scorecardID {
			continue
		}
		const start, end = "## Claims\n\n", "\n## "
		i := strings.Index(g.Text, start)
		if i < 0 {
			return ""
		}
		j := strings.Index(g.Text[i+len(start):], end)
		if j < 0 {
			j = len(g.Text) - i - len(start)
		}
		section := g.Text[i+len(start) : i+len(start)+j]
		for long, short := range g.Brief {
			section = strings.Replace(section, long, short, 1)
		}
		var lines []string
		for _, l := range strings.Split(section, "\n") {
			lines = append(lines, linkEvidence(l))
		}
		return strings.Join(lines, "\n")
	}
	return ""
}

// linkEvidence links each item ID of a claims row's evidence cell to its
// section of the README.
func linkEvidence(line string) string {
	m := evidenceCell.FindStringSubmatchIndex(line)
	if m == nil || !strings.HasPrefix(line, "| ") {
		return line
	}
	var ids []string
	for _, id := range strings.Split(line[m[2]:m[3]], ", ") {
		if itemID.MatchString(id) {
			id = fmt.Sprintf("[%s](#%s)", id, figureOf(id))
		}
		ids = append(ids, id)
	}
	return line[:m[2]] + strings.Join(ids, ", ") + " |"
}
