package report

import "testing"

// The README's copy of a results table drops the columns its file keeps,
// header, separator and rows alike; a table without them is unchanged.
func TestSlimTable(t *testing.T) {
	in := "| Algorithm | ours | same? | paper: s/epoch |\n|---|---|---|---|\n| A | 1e-3 | yes | 0.1 |"
	want := "| Algorithm | ours |\n|---|---|\n| A | 1e-3 |"
	if got := slimTable(in); got != want {
		t.Errorf("slimTable:\n%s\nwant\n%s", got, want)
	}
	plain := "| task | samples |\n|---|---|\n| x | 1000 |"
	if got := slimTable(plain); got != plain {
		t.Errorf("a table without dropped columns changed:\n%s", got)
	}
}
