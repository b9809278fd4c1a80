package report

import (
	"strings"
	"testing"
	"time"

	"github.com/admmlab/admmlab/pipeline/runs"
)

// The README is written from the analysis and the items' entries alone:
// the profile, the runs' toolchains, the notices and the points runs' span
// all come from an analysis built by hand here, with no runs and no
// builder.
func TestGalleryFromAnalysis(t *testing.T) {
	an := newAnalysis("quick", "c")
	an.Description = "a hand-built profile"
	an.Notices = 3
	an.Provenance = provenance{"r1": "go1.x linux/amd64", "r2": "go1.x linux/amd64", "r3": ""}
	start := time.Date(2026, 1, 2, 3, 0, 0, 0, time.UTC)
	an.PointsWall.add(runs.Record{ID: "p1", Started: start, Finished: start.Add(time.Hour), Duration: time.Hour})
	entries := []galleryEntry{
		{item: item{ID: "table3", Title: "Table 3: approximating x²", Claim: "ADMM is best."}, File: "tables/table3.md",
			Text: "# Table 3: approximating x²\n\nProfile: `quick` (a hand-built profile).\n\n| a | b |\n|---|---|\n| 1 | 2 |\n", Verdict: "paper's winner X; ours by mean: X"},
		{item: item{ID: "fig6", Title: "Figure 6: error vs depth"}, File: "figures/fig6.png", Figure: true, Verdict: "(a) ReLU nets: flat", Panels: 2, Notices: 1},
	}
	got := galleryMarkdown(an, "abc123", entries)
	for _, want := range []string{
		"Profile **quick**: a hand-built profile. Code and results at commit `abc123`",
		"This profile reduces the paper's settings",
		"Computed by: 1 runs by `unrecorded toolchain`; 2 runs by `go1.x linux/amd64`.",
		"3 tables or figure panels are shown as notices",
		"**Contents:** [table3](#table3), [fig6](#fig6).",
		"**Paper's claim.** ADMM is best.",
		"Profile: `quick`.\n\n| a | b |",
		"Full table: [tables/table3.md](tables/table3.md)",
		"**Verdict.** paper's winner X; ours by mean: X\n",
		"![fig6](figures/fig6.png)",
		"**Verdict.** (a) ReLU nets: flat (1 of 2 panels without results)\n",
		"## Closing note: the `points` runs",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("README lacks %q:\n%s", want, got)
		}
	}
	if strings.Contains(got, "## The answer") {
		t.Errorf("README has an answer without a scorecard entry:\n%s", got)
	}
	// Nothing of the analysis, nothing of the notices and toolchains.
	empty := galleryMarkdown(&Analysis{Profile: "full"}, "", nil)
	for _, bad := range []string{"Computed by", "reduces the paper's settings", "Closing note"} {
		if strings.Contains(empty, bad) {
			t.Errorf("README of an empty analysis says %q:\n%s", bad, empty)
		}
	}
	if !strings.Contains(empty, "commit `unknown`") || !strings.Contains(empty, "0 tables or figure panels are shown as notices") {
		t.Errorf("README of an empty analysis:\n%s", empty)
	}
}
