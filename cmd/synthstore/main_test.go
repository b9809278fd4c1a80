package main

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/admmlab/admmlab/pipeline/runs"
	"github.com/admmlab/admmlab/pipeline/store"
)

// The shards merge into a store holding every run once, done, with curves
// that the codec reads back in the shape asked for, whatever the order of
// the shards (a failed copy merged before or after its done run).
func TestShardsMerge(t *testing.T) {
	ctx := context.Background()
	for _, c := range []struct {
		name string
		cfg  config
		// added per shard, merged in order 1..n
		wantAdded []int
	}{
		// Run i is in shard i%3+1; runs 0, 7 and 14 (every 7th) are also
		// failed copies in the next shard: 0 → shard 2, 7 → shard 3 (after
		// its done run in shard 2), 14 → shard 1 (before its done run in shard 3).
		{"three shards", config{runs: 20, shards: 3, epochs: 5, depth: 2, variants: 2, perPlan: 8, failEvery: 7}, []int{7 + 1, 7, 6}},
		{"one shard", config{runs: 5, shards: 1, epochs: 3, depth: 1, variants: 3, perPlan: 5, failEvery: 2}, []int{5}},
	} {
		t.Run(c.name, func(t *testing.T) {
			c.cfg.out = t.TempDir()
			if err := c.cfg.check(); err != nil {
				t.Fatal(err)
			}
			if err := write(ctx, c.cfg); err != nil {
				t.Fatal(err)
			}
			if err := c.cfg.check(); err == nil || !strings.Contains(err.Error(), "exists") {
				t.Errorf("a second write into the same directory: %v, want a refusal", err)
			}
			dst, err := store.Open(filepath.Join(t.TempDir(), "merged.db"))
			if err != nil {
				t.Fatal(err)
			}
			defer dst.Close()
			for i := 1; i <= c.cfg.shards; i++ {
				n, err := dst.Merge(ctx, shardPath(c.cfg.out, i))
				if err != nil || n != c.wantAdded[i-1] {
					t.Errorf("merging shard %d: %d added, %v; want %d", i, n, err, c.wantAdded[i-1])
				}
			}
			var ids []string
			err = dst.EachRun(ctx, func(r runs.Record) error {
				if r.Status != runs.StatusDone || r.Spec.Epochs != c.cfg.epochs {
					t.Errorf("run %s: status %s, %d epochs", r.ID[:8], r.Status, r.Spec.Epochs)
				}
				ids = append(ids, r.ID)
				return nil
			})
			if err != nil || len(ids) != c.cfg.runs {
				t.Fatalf("%d runs, %v; want %d", len(ids), err, c.cfg.runs)
			}
			r, ok, err := dst.Get(ctx, ids[len(ids)-1])
			if !ok || err != nil || len(r.Result.Curves) != 5 || len(r.Result.Layers) != 5 ||
				len(r.Result.Layers[runs.LayerNorm]) != c.cfg.depth || len(r.Result.Curves["val_mse"]) != c.cfg.epochs {
				t.Errorf("last run: %d curves, %d per-layer curves (%d values of val_mse), %v",
					len(r.Result.Curves), len(r.Result.Layers), len(r.Result.Curves["val_mse"]), err)
			}
			runs, err := dst.Results("full").ExperimentRuns(ctx, "synthetic-0")
			if err != nil || len(runs) != min(c.cfg.perPlan, c.cfg.runs) {
				t.Errorf("plan synthetic-0: %d runs, %v; want %d", len(runs), err, min(c.cfg.perPlan, c.cfg.runs))
			}
		})
	}
}
