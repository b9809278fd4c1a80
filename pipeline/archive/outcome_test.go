package archive

import (
	"strings"
	"testing"
)

func TestParsePercent(t *testing.T) {
	for _, c := range []struct {
		in   string
		want float64
		ok   bool
	}{{"2", 2, true}, {"2%", 2, true}, {"0.5", 0.5, true}, {"100", 100, true}, {"", 0, false}, {"0", 0, false}, {"101", 0, false}, {"x", 0, false}} {
		got, err := ParsePercent(c.in)
		if (err == nil) != c.ok || got != c.want {
			t.Errorf("ParsePercent(%q) = %g, %v; want %g, ok %t", c.in, got, err, c.want, c.ok)
		}
	}
}

// TestTally: a run that differs or a damaged file fails the verification,
// and so does a sample of which nothing was recomputed; skipped runs alone
// in a sample with one identical run do not.
func TestTally(t *testing.T) {
	id := strings.Repeat("a", 64)
	ok, skip := Check{ID: id}, Check{ID: id, Skip: "data not available"}
	bad := Check{ID: id, Diffs: []string{"metric m: 1 → 2"}}
	for _, c := range []struct {
		checks  []Check
		damaged []string
		fails   string
	}{
		{[]Check{ok, skip}, nil, ""},
		{nil, nil, ""},
		{[]Check{skip}, nil, "nothing verified"},
		{[]Check{ok, bad}, nil, "1 of 2 runs differ"},
		{[]Check{ok}, []string{"aaaa (hash)"}, "1 archived files altered"},
	} {
		err := Tally(c.checks, c.damaged).Err()
		if (err == nil) != (c.fails == "") || (err != nil && !strings.Contains(err.Error(), c.fails)) {
			t.Errorf("Tally(%d checks, %v).Err() = %v, want %q", len(c.checks), c.damaged, err, c.fails)
		}
	}
}
