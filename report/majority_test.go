package report

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/admmlab/admmlab/report/figure"
)

// When the store recorded a classification data set's class counts, its
// results table states what the majority class scores and its accuracy
// panels draw the line; the items that carry this are Tables 8–10 and
// Figures 16–18, exercised here through the synthetic earthquake items.
func TestMajorityLinesWithDataInfo(t *testing.T) {
	src := fixedRuns()
	for trial := range 2 {
		for _, d := range []int{1, 2} {
			src["earthquake-sweep"] = append(src["earthquake-sweep"],
				run("earthquake-sweep", "ADMM (sigmoid)", "admm", "sigmoid", d, 20, trial, "test_acc", 0.8+0.01*float64(d), 0.8, 1))
		}
	}
	figs := map[string]figure.Figure{}
	out := t.TempDir()
	_, err := Build(context.Background(), Options{Catalogue: testCatalogue(), Profile: "smoke", Source: src, Out: out, Commit: "c",
		Data: map[string]DataInfo{"earthquake": {Counts: "c", TestClasses: []int{3, 1}}},
		Draw: func(f figure.Figure) ([]byte, error) {
			figs[f.Panels[0].Title] = f
			return []byte("png"), nil
		}})
	if err != nil {
		t.Fatal(err)
	}
	if t8 := read(t, filepath.Join(out, "tables", "table8.md")); !strings.Contains(t8, "majority class everywhere scores **75.00%**") {
		t.Errorf("table8.md lacks the majority-class line:\n%s", t8)
	}
	if readme := read(t, filepath.Join(out, "README.md")); !strings.Contains(readme, "majority class everywhere scores **75.00%**") {
		t.Error("README.md's Table 8 lacks the majority-class line")
	}
	var fig16 figure.Figure
	for title, f := range figs {
		if strings.HasPrefix(title, "(a) the data") {
			fig16 = f
		}
	}
	found := false
	for _, p := range fig16.Panels {
		for _, s := range p.Series {
			found = found || strings.HasPrefix(s.Name, "majority class (75.0%)")
		}
	}
	if !found {
		t.Errorf("Figure 16's accuracy panels lack the majority-class line: %+v", fig16.Panels)
	}
}
