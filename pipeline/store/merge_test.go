package store

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/admmlab/admmlab/pipeline/runs"
)

// mergeRec is a stored run whose ID, spec and results follow from trial
// and status, so that two stores can hold the same or different runs.
func mergeRec(trial int, status string) runs.Record {
	spec := runs.Spec{Data: "square", Algorithm: "admm", Act: "sigmoid", Depth: 1, Width: 3, Epochs: 3, Samples: 10, Trial: trial}
	r := runs.Record{Key: runs.Key{SpecHash: spec.SpecHash(), CodeFingerprint: "c", DataDigest: "d", Toolchain: "t"}, Spec: spec, Status: status, Host: "h-" + status, Commit: "abc",
		Duration: time.Duration(trial+1) * time.Second, CPU: time.Duration(trial+1) * 700 * time.Millisecond, Started: time.Date(2026, 1, 1, 0, 0, trial, 0, time.UTC)}
	r.ID = runs.RunID(r.Key)
	r.Finished = r.Started.Add(r.Duration)
	if status == runs.StatusDone {
		r.Result = runs.Result{Metrics: map[string]float64{"train_mse_final": 1 / float64(trial+3)},
			Curves: map[string][]float64{"train_mse": {1, 0.5, 1 / float64(trial+3)}, "val_mse": {2, 1, 0.5}}}
	} else {
		r.Error = "boom"
	}
	return r
}

func newStore(t *testing.T, name string, recs ...runs.Record) (*Store, string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	st, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	for _, r := range recs {
		if err := st.Put(r); err != nil {
			t.Fatal(err)
		}
	}
	return st, path
}

// rowsOf reads a table's rows as stored, every column, in key order.
func rowsOf(t *testing.T, st *Store, query string) [][]any {
	t.Helper()
	rows, err := st.db.Query(query)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	cols, _ := rows.Columns()
	var out [][]any
	for rows.Next() {
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			t.Fatal(err)
		}
		out = append(out, vals)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

func TestMergeRules(t *testing.T) {
	const none = ""
	for _, c := range []struct {
		dst, src  string // the run's status in each store; none: absent
		want      string // its status after the merge
		fromSrc   bool   // the merged row is the source's, column for column
		wantAdded int
	}{
		{none, runs.StatusDone, runs.StatusDone, true, 1},
		{none, runs.StatusFailed, runs.StatusFailed, true, 1},
		{runs.StatusFailed, runs.StatusDone, runs.StatusDone, true, 1},
		{runs.StatusDone, runs.StatusDone, runs.StatusDone, false, 0},
		{runs.StatusDone, runs.StatusFailed, runs.StatusDone, false, 0},
		{runs.StatusFailed, runs.StatusFailed, runs.StatusFailed, false, 0},
	} {
		t.Run(fmt.Sprintf("%s<-%s", c.dst, c.src), func(t *testing.T) {
			ctx := context.Background()
			src, srcPath := newStore(t, "src.db", mergeRec(0, c.src))
			var recs []runs.Record
			if c.dst != none {
				d := mergeRec(0, c.dst)
				d.Host, d.Started, d.CPU = "dst", d.Started.Add(time.Hour), 0 // tells the rows apart
				recs = append(recs, d)
			}
			dst, _ := newStore(t, "dst.db", recs...)
			before := rowsOf(t, dst, `SELECT * FROM runs`)
			added, err := dst.Merge(ctx, srcPath)
			if err != nil || added != c.wantAdded {
				t.Fatalf("Merge: added %d, %v; want %d", added, err, c.wantAdded)
			}
			got := rowsOf(t, dst, `SELECT * FROM runs`)
			want := before
			if c.fromSrc {
				want = rowsOf(t, src, `SELECT * FROM runs`)
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("runs after merge:\n got %v\nwant %v", got, want)
			}
			r, ok, err := dst.Get(ctx, mergeRec(0, c.src).ID)
			if !ok || err != nil || r.Status != c.want {
				t.Errorf("Get: %+v %v %v, want status %s", r, ok, err, c.want)
			}
			if wantCPU := map[bool]time.Duration{true: 700 * time.Millisecond}[c.fromSrc || c.dst == none]; r.CPU != wantCPU {
				t.Errorf("Get: CPU %s, want %s (the merged row's)", r.CPU, wantCPU)
			}
		})
	}
}

func TestMergeUnionsPlans(t *testing.T) {
	ctx := context.Background()
	a, b := mergeRec(0, runs.StatusDone), mergeRec(1, runs.StatusDone)
	t0 := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	src, srcPath := newStore(t, "src.db", a, b)
	dst, _ := newStore(t, "dst.db", a)
	// The same plan in both stores, dated differently; a plan only the
	// source has; one only the destination has.
	plan := []PlanEntry{{"ADMM", a.ID}, {"ADMM", b.ID}}
	for _, p := range []struct {
		st  *Store
		exp string
		at  time.Time
	}{{dst, "e", t0}, {src, "e", t0.Add(time.Hour)}, {src, "f", t0}, {dst, "g", t0}} {
		if err := p.st.SavePlan(ctx, p.exp, "quick", plan, p.at); err != nil {
			t.Fatal(err)
		}
	}
	added, err := dst.Merge(ctx, srcPath)
	if err != nil || added != 1 {
		t.Fatalf("Merge: %d, %v", added, err)
	}
	plans := rowsOf(t, dst, `SELECT experiment, planned_at FROM plans ORDER BY experiment`)
	want := [][]any{{"e", t0.Add(time.Hour).Format(timeLayout)}, {"f", t0.Format(timeLayout)}, {"g", t0.Format(timeLayout)}}
	if !reflect.DeepEqual(plans, want) {
		t.Errorf("plans %v, want %v", plans, want)
	}
	if m := rowsOf(t, dst, `SELECT count(*) FROM memberships`); m[0][0] != int64(6) {
		t.Errorf("%v memberships, want 6 (two per plan)", m[0][0])
	}
	for _, exp := range []string{"e", "f", "g"} {
		runs, err := dst.Results("quick").ExperimentRuns(ctx, exp)
		if err != nil || len(runs) != 2 {
			t.Errorf("%s: %d runs, %v", exp, len(runs), err)
		}
	}
	// Merging again changes nothing.
	before := rowsOf(t, dst, `SELECT * FROM plans ORDER BY plan_id`)
	if added, err := dst.Merge(ctx, srcPath); err != nil || added != 0 {
		t.Errorf("second merge: %d, %v", added, err)
	}
	if after := rowsOf(t, dst, `SELECT * FROM plans ORDER BY plan_id`); !reflect.DeepEqual(before, after) {
		t.Errorf("second merge changed plans: %v -> %v", before, after)
	}
}

// TestMergeReadsEverySchema: every schema a store may have been written
// with merges; adding a migration without a reader for the previous
// version fails here.
func TestMergeReadsEverySchema(t *testing.T) {
	for v := 1; v <= SchemaVersion; v++ {
		if _, ok := sourceSchemas[v]; !ok {
			t.Errorf("no source reader for schema v%d in sourceSchemas", v)
		}
	}
	if _, ok := sourceSchemas[SchemaVersion+1]; ok {
		t.Errorf("a source reader for schema v%d, newer than SchemaVersion", SchemaVersion+1)
	}
}

// An old store merges as it would after migration: merging a v1 source
// equals merging the same store migrated, row for row.
func TestMergeOlderSchema(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	mk := func(name string) string {
		path := filepath.Join(dir, name)
		old, err := openDB(path, false)
		if err != nil {
			t.Fatal(err)
		}
		defer old.db.Close()
		if err := migrate(old.db, 1); err != nil {
			t.Fatal(err)
		}
		for i, status := range []string{runs.StatusDone, runs.StatusFailed} {
			r := mergeRec(i, status)
			if _, err := old.db.Exec(`INSERT INTO runs (id, spec_hash, code_fingerprint, data_digest, toolchain, spec,
				status, metrics, curves, finished) VALUES (?, ?, 'c', 'd', 't', ?, ?, ?, ?, ?)`,
				r.ID, r.Key.SpecHash, string(r.Spec.Canonical()), status, string(MarshalMetrics(r.Result.Metrics)),
				encodeLegacyCurves(r.Result.Curves), r.Finished.Format(timeLayout)); err != nil {
				t.Fatal(err)
			}
			if _, err := old.db.Exec(`INSERT INTO memberships VALUES ('e', 'ADMM', ?, 'quick')`, r.ID); err != nil {
				t.Fatal(err)
			}
		}
		return path
	}
	v1, migrated := mk("v1.db"), mk("migrated.db")
	m, err := Open(migrated)
	if err != nil {
		t.Fatal(err)
	}
	m.Close()

	var got [][][]any
	for _, src := range []string{v1, migrated} {
		dst, _ := newStore(t, "dst.db")
		added, err := dst.Merge(ctx, src)
		if err != nil || added != 2 {
			t.Fatalf("merging %s: %d, %v", filepath.Base(src), added, err)
		}
		var tables [][]any
		for _, q := range []string{`SELECT * FROM runs ORDER BY id`, `SELECT * FROM plans`, `SELECT * FROM memberships ORDER BY run_id`} {
			tables = append(tables, rowsOf(t, dst, q)...)
		}
		got = append(got, tables)
	}
	if !reflect.DeepEqual(got[0], got[1]) {
		t.Errorf("v1 source merged:\n%v\nmigrated source merged:\n%v", got[0], got[1])
	}
	// The v1 store was read, not migrated.
	if _, err := OpenExisting(v1); err == nil || !strings.Contains(err.Error(), "schema v1") {
		t.Errorf("v1 source after the merge: %v", err)
	}
}

func TestMergeBadSources(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	write := func(name, content string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(content), 0o666); err != nil {
			t.Fatal(err)
		}
		return p
	}
	newer := filepath.Join(dir, "newer.db")
	st, err := Open(newer)
	if err != nil {
		t.Fatal(err)
	}
	st.db.Exec(fmt.Sprintf(`PRAGMA user_version = %d`, SchemaVersion+1))
	st.Close()
	foreign := filepath.Join(dir, "foreign.db")
	db, err := sql.Open("sqlite3", foreign)
	if err != nil {
		t.Fatal(err)
	}
	db.Exec(`CREATE TABLE t (x)`)
	db.Close()
	noTables := filepath.Join(dir, "notables.db")
	db, _ = sql.Open("sqlite3", noTables)
	db.Exec(`CREATE TABLE t (x); PRAGMA user_version = 2`)
	db.Close()

	for _, c := range []struct {
		name, path string
		empty      bool
		want       string // in the error; "" for none
	}{
		{"missing", filepath.Join(dir, "nope.db"), false, "nope.db does not exist"},
		{"directory", dir, false, "is a directory"},
		{"empty", write("empty.db", ""), true, ""},
		{"not sqlite", write("garbage.db", strings.Repeat("not a database ", 20)), false, "garbage.db: file is not a database"},
		{"newer schema", newer, false, fmt.Sprintf("schema v%d is newer than this admmlab's v%d", SchemaVersion+1, SchemaVersion)},
		{"not admmlab", foreign, false, "foreign.db: schema v0, want an admmlab store"},
		{"no tables", noTables, false, "no such table: src.runs"},
	} {
		t.Run(c.name, func(t *testing.T) {
			empty, err := CheckMergeSource(ctx, c.path)
			if empty != c.empty || (err == nil) != (c.want == "") || (err != nil && !strings.Contains(err.Error(), c.want)) {
				t.Errorf("CheckMergeSource: %v, %v; want empty %v, error with %q", empty, err, c.empty, c.want)
			}
			dst, dstPath := newStore(t, "dst.db", mergeRec(0, runs.StatusDone))
			before := rowsOf(t, dst, `SELECT * FROM runs`)
			added, err := dst.Merge(ctx, c.path)
			if added != 0 || (err == nil) != (c.want == "") || (err != nil && !strings.Contains(err.Error(), c.want)) {
				t.Errorf("Merge: %d, %v; want an error with %q", added, err, c.want)
			}
			if after := rowsOf(t, dst, `SELECT * FROM runs`); !reflect.DeepEqual(before, after) {
				t.Errorf("a failed merge changed %s", dstPath)
			}
			// The source stays attached nowhere: the store still merges.
			if _, err := dst.Merge(ctx, dstPath); err != nil {
				t.Errorf("merging the store into itself after: %v", err)
			}
		})
	}
}

func TestMergeIntoItself(t *testing.T) {
	st, path := newStore(t, "runs.db", mergeRec(0, runs.StatusDone), mergeRec(1, runs.StatusFailed))
	before := rowsOf(t, st, `SELECT * FROM runs`)
	if added, err := st.Merge(context.Background(), path); err != nil || added != 0 {
		t.Fatalf("Merge into itself: %d, %v", added, err)
	}
	if after := rowsOf(t, st, `SELECT * FROM runs`); !reflect.DeepEqual(before, after) {
		t.Errorf("changed: %v -> %v", before, after)
	}
}

// A merge only reads its source: a process in the middle of writing the
// source neither holds the merge up nor is held up by it, and the merge
// takes what the source had committed.
func TestMergeReadsSourceWhileWritten(t *testing.T) {
	ctx := context.Background()
	src, srcPath := newStore(t, "src.db", mergeRec(0, runs.StatusDone))
	tx, err := src.db.Begin() // the source's writer, mid-transaction
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback()
	if err := putTx(tx, mergeRec(1, runs.StatusDone)); err != nil {
		t.Fatal(err)
	}
	dst, _ := newStore(t, "dst.db")
	start := time.Now()
	added, err := dst.Merge(ctx, srcPath)
	if err != nil || added != 1 {
		t.Fatalf("Merge beside the source's writer: %d, %v; want the 1 committed run", added, err)
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("Merge waited %s for the source's writer", d)
	}
	if err := putTx(tx, mergeRec(2, runs.StatusDone)); err != nil {
		t.Errorf("the source's writer after the merge: %v", err)
	}
	if err := tx.Commit(); err != nil {
		t.Errorf("the source's writer commits after the merge: %v", err)
	}
}
