package pipeline

import (
	"bytes"
	"context"
	"fmt"
	"path/filepath"
	"testing"

	"github.com/admmlab/admmlab/pipeline/runs"
	"github.com/admmlab/admmlab/pipeline/store"
)

// Shards that read the merged store as their base and write only their own
// runs, merged stage by stage, end with the results of one process, and
// run every run exactly once: no shard copies the merged store, and none
// redoes a run the base holds.
func TestShardsOnBaseEqualOneRun(t *testing.T) {
	dir := t.TempDir()
	one := filepath.Join(dir, "one.db")
	if _, out, err := runOnce(t, one, newFake(), mustPlan(t, "full"), Options{Jobs: 2}); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	main := filepath.Join(dir, "main.db")
	f := newFake()
	const n = 3
	for round := 1; round <= 3; round++ {
		base, closeBase := readIndex(t, main)
		for i := 1; i <= n; i++ {
			shard := filepath.Join(dir, fmt.Sprintf("r%d-s%d.db", round, i))
			st, err := store.Open(shard)
			if err != nil {
				t.Fatal(err)
			}
			var buf bytes.Buffer
			_, err = (&Runner{Store: st, Exec: f, Base: base, Opt: Options{Jobs: 1, Shard: i, Shards: n}}).Run(context.Background(), mustPlan(t, "full"))
			st.Close()
			if err != nil {
				t.Fatalf("round %d shard %d: %v\n%s", round, i, err, buf.String())
			}
		}
		closeBase()
		dst, err := store.Open(main)
		if err != nil {
			t.Fatal(err)
		}
		for i := 1; i <= n; i++ {
			if _, err := dst.Merge(context.Background(), filepath.Join(dir, fmt.Sprintf("r%d-s%d.db", round, i))); err != nil {
				t.Fatal(err)
			}
		}
		dst.Close()
	}
	if got, want := metricsByID(t, main), metricsByID(t, one); !mapsEqual(got, want) {
		t.Errorf("merged shards on a base hold %d runs, one process %d, or their results differ", len(got), len(want))
	}
	for h, c := range f.calls {
		if c != 1 {
			t.Errorf("spec %s ran %d times, want once", h[:12], c)
		}
	}
	if got, want := f.executions(), len(metricsByID(t, one)); got != want {
		t.Errorf("%d executions, want %d (one per run)", got, want)
	}
	// A shard's own store holds only what it ran: round 2's stores have no
	// run of round 1.
	r1 := map[string]bool{}
	for i := 1; i <= n; i++ {
		for id := range metricsByID(t, filepath.Join(dir, fmt.Sprintf("r1-s%d.db", i))) {
			r1[id] = true
		}
	}
	for i := 1; i <= n; i++ {
		for id := range metricsByID(t, filepath.Join(dir, fmt.Sprintf("r2-s%d.db", i))) {
			if r1[id] {
				t.Errorf("round 2 shard %d holds run %s of round 1", i, id[:12])
			}
		}
	}
}

// readIndex opens a base store read-only and reads its index; the store
// stays open until close, since the index reads validation curves from it.
func readIndex(t *testing.T, path string) (ix *store.Index, close func()) {
	t.Helper()
	st, err := store.OpenExisting(path)
	if err != nil {
		t.Fatal(err)
	}
	if st == nil {
		return nil, func() {}
	}
	ix, err = st.Index(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return ix, func() { st.Close() }
}

func TestOverlay(t *testing.T) {
	done := runs.Record{ID: "a", Status: runs.StatusDone, Key: runs.Key{SpecHash: "h"}}
	failed := runs.Record{ID: "a", Status: runs.StatusFailed, Key: runs.Key{SpecHash: "h"}}
	other := runs.Record{ID: "b", Status: runs.StatusFailed, Key: runs.Key{SpecHash: "h"}}
	other.Finished = other.Finished.Add(1)
	mk := func(rs ...runs.Record) *store.Index {
		ix := &store.Index{ByID: map[string]runs.Record{}, Latest: map[string]runs.Record{}}
		for _, r := range rs {
			ix.Add(r)
		}
		return ix
	}
	for _, tc := range []struct {
		name       string
		own, base  *store.Index
		wantStatus string
		wantLatest string
	}{
		{"done in base wins over failed in own", mk(failed), mk(done), runs.StatusDone, "a"},
		{"done in own wins over failed in base", mk(done), mk(failed), runs.StatusDone, "a"},
		{"later finished is latest", mk(done), mk(other), runs.StatusDone, "b"},
		{"no base", mk(failed), nil, runs.StatusFailed, "a"},
	} {
		got := tc.own.Overlay(tc.base)
		if got.ByID["a"].Status != tc.wantStatus || got.Latest["h"].ID != tc.wantLatest {
			t.Errorf("%s: status %s latest %s, want %s %s", tc.name, got.ByID["a"].Status, got.Latest["h"].ID, tc.wantStatus, tc.wantLatest)
		}
	}
}
