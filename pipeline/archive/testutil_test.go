package archive

import (
	"context"
	"math"
	"path/filepath"
	"testing"
	"time"

	"github.com/admmlab/admmlab/pipeline/runs"
	"github.com/admmlab/admmlab/pipeline/store"
)

// testKey is the key every test run is stored under but its spec hash.
var testKey = runs.Key{CodeFingerprint: "code-1", DataDigest: "data-1", Toolchain: "go1.x test/amd64"}

// testRecord is a done run of trial i with whole-net and per-layer curves,
// non-finite values and a wall-clock metric.
func testRecord(i int) runs.Record {
	spec := runs.Spec{Data: "square", Algorithm: "admm", Act: "sigmoid", Depth: 2, Width: 4, Init: "msra",
		InitScale: 8, Epochs: 3, Lambda: 1e-6, Beta: 1, Trial: i}
	k := testKey
	k.SpecHash = spec.SpecHash()
	start := time.Date(2026, 11, 30, 12, 0, i, 123456789, time.UTC)
	return runs.Record{ID: runs.RunID(k), Key: k, Spec: spec, Status: runs.StatusDone,
		Result: runs.Result{
			Metrics: map[string]float64{"train_mse_final": 0.25 / float64(i+1), "test_mse_best": math.Inf(1), "seconds": 1.5},
			Curves:  map[string][]float64{"train_mse": {1, 0.5, 0.25 / float64(i+1)}, "kkt": {math.NaN(), math.Copysign(0, -1), 3}},
			Layers:  map[string][][]float64{runs.LayerNorm: {{1, 2, 3}, {4, 5, float64(i)}}},
		},
		Duration: 1500 * time.Millisecond, Started: start, Finished: start.Add(1500 * time.Millisecond),
		Host: "host-a", Commit: "abc123"}
}

// testStore is a store holding n test runs, all named by one plan of
// experiment "exp" under profile "quick" (label "ADMM").
func testStore(t *testing.T, n int) (*store.Store, []runs.Record) {
	t.Helper()
	st, err := store.Open(filepath.Join(t.TempDir(), "runs.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	var recs []runs.Record
	var entries []store.PlanEntry
	for i := range n {
		r := testRecord(i)
		if err := st.Put(r); err != nil {
			t.Fatal(err)
		}
		recs = append(recs, r)
		entries = append(entries, store.PlanEntry{Label: "ADMM", RunID: r.ID})
	}
	savePlan(t, st, "exp", entries, time.Date(2026, 11, 30, 13, 0, 0, 0, time.UTC))
	return st, recs
}

func savePlan(t *testing.T, st *store.Store, exp string, entries []store.PlanEntry, at time.Time) {
	t.Helper()
	if err := st.SavePlan(context.Background(), exp, "quick", entries, at); err != nil {
		t.Fatal(err)
	}
}

// sameKeyer keys every spec as the test runs were keyed.
func sameKeyer(spec runs.Spec) (runs.Key, string, error) {
	k := testKey
	k.SpecHash = spec.SpecHash()
	return k, "", nil
}
