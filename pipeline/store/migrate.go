package store

import (
	"database/sql"
	"fmt"
)

// migrations bring a store from schema version i to i+1 (PRAGMA
// user_version). They only ever append: a released step is never edited,
// because stores written by it exist.
var migrations = []string{
	// v1: runs with their key components as separate columns, and which
	// experiment asked for which run.
	`CREATE TABLE runs (
		id               TEXT PRIMARY KEY,
		spec_hash        TEXT NOT NULL,
		code_fingerprint TEXT NOT NULL,
		data_digest      TEXT NOT NULL,
		toolchain        TEXT NOT NULL,
		spec             TEXT NOT NULL,              -- canonical runs.Spec JSON
		status           TEXT NOT NULL,              -- done, failed
		error            TEXT NOT NULL DEFAULT '',
		metrics          TEXT NOT NULL DEFAULT '{}', -- JSON object; NaN/±Inf as strings
		curves           BLOB,                       -- gzip'd named little-endian float64 arrays
		diverged         INTEGER NOT NULL DEFAULT 0,
		diverged_epoch   INTEGER NOT NULL DEFAULT 0,
		duration_ms      INTEGER NOT NULL DEFAULT 0,
		started          TEXT NOT NULL DEFAULT '',   -- RFC 3339, UTC
		finished         TEXT NOT NULL DEFAULT ''
	);
	CREATE TABLE memberships (
		experiment TEXT NOT NULL,
		label      TEXT NOT NULL,
		run_id     TEXT NOT NULL,
		profile    TEXT NOT NULL,
		PRIMARY KEY (experiment, profile, label, run_id)
	);`,
	// v2: host and commit per run; plans, so that an experiment's results
	// are the runs it asked for the last time it was planned, not every run
	// it ever asked for; an index for "latest run of this spec".
	`ALTER TABLE runs ADD COLUMN host TEXT NOT NULL DEFAULT '';
	ALTER TABLE runs ADD COLUMN git_commit TEXT NOT NULL DEFAULT '';
	CREATE INDEX runs_spec_hash ON runs (spec_hash);
	CREATE TABLE plans (
		plan_id    TEXT NOT NULL,  -- hash of the experiment, profile and its (label, run id) set
		experiment TEXT NOT NULL,
		profile    TEXT NOT NULL,
		planned_at TEXT NOT NULL,
		PRIMARY KEY (experiment, profile, plan_id)
	);
	CREATE TABLE memberships_v2 (
		plan_id    TEXT NOT NULL,
		experiment TEXT NOT NULL,
		label      TEXT NOT NULL,
		run_id     TEXT NOT NULL,
		profile    TEXT NOT NULL,
		PRIMARY KEY (plan_id, experiment, label, run_id)
	);
	INSERT INTO plans SELECT DISTINCT 'v1:' || experiment || ':' || profile, experiment, profile, ''
		FROM memberships;
	INSERT INTO memberships_v2 SELECT 'v1:' || experiment || ':' || profile, experiment, label, run_id, profile
		FROM memberships;
	DROP TABLE memberships;
	ALTER TABLE memberships_v2 RENAME TO memberships;
	CREATE INDEX memberships_run ON memberships (run_id);`,
	// v3: curve blobs may be in the layered layout (codec.go), which keeps
	// each per-layer curve's layer as data. No table changes: legacy blobs
	// stay as they are and decode as before. The step exists so that an
	// older admmlab, which cannot read the layered layout, refuses the store
	// instead of misreading it.
	`SELECT 1`,
	// v4: what the runs saw of each real data set (runs.DataInfo as JSON),
	// so that a report states it without reading the data.
	`CREATE TABLE data_sets (
		data        TEXT NOT NULL,
		variant     TEXT NOT NULL,
		info        TEXT NOT NULL,
		recorded_at TEXT NOT NULL,
		PRIMARY KEY (data, variant)
	);`,
	// v5: the CPU time of the thread that computed each run
	// (runs.Record.CPU), in milliseconds; 0: not measured (every run
	// recorded before this step).
	`ALTER TABLE runs ADD COLUMN cpu_ms INTEGER NOT NULL DEFAULT 0;`,
}

// cpuSchema is the first schema whose runs have cpu_ms.
const cpuSchema = 5

// SchemaVersion is the schema this code writes.
var SchemaVersion = len(migrations)

// migrate applies the missing steps up to version target, each in its own
// transaction together with the version bump.
func migrate(db *sql.DB, target int) error {
	var v int
	if err := db.QueryRow(`PRAGMA user_version`).Scan(&v); err != nil {
		return err
	}
	if v > len(migrations) {
		return fmt.Errorf("schema version %d is newer than this admmlab's %d; use a newer admmlab", v, len(migrations))
	}
	for ; v < target; v++ {
		tx, err := db.Begin()
		if err != nil {
			return err
		}
		if _, err := tx.Exec(migrations[v]); err != nil {
			tx.Rollback()
			return fmt.Errorf("migrating to schema v%d: %w", v+1, err)
		}
		if _, err := tx.Exec(fmt.Sprintf(`PRAGMA user_version = %d`, v+1)); err != nil {
			tx.Rollback()
			return err
		}
		if err := tx.Commit(); err != nil {
			return fmt.Errorf("migrating to schema v%d: %w", v+1, err)
		}
	}
	return nil
}
