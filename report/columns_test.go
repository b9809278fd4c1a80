package report

import (
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// The validation rule renames the "best" columns and adds the choice's,
// without touching the shared column list.
func TestResultsHeader(t *testing.T) {
	plain := (&resultsView{}).header()
	if !slices.Equal(plain, resultsColumns) || len(plain) != 13 {
		t.Errorf("paper's rule: %q", plain)
	}
	h := (&resultsView{validation: true}).header()
	if len(h) != 14 || h[colBestStructure] != "ours: chosen (d,w)" || h[colBest] != "ours: at the chosen epoch" ||
		h[colChosen] != "chosen on validation: λ, init × scale, epoch (validation value)" || h[colFinal] != "ours: final epoch" {
		t.Errorf("validation rule: %q", h)
	}
	if resultsColumns[colBest] != "ours: best epoch" {
		t.Errorf("header() changed the shared columns: %q", resultsColumns)
	}
}

// The README's depth-cap note groups the algorithms by the depth they were
// capped at, in the order met, and names the table and profile once.
func TestBriefCaps(t *testing.T) {
	v := newResultsWriter(&resultsView{profile: "smoke", it: item{Title: "Table 5: learning f"}})
	v.caps = [][3]string{{"3", "A", "4"}, {"2", "C", "4"}, {"3", "B", "5"}}
	if got, want := v.briefCaps(), "‡ Table 5, depth capped by profile smoke: at 3 for A (paper: 4), B (paper: 5); at 2 for C (paper: 4)."; got != want {
		t.Errorf("briefCaps:\n%q\nwant\n%q", got, want)
	}
}

// With a points store that holds none of a table's runs, every row's
// points cell is pending, and the table says how to run them.
func TestPointsPending(t *testing.T) {
	out, _ := build(t, fixedRuns(), Options{Points: fakeSource{}})
	t3 := read(t, filepath.Join(out, "tables", "table3.md"))
	for _, want := range []string{
		"| ADMM (sigmoid) | (2,40) | 2.00e-9 (1.41e-9) | 3.00e-9 (1.41e-9), rank 1 | 2.00e-9 (1.41e-9) at (2,40) | pending |",
		"| SGD (ReLU) | (2,20) | 5.00e-8 (1.41e-8) | 6.00e-8 (1.41e-8), rank 2 | not run at (3,20)‡ | pending |",
		"*pending*: 5 algorithms have no `points` results yet (`admmlab run --profile points --trials 3 --only square-sweep`).",
	} {
		if !strings.Contains(t3, want) {
			t.Errorf("table3.md lacks %q:\n%s", want, t3)
		}
	}
	if strings.Contains(t3, "| n/a | 5.34e-8") {
		t.Error("a points cell reads n/a though a points store was given")
	}
}
