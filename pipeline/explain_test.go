package pipeline

import (
	"strings"
	"testing"

	"github.com/admmlab/admmlab/pipeline/runs"
)

// TestRecheck: a stored run whose key is today's is cached (nothing to
// say); under other code it is superseded; a failed one would run again;
// without its data it cannot rerun.
func TestRecheck(t *testing.T) {
	exec := newFake()
	spec := runs.Spec{Data: "square", Algorithm: "sgd", Act: "relu", Depth: 1, Width: 3, Epochs: 2, Samples: 10}
	r := NewResolver(exec, "", nil)
	key, _, err := r.Key(spec)
	if err != nil {
		t.Fatal(err)
	}
	rec := runs.Record{ID: runs.RunID(key), Key: key, Spec: spec, Status: runs.StatusDone}
	check := func(rec runs.Record, want string) {
		t.Helper()
		got, err := Recheck(exec, rec)
		if err != nil || (want == "" && got != "") || !strings.HasPrefix(got, want) {
			t.Errorf("Recheck = %q, %v; want %q…", got, err, want)
		}
	}
	check(rec, "")
	failed := rec
	failed.Status = runs.StatusFailed
	check(failed, "would run again: ")
	exec.code["sgd"] = "s2"
	check(rec, "superseded: ")
	exec.missing["square"] = "not here"
	check(rec, "cannot rerun: ")
}
