package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/admmlab/admmlab/pipeline/runs"
)

// indexColumns are runColumns with the curves left out: the index never
// reads a curve blob, so that planning a store of many long runs reads
// keys, statuses and metrics only.
func indexColumns(cpu string) string {
	return `id, spec_hash, code_fingerprint, data_digest, toolchain, spec, status, error, metrics,
	NULL, diverged, diverged_epoch, duration_ms, started, finished, host, git_commit, ` + cpu
}

// validationCurves are the curves that choosing on validation reads.
var validationCurves = []string{"val_acc", "val_mse"}

// ValidationResult returns the run's result as the index holds it, with the
// validation curves (val_acc, val_mse) that choosing the best configuration
// of a dependency reads. The index keeps no curves: they are read from the
// store here, one run at a time. An index built by hand (no store) returns
// the result it holds.
func (ix *Index) ValidationResult(ctx context.Context, id string) (runs.Result, error) {
	if ix.fromBase[id] {
		return ix.base.ValidationResult(ctx, id)
	}
	r, ok := ix.ByID[id]
	if !ok {
		return runs.Result{}, fmt.Errorf("run %s is not in the index", id)
	}
	res := r.Result
	if ix.store == nil || r.Status != runs.StatusDone {
		return res, nil
	}
	stored, err := ix.store.Curves(ctx, id)
	if err != nil {
		return res, err
	}
	all := stored.Curves
	res.Curves = nil
	for _, name := range validationCurves {
		if c, ok := all[name]; ok {
			if res.Curves == nil {
				res.Curves = map[string][]float64{}
			}
			res.Curves[name] = c
		}
	}
	return res, nil
}

// EachRun calls fn for every stored run in ID order, without its curves,
// one run at a time: its memory does not grow with the number of runs, as
// All's does. fn must not use the store. An error from fn ends the walk and
// is returned.
func (s *Store) EachRun(ctx context.Context, fn func(runs.Record) error) error {
	rows, err := s.db.QueryContext(ctx, `SELECT `+indexColumns(s.cpu)+` FROM runs ORDER BY id`)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		r, err := scanRun(rows, false)
		if err != nil {
			return err
		}
		if err := fn(r); err != nil {
			return err
		}
	}
	return rows.Err()
}

// Curves returns the stored curves of run id: a Result with only Curves and
// Layers set (both empty for a run that stored none).
func (s *Store) Curves(ctx context.Context, id string) (runs.Result, error) {
	var blob []byte
	err := s.db.QueryRowContext(ctx, `SELECT curves FROM runs WHERE id = ?`, id).Scan(&blob)
	if errors.Is(err, sql.ErrNoRows) {
		return runs.Result{}, fmt.Errorf("run %s: not in store %s", id, s.path)
	}
	if err != nil {
		return runs.Result{}, fmt.Errorf("run %s: %w", id, err)
	}
	var res runs.Result
	if res.Curves, res.Layers, err = decodeCurves(blob); err != nil {
		return runs.Result{}, fmt.Errorf("run %s: %w", id, err)
	}
	return res, nil
}
