package store

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/admmlab/admmlab/pipeline/runs"
)

// PlanEntry is one (label, run) an experiment asked for.
type PlanEntry struct {
	Label string
	RunID string
}

// SavePlan records the runs an experiment asks for under a profile. A plan
// is identified by its content, so that shards planning the same experiment
// write the same plan and merging them keeps one.
func (s *Store) SavePlan(ctx context.Context, experiment, profile string, entries []PlanEntry, at time.Time) error {
	sorted := SortEntries(entries)
	id := PlanID(experiment, profile, sorted)
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	var latest string
	err = tx.QueryRowContext(ctx, `SELECT plan_id FROM plans WHERE experiment = ? AND profile = ?
		ORDER BY planned_at DESC, plan_id LIMIT 1`, experiment, profile).Scan(&latest)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return err
	}
	if latest == id {
		return nil // unchanged: keep its date, so that merges agree on the latest plan
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO plans (plan_id, experiment, profile, planned_at) VALUES (?, ?, ?, ?)
		ON CONFLICT DO UPDATE SET planned_at = excluded.planned_at`,
		id, experiment, profile, at.UTC().Format(timeLayout)); err != nil {
		return err
	}
	for _, e := range sorted {
		if _, err := tx.ExecContext(ctx, `INSERT OR IGNORE INTO memberships (plan_id, experiment, label, run_id, profile)
			VALUES (?, ?, ?, ?, ?)`, id, experiment, e.Label, e.RunID, profile); err != nil {
			return err
		}
	}
	return tx.Commit()
}

// SortEntries returns the entries sorted by label, then run ID, without
// repeats: the order in which a plan is hashed and stored.
func SortEntries(entries []PlanEntry) []PlanEntry {
	sorted := slices.Clone(entries)
	slices.SortFunc(sorted, func(a, b PlanEntry) int {
		if c := strings.Compare(a.Label, b.Label); c != 0 {
			return c
		}
		return strings.Compare(a.RunID, b.RunID)
	})
	return slices.Compact(sorted)
}

// PlanID is the ID of the plan of experiment under profile that asks for
// sorted (SortEntries' order): a hash of its content.
func PlanID(experiment, profile string, sorted []PlanEntry) string {
	h := sha256.New()
	fmt.Fprintf(h, "%s\x00%s\x00", experiment, profile)
	for _, e := range sorted {
		fmt.Fprintf(h, "%s\x00%s\x00", e.Label, e.RunID)
	}
	return hex.EncodeToString(h.Sum(nil))
}

// Memberships lists, for a run, the experiments and labels whose plans name it.
func (s *Store) Memberships(ctx context.Context, runID string) ([]string, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT DISTINCT experiment, label, profile FROM memberships
		WHERE run_id = ? ORDER BY experiment, label, profile`, runID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var e, l, p string
		if err := rows.Scan(&e, &l, &p); err != nil {
			return nil, err
		}
		out = append(out, fmt.Sprintf("%s / %s (%s)", e, l, p))
	}
	return out, rows.Err()
}

// Results is the store as the report reads it under one profile.
func (s *Store) Results(profile string) runs.Source { return profileView{s, profile} }

type profileView struct {
	s       *Store
	profile string
}

// ExperimentRuns returns the done runs of the experiment's latest plan under
// the view's profile, ordered by label and spec, without their curves
// (Curves reads them).
func (v profileView) ExperimentRuns(ctx context.Context, experiment string) ([]runs.Labeled, error) {
	rows, err := v.s.db.QueryContext(ctx, `SELECT m.label, `+prefixed("r.", indexColumns(v.s.cpu))+`
		FROM memberships m JOIN runs r ON r.id = m.run_id
		WHERE r.status = 'done' AND m.plan_id = (SELECT plan_id FROM plans WHERE experiment = ? AND profile = ?
			ORDER BY planned_at DESC, plan_id LIMIT 1)
		ORDER BY m.label, r.spec`, experiment, v.profile)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []runs.Labeled
	for rows.Next() {
		var lr runs.Labeled
		var label string
		rec, err := scanRun(labelScanner{rows, &label}, false)
		if err != nil {
			return nil, err
		}
		lr.Experiment, lr.Label, lr.Record = experiment, label, rec
		out = append(out, lr)
	}
	return out, rows.Err()
}

// Curves returns the stored curves of run id.
func (v profileView) Curves(ctx context.Context, id string) (runs.Result, error) {
	return v.s.Curves(ctx, id)
}

// labelScanner scans a leading label column before a runColumns row.
type labelScanner struct {
	rows  *sql.Rows
	label *string
}

func (l labelScanner) Scan(dst ...any) error { return l.rows.Scan(append([]any{l.label}, dst...)...) }

func prefixed(p, cols string) string {
	parts := strings.Split(cols, ",")
	for i, c := range parts {
		if c = strings.TrimSpace(c); c != "NULL" && c != "0" {
			c = p + c
		}
		parts[i] = c
	}
	return strings.Join(parts, ", ")
}

// ProfileRuns is the set of run IDs that some plan of the profile names:
// the runs recorded at that profile's scale.
func (s *Store) ProfileRuns(ctx context.Context, profile string) (map[string]bool, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT DISTINCT run_id FROM memberships WHERE profile = ?`, profile)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	ids := map[string]bool{}
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		ids[id] = true
	}
	return ids, rows.Err()
}
