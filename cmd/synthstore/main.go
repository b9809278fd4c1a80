package main

import (
	"context"
	"database/sql"
	"flag"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"time"

	"github.com/admmlab/admmlab/datasets"
	"github.com/admmlab/admmlab/pipeline/runs"
	"github.com/admmlab/admmlab/pipeline/store"
	"github.com/admmlab/admmlab/solvers"
)

type config struct {
	runs, shards, epochs, depth, variants, perPlan, failEvery int
	out                                                       string
}

func main() {
	var c config
	flag.IntVar(&c.runs, "runs", 40000, "distinct runs over all shards")
	flag.IntVar(&c.shards, "shards", 4, "shard stores to write (shard-1.db …)")
	flag.IntVar(&c.epochs, "epochs", 2000, "values per curve")
	flag.IntVar(&c.depth, "depth", 3, "hidden layers of the ADMM runs imitated (sets the number of curves: 5·depth+5)")
	flag.IntVar(&c.variants, "variants", 16, "distinct curve blobs the runs cycle through")
	flag.IntVar(&c.perPlan, "per-plan", 1000, "runs per experiment plan")
	flag.IntVar(&c.failEvery, "fail-every", 101, "every n-th run is also stored failed in the next shard (0: none; a prime reaches every shard)")
	flag.StringVar(&c.out, "out", "", "directory to write the shards into (must not hold shard stores)")
	flag.Parse()
	if err := c.check(); err != nil {
		fmt.Fprintf(os.Stderr, "synthstore: %v\n", err)
		os.Exit(2)
	}
	if err := write(context.Background(), c); err != nil {
		fmt.Fprintf(os.Stderr, "synthstore: %v\n", err)
		os.Exit(1)
	}
}

func (c config) check() error {
	switch {
	case c.out == "":
		return fmt.Errorf("flag -out: want the directory to write the shards into")
	case c.runs < 1, c.shards < 1, c.epochs < 1, c.depth < 1, c.variants < 1, c.perPlan < 1, c.failEvery < 0:
		return fmt.Errorf("flags -runs, -shards, -epochs, -depth, -variants, -per-plan: want ≥ 1 (-fail-every ≥ 0)")
	}
	for i := 1; i <= c.shards; i++ {
		if _, err := os.Stat(shardPath(c.out, i)); err == nil {
			return fmt.Errorf("%s exists: remove it or choose another -out", shardPath(c.out, i))
		}
	}
	return nil
}

func shardPath(dir string, i int) string { return filepath.Join(dir, fmt.Sprintf("shard-%d.db", i)) }

// curveNames are the whole-net curves a depth-d ADMM run stores: its
// augmented Lagrangian, the KKT residual, and the train, test and
// validation errors.
var curveNames = []string{"aug_lagrangian", "kkt", "test_mse", "train_mse", "val_mse"}

// layerCurves are its per-layer curves: the norm, constraint violation and
// weight norm of each layer, and the two halves of the KKT residual.
var layerCurves = []string{runs.LayerNorm, runs.LayerViolation, runs.LayerWeight, runs.LayerKKTW, runs.LayerKKTV}

// template is run v of the few whose blobs every row copies: decaying
// curves with noise in every bit, so that they compress as little as real
// ones do.
func template(c config, v int) runs.Record {
	rng := rand.New(rand.NewPCG(uint64(v), 11))
	series := func() []float64 {
		x := make([]float64, c.epochs)
		scale := math.Exp(rng.NormFloat64())
		for k := range x {
			x[k] = scale * (1/math.Sqrt(float64(k+1)) + 0.01*rng.Float64())
		}
		return x
	}
	curves := map[string][]float64{}
	for _, name := range curveNames {
		curves[name] = series()
	}
	layers := map[string][][]float64{}
	for _, name := range layerCurves {
		for range c.depth {
			layers[name] = append(layers[name], series())
		}
	}
	spec := runs.Spec{Data: string(datasets.Square), Algorithm: solvers.ADMM.String(), Act: solvers.Sigmoid.String(), Depth: c.depth, Width: 100, Init: solvers.MSRA.String(),
		InitScale: 1, Epochs: c.epochs, Lambda: 1e-6, Beta: 1, Samples: 1000, Trial: v}
	key := runs.Key{SpecHash: spec.SpecHash(), CodeFingerprint: "synthetic", DataDigest: "synthetic", Toolchain: "synthetic"}
	start := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	return runs.Record{ID: runs.RunID(key), Key: key, Spec: spec, Status: runs.StatusDone,
		Result: runs.Result{Curves: curves, Layers: layers, Metrics: map[string]float64{
			"train_mse_final": curves["train_mse"][c.epochs-1], "test_mse_final": curves["test_mse"][c.epochs-1],
			"test_mse_best": curves["test_mse"][c.epochs-1], "epochs_run": float64(c.epochs)}},
		Duration: time.Minute, Started: start, Finished: start.Add(time.Minute), Host: "synthetic", Commit: "synthetic"}
}

func write(ctx context.Context, c config) error {
	if err := os.MkdirAll(c.out, 0o777); err != nil {
		return err
	}
	tpl := filepath.Join(c.out, "templates.db")
	os.Remove(tpl)
	defer os.Remove(tpl)
	st, err := store.Open(tpl)
	if err != nil {
		return err
	}
	for v := range c.variants {
		if err := st.Put(template(c, v)); err != nil {
			st.Close()
			return err
		}
	}
	if err := st.Close(); err != nil {
		return err
	}
	for i := 1; i <= c.shards; i++ {
		start := time.Now()
		if err := writeShard(ctx, c, i, tpl); err != nil {
			return fmt.Errorf("%s: %w", shardPath(c.out, i), err)
		}
		fi, _ := os.Stat(shardPath(c.out, i))
		fmt.Fprintf(os.Stderr, "%s: %.0f MB in %s\n", shardPath(c.out, i), float64(fi.Size())/1e6, time.Since(start).Round(time.Millisecond))
	}
	return nil
}

// shardRuns is the shard's own runs, i-1, i-1+n, …, as done runs, and every
// failEvery-th run of the previous shard as failed.
const shardRuns = `INSERT INTO runs (id, spec_hash, code_fingerprint, data_digest, toolchain, spec, status, error,
		metrics, curves, diverged, diverged_epoch, duration_ms, started, finished, host, git_commit)
	WITH RECURSIVE seq(i) AS (SELECT :first UNION ALL SELECT i + :step FROM seq WHERE i + :step < :runs)
	SELECT printf('%064x', i), printf('%064x', i), t.code_fingerprint, t.data_digest, t.toolchain,
		json_set(t.spec, '$.trial', i), :status, :error, t.metrics, CASE WHEN :status = 'done' THEN t.curves END,
		0, 0, t.duration_ms, t.started, t.finished, 'shard-' || :shard, t.git_commit
	FROM seq JOIN tpl.runs t ON t.rowid = 1 + i % :variants
	WHERE :every = 0 OR :status = 'done' OR i % :every = 0`

// shardPlans are the plans every shard saves: one per perPlan runs, naming
// all of them (a shard plans every run and runs its share).
const shardPlans = `WITH RECURSIVE seq(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM seq WHERE i + 1 < :runs)
	INSERT INTO memberships (plan_id, experiment, label, run_id, profile)
	SELECT printf('plan-%d', i / :per), printf('synthetic-%d', i / :per), 'ADMM (sigmoid)', printf('%064x', i), 'full'
	FROM seq WHERE true`

func writeShard(ctx context.Context, c config, i int, tpl string) error {
	path := shardPath(c.out, i)
	st, err := store.Open(path) // the schema, as admmlab writes it
	if err != nil {
		return err
	}
	if err := st.Close(); err != nil {
		return err
	}
	db, err := sql.Open("sqlite3", path)
	if err != nil {
		return err
	}
	defer db.Close()
	db.SetMaxOpenConns(1)
	// Written in one go without a WAL, then left in WAL mode like any store.
	for _, q := range []string{`PRAGMA journal_mode = DELETE`, `PRAGMA synchronous = OFF`, `ATTACH DATABASE ? AS tpl`} {
		var args []any
		if q[0] == 'A' {
			args = append(args, tpl)
		}
		if _, err := db.ExecContext(ctx, q, args...); err != nil {
			return err
		}
	}
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	prev := (i+c.shards-2)%c.shards + 1
	for _, part := range []struct {
		first          int
		status, reason string
	}{{i - 1, runs.StatusDone, ""}, {prev - 1, runs.StatusFailed, "synthetic failure"}} {
		if part.status == runs.StatusFailed && (c.failEvery == 0 || c.shards == 1) {
			continue
		}
		if _, err := tx.ExecContext(ctx, shardRuns, sql.Named("first", part.first), sql.Named("step", c.shards),
			sql.Named("runs", c.runs), sql.Named("status", part.status), sql.Named("error", part.reason),
			sql.Named("shard", i), sql.Named("variants", c.variants), sql.Named("every", c.failEvery)); err != nil {
			return fmt.Errorf("runs: %w", err)
		}
	}
	if _, err := tx.ExecContext(ctx, shardPlans, sql.Named("runs", c.runs), sql.Named("per", c.perPlan)); err != nil {
		return fmt.Errorf("memberships: %w", err)
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO plans SELECT DISTINCT plan_id, experiment, profile, '2026-01-01T00:00:00Z'
		FROM memberships`); err != nil {
		return fmt.Errorf("plans: %w", err)
	}
	if err := tx.Commit(); err != nil {
		return err
	}
	_, err = db.ExecContext(ctx, `PRAGMA journal_mode = WAL`)
	return err
}
