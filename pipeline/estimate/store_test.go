package estimate

import (
	"path/filepath"
	"testing"
	"time"

	"github.com/admmlab/admmlab/pipeline/runs"
	"github.com/admmlab/admmlab/pipeline/store"
)

// TestStoredCost sums what the store recorded of the runs asked for: CPU
// time where measured, wall time where not, and counts the IDs it lacks.
func TestStoredCost(t *testing.T) {
	path := filepath.Join(t.TempDir(), "runs.db")
	st, err := store.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for i, cost := range []struct{ cpu, wall time.Duration }{
		{90 * time.Second, 100 * time.Second},
		{30 * time.Minute, 31 * time.Minute},
		{0, 45 * time.Second}, // recorded before CPU time was
	} {
		spec := runs.Spec{Data: "square", Algorithm: "admm", Act: "sigmoid", Depth: 2, Width: 4, Init: "msra",
			InitScale: 1, Epochs: 3, Lambda: 1e-6, Beta: 1, Trial: i}
		k := runs.Key{SpecHash: spec.SpecHash(), CodeFingerprint: "code-1", DataDigest: "data-1", Toolchain: "go test"}
		start := time.Date(2026, 12, 4, 5, 0, i, 0, time.UTC)
		r := runs.Record{ID: runs.RunID(k), Key: k, Spec: spec, Status: runs.StatusDone,
			Result:   runs.Result{Metrics: map[string]float64{"train_mse_final": 1}},
			Duration: cost.wall, CPU: cost.cpu, Started: start, Finished: start.Add(cost.wall)}
		if err := st.Put(r); err != nil {
			t.Fatal(err)
		}
		ids = append(ids, r.ID)
	}
	if err := st.Close(); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name string
		path string
		ids  []string
		want Recorded
	}{
		{"measured", path, ids[:2], Recorded{Runs: 2, CPU: 90*time.Second + 30*time.Minute}},
		{"unmeasured at wall time", path, ids, Recorded{Runs: 3, CPU: 90*time.Second + 30*time.Minute, Unmeasured: 1, Wall: 45 * time.Second}},
		{"not held", path, []string{ids[0], "no-such-run"}, Recorded{Runs: 1, CPU: 90 * time.Second, Missing: 1}},
		{"no store", filepath.Join(t.TempDir(), "none.db"), ids, Recorded{Missing: 3}},
		{"nothing asked", path, nil, Recorded{}},
	} {
		got, err := StoredCost(tc.path, tc.ids)
		if err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		if got != tc.want {
			t.Errorf("%s: got %+v, want %+v", tc.name, got, tc.want)
		}
	}
	got, _ := StoredCost(path, ids)
	if want := (90*time.Second + 30*time.Minute + 45*time.Second).Hours(); got.Hours() != want {
		t.Errorf("Hours() = %v, want %v", got.Hours(), want)
	}
}
