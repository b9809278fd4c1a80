package report

import (
	"context"
	"flag"
	"github.com/admmlab/admmlab/report/plot"
	"os"
	"path/filepath"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

func build(t *testing.T, src fakeSource, opt Options) (string, Result) {
	t.Helper()
	out := t.TempDir()
	opt.Catalogue, opt.Source, opt.Out, opt.Draw = testCatalogue(), src, out, plot.PNG
	if opt.Profile == "" {
		opt.Profile = "smoke"
	}
	if opt.Commit == "" {
		opt.Commit = "abc1234"
	}
	res, err := Build(context.Background(), opt)
	if err != nil {
		t.Fatal(err)
	}
	return out, res
}

func read(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestTable3Golden(t *testing.T) {
	out, _ := build(t, fixedRuns(), Options{})
	got := read(t, filepath.Join(out, "tables", "table3.md"))
	golden := filepath.Join("testdata", "table3.golden.md")
	if *update {
		if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want := read(t, golden)
	if got != want {
		t.Errorf("table3.md differs from %s (rerun with -update after checking):\n%s", golden, got)
	}
}
