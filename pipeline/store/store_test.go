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
	if err != nil || len(recs) != 1 || recs[0].Result.Metrics["train_mse_final"] != 0.5 || recs[0].Host != "" || recs[0].Key != k {
		t.Fatalf("v1 run after migration: %+v %v", recs, err)
	}

	// Exact round trip of a v2 record, including non-finite values.
	now := time.Date(2024, 1, 2, 3, 4, 5, 6, time.UTC)
	spec.Trial = 1
	rec := runs.Record{Key: runs.Key{SpecHash: spec.SpecHash(), CodeFingerprint: "c", DataDigest: "d", Toolchain: "t"}, Spec: spec, Status: runs.StatusDone,
		Result: runs.Result{Metrics: map[string]float64{"a": 0.1 + 0.2, "b": math.Inf(-1), "c": math.NaN()},
			Curves: map[string][]float64{"x": {1, math.Nextafter(1, 2), math.Inf(1)}, "y": {}}, Diverged: true, DivergedEpoch: 3,
			Layers: map[string][][]float64{runs.LayerNorm: {{1, 2, math.NaN()}, {3, 4, 5}}}},
		Duration: 1500 * time.Millisecond, Started: now, Finished: now.Add(time.Second), Host: "h", Commit: "abc-dirty"}
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
		!got.Result.Diverged || got.Result.DivergedEpoch != 3 || got.Duration != rec.Duration ||
		!got.Started.Equal(now) || got.Commit != "abc-dirty" || got.Key != rec.Key {
		t.Errorf("round trip: %+v", got)
	}
	var typ string
	st.db.QueryRow(`SELECT json_type(metrics, '$.a') FROM runs WHERE id = ?`, rec.ID).Scan(&typ)
	if typ != "real" {
		t.Errorf("json_type of a finite metric = %q", typ)
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
