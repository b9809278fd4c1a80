package pipeline

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/admmlab/admmlab/pipeline/runs"
	"github.com/admmlab/admmlab/pipeline/store"
)

func mustPlan(t *testing.T, profile string) *Plan {
	t.Helper()
	p, err := NewPlan(toyCatalogue(), profile, nil)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func runOnce(t *testing.T, path string, exec Executor, p *Plan, opt Options) (*Summary, string, error) {
	t.Helper()
	st, err := store.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	var buf bytes.Buffer
	sum, err := (&Runner{Store: st, Exec: exec, Opt: opt}).Run(context.Background(), p)
	if sum != nil {
		sum.Print(&buf)
	}
	return sum, buf.String(), err
}

// metricsByID reads every stored run's metrics, encoded exactly.
func metricsByID(t *testing.T, path string) map[string]string {
	t.Helper()
	st, err := store.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	all, err := st.All(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	for _, r := range all {
		out[r.ID] = fmt.Sprintf("%s %v %v", r.Status, r.Result.Metrics, r.Result.Curves) // fmt prints maps sorted by key
	}
	return out
}

func TestRunCachesAndDependency(t *testing.T) {
	path := filepath.Join(t.TempDir(), "runs.db")
	f := newFake()
	sum, out, err := runOnce(t, path, f, mustPlan(t, "full"), Options{Jobs: 2})
	if err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	// sweep 8 ADMM + 4 SGD; twin shares the 4 SGD runs; study at the best
	// sweep structure (2, 5) adds λ = 1e-3 (2 trials), λ = 1e-6 is shared.
	if sum.Total.Ran != 14 || f.executions() != 14 {
		t.Fatalf("first run: ran %d, executed %d, want 14\n%s", sum.Total.Ran, f.executions(), out)
	}
	for _, c := range f.calls {
		if c != 1 {
			t.Fatalf("a shared run executed %d times", c)
		}
	}
	if !strings.Contains(out, "total: ran 14, cached 0, failed 0, skipped 0") {
		t.Errorf("summary line missing:\n%s", out)
	}
	st, _ := store.Open(path)
	runs, err := st.Results("full").ExperimentRuns(context.Background(), "study")
	st.Close()
	if err != nil || len(runs) != 4 {
		t.Fatalf("study runs: %d, %v", len(runs), err)
	}
	for _, r := range runs {
		if r.Spec.Depth != 2 || r.Spec.Width != 5 || r.Label != "ADMM (sigmoid)" {
			t.Errorf("study run at depth %d width %d label %q, want the sweep's best (2, 5)", r.Spec.Depth, r.Spec.Width, r.Label)
		}
	}

	sum, out, err = runOnce(t, path, f, mustPlan(t, "full"), Options{Jobs: 2})
	if err != nil || sum.Total.Ran != 0 || sum.Total.Cached != 14 || f.executions() != 14 {
		t.Fatalf("second run: %v, %+v\n%s", err, sum.Total, out)
	}

	// New SGD code reruns the SGD family only.
	f.code["sgd"] = "s2"
	sum, _, _ = runOnce(t, path, f, mustPlan(t, "full"), Options{Jobs: 2})
	if sum.Total.Ran != 4 {
		t.Fatalf("after an SGD code change ran %d, want the 4 SGD runs", sum.Total.Ran)
	}
	for h, c := range f.calls {
		_ = h
		if c > 2 {
			t.Fatalf("a run executed %d times", c)
		}
	}
}

func TestPlanWhy(t *testing.T) {
	path := filepath.Join(t.TempDir(), "runs.db")
	f := newFake()
	f.fail = func(s runs.Spec) bool { return s.Algorithm == "sgd" && s.Depth == 2 }
	_, _, err := runOnce(t, path, f, mustPlan(t, "full"), Options{Jobs: 1})
	if !errors.Is(err, ErrRunsFailed) {
		t.Fatalf("want ErrRunsFailed, got %v", err)
	}
	f.code["admm"] = "a2"
	st, _ := store.Open(path)
	defer st.Close()
	ix, _ := st.Index(context.Background())
	states, err := NewResolver(f, "", ix).ResolveAll(mustPlan(t, "full"))
	if err != nil {
		t.Fatal(err)
	}
	why := map[string]int{}
	for _, s := range states[:2] { // sweep and twin; the study waits for the new ADMM runs
		for _, r := range s.Runs {
			why[r.State+":"+r.Why]++
		}
	}
	want := map[string]int{"pending:code changed": 8, "pending:failed before": 4, "cached:": 4}
	if len(why) != len(want) || why["pending:code changed"] != 8 || why["pending:failed before"] != 4 || why["cached:"] != 4 {
		t.Errorf("why = %v, want %v", why, want)
	}
	if states[2].Def.Name != "study" || !strings.Contains(states[2].Waiting, "waiting on sweep") {
		t.Errorf("study: %q", states[2].Waiting)
	}
}

func TestGridEditRerunsOnlyNewRuns(t *testing.T) {
	path := filepath.Join(t.TempDir(), "runs.db")
	f := newFake()
	runOnce(t, path, f, mustPlan(t, "full"), Options{})
	cat := toyCatalogue()
	cat.Definitions[2].Algorithms[0].Grid.Width = []int{3, 7} // twin gains width 7
	p, err := NewPlan(cat, "full", nil)
	if err != nil {
		t.Fatal(err)
	}
	sum, out, _ := runOnce(t, path, f, p, Options{})
	if sum.Total.Ran != 4 {
		t.Fatalf("ran %d, want the 4 new twin runs\n%s", sum.Total.Ran, out)
	}
	for _, e := range sum.Experiments {
		if e.Name != "twin" && e.Counts.Ran != 0 {
			t.Errorf("%s ran %d", e.Name, e.Counts.Ran)
		}
	}
}

func TestDeterministicAcrossJobsAndShards(t *testing.T) {
	dir := t.TempDir()
	one, two := filepath.Join(dir, "j1.db"), filepath.Join(dir, "j2.db")
	runOnce(t, one, newFake(), mustPlan(t, "full"), Options{Jobs: 1})
	runOnce(t, two, newFake(), mustPlan(t, "full"), Options{Jobs: 2})
	a, b := metricsByID(t, one), metricsByID(t, two)
	if len(a) != 14 || !mapsEqual(a, b) {
		t.Fatalf("-j 1 and -j 2 differ: %d vs %d runs", len(a), len(b))
	}
	// Shards: stage 0 in three shards, merge, then the dependent stage.
	merged := filepath.Join(dir, "merged.db")
	var counts []int
	for round := 0; round < 2; round++ {
		var shards []string
		for i := 1; i <= 3; i++ {
			sp := filepath.Join(dir, "shard", string(rune('0'+round)), string(rune('0'+i))+".db")
			if round > 0 {
				copyStore(t, merged, sp)
			}
			sum, _, err := runOnce(t, sp, newFake(), mustPlan(t, "full"), Options{Shard: i, Shards: 3})
			if err != nil {
				t.Fatal(err)
			}
			counts = append(counts, sum.Total.Ran)
			shards = append(shards, sp)
		}
		dst, err := store.Open(merged)
		if err != nil {
			t.Fatal(err)
		}
		for _, s := range shards {
			if _, err := dst.Merge(context.Background(), s); err != nil {
				t.Fatal(err)
			}
		}
		dst.Close()
	}
	if m := metricsByID(t, merged); !mapsEqual(a, m) {
		t.Fatalf("merged shards differ from the unsharded run: %d vs %d runs (per shard and round %v)", len(m), len(a), counts)
	}
	if slices.Max(counts[:3]) == 12 {
		t.Errorf("one shard ran everything: %v", counts)
	}
}

func copyStore(t *testing.T, src, dst string) {
	t.Helper()
	d, err := store.Open(dst)
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	if _, err := d.Merge(context.Background(), src); err != nil {
		t.Fatal(err)
	}
}

func mapsEqual(a, b map[string]string) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}

func TestCancelLeavesInFlightPending(t *testing.T) {
	path := filepath.Join(t.TempDir(), "runs.db")
	f := newFake()
	f.delay = time.Hour
	f.started = make(chan runs.Spec)
	st, err := store.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	go func() {
		<-f.started
		<-f.started
		cancel()
		for range f.started {
		}
	}()
	sum, err := (&Runner{Store: st, Exec: f, Opt: Options{Jobs: 2}}).Run(ctx, mustPlan(t, "full"))
	close(f.started)
	if !errors.Is(err, context.Canceled) || sum.Total.Ran != 0 || sum.Total.Failed != 0 {
		t.Fatalf("err %v, totals %+v", err, sum.Total)
	}
	all, _ := st.All(context.Background())
	if len(all) != 0 {
		t.Errorf("cancelled runs were recorded: %d", len(all))
	}
	if v, err := st.IntegrityCheck(); v != "ok" || err != nil {
		t.Errorf("integrity_check: %q %v", v, err)
	}
	st.Close()
}

func TestFailFastAndSkipped(t *testing.T) {
	path := filepath.Join(t.TempDir(), "runs.db")
	f := newFake()
	f.fail = func(runs.Spec) bool { return true }
	sum, _, err := runOnce(t, path, f, mustPlan(t, "full"), Options{Jobs: 1, FailFast: true})
	if !errors.Is(err, ErrRunsFailed) || sum.Total.Failed != 1 || f.executions() != 1 {
		t.Fatalf("fail-fast: %v, %+v, executed %d", err, sum.Total, f.executions())
	}
	g := newFake()
	g.missing["square"] = "place square.csv in the data dir"
	sum, out, err := runOnce(t, filepath.Join(t.TempDir(), "s.db"), g, mustPlan(t, "full"), Options{})
	// 12 distinct runs of sweep and twin, plus the 4 runs study would take
	// from sweep: skipped too, since waiting cannot bring the data back.
	if err != nil || sum.Total.Skipped != 16 || sum.Total.Waiting != 0 || g.executions() != 0 {
		t.Fatalf("missing data: %v %+v\n%s", err, sum.Total, out)
	}
	if !strings.Contains(out, "skipped 12 runs: place square.csv in the data dir") {
		t.Errorf("no one-line reason:\n%s", out)
	}
}

// A stored run whose data set is not available here is cached, with the
// data digest recorded when it ran: nothing runs again and nothing is
// skipped; without a stored run it is skipped.
func TestCachedWithoutData(t *testing.T) {
	path := filepath.Join(t.TempDir(), "runs.db")
	if _, _, err := runOnce(t, path, newFake(), mustPlan(t, "full"), Options{Jobs: 2}); err != nil {
		t.Fatal(err)
	}
	g := newFake()
	g.missing["square"] = "place square.csv in the data dir"
	sum, out, err := runOnce(t, path, g, mustPlan(t, "full"), Options{})
	if err != nil || sum.Total.Skipped != 0 || sum.Total.Ran != 0 || sum.Total.Cached == 0 || g.executions() != 0 {
		t.Fatalf("stored runs without their data: %v %+v\n%s", err, sum.Total, out)
	}
}

// Shared runs are counted once (twin shares 4 runs of sweep, study 2 of
// its own with sweep at the best structure): the experiments' ran counts and run times
// add up to the total's, and the sharing experiment says it shares them.
func TestSummaryAddsUp(t *testing.T) {
	path := filepath.Join(t.TempDir(), "runs.db")
	sum, out, err := runOnce(t, path, newFake(), mustPlan(t, "full"), Options{Jobs: 2})
	if err != nil {
		t.Fatal(err)
	}
	ran := map[string]int{}
	var total int
	var runTime time.Duration
	for _, e := range sum.Experiments {
		ran[e.Name] = e.Counts.Ran
		total += e.Counts.Ran
		runTime += e.RunTime
	}
	if total != sum.Total.Ran || sum.Total.Ran != 14 || runTime != sum.RunTime {
		t.Errorf("experiments ran %v (%d in all, run time %s), total %d (run time %s); want 14 both\n%s", ran, total, runTime, sum.Total.Ran, sum.RunTime, out)
	}
	want := map[string]int{"sweep": 12, "study": 2, "twin": 0}
	for name, n := range want {
		if ran[name] != n {
			t.Errorf("%s ran %d, want %d\n%s", name, ran[name], n, out)
		}
	}
	if !strings.Contains(out, "twin: ran 0, cached 0, failed 0, skipped 0, shared 4 (run for an experiment above)") {
		t.Errorf("twin's line does not say it shares 4 runs:\n%s", out)
	}
}

// widthCost estimates a run at a thousand bytes per unit of width.
type widthCost struct{}

func (widthCost) MemoryEstimate(s runs.Spec) (float64, bool) { return 1000 * float64(s.Width), true }

// A run estimated beyond the memory limit fails with the estimate and never
// starts; the runs that fit run.
func TestRunTooLargeFails(t *testing.T) {
	path := filepath.Join(t.TempDir(), "runs.db")
	f := newFake()
	// The toy sweep's widths are 3 and 5: a limit of 4000 bytes refuses width 5.
	sum, out, err := runOnce(t, path, f, mustPlan(t, "full"), Options{Jobs: 1, Memory: widthCost{}, MemoryLimit: 4000})
	if !errors.Is(err, ErrRunsFailed) || sum.Total.Failed == 0 || sum.Total.Ran == 0 {
		t.Fatalf("err %v, failed %d, ran %d; want some runs refused and some run\n%s", err, sum.Total.Failed, sum.Total.Ran, out)
	}
	st, _ := store.Open(path)
	defer st.Close()
	recs, _ := st.All(context.Background())
	for _, r := range recs {
		switch {
		case r.Spec.Width > 4 && (r.Status != runs.StatusFailed || !strings.Contains(r.Error, "needs an estimated 4.88 KiB of memory, more than the 3.91 KiB")):
			t.Errorf("width %d: %s %q, want failed with the estimate", r.Spec.Width, r.Status, r.Error)
		case r.Spec.Width > 4 && f.calls[r.Spec.SpecHash()] != 0:
			t.Errorf("width %d was executed", r.Spec.Width)
		case r.Spec.Width <= 4 && r.Status != runs.StatusDone:
			t.Errorf("width %d: %s %q, want done", r.Spec.Width, r.Status, r.Error)
		}
	}
}

// A spec the store never held is "new spec", unless Elsewhere (a run
// archive) knows why it is not cached from there either.
func TestPlanWhyElsewhere(t *testing.T) {
	for _, c := range []struct {
		name      string
		elsewhere func(runs.Key) string
		want      string
	}{
		{"no hook", nil, WhyNew},
		{"hook knows nothing", func(runs.Key) string { return "" }, WhyNew},
		{"archived under other code", func(k runs.Key) string {
			if k.CodeFingerprint == "a1" {
				return "archived under other code"
			}
			return ""
		}, "archived under other code"},
	} {
		t.Run(c.name, func(t *testing.T) {
			r := NewResolver(newFake(), "", nil)
			r.Elsewhere = c.elsewhere
			states, err := r.ResolveAll(mustPlan(t, "full"))
			if err != nil {
				t.Fatal(err)
			}
			kinds := map[string]int{}
			for _, run := range states[0].Runs {
				want := c.want
				if run.Spec.Algorithm != "admm" {
					want = WhyNew
				}
				kinds[run.Spec.Algorithm]++
				if run.State != StatePending || run.Why != want {
					t.Errorf("%s: %s (%s), want pending (%s)", runs.Describe(run.Spec), run.State, run.Why, want)
				}
			}
			if kinds["admm"] == 0 || len(kinds) < 2 {
				t.Fatalf("the sweep's runs by algorithm: %v, want ADMM and another", kinds)
			}
		})
	}
}
