package report

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"
)

// The README's copy of a results table keeps every cell of the columns it
// shows and only those: the paper's structure, *same?*, the times and the
// validation choice (a points cell's too) stay in the file.
func TestBriefTable(t *testing.T) {
	v := &resultsView{validation: true, order: []string{"A"}, pointsBrief: map[string]string{"A": "0.9 at (1,60)" + briefRefit("; refitted, the 80%-model value: 0.8")}}
	row := make([]string, len(v.header()))
	for i := range row {
		row[i] = fmt.Sprintf("c%d", i)
	}
	row[colPoints] = "0.9 at (1,60); chosen on validation: λ = 1; refitted, the 80%-model value: 0.8"
	floor := append([]string(nil), row...)
	floor[colPoints] = "—"
	got := strings.Split(strings.TrimSpace(v.briefTable([][]string{row, floor})), "\n")
	if len(got) != 4 {
		t.Fatalf("brief table has %d lines, want header, separator and 2 rows:\n%s", len(got), strings.Join(got, "\n"))
	}
	cells := strings.Split(strings.Trim(got[2], "| "), " | ")
	var want []string
	for i, c := range row {
		if !briefDropped[i] {
			want = append(want, c)
		}
	}
	want[colPoints] = "0.9 at (1,60); refitted" // colPoints precedes every dropped column
	if strings.Join(cells, "|") != strings.Join(want, "|") {
		t.Errorf("brief row = %q, want %q", cells, want)
	}
	if h := strings.Split(strings.Trim(got[0], "| "), " | "); len(h) != len(want) || h[colPaper] != "paper" {
		t.Errorf("brief header = %q", h)
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
