package report

import (
	"context"
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"slices"
	"testing"

	"github.com/admmlab/admmlab/report/plot"
)

// Build runs every item's analysis first, then judges the claims, then
// writes the items in order: an item placed before the others that shows
// the judged claims (the scorecard) still sees them all.
func TestBuildAnalyzesThenJudgesThenWrites(t *testing.T) {
	saved := items
	t.Cleanup(func() { items = saved })
	var events []string
	fake := func(b *builder, it item) (func() error, error) {
		events = append(events, "analyze "+it.ID)
		return func() error {
			if b.an.Claims == nil {
				t.Errorf("%s is written before the claims are judged", it.ID)
			}
			events = append(events, "write "+it.ID)
			return nil
		}, nil
	}
	items = []item{{ID: "scorecard", analyze: fake}, {ID: "table3", analyze: fake}, {ID: "fig7", analyze: fake}}
	_, err := Build(context.Background(), Options{Catalogue: testCatalogue(), Profile: "smoke", Source: fixedRuns(), Out: t.TempDir(), Commit: "c", Draw: plot.PNG})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"analyze scorecard", "analyze table3", "analyze fig7", "write scorecard", "write table3", "write fig7"}
	if !slices.Equal(events, want) {
		t.Errorf("steps %v, want %v", events, want)
	}
}

// The claims are judged from the analysis and the claims file alone: no
// judge reads summary.json's numbers, the builder or the runs.
func TestClaimsReadOnlyTheAnalysis(t *testing.T) {
	fset := token.NewFileSet()
	for _, name := range []string{"claims.go", "claims_more.go", "claims_panels.go"} {
		f, err := parser.ParseFile(fset, name, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		ast.Inspect(f, func(n ast.Node) bool {
			switch x := n.(type) {
			case *ast.Ident:
				if x.Name == "builder" || x.Name == "expRuns" {
					t.Errorf("%s: the claims read %s", fset.Position(x.Pos()), x.Name)
				}
			case *ast.SelectorExpr:
				of := ""
				switch y := x.X.(type) {
				case *ast.Ident:
					of = y.Name
				case *ast.SelectorExpr:
					of = y.Sel.Name
				}
				if s := x.Sel.Name; (s == "Summary" && of == "an") || s == "sum" || s == "stats" || s == "contests" || s == "layerRatios" {
					t.Errorf("%s: the claims read .%s", fset.Position(x.Pos()), s)
				}
			}
			return true
		})
	}
}

// Build returns the analysis it wrote the report from: the numbers of
// summary.json are its Summary's, the scorecard's claims its Claims.
func TestBuildReturnsTheAnalysis(t *testing.T) {
	out, res := build(t, fixedRuns(), Options{})
	an := res.Analysis
	if an == nil || an.Claims == nil || an.Rankings == nil {
		t.Fatalf("no analysis, claims or rankings: %+v", an)
	}
	t3, ok := an.Tables["table3"]
	if !ok || len(t3.Cells) == 0 || t3.Contest == nil {
		t.Fatalf("table3: %+v, want its chosen cells and its contest", t3)
	}
	for l, c := range t3.Cells {
		if c.Rule != rulePaper || (c.Best.Valid() && c.Depth == 0) {
			t.Errorf("table3 %s: %+v, want a structure chosen by the paper's rule", l, c)
		}
	}
	s, err := ParseSummary([]byte(read(t, filepath.Join(out, "summary.json"))))
	if err != nil {
		t.Fatal(err)
	}
	if len(s.Numbers) != len(an.Summary.Numbers) {
		t.Errorf("summary.json has %d numbers, the analysis %d", len(s.Numbers), len(an.Summary.Numbers))
	}
}
