package runs

import "testing"

func TestDump(t *testing.T) {
	r := Record{ID: "id", Status: StatusDone, Result: Result{Metrics: map[string]float64{"b": 0.30000000000000004, "a": 1, "seconds": 3}}}
	if got, want := r.Dump(), "id done a=1 b=0.30000000000000004"; got != want {
		t.Errorf("Dump = %q, want %q", got, want)
	}
	if got, want := (Record{ID: "id", Status: StatusFailed}).Dump(), "id failed "; got != want {
		t.Errorf("Dump without metrics = %q, want %q", got, want)
	}
}
