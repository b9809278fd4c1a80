package store

import (
	"context"
	"fmt"
)

// Plan is one stored plan: the runs an experiment asked for under a
// profile, as the report reads them.
type Plan struct {
	ID         string
	Experiment string
	Profile    string
	// PlannedAt is the plan's date as stored (RFC 3339, UTC; "" for a plan
	// of a schema v1 store), kept as text so that it copies exactly.
	PlannedAt string
	Entries   []PlanEntry // in SortEntries' order
}

// LatestPlans returns, per experiment, the plan that the report reads
// under profile (its latest), ordered by experiment.
func (s *Store) LatestPlans(ctx context.Context, profile string) ([]Plan, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT p.plan_id, p.experiment, p.planned_at FROM plans p
		WHERE p.profile = ? AND p.plan_id = (SELECT plan_id FROM plans q WHERE q.experiment = p.experiment
			AND q.profile = p.profile ORDER BY planned_at DESC, plan_id LIMIT 1)
		ORDER BY p.experiment`, profile)
	if err != nil {
		return nil, err
	}
	var plans []Plan
	for rows.Next() {
		p := Plan{Profile: profile}
		if err := rows.Scan(&p.ID, &p.Experiment, &p.PlannedAt); err != nil {
			rows.Close()
			return nil, err
		}
		plans = append(plans, p)
	}
	if err := rows.Close(); err != nil {
		return nil, err
	}
	for i := range plans {
		if plans[i].Entries, err = s.planEntries(ctx, plans[i]); err != nil {
			return nil, err
		}
	}
	return plans, nil
}

func (s *Store) planEntries(ctx context.Context, p Plan) ([]PlanEntry, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT label, run_id FROM memberships
		WHERE plan_id = ? AND experiment = ? AND profile = ? ORDER BY label, run_id`, p.ID, p.Experiment, p.Profile)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []PlanEntry
	for rows.Next() {
		var e PlanEntry
		if err := rows.Scan(&e.Label, &e.RunID); err != nil {
			return nil, err
		}
		out = append(out, e)
	}
	return out, rows.Err()
}

// AddPlan records a plan copied from elsewhere (a run archive) as Merge
// would: a plan already stored keeps the later of its two dates, so a plan
// made here since is not displaced by an older copy.
func (s *Store) AddPlan(ctx context.Context, p Plan) error {
	if s.readOnly {
		return fmt.Errorf("store %s: opened for reading, cannot add a plan", s.path)
	}
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, `INSERT INTO plans AS p (plan_id, experiment, profile, planned_at) VALUES (?, ?, ?, ?)
		ON CONFLICT DO UPDATE SET planned_at = max(p.planned_at, excluded.planned_at)`,
		p.ID, p.Experiment, p.Profile, p.PlannedAt); err != nil {
		return err
	}
	for _, e := range p.Entries {
		if _, err := tx.ExecContext(ctx, `INSERT OR IGNORE INTO memberships (plan_id, experiment, label, run_id, profile)
			VALUES (?, ?, ?, ?, ?)`, p.ID, p.Experiment, e.Label, e.RunID, p.Profile); err != nil {
			return err
		}
	}
	return tx.Commit()
}
