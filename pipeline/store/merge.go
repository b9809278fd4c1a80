package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"os"
)

// sourceSchema is how Merge reads a source store of one schema version: a
// SELECT per destination table, over the source attached as "src", giving
// the destination's columns in the order of the INSERTs below. A source of
// an older schema is read as its migrations would have left it, so that it
// merges without being migrated (it may be read-only).
type sourceSchema struct {
	runs, plans, memberships string
	dataSets                 string // "": the source has no data_sets table
}

// sourceSchemas holds one reader per schema version that Merge accepts;
// TestMergeReadsEverySchema checks that every version up to SchemaVersion has
// one. Each mirrors the migrations after its version.
var sourceSchemas = map[int]sourceSchema{
	// v1: no host or commit per run; memberships without plans, each
	// (experiment, profile) one plan, as migration v2 makes them.
	1: {
		runs: `SELECT id, spec_hash, code_fingerprint, data_digest, toolchain, spec, status, error, metrics,
			curves, diverged, diverged_epoch, duration_ms, started, finished, '' AS host, '' AS git_commit, 0 AS cpu_ms FROM src.runs`,
		plans: `SELECT DISTINCT 'v1:' || experiment || ':' || profile, experiment, profile, '' FROM src.memberships`,
		memberships: `SELECT 'v1:' || experiment || ':' || profile, experiment, label, run_id, profile
			FROM src.memberships`,
	},
	2: withPlans,
	// v3: the same tables; its curve blobs may be layered, which decodeCurves
	// reads alongside the legacy ones.
	3: withPlans,
	// v4: the data sets the runs saw.
	4: withDataSets,
	// v5: each run's CPU time.
	5: current,
}

// runsWithoutCPU reads the runs of a source of schema v2 to v4: host and
// commit, no CPU time (0: not measured).
const runsWithoutCPU = `SELECT id, spec_hash, code_fingerprint, data_digest, toolchain, spec, status, error, metrics,
		curves, diverged, diverged_epoch, duration_ms, started, finished, host, git_commit, 0 AS cpu_ms FROM src.runs`

// withPlans reads a source with the plans and memberships of schema v2 and
// later.
var withPlans = sourceSchema{
	runs:        runsWithoutCPU,
	plans:       `SELECT plan_id, experiment, profile, planned_at FROM src.plans`,
	memberships: `SELECT plan_id, experiment, label, run_id, profile FROM src.memberships`,
}

// withDataSets reads a source of schema v4: the data sets, no CPU times.
var withDataSets = sourceSchema{runs: runsWithoutCPU, plans: withPlans.plans, memberships: withPlans.memberships,
	dataSets: `SELECT data, variant, info, recorded_at FROM src.data_sets`}

// current reads a source of schema v5 and later: each run's CPU time.
var current = sourceSchema{
	runs: `SELECT id, spec_hash, code_fingerprint, data_digest, toolchain, spec, status, error, metrics,
		curves, diverged, diverged_epoch, duration_ms, started, finished, host, git_commit, cpu_ms FROM src.runs`,
	plans: withPlans.plans, memberships: withPlans.memberships, dataSets: withDataSets.dataSets,
}

// The rules of a merge, as SQL over a source's rows (the "WHERE true"
// keeps SQLite from reading ON CONFLICT as a join's ON). A run ID not in
// the destination is added as it is stored; a done run replaces a stored
// failed one; anything else leaves the stored run alone (the same ID is the
// same result, and a done run is never downgraded). A failed run keeps no
// curves, as Put stores it. Plans and memberships are unioned, keeping each
// plan's latest date.
const (
	mergeRuns = `INSERT INTO main.runs AS r (id, spec_hash, code_fingerprint, data_digest, toolchain, spec,
			status, error, metrics, curves, diverged, diverged_epoch, duration_ms, started, finished, host, git_commit, cpu_ms)
		SELECT id, spec_hash, code_fingerprint, data_digest, toolchain, spec, status, error, metrics,
			CASE WHEN status = 'done' THEN curves END, diverged, diverged_epoch, duration_ms, started, finished,
			host, git_commit, cpu_ms
		FROM (%s) WHERE true ORDER BY id
		ON CONFLICT (id) DO UPDATE SET status = excluded.status, error = excluded.error,
			metrics = excluded.metrics, curves = excluded.curves, diverged = excluded.diverged,
			diverged_epoch = excluded.diverged_epoch, duration_ms = excluded.duration_ms,
			started = excluded.started, finished = excluded.finished, host = excluded.host,
			git_commit = excluded.git_commit, cpu_ms = excluded.cpu_ms
		WHERE r.status <> 'done' AND excluded.status = 'done'`
	mergePlans = `INSERT INTO main.plans AS p (plan_id, experiment, profile, planned_at)
		SELECT * FROM (%s) WHERE true
		ON CONFLICT DO UPDATE SET planned_at = max(p.planned_at, excluded.planned_at)`
	mergeMemberships = `INSERT OR IGNORE INTO main.memberships (plan_id, experiment, label, run_id, profile)
		SELECT * FROM (%s)`
	mergeDataSets = `INSERT INTO main.data_sets AS d (data, variant, info, recorded_at)
		SELECT * FROM (%s) WHERE true
		ON CONFLICT (data, variant) DO UPDATE SET info = excluded.info, recorded_at = excluded.recorded_at
		WHERE excluded.recorded_at > d.recorded_at`
)

// Merge folds the store at src into s: runs are unioned by ID (a done run
// wins over a failed one; two done runs with one ID are the same result),
// and plans and memberships are unioned, keeping each plan's latest date.
//
// The source is attached to the store's connection and copied with INSERT …
// SELECT in one transaction: stored blobs move as they are, never decoded,
// so that a merge's memory does not grow with the number of runs. A source
// of an older schema merges as if migrated; a newer one is refused. An empty
// (0-byte) source adds nothing; a missing one is an error.
func (s *Store) Merge(ctx context.Context, src string) (added int, err error) {
	if s.readOnly {
		return 0, fmt.Errorf("store %s: opened for reading, cannot merge into it", s.path)
	}
	empty, err := sourceState(src)
	if err != nil || empty {
		return 0, err
	}
	if same, err := sameFile(src, s.path); err != nil || same {
		return 0, err // a store merged into itself adds nothing
	}
	conn, err := s.db.Conn(ctx)
	if err != nil {
		return 0, err
	}
	defer conn.Close()
	sch, err := attachSource(ctx, conn, src)
	if err != nil {
		return 0, err
	}
	defer conn.ExecContext(context.Background(), `DETACH DATABASE src`)
	// A deferred transaction, not the connection's BEGIN IMMEDIATE (which
	// would take the write lock of every attached database): the source is
	// only read, and a process still writing it is not held up.
	if _, err := conn.ExecContext(ctx, `BEGIN DEFERRED`); err != nil {
		return 0, err
	}
	done := false
	defer func() {
		if !done {
			conn.ExecContext(context.Background(), `ROLLBACK`)
		}
	}()
	res, err := conn.ExecContext(ctx, fmt.Sprintf(mergeRuns, sch.runs))
	if err != nil {
		return 0, fmt.Errorf("store %s: runs: %w", src, err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return 0, err
	}
	if _, err := conn.ExecContext(ctx, fmt.Sprintf(mergePlans, sch.plans)); err != nil {
		return 0, fmt.Errorf("store %s: plans: %w", src, err)
	}
	if _, err := conn.ExecContext(ctx, fmt.Sprintf(mergeMemberships, sch.memberships)); err != nil {
		return 0, fmt.Errorf("store %s: memberships: %w", src, err)
	}
	if sch.dataSets != "" {
		if _, err := conn.ExecContext(ctx, fmt.Sprintf(mergeDataSets, sch.dataSets)); err != nil {
			return 0, fmt.Errorf("store %s: data sets: %w", src, err)
		}
	}
	if _, err := conn.ExecContext(ctx, `COMMIT`); err != nil {
		return 0, err
	}
	done = true
	return int(n), nil
}

// CheckMergeSource reports whether src is a store that Merge can read,
// without writing anything: an empty (0-byte) store is, and reports empty;
// a missing file, a file that is not SQLite, a schema newer than this
// admmlab's, or a store without its tables is not. It reads no runs.
func CheckMergeSource(ctx context.Context, src string) (empty bool, err error) {
	if empty, err = sourceState(src); err != nil || empty {
		return empty, err
	}
	db, err := sql.Open("sqlite3", ":memory:")
	if err != nil {
		return false, err
	}
	defer db.Close()
	conn, err := db.Conn(ctx)
	if err != nil {
		return false, err
	}
	defer conn.Close()
	sch, err := attachSource(ctx, conn, src)
	if err != nil {
		return false, err
	}
	defer conn.ExecContext(context.Background(), `DETACH DATABASE src`)
	for _, q := range []string{sch.runs, sch.plans, sch.memberships, sch.dataSets} {
		if q == "" {
			continue
		}
		if _, err := conn.ExecContext(ctx, `SELECT count(*) FROM (`+q+`)`); err != nil {
			return false, fmt.Errorf("store %s: %w", src, err)
		}
	}
	return false, nil
}

// sourceState tells a missing source (an error) from an empty one: a 0-byte
// file that no writer has begun, as OpenExisting reads it.
func sourceState(src string) (empty bool, err error) {
	fi, err := os.Stat(src)
	switch {
	case errors.Is(err, os.ErrNotExist):
		return false, fmt.Errorf("store %s does not exist", src)
	case err != nil:
		return false, fmt.Errorf("store %s: %w", src, err)
	case fi.IsDir():
		return false, fmt.Errorf("store %s: is a directory, want an SQLite file", src)
	case fi.Size() == 0:
		if wi, err := os.Stat(src + "-wal"); err != nil || wi.Size() == 0 {
			return true, nil
		}
	}
	return false, nil
}

func sameFile(a, b string) (bool, error) {
	ai, err := os.Stat(a)
	if err != nil {
		return false, fmt.Errorf("store %s: %w", a, err)
	}
	bi, err := os.Stat(b)
	if err != nil {
		return false, fmt.Errorf("store %s: %w", b, err)
	}
	return os.SameFile(ai, bi), nil
}

// attachSource attaches the store at path to conn as "src", for reading, and
// returns how to read its schema. It opens the file the way OpenExisting
// does (see openDB): as a reader that could write where the store is the
// user's own, so that SQLite removes the -wal and -shm files it makes;
// otherwise as immutable when no writer is at work (no -wal file), else
// read-only, so that it never makes a file beside another user's store.
func attachSource(ctx context.Context, conn *sql.Conn, path string) (sourceSchema, error) {
	q := url.Values{"mode": {"ro"}}
	if _, werr := os.Stat(path + "-wal"); errors.Is(werr, os.ErrNotExist) {
		q.Set("immutable", "1")
	}
	if ownStore(path) {
		q = url.Values{}
	}
	var v int
	uri := "file:" + (&url.URL{Path: path}).EscapedPath() + "?" + q.Encode()
	_, err := conn.ExecContext(ctx, `ATTACH DATABASE ? AS src`, uri)
	if err == nil {
		if err = conn.QueryRowContext(ctx, `PRAGMA src.user_version`).Scan(&v); err != nil {
			conn.ExecContext(ctx, `DETACH DATABASE src`)
		}
	}
	if err != nil {
		return sourceSchema{}, fmt.Errorf("store %s: %w", path, err)
	}
	sch, ok := sourceSchemas[v]
	if !ok {
		conn.ExecContext(ctx, `DETACH DATABASE src`)
		if v > SchemaVersion {
			return sch, fmt.Errorf("store %s: schema v%d is newer than this admmlab's v%d; merge it with a newer admmlab", path, v, SchemaVersion)
		}
		return sch, fmt.Errorf("store %s: schema v%d, want an admmlab store (schema v1 to v%d)", path, v, SchemaVersion)
	}
	return sch, nil
}
