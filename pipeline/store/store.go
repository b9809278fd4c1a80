package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"syscall"
	"time"

	"github.com/admmlab/admmlab/pipeline/runs"
	_ "github.com/mattn/go-sqlite3" // the database/sql driver "sqlite3"
)

// Store is the SQLite run cache. All access goes through one connection, so
// there is one writer per process; the advisory Lock keeps a second process
// from writing at the same time.
type Store struct {
	db       *sql.DB
	path     string
	readOnly bool // opened by OpenExisting: never writes, never checkpoints
	// cpu is how a query reads a run's cpu_ms: the column, or "0" (not
	// measured) in a store of a schema before cpuSchema read as it is.
	cpu string
}

// Open opens (creating if needed) the store at path, in WAL mode with a busy
// timeout, and migrates it to the current schema.
func Open(path string) (*Store, error) {
	if dir := filepath.Dir(path); dir != "" {
		if err := os.MkdirAll(dir, 0o777); err != nil {
			return nil, fmt.Errorf("store %s: %w", path, err)
		}
	}
	s, err := openDB(path, false)
	if err != nil {
		return nil, err
	}
	if err := migrate(s.db, SchemaVersion); err != nil {
		s.db.Close()
		return nil, fmt.Errorf("store %s: %w", path, err)
	}
	return s, nil
}

// openDB opens without migrating. A reader neither sets the journal mode
// nor checkpoints, so that it never takes the write lock from the writer.
// When the store is the user's own (see ownStore), a reader's connection
// may write (it writes no data), so that SQLite removes its -wal and -shm
// files when the last connection closes. Any other reader must not make a
// -wal or -shm file: one owned by another user would leave the owner unable
// to write the store (and, in a sticky directory, to remove them). So when
// no -wal file is there (no writer is at work) it opens the store as
// immutable, which makes no file at all; while a writer is at work, its
// -wal and -shm exist and a read-only (mode=ro) open reads through them.
func openDB(path string, readOnly bool) (*Store, error) {
	if !readOnly {
		return openDBMode(path, openWrite)
	}
	if ownStore(path) {
		return openDBMode(path, openRead)
	}
	if _, werr := os.Stat(path + "-wal"); errors.Is(werr, os.ErrNotExist) {
		return openDBMode(path, openImmutable)
	}
	return openDBMode(path, openReadOnly)
}

// ownStore reports whether the store at path is this user's own to open
// as a reader that could write: the user owns the file and may write it
// and its directory. A store of another user (root's reads included) is
// not, whatever the mode bits allow.
func ownStore(path string) bool {
	fi, err := os.Stat(path)
	if err != nil {
		return false
	}
	st, ok := fi.Sys().(*syscall.Stat_t)
	return ok && int(st.Uid) == os.Geteuid() && writable(path) && writable(filepath.Dir(path))
}

type openMode int

const (
	openWrite     openMode = iota // the writer: WAL, immediate transactions
	openRead                      // a reader that could write: never does
	openReadOnly                  // mode=ro
	openImmutable                 // mode=ro&immutable=1: no locks, no -shm
)

func openDBMode(path string, how openMode) (*Store, error) {
	q := url.Values{}
	switch how {
	case openWrite:
		q.Set("_journal_mode", "WAL")
		// BEGIN IMMEDIATE: a write transaction takes the write lock up front and
		// waits for it, instead of failing when a read turns into a write.
		q.Set("_txlock", "immediate")
		q.Set("_synchronous", "NORMAL") // with WAL: durable at each checkpoint, never corrupt
	case openReadOnly:
		q.Set("mode", "ro")
	case openImmutable:
		q.Set("mode", "ro")
		q.Set("immutable", "1")
	}
	q.Set("_busy_timeout", "10000")
	db, err := sql.Open("sqlite3", "file:"+(&url.URL{Path: path}).EscapedPath()+"?"+q.Encode())
	if err != nil {
		return nil, fmt.Errorf("store %s: %w", path, err)
	}
	db.SetMaxOpenConns(1)
	var mode string
	if err := db.QueryRow(`PRAGMA journal_mode`).Scan(&mode); err != nil {
		db.Close()
		return nil, fmt.Errorf("store %s: %w", path, err)
	}
	// A reader takes the store as it finds it; only the writer insists on WAL.
	if mode != "wal" && how == openWrite {
		db.Close()
		return nil, fmt.Errorf("store %s: journal_mode is %q, want wal (is the file system able to hold a WAL?)", path, mode)
	}
	return &Store{db: db, path: path, readOnly: how != openWrite, cpu: "cpu_ms"}, nil
}

// writable reports whether this process may write path.
func writable(path string) bool {
	const wOK = 2 // W_OK of access(2)
	return syscall.Access(path, wOK) == nil
}

// Path is where the store lives.
func (s *Store) Path() string { return s.path }

// Close checkpoints the WAL into the main file and closes the store.
func (s *Store) Close() error {
	if s.readOnly {
		return s.db.Close()
	}
	_, cerr := s.db.Exec(`PRAGMA wal_checkpoint(TRUNCATE)`)
	return errors.Join(cerr, s.db.Close())
}

// IntegrityCheck runs PRAGMA integrity_check and returns its verdict, "ok"
// for a sound database.
func (s *Store) IntegrityCheck() (string, error) {
	var v string
	err := s.db.QueryRow(`PRAGMA integrity_check`).Scan(&v)
	return v, err
}

const timeLayout = time.RFC3339Nano

// Put stores a finished run in its own transaction. A done run is never
// replaced (the same ID is the same result) and never downgraded to failed.
func (s *Store) Put(r runs.Record) error {
	tx, err := s.db.Begin()
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if err := putTx(tx, r); err != nil {
		return err
	}
	return tx.Commit()
}

func putTx(tx *sql.Tx, r runs.Record) error {
	var curves []byte
	if r.Status == runs.StatusDone {
		curves = encodeCurves(r.Result.Curves, r.Result.Layers)
	}
	_, err := tx.Exec(`INSERT INTO runs (id, spec_hash, code_fingerprint, data_digest, toolchain, spec,
			status, error, metrics, curves, diverged, diverged_epoch, duration_ms, started, finished, host, git_commit, cpu_ms)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (id) DO UPDATE SET status = excluded.status, error = excluded.error,
			metrics = excluded.metrics, curves = excluded.curves, diverged = excluded.diverged,
			diverged_epoch = excluded.diverged_epoch, duration_ms = excluded.duration_ms,
			started = excluded.started, finished = excluded.finished, host = excluded.host,
			git_commit = excluded.git_commit, cpu_ms = excluded.cpu_ms
		WHERE runs.status <> 'done'`,
		r.ID, r.Key.SpecHash, r.Key.CodeFingerprint, r.Key.DataDigest, r.Key.Toolchain, string(r.Spec.Canonical()),
		r.Status, r.Error, string(MarshalMetrics(r.Result.Metrics)), curves, r.Result.Diverged, r.Result.DivergedEpoch,
		r.Duration.Milliseconds(), r.Started.UTC().Format(timeLayout), r.Finished.UTC().Format(timeLayout), r.Host, r.Commit, cpuMillis(r.CPU))
	return err
}

// cpuMillis is a run's CPU time as cpu_ms keeps it: whole milliseconds, a
// measured time below one stored as 1, since 0 means not measured.
func cpuMillis(d time.Duration) int64 {
	if d > 0 && d < time.Millisecond {
		return 1
	}
	return d.Milliseconds()
}

// runColumns are the columns scanRun reads, cpu giving cpu_ms (Store.cpu).
func runColumns(cpu string) string {
	return `id, spec_hash, code_fingerprint, data_digest, toolchain, spec, status, error, metrics,
	curves, diverged, diverged_epoch, duration_ms, started, finished, host, git_commit, ` + cpu
}

type scanner interface{ Scan(...any) error }

// scanRun reads one row of runColumns; curves are decoded only when withCurves.
func scanRun(row scanner, withCurves bool) (runs.Record, error) {
	var r runs.Record
	var spec, metrics, started, finished string
	var curves []byte
	var ms, cpuMS int64
	err := row.Scan(&r.ID, &r.Key.SpecHash, &r.Key.CodeFingerprint, &r.Key.DataDigest, &r.Key.Toolchain, &spec, &r.Status, &r.Error,
		&metrics, &curves, &r.Result.Diverged, &r.Result.DivergedEpoch, &ms, &started, &finished, &r.Host, &r.Commit, &cpuMS)
	if err != nil {
		return r, err
	}
	if err := json.Unmarshal([]byte(spec), &r.Spec); err != nil {
		return r, fmt.Errorf("run %s: spec: %w", r.ID, err)
	}
	if r.Result.Metrics, err = UnmarshalMetrics([]byte(metrics)); err != nil {
		return r, fmt.Errorf("run %s: %w", r.ID, err)
	}
	if withCurves {
		if r.Result.Curves, r.Result.Layers, err = decodeCurves(curves); err != nil {
			return r, fmt.Errorf("run %s: %w", r.ID, err)
		}
	}
	r.Duration = time.Duration(ms) * time.Millisecond
	r.CPU = time.Duration(cpuMS) * time.Millisecond
	r.Started, _ = time.Parse(timeLayout, started)
	r.Finished, _ = time.Parse(timeLayout, finished)
	return r, nil
}

// Get returns the run with the given ID.
func (s *Store) Get(ctx context.Context, id string) (runs.Record, bool, error) {
	r, err := scanRun(s.db.QueryRowContext(ctx, `SELECT `+runColumns(s.cpu)+` FROM runs WHERE id = ?`, id), true)
	if errors.Is(err, sql.ErrNoRows) {
		return r, false, nil
	}
	return r, err == nil, err
}

// MatchPrefix lists the IDs starting with prefix.
func (s *Store) MatchPrefix(ctx context.Context, prefix string) ([]string, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT id FROM runs WHERE substr(id, 1, ?) = ? ORDER BY id`, len(prefix), prefix)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var ids []string
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		ids = append(ids, id)
	}
	return ids, rows.Err()
}

// Index is the store's runs for planning, without their curves
// (ValidationResult reads the validation curves of a run when asked).
type Index struct {
	ByID map[string]runs.Record
	// Latest is, per spec hash, the most recently finished stored run.
	Latest map[string]runs.Record
	store  *Store // where ValidationResult reads curves; nil: none
	// base holds the runs an Overlay took from a base index, whose
	// curves ValidationResult reads from the base's store.
	base     *Index
	fromBase map[string]bool
}

// Index loads every run's key, status, duration and metrics; it reads no
// curves.
func (s *Store) Index(ctx context.Context) (*Index, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT `+indexColumns(s.cpu)+` FROM runs ORDER BY finished, id`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	ix := &Index{ByID: map[string]runs.Record{}, Latest: map[string]runs.Record{}, store: s}
	for rows.Next() {
		r, err := scanRun(rows, false)
		if err != nil {
			return nil, err
		}
		ix.Add(r)
	}
	return ix, rows.Err()
}

func (ix *Index) Add(r runs.Record) {
	if ix.store != nil {
		r.Result.Curves = nil // stored: ValidationResult reads them there
	}
	if old, ok := ix.ByID[r.ID]; ok && old.Status == runs.StatusDone {
		return
	}
	ix.ByID[r.ID] = r
	delete(ix.fromBase, r.ID)
	ix.Latest[r.Key.SpecHash] = r
}

// All returns every run in ID order, with curves, all in memory at once:
// for small stores. EachRun walks a store of any size.
func (s *Store) All(ctx context.Context) ([]runs.Record, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT `+runColumns(s.cpu)+` FROM runs ORDER BY id`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []runs.Record
	for rows.Next() {
		r, err := scanRun(rows, true)
		if err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// OpenExisting opens a store for reading, without migrating it and without
// writing to it, so that it may run beside the writer and on a store the
// user may only read. A missing file, and an empty (0-byte) one that no
// writer has begun, yield (nil, nil): an empty store.
func OpenExisting(path string) (*Store, error) {
	fi, err := os.Stat(path)
	switch {
	case errors.Is(err, os.ErrNotExist):
		return nil, nil
	case err != nil:
		return nil, fmt.Errorf("store %s: %w", path, err)
	case fi.IsDir():
		return nil, fmt.Errorf("store %s: is a directory, want an SQLite file", path)
	case fi.Size() == 0:
		if wi, err := os.Stat(path + "-wal"); err != nil || wi.Size() == 0 {
			return nil, nil
		}
	}
	s, err := openDB(path, true)
	if err != nil {
		return nil, err
	}
	var v int
	if err := s.db.QueryRow(`PRAGMA user_version`).Scan(&v); err != nil {
		s.db.Close()
		return nil, fmt.Errorf("store %s: %w", path, err)
	}
	if !readsAsCurrent(v) {
		s.db.Close()
		if v > SchemaVersion {
			return nil, fmt.Errorf("store %s: schema v%d was written by a newer admmlab (this one reads v%d); read it with that admmlab", path, v, SchemaVersion)
		}
		return nil, fmt.Errorf("store %s: schema v%d, this admmlab reads v%d (admmlab run migrates older stores)", path, v, SchemaVersion)
	}
	if v < cpuSchema {
		s.cpu = "0" // no run of it had its CPU time measured
	}
	return s, nil
}

// readsAsCurrent reports whether a store of schema v has the current
// tables, so that it can be read as it is, without migrating it: the
// versions whose merge reader is the current schema's (a later migration
// that only marks a new blob layout, which this code decodes alongside the
// old one, keeps the tables).
func readsAsCurrent(v int) bool {
	src, ok := sourceSchemas[v]
	cur := sourceSchemas[SchemaVersion]
	// A store without the data_sets table reads as one that recorded no
	// data sets (DataInfos), and one without runs.cpu_ms as one whose runs'
	// CPU time was not measured (Store.cpu).
	return ok && (src.runs == cur.runs || src.runs == runsWithoutCPU) && src.plans == cur.plans && src.memberships == cur.memberships
}
