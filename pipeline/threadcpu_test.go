package pipeline

import (
	"context"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/admmlab/admmlab/pipeline/runs"
)

// execFunc is an executor of one function, for measuring.
type execFunc func(context.Context) error

func (f execFunc) Execute(ctx context.Context, _ runs.Spec) (runs.Result, error) {
	return runs.Result{}, f(ctx)
}
func (execFunc) CodeFingerprint(runs.Spec) string { return "f" }
func (execFunc) DataDigest(runs.Spec) (string, bool, string, error) {
	return "d", true, "", nil
}

// A run's recorded CPU time is its thread's: a run that computes is
// charged what it computed, one that waits (as it would for the cores of a
// loaded machine) is charged almost nothing for the wait, and a panic fails
// the run. Outside Linux nothing is measured. execute records the CPU time
// with the run.
func TestMeasuredCPU(t *testing.T) {
	ctx := context.Background()
	spin := execFunc(func(context.Context) error {
		x := 1.0
		for i := range 20_000_000 {
			x = x*1.0000001 + float64(i&1)
		}
		if x == 0 {
			t.Log(x)
		}
		return nil
	})
	sleep := execFunc(func(context.Context) error { time.Sleep(300 * time.Millisecond); return nil })
	boom := execFunc(func(context.Context) error { panic("boom") })

	r := &Runner{Exec: spin}
	rec := r.execute(ctx, &PlannedRun{ID: "id"})
	if rec == nil || rec.Status != runs.StatusDone {
		t.Fatalf("spinning run: %+v", rec)
	}
	cpu, wall := rec.CPU, rec.Duration
	if runtime.GOOS != "linux" {
		if cpu != 0 {
			t.Errorf("CPU %s measured outside Linux, want 0 (not measured)", cpu)
		}
		return
	}
	if cpu <= 0 || cpu > wall+10*time.Millisecond {
		t.Errorf("spinning run: CPU %s, wall %s; want 0 < CPU ≤ wall", cpu, wall)
	}
	r.Exec = sleep
	_, cpu, err := r.measured(ctx, runs.Spec{})
	if err != nil || cpu > 100*time.Millisecond {
		t.Errorf("sleeping 300 ms: CPU %s, %v; want well under the wall time", cpu, err)
	}
	r.Exec = boom
	if _, _, err := r.measured(ctx, runs.Spec{}); err == nil || !strings.Contains(err.Error(), "panic: boom") {
		t.Errorf("panicking executor: %v, want a panic error", err)
	}
}
