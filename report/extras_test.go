package report

import (
	"strings"
	"testing"
)

// A table outside the paper is written from its entry of the analysis
// alone: rows built by hand here, with no runs and no builder.
func TestExtraMarkdownFromAnalysis(t *testing.T) {
	an := newAnalysis("quick", "c")
	an.Description = "a hand-built profile"
	row := ExtraRow{Label: "A", Act: "sigmoid", Init: "msra", Depth: 2, Width: 40, Lambda: 1, Beta: 1,
		Best: newStat([]float64{1e-3, 3e-3}, nil), Final: newStat([]float64{2e-3, 4e-3}, nil), Seconds: newStat([]float64{3, 3}, nil), Runs: 2}
	paperLLA := row
	paperLLA.LLA, paperLLA.Diverged = "paper", 1
	an.Extras["lla-ablation"] = &ExtraAnalysis{Exp: "lla-ablation", Metric: "test_mse", Rows: []ExtraRow{row, paperLLA}}
	an.Extras["tanh"] = &ExtraAnalysis{Exp: "tanh", Notice: "no stored runs"}
	text, g := extraMarkdown(an, item{ID: "lla-ablation", Title: "LLA constant"})
	for _, want := range []string{
		"# LLA constant\n\nExperiment: `lla-ablation`. Profile: `quick` (a hand-built profile).",
		"| A | sigmoid | — | (2,40) | 1 | 1 | msra | 2.00e-3 (1.41e-3) | 3.00e-3 (1.41e-3) | 3.00 | 0/2 |",
		"| A | sigmoid | paper | (2,40) | 1 | 1 | msra | 2.00e-3 (1.41e-3) | 3.00e-3 (1.41e-3) | 3.00 | 1/2 |",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("table lacks %q:\n%s", want, text)
		}
	}
	if g.File != "tables/lla-ablation.md" || g.Exp != "lla-ablation" || !g.VerdictInBody || g.Notices != 0 ||
		g.Verdict != "A (2,40): 2.00e-3 (1.41e-3); A (2,40): 2.00e-3 (1.41e-3)" {
		t.Errorf("README entry: %+v", g)
	}
	text, g = extraMarkdown(an, item{ID: "tanh", Title: "tanh"})
	if !strings.Contains(text, "> **no stored runs**") || g.Notices != 1 || g.Verdict != "no results" || g.VerdictInBody {
		t.Errorf("notice:\n%s\n%+v", text, g)
	}
}
