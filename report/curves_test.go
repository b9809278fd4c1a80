package report

import (
	"context"
	"fmt"
	"github.com/admmlab/admmlab/report/plot"
	"strings"
	"testing"

	"github.com/admmlab/admmlab/pipeline/runs"
)

// countingSource is a fakeSource that counts the curve reads and fails the
// one for failID.
type countingSource struct {
	fakeSource
	reads  map[string]int
	failID string
}

func (c *countingSource) Curves(ctx context.Context, id string) (runs.Result, error) {
	c.reads[id]++
	if id == c.failID {
		return runs.Result{}, fmt.Errorf("run %s: curves: truncated", id)
	}
	return c.fakeSource.Curves(ctx, id)
}

func TestCurveCache(t *testing.T) {
	src := &countingSource{fakeSource: fixedRuns(), reads: map[string]int{}}
	listed, err := src.ExperimentRuns(context.Background(), "square-curves")
	if err != nil || len(listed) < 3 {
		t.Fatalf("%d runs, %v", len(listed), err)
	}
	one := curveBytes(src.fakeSource["square-curves"][0].Result)
	if one == 0 {
		t.Fatal("the fixture's runs have no curves")
	}
	// Room for two runs' curves: a third read evicts the least recently used.
	cc := newCurveCache(context.Background(), src, 2*one)
	a, b, c := listed[0], listed[1], listed[2]
	for _, step := range []struct {
		r         runs.Labeled
		wantReads int
	}{
		{a, 1}, {b, 1}, {a, 1}, // a read, then cached
		{c, 1}, // evicts b, the least recently used
		{a, 1}, // still cached
		{b, 2}, // read again
	} {
		res := cc.result(step.r)
		if len(res.Curves["train_mse"]) != 3 || len(res.Layers[runs.LayerNorm]) != 2 || res.Metrics == nil {
			t.Fatalf("%s: curves %v, layers %v, metrics %v", step.r.ID, res.Curves, res.Layers, res.Metrics)
		}
		if got := src.reads[step.r.ID]; got != step.wantReads {
			t.Errorf("%s: read %d times, want %d", step.r.ID, got, step.wantReads)
		}
		if cc.used > cc.budget {
			t.Errorf("cache holds %d bytes over its budget of %d", cc.used, cc.budget)
		}
	}
	if cc.err != nil {
		t.Errorf("cache error %v", cc.err)
	}
	// A run listed with its curves is taken as it is.
	full := src.fakeSource["square-curves"][0]
	if res := cc.result(full); len(res.Curves["train_mse"]) != 3 || src.reads[full.ID] != 1 {
		t.Errorf("a run with its curves was read again")
	}
}

// A curve blob that cannot be read fails the report, naming the item that
// needed it, instead of drawing the panel without the run.
func TestBuildFailsOnUnreadableCurves(t *testing.T) {
	src := &countingSource{fakeSource: fixedRuns(), reads: map[string]int{}}
	src.failID = src.fakeSource["square-curves"][0].ID
	_, err := Build(context.Background(), Options{Catalogue: testCatalogue(), Profile: "smoke", Source: src, Out: t.TempDir(), Commit: "abc1234", Draw: plot.PNG})
	if err == nil || !strings.Contains(err.Error(), src.failID) || !strings.Contains(err.Error(), "reading curves") {
		t.Fatalf("Build: %v, want an error naming the item and the run", err)
	}
	var none *curveCache
	if res := none.result(src.fakeSource["square-curves"][0]); res.Curves == nil {
		t.Error("a nil cache dropped a run's curves")
	}
}
