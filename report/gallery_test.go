package report

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"
)

// The README's copy of a results table keeps every cell of the columns it
// shows and only those: the paper's structure, *same?*, the times and the
// validation choice (a points cell's too) stay in the file. What every
// points cell shares (epochs and trials, refit status) moves to the header.
func TestBriefTable(t *testing.T) {
	cell := pointsCell{head: "0.9 at (1,60)", run: "200 epochs, 3 trials", tail: briefRefit("; refitted, the 80%-model value: 0.8")}
	v := newResultsWriter(&resultsView{validation: true, order: []string{"A", "B"}})
	v.pointsBrief = map[string]pointsCell{"A": cell, "B": cell}
	row := make([]string, len(v.header()))
	for i := range row {
		row[i] = fmt.Sprintf("c%d", i)
	}
	row[colPoints] = "0.9 at (1,60), 200 epochs, 3 trials; chosen on validation: λ = 1; refitted, the 80%-model value: 0.8"
	floor := append([]string(nil), row...)
	floor[colPoints] = "—"
	// At the paper's (d,w) where that is the chosen structure.
	row[colBest], row[colBestStructure], row[colAtPaper] = "1e-3 (1e-4)", "(2,40)", "1e-3 (1e-4) at (2,40)‡"
	var want []string
	for i, c := range row {
		if !briefDropped[i] {
			want = append(want, c)
		}
	}
	for _, tc := range []struct {
		name       string
		b          pointsCell
		header, pt string
	}{
		{"shared", cell, "points: paper's (d,w), 200 epochs, 3 trials; refitted", "0.9 at (1,60)"},
		{"its own trials", pointsCell{head: cell.head, run: "200 epochs, 2 trials", tail: cell.tail}, resultsColumns[colPoints], "0.9 at (1,60), 200 epochs, 2 trials; refitted"},
		{"pending", pointsCell{head: cell.head, run: cell.run, tail: "; *refit pending*"}, "points: paper's (d,w), 200 epochs, 3 trials", "0.9 at (1,60); *refit pending*"},
	} {
		v.pointsBrief["B"] = tc.b
		got := strings.Split(strings.TrimSpace(v.briefTable([][]string{row, row, floor})), "\n")
		if len(got) != 5 {
			t.Fatalf("%s: brief table has %d lines, want header, separator and 3 rows:\n%s", tc.name, len(got), strings.Join(got, "\n"))
		}
		h := strings.Split(strings.Trim(got[0], "| "), " | ")
		cells := strings.Split(strings.Trim(got[3], "| "), " | ")
		// Columns after the dropped structure column sit one to the left.
		want[colBest-1] = "1e-3 (1e-4) at (2,40)"
		want[colPoints-1] = tc.pt
		want[colAtPaper-1] = "= ours‡"
		if len(h) != len(want) || h[colPoints-1] != tc.header || h[colPaper-1] != "paper" || h[colBest-1] != "ours: at the chosen (d,w) and epoch" {
			t.Errorf("%s: brief header = %q, want %q over the points", tc.name, h, tc.header)
		}
		if strings.Join(cells, "|") != strings.Join(want, "|") {
			t.Errorf("%s: brief row = %q, want %q", tc.name, cells, want)
		}
	}
}

// The README says each thing once: no paragraph of it repeats another (a
// legend, a floor's caption or a verdict written under two items), and the
// profile's description, which every table file states, appears once, at
// the top. Checked on the synthetic store, whose tables, figures and
// notices exercise every kind of entry.
func TestReadmeSaysEachThingOnce(t *testing.T) {
	out, _ := build(t, fixedRuns(), Options{})
	readme := read(t, filepath.Join(out, "README.md"))
	seen := map[string]int{}
	for i, p := range strings.Split(readme, "\n\n") {
		p = strings.TrimSpace(p)
		if p == "" {
			continue
		}
		if j, ok := seen[p]; ok {
			t.Errorf("paragraph %d repeats paragraph %d: %q", i, j, p)
		}
		seen[p] = i
	}
	prof, err := testCatalogue().Profile("smoke")
	if err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(readme, prof.Description); n != 1 {
		t.Errorf("the profile's description %q appears %d times in README.md, want once", prof.Description, n)
	}
}

// A README table folds the columns every row shares into one line and
// drops the ones asked (the machine's times); a column that varies stays.
func TestFoldShared(t *testing.T) {
	header := []string{"Algorithm", "act", "β", "time (s)", "best"}
	rows := [][]string{{"A", "sigmoid", "1", "0.5", "1e-3"}, {"B", "sigmoid", "1", "0.7", "2e-3"}}
	want := "| Algorithm | best |\n|---|---|\n| A | 1e-3 |\n| B | 2e-3 |\n\nValues: MSE; every row: act sigmoid, β 1.\n"
	if got := foldShared(header, rows, map[int]bool{3: true}, "Values: MSE"); got != want {
		t.Errorf("foldShared:\n%s\nwant\n%s", got, want)
	}
	one := [][]string{rows[0]}
	if got := foldShared(header, one, nil, "Values: MSE"); !strings.Contains(got, "| sigmoid | 1 | 0.5 |") || strings.Contains(got, "every row") {
		t.Errorf("a single row folds nothing:\n%s", got)
	}
}
