package report

import (
	"fmt"
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
}

func (b *builder) writeGallery() error {
	var sb strings.Builder
	commit := b.opt.Commit
	if commit == "" {
		commit = "unknown"
	}
	fmt.Fprintf(&sb, "# Zeng, Lin, Yao & Zhou (JMLR 2021), regenerated\n\n")
	fmt.Fprintf(&sb, "Profile **%s**: %s. Code and results at commit `%s`. Machine-readable numbers: [summary.json](summary.json).\n\n", b.prof.Name, b.prof.Description, commit)
	if b.prof.Name != "full" {
		fmt.Fprintf(&sb, "This profile reduces the paper's settings as described above (Tables 2 and 7 list each reduction beside the paper's value), "+
			"so numbers are not expected to match the paper's; the *same order?* and ranking verdicts say how far they are. "+
			"A mean shown with *(n=1)* comes from a single trial and has no spread.\n\n")
	}
	sb.WriteString(b.prov.markdown())
	fmt.Fprintf(&sb, "%d tables or figure panels are shown as notices (no runs, skipped by the profile, or data not available).\n\n", b.notices)
	sb.WriteString("## Contents\n\n")
	for _, g := range b.gallery {
		fmt.Fprintf(&sb, "- [%s](#%s)\n", g.Title, g.ID)
	}
	for _, g := range b.gallery {
		fmt.Fprintf(&sb, "\n<a id=\"%s\"></a>\n## %s\n\n", g.ID, g.Title)
		fmt.Fprintf(&sb, "**Paper's claim.** %s\n\n", g.Claim)
		if g.Figure {
			fmt.Fprintf(&sb, "![%s](%s)\n\n", g.ID, g.File)
		} else {
			// Inline the table without its own heading.
			body := g.Text
			if i := strings.Index(body, "\n"); strings.HasPrefix(body, "# ") && i >= 0 {
				body = strings.TrimLeft(body[i:], "\n")
			}
			sb.WriteString(body + "\n")
			fmt.Fprintf(&sb, "Source: [%s](%s)\n\n", g.File, g.File)
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
		fmt.Fprintf(&sb, "**Verdict.** %s\n\n*Profile `%s`, commit `%s`.*\n", v, b.prof.Name, commit)
	}
	if note := b.pointsWall.note(); note != "" {
		fmt.Fprintf(&sb, "\n## Closing note: the `points` runs\n\n%s\n", note)
	}
	return b.write("README.md", []byte(sb.String()))
}
