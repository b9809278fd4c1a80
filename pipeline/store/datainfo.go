package store

import (
	"context"
	"encoding/json"
	"time"

	"github.com/admmlab/admmlab/pipeline/runs"
)

// PutDataInfo records what a run saw of a data set (its latest record per
// data set and variant is kept).
func (s *Store) PutDataInfo(ctx context.Context, info runs.DataInfo, at time.Time) error {
	b, err := json.Marshal(info)
	if err != nil {
		return err
	}
	_, err = s.db.ExecContext(ctx, `INSERT INTO data_sets (data, variant, info, recorded_at) VALUES (?, ?, ?, ?)
		ON CONFLICT (data, variant) DO UPDATE SET info = excluded.info, recorded_at = excluded.recorded_at`,
		info.Data, info.Variant, string(b), at.UTC().Format(timeLayout))
	return err
}

// DataInfos returns the recorded data sets by name and variant; a store of
// a schema before the table has none.
func (s *Store) DataInfos(ctx context.Context) (map[[2]string]runs.DataInfo, error) {
	var n int
	if err := s.db.QueryRowContext(ctx, `SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'data_sets'`).Scan(&n); err != nil || n == 0 {
		return nil, err
	}
	rows, err := s.db.QueryContext(ctx, `SELECT info FROM data_sets ORDER BY data, variant`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[[2]string]runs.DataInfo{}
	for rows.Next() {
		var text string
		if err := rows.Scan(&text); err != nil {
			return nil, err
		}
		var info runs.DataInfo
		if err := json.Unmarshal([]byte(text), &info); err != nil {
			return nil, err
		}
		out[[2]string{info.Data, info.Variant}] = info
	}
	return out, rows.Err()
}
