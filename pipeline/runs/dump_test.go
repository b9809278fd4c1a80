package runs

import (
	"strings"
	"testing"
	"time"
)

func TestDump(t *testing.T) {
	r := Record{ID: "id", Status: StatusDone, Result: Result{Metrics: map[string]float64{"b": 0.30000000000000004, "a": 1, "seconds": 3}}}
	if got, want := r.Dump(), "id done a=1 b=0.30000000000000004"; got != want {
		t.Errorf("Dump = %q, want %q", got, want)
	}
	if got, want := (Record{ID: "id", Status: StatusFailed}).Dump(), "id failed "; got != want {
		t.Errorf("Dump without metrics = %q, want %q", got, want)
	}
}

// explain shows a run's CPU time, and says when it was not measured.
func TestExplainCPU(t *testing.T) {
	for _, c := range []struct {
		cpu  time.Duration
		want string
	}{
		{81588 * time.Millisecond, "\n  cpu              1m21.588s\n"},
		{0, "\n  cpu              not measured\n"},
	} {
		var b strings.Builder
		Record{ID: "id", Status: StatusDone, Duration: 90 * time.Second, CPU: c.cpu}.Explain(&b)
		if !strings.Contains(b.String(), c.want) {
			t.Errorf("Explain with CPU %s:\n%s\nwant a line %q", c.cpu, b.String(), c.want)
		}
	}
}
