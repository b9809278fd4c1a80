package store

import (
	"context"
	"errors"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/admmlab/admmlab/pipeline/runs"
)

func TestStoreRoundTripAndMigration(t *testing.T) {
	path := filepath.Join(t.TempDir(), "old.db")
	// Build a v1 store by hand, as the first release wrote it.
	old, err := openDB(path, false)
	if err != nil {
		t.Fatal(err)
	}
	if err := migrate(old.db, 1); err != nil {
		t.Fatal(err)
	}
	spec := runs.Spec{Data: "square", Algorithm: "sgd", Act: "relu", Depth: 1, Width: 3, Epochs: 2, Samples: 10}
	k := runs.Key{SpecHash: spec.SpecHash(), CodeFingerprint: "c", DataDigest: "d", Toolchain: "t"}
	if _, err := old.db.Exec(`INSERT INTO runs (id, spec_hash, code_fingerprint, data_digest, toolchain, spec, status, metrics)
		VALUES (?, ?, 'c', 'd', 't', ?, 'done', '{"train_mse_final": 0.5}')`, runs.RunID(k), k.SpecHash, string(spec.Canonical())); err != nil {
		t.Fatal(err)
	}
	if _, err := old.db.Exec(`INSERT INTO memberships VALUES ('e', 'SGD', ?, 'quick')`, runs.RunID(k)); err != nil {
		t.Fatal(err)
	}
	old.db.Close()

	st, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	var v int
	st.db.QueryRow(`PRAGMA user_version`).Scan(&v)
	if v != SchemaVersion || v < 2 {
		t.Fatalf("user_version %d after migration, want %d", v, SchemaVersion)
	}
	ctx := context.Background()
	recs, err := st.Results("quick").ExperimentRuns(ctx, "e")
	if err != nil || len(recs) != 1 || recs[0].Result.Metrics["train_mse_final"] != 0.5 || recs[0].Host != "" || recs[0].Key != k || recs[0].CPU != 0 {
		t.Fatalf("v1 run after migration: %+v %v", recs, err)
	}

	// Exact round trip of a v2 record, including non-finite values.
	now := time.Date(2024, 1, 2, 3, 4, 5, 6, time.UTC)
	spec.Trial = 1
	rec := runs.Record{Key: runs.Key{SpecHash: spec.SpecHash(), CodeFingerprint: "c", DataDigest: "d", Toolchain: "t"}, Spec: spec, Status: runs.StatusDone,
		Result: runs.Result{Metrics: map[string]float64{"a": 0.1 + 0.2, "b": math.Inf(-1), "c": math.NaN()},
			Curves: map[string][]float64{"x": {1, math.Nextafter(1, 2), math.Inf(1)}, "y": {}}, Diverged: true, DivergedEpoch: 3,
			Layers: map[string][][]float64{runs.LayerNorm: {{1, 2, math.NaN()}, {3, 4, 5}}}},
		Duration: 1500 * time.Millisecond, CPU: 1234 * time.Millisecond, Started: now, Finished: now.Add(time.Second), Host: "h", Commit: "abc-dirty"}
	rec.ID = runs.RunID(rec.Key)
	if err := st.Put(rec); err != nil {
		t.Fatal(err)
	}
	// A later failure of the same ID does not replace the done run.
	failed := rec
	failed.Status, failed.Error = runs.StatusFailed, "boom"
	if err := st.Put(failed); err != nil {
		t.Fatal(err)
	}
	got, ok, err := st.Get(ctx, rec.ID)
	if !ok || err != nil {
		t.Fatal(ok, err)
	}
	m := got.Result.Metrics
	if got.Status != runs.StatusDone || m["a"] != 0.1+0.2 || !math.IsInf(m["b"], -1) || !math.IsNaN(m["c"]) ||
		math.Float64bits(got.Result.Curves["x"][1]) != math.Float64bits(math.Nextafter(1, 2)) ||
		!math.IsInf(got.Result.Curves["x"][2], 1) || len(got.Result.Curves["y"]) != 0 ||
		len(got.Result.Layers[runs.LayerNorm]) != 2 || got.Result.Layers[runs.LayerNorm][1][2] != 5 ||
		!math.IsNaN(got.Result.Layers[runs.LayerNorm][0][2]) ||
		!got.Result.Diverged || got.Result.DivergedEpoch != 3 || got.Duration != rec.Duration || got.CPU != rec.CPU ||
		!got.Started.Equal(now) || got.Commit != "abc-dirty" || got.Key != rec.Key {
		t.Errorf("round trip: %+v", got)
	}
	var typ string
	st.db.QueryRow(`SELECT json_type(metrics, '$.a') FROM runs WHERE id = ?`, rec.ID).Scan(&typ)
	if typ != "real" {
		t.Errorf("json_type of a finite metric = %q", typ)
	}
	// A CPU time measured below the store's millisecond is kept as 1 ms:
	// 0 would say it was not measured.
	fast := rec
	fast.Spec.Trial = 2
	fast.Key.SpecHash = fast.Spec.SpecHash()
	fast.ID, fast.CPU = runs.RunID(fast.Key), 300*time.Microsecond
	if err := st.Put(fast); err != nil {
		t.Fatal(err)
	}
	if got, _, err := st.Get(ctx, fast.ID); err != nil || got.CPU != time.Millisecond {
		t.Errorf("a run of 0.3 ms of CPU time read back as %s, %v; want 1ms", got.CPU, err)
	}
	if v, err := st.IntegrityCheck(); v != "ok" || err != nil {
		t.Errorf("integrity_check %q %v", v, err)
	}
}

func TestStoreIsWAL(t *testing.T) {
	path := filepath.Join(t.TempDir(), "w.db")
	st, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	var mode string
	st.db.QueryRow(`PRAGMA journal_mode`).Scan(&mode)
	if mode != "wal" {
		t.Errorf("journal_mode %q", mode)
	}
	// A newer schema than this code knows is refused, not misread.
	st.db.Exec(`PRAGMA user_version = 99`)
	if err := migrate(st.db, SchemaVersion); err == nil || !strings.Contains(err.Error(), "newer") {
		t.Errorf("newer schema: %v", err)
	}
	st.db.Exec(fmt.Sprintf(`PRAGMA user_version = %d`, SchemaVersion))
}

func TestLock(t *testing.T) {
	path := filepath.Join(t.TempDir(), "runs.db")
	l, err := AcquireLock(path, 0)
	if err != nil {
		t.Fatal(err)
	}
	_, err = AcquireLock(path, 50*time.Millisecond)
	var le *LockedError
	if !errors.As(err, &le) || !strings.Contains(le.Error(), path) || !strings.Contains(le.Holder, "pid "+strconv.Itoa(os.Getpid())) {
		t.Fatalf("second lock: %v", err)
	}
	l.Release()
	l2, err := AcquireLock(path, 0)
	if err != nil {
		t.Fatalf("after release: %v", err)
	}
	l2.Release()
}

// A store of schema v4, before runs had cpu_ms, is read as it is by the
// read-only commands, each run's CPU time 0 (not measured), by every
// reader of runs; run migrates it, and its runs keep CPU 0.
func TestOpenExistingReadsStoreWithoutCPU(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "v4.db")
	old, err := openDB(path, false)
	if err != nil {
		t.Fatal(err)
	}
	if err := migrate(old.db, cpuSchema-1); err != nil {
		t.Fatal(err)
	}
	r := mergeRec(0, runs.StatusDone)
	for _, q := range []struct {
		sql  string
		args []any
	}{
		{`INSERT INTO runs (id, spec_hash, code_fingerprint, data_digest, toolchain, spec, status, metrics, duration_ms, host)
			VALUES (?, ?, 'c', 'd', 't', ?, 'done', '{"train_mse_final": 0.5}', 1500, 'h')`, []any{r.ID, r.Key.SpecHash, string(r.Spec.Canonical())}},
		{`INSERT INTO plans VALUES ('p', 'e', 'quick', '2026-01-01T00:00:00Z')`, nil},
		{`INSERT INTO memberships VALUES ('p', 'e', 'ADMM', ?, 'quick')`, []any{r.ID}},
	} {
		if _, err := old.db.Exec(q.sql, q.args...); err != nil {
			t.Fatal(err)
		}
	}
	old.db.Close()

	check := func(st *Store, when string) {
		t.Helper()
		var got []runs.Record
		if rec, ok, err := st.Get(ctx, r.ID); !ok || err != nil {
			t.Fatalf("%s: Get: %v %v", when, ok, err)
		} else {
			got = append(got, rec)
		}
		ix, err := st.Index(ctx)
		if err != nil {
			t.Fatalf("%s: Index: %v", when, err)
		}
		got = append(got, ix.ByID[r.ID])
		all, err := st.All(ctx)
		if err != nil {
			t.Fatalf("%s: All: %v", when, err)
		}
		got = append(got, all...)
		if err := st.EachRun(ctx, func(rec runs.Record) error { got = append(got, rec); return nil }); err != nil {
			t.Fatalf("%s: EachRun: %v", when, err)
		}
		labeled, err := st.Results("quick").ExperimentRuns(ctx, "e")
		if err != nil || len(labeled) != 1 {
			t.Fatalf("%s: ExperimentRuns: %d runs, %v", when, len(labeled), err)
		}
		for _, l := range labeled {
			got = append(got, l.Record)
		}
		if len(got) != 5 {
			t.Fatalf("%s: %d records read, want 5", when, len(got))
		}
		for _, rec := range got {
			if rec.ID != r.ID || rec.CPU != 0 || rec.Duration != 1500*time.Millisecond || rec.Host != "h" {
				t.Errorf("%s: read %s, CPU %s, duration %s, host %q; want CPU 0 (not measured), 1.5s, h", when, rec.ID, rec.CPU, rec.Duration, rec.Host)
			}
		}
	}
	ro, err := OpenExisting(path)
	if err != nil {
		t.Fatalf("v4 store read as it is: %v", err)
	}
	check(ro, "read-only")
	var v int
	ro.db.QueryRow(`PRAGMA user_version`).Scan(&v)
	ro.Close()
	if v != cpuSchema-1 {
		t.Errorf("user_version %d after a read-only open, want %d (not migrated)", v, cpuSchema-1)
	}
	// It merges as it is too, its runs' CPU time 0.
	dst, _ := newStore(t, "dst.db")
	if added, err := dst.Merge(ctx, path); err != nil || added != 1 {
		t.Fatalf("merging the v4 store: %d, %v", added, err)
	}
	check(dst, "merged")
	st, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	check(st, "migrated")
}
