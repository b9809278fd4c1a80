package report

import (
	"context"
	"go/ast"
	"go/parser"
	"go/token"
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
