package report

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"strings"
	"testing"

	"github.com/admmlab/admmlab/report/figure"
)

// writers are the functions that make the report's Markdown, figures and
// README from the analysis; the methods of resultsWriter are writers too.
var writers = map[string]bool{"resultsMarkdown": true, "galleryMarkdown": true, "scorecardMarkdown": true, "extraMarkdown": true,
	"settingsMarkdown": true, "settingsRow": true, "initEntry": true, "scaleText": true, "figureModel": true, "writeEntry": true, "once": true, "scorecardAnswer": true}

// The writers read the analysis (and the definitions and the paper's
// tables) only: none is a method of the builder or names it, an
// experiment's runs, the curves or the options.
func TestWritersReadOnlyTheAnalysis(t *testing.T) {
	fset := token.NewFileSet()
	names, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	found := map[string]bool{}
	for _, name := range names {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range f.Decls {
			fn, ok := d.(*ast.FuncDecl)
			if !ok || !(writers[fn.Name.Name] || receiverIs(fn, "resultsWriter")) {
				continue
			}
			found[fn.Name.Name] = true
			if receiverIs(fn, "builder") {
				t.Errorf("%s: writer %s is a method of the builder", fset.Position(fn.Pos()), fn.Name.Name)
			}
			ast.Inspect(fn, func(n ast.Node) bool {
				if x, ok := n.(*ast.Ident); ok && (x.Name == "builder" || x.Name == "Options" || x.Name == "curveCache" || x.Name == "expRuns") {
					t.Errorf("%s: writer %s names %s", fset.Position(x.Pos()), fn.Name.Name, x.Name)
				}
				return true
			})
		}
	}
	for w := range writers {
		if !found[w] {
			t.Errorf("writer %s not found", w)
		}
	}
}

// receiverIs says that fn is a method of *name or name.
func receiverIs(fn *ast.FuncDecl, name string) bool {
	if fn.Recv == nil || len(fn.Recv.List) == 0 {
		return false
	}
	typ := fn.Recv.List[0].Type
	if star, ok := typ.(*ast.StarExpr); ok {
		typ = star.X
	}
	id, ok := typ.(*ast.Ident)
	return ok && id.Name == name
}

// A figure is drawn from its analysis alone: panels and observations
// built by hand give the figure and its README entry.
func TestFigureFromAnalysis(t *testing.T) {
	fa := &FigureAnalysis{Panels: []figure.Panel{{Title: "(a)"}, noticePanel("(b)", "no runs")}, Verdicts: []string{"(a): flat"}, Notices: 1}
	it := item{ID: "fig6", Title: "Figure 6", Cols: 2, Panels: make([]panelSpec, 2)}
	f, g := figureModel(fa, it)
	if f.Cols != 2 || len(f.Panels) != 2 || f.Panels[1].Notice != "no runs" {
		t.Errorf("figure %+v", f)
	}
	if g.File != "figures/fig6.png" || !g.Figure || g.Verdict != "(a): flat" || g.Notices != 1 || g.Panels != 2 {
		t.Errorf("README entry %+v", g)
	}
}
