package store

import (
	"context"
	"errors"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/admmlab/admmlab/pipeline/runs"
)

// The index reads no curve blob: a run whose blob does not decode is
// indexed all the same, and only ValidationResult, which reads the blob,
// reports it.
func TestIndexReadsNoCurves(t *testing.T) {
	ctx := context.Background()
	good, bad := mergeRec(0, runs.StatusDone), mergeRec(1, runs.StatusDone)
	good.Result.Curves["val_acc"] = []float64{0.1, 0.2, 0.3}
	st, _ := newStore(t, "runs.db", good, bad)
	if _, err := st.db.Exec(`UPDATE runs SET curves = x'00010203' WHERE id = ?`, bad.ID); err != nil {
		t.Fatal(err)
	}
	ix, err := st.Index(ctx)
	if err != nil {
		t.Fatalf("Index over a bad curve blob: %v", err)
	}
	for _, c := range []struct {
		name    string
		id      string
		want    map[string][]float64 // ValidationResult's curves
		wantErr string
	}{
		{"validation curves only", good.ID, map[string][]float64{"val_acc": {0.1, 0.2, 0.3}, "val_mse": {2, 1, 0.5}}, ""},
		{"bad blob", bad.ID, nil, "curves:"},
		{"unknown run", "ffff", nil, "not in the index"},
	} {
		t.Run(c.name, func(t *testing.T) {
			if r, ok := ix.ByID[c.id]; ok && (r.Result.Curves != nil || r.Result.Metrics["train_mse_final"] == 0) {
				t.Errorf("indexed run: curves %v, metrics %v; want no curves and the metrics", r.Result.Curves, r.Result.Metrics)
			}
			res, err := ix.ValidationResult(ctx, c.id)
			if (err == nil) != (c.wantErr == "") || (err != nil && !strings.Contains(err.Error(), c.wantErr)) {
				t.Fatalf("ValidationResult: %v, want an error with %q", err, c.wantErr)
			}
			if err == nil && !reflect.DeepEqual(res.Curves, c.want) {
				t.Errorf("curves %v, want %v", res.Curves, c.want)
			}
		})
	}
	// A run added after the index was built is read back the same way.
	added := mergeRec(2, runs.StatusDone)
	if err := st.Put(added); err != nil {
		t.Fatal(err)
	}
	ix.Add(added)
	if ix.ByID[added.ID].Result.Curves != nil {
		t.Errorf("added run keeps its curves in the index")
	}
	if res, err := ix.ValidationResult(ctx, added.ID); err != nil || len(res.Curves["val_mse"]) != 3 || res.Curves["train_mse"] != nil {
		t.Errorf("added run: %v, %v", res.Curves, err)
	}
}

func TestEachRun(t *testing.T) {
	ctx := context.Background()
	recs := []runs.Record{mergeRec(0, runs.StatusDone), mergeRec(1, runs.StatusFailed), mergeRec(2, runs.StatusDone)}
	st, _ := newStore(t, "runs.db", recs...)
	// A bad blob does not stop a walk that reads no curves.
	if _, err := st.db.Exec(`UPDATE runs SET curves = x'00' WHERE id = ?`, recs[2].ID); err != nil {
		t.Fatal(err)
	}
	all, err := st.All(ctx)
	if err == nil {
		t.Fatalf("All over a bad blob: %d runs, no error", len(all))
	}
	var ids []string
	if err := st.EachRun(ctx, func(r runs.Record) error {
		if r.Result.Curves != nil {
			t.Errorf("run %s has curves", r.ID[:8])
		}
		if want := mergeRec(r.Spec.Trial, r.Status); r.Key != want.Key || r.Host != want.Host ||
			(r.Status == runs.StatusDone && r.Result.Metrics["train_mse_final"] != want.Result.Metrics["train_mse_final"]) {
			t.Errorf("run %s: %+v", r.ID[:8], r)
		}
		ids = append(ids, r.ID)
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if len(ids) != 3 || !slices.IsSorted(ids) {
		t.Errorf("EachRun gave %d runs, in ID order: %v", len(ids), slices.IsSorted(ids))
	}
	stop := errors.New("stop")
	n := 0
	if err := st.EachRun(ctx, func(runs.Record) error { n++; return stop }); !errors.Is(err, stop) || n != 1 {
		t.Errorf("an error from fn: %v after %d runs, want it at once", err, n)
	}
}

// An overlay of a shard's index on a base's reads each run's validation
// curves from the store that holds it: the base's runs from the base, the
// shard's own from the shard.
func TestOverlayValidationResult(t *testing.T) {
	ctx := context.Background()
	inBase, inShard := mergeRec(0, runs.StatusDone), mergeRec(1, runs.StatusDone)
	base, _ := newStore(t, "base.db", inBase)
	shard, _ := newStore(t, "shard.db", inShard)
	baseIx, err := base.Index(ctx)
	if err != nil {
		t.Fatal(err)
	}
	shardIx, err := shard.Index(ctx)
	if err != nil {
		t.Fatal(err)
	}
	ix := shardIx.Overlay(baseIx)
	added := mergeRec(2, runs.StatusDone)
	if err := shard.Put(added); err != nil {
		t.Fatal(err)
	}
	ix.Add(added)
	for _, id := range []string{inBase.ID, inShard.ID, added.ID} {
		res, err := ix.ValidationResult(ctx, id)
		if err != nil || len(res.Curves["val_mse"]) != 3 {
			t.Errorf("run %s: curves %v, err %v; want its val_mse from the store that holds it", id[:8], res.Curves, err)
		}
	}
}

// A run's key is read as stored, the spec hash included, by Get and by the
// index alike: the store's key columns are the record of what produced it.
func TestKeyReadAsStored(t *testing.T) {
	ctx := context.Background()
	rec := mergeRec(0, runs.StatusDone)
	st, _ := newStore(t, "runs.db", rec)
	if _, err := st.db.Exec(`UPDATE runs SET spec_hash = 'stored' WHERE id = ?`, rec.ID); err != nil {
		t.Fatal(err)
	}
	got, ok, err := st.Get(ctx, rec.ID)
	if err != nil || !ok || got.Key.SpecHash != "stored" {
		t.Errorf("Get: spec hash %q, %v, %v; want the stored one", got.Key.SpecHash, ok, err)
	}
	ix, err := st.Index(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if h := ix.ByID[rec.ID].Key.SpecHash; h != "stored" {
		t.Errorf("Index: spec hash %q, want the stored one", h)
	}
}

// The report's view lists an experiment's runs with their metrics and
// without their curves, even over a corrupt curve blob; Curves reads one
// run's curves, per-layer ones included, and names the run when its blob
// is bad.
func TestResultsListWithoutCurves(t *testing.T) {
	ctx := context.Background()
	good, bad := mergeRec(0, runs.StatusDone), mergeRec(1, runs.StatusDone)
	good.Result.Layers = map[string][][]float64{runs.LayerNorm: {{1, 2, 3}, {4, 5, 6}}}
	st, _ := newStore(t, "runs.db", good, bad)
	if _, err := st.db.Exec(`UPDATE runs SET curves = x'00010203' WHERE id = ?`, bad.ID); err != nil {
		t.Fatal(err)
	}
	entries := []PlanEntry{{Label: "ADMM", RunID: good.ID}, {Label: "ADMM", RunID: bad.ID}}
	if err := st.SavePlan(ctx, "e", "quick", entries, time.Now()); err != nil {
		t.Fatal(err)
	}
	src := st.Results("quick")
	listed, err := src.ExperimentRuns(ctx, "e")
	if err != nil || len(listed) != 2 {
		t.Fatalf("ExperimentRuns: %d runs, %v", len(listed), err)
	}
	for _, r := range listed {
		if r.Result.Curves != nil || r.Result.Layers != nil || r.Result.Metrics["train_mse_final"] == 0 {
			t.Errorf("listed run %s: curves %v, layers %v, metrics %v; want metrics only", r.ID[:8], r.Result.Curves, r.Result.Layers, r.Result.Metrics)
		}
	}
	res, err := src.Curves(ctx, good.ID)
	if err != nil || !reflect.DeepEqual(res.Curves, good.Result.Curves) || !reflect.DeepEqual(res.Layers, good.Result.Layers) || res.Metrics != nil {
		t.Errorf("Curves(good): %+v, %v", res, err)
	}
	if _, err := src.Curves(ctx, bad.ID); err == nil || !strings.Contains(err.Error(), bad.ID) {
		t.Errorf("Curves(bad blob): %v, want an error naming the run", err)
	}
	if _, err := src.Curves(ctx, "ffff"); err == nil || !strings.Contains(err.Error(), "not in store") {
		t.Errorf("Curves(unknown run): %v", err)
	}
}
