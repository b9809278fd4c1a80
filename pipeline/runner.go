package pipeline

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"sync"
	"time"

	"github.com/admmlab/admmlab/pipeline/runs"
	"github.com/admmlab/admmlab/pipeline/store"
	"golang.org/x/sync/errgroup"
)

// Options tune a Runner.
type Options struct {
	Jobs     int  // parallel runs; 0 means runtime.NumCPU()
	FailFast bool // stop at the first failed run instead of keeping going
	// Shard and Shards select a deterministic share of the pending runs
	// (1-based Shard of Shards); Shards 0 runs them all.
	Shard, Shards int
	// Toolchain overrides the key's toolchain component ("" = the executor's
	// or DefaultToolchain).
	Toolchain string
	Host      string // recorded with each run
	Commit    string // git commit of the working tree, recorded with each run
	// Observer follows the invocation (nil: nobody).
	Observer Observer
	// Memory, when set, estimates each run's memory; a run estimated above
	// MemoryLimit bytes (> 0) fails with the estimate instead of starting.
	Memory      MemoryEstimator
	MemoryLimit float64
}

// Runner executes a plan's pending runs into a store.
type Runner struct {
	Store *store.Store
	Exec  Executor
	Opt   Options
	// Base, when set, is the index of a read-only base store (see Overlay):
	// its done runs count as cached, and only new runs go to Store.
	Base *store.Index
}

// ErrRunsFailed is returned (wrapped) when some runs failed; they are
// recorded and retried by the next invocation.
var ErrRunsFailed = errors.New("runs failed")

// Run resolves the plan stage by stage against the store, runs the pending
// runs of each stage and records every finished one at once. Cancelling ctx
// stops the in-flight runs without recording them.
func (r *Runner) Run(ctx context.Context, p *Plan) (*Summary, error) {
	start := time.Now()
	jobs := r.Opt.Jobs
	if jobs <= 0 {
		jobs = runtime.NumCPU()
	}
	ix, err := r.Store.Index(ctx)
	if err != nil {
		return nil, err
	}
	ix = ix.Overlay(r.Base)
	res := NewResolver(r.Exec, r.Opt.Toolchain, ix)
	prog := r.Opt.Observer
	if prog == nil {
		prog = quiet{}
	}
	prog.Begin(ix, jobs)

	outcome := map[string]string{} // run ID → ran, failed, interrupted
	durations := map[string]time.Duration{}
	states := map[string]*ExperimentState{}
	var ordered []*ExperimentState
	var failures int
	maxStage := 0
	for _, e := range p.Experiments {
		maxStage = max(maxStage, e.Stage)
	}
	var runErr error
	// An interrupt ends the invocation after the stage in flight: the next
	// stage would only be planned and saved against a cancelled context.
	for stage := 0; stage <= maxStage && runErr == nil && ctx.Err() == nil; stage++ {
		res.Refresh()
		var queue []*PlannedRun
		queued := map[string]bool{}
		resolved, err := res.ResolveStage(p, stage, states)
		if err != nil {
			return nil, err
		}
		for _, st := range resolved {
			ordered = append(ordered, st)
			if st.Waiting != "" {
				continue
			}
			entries := make([]store.PlanEntry, len(st.Runs))
			for i, run := range st.Runs {
				entries[i] = store.PlanEntry{Label: st.Labels[i], RunID: run.ID}
			}
			if err := r.Store.SavePlan(ctx, st.Def.Name, p.Profile, entries, time.Now()); err != nil {
				return nil, err
			}
			var mine int
			for _, run := range st.Runs {
				if run.State != StatePending || (r.Opt.Shards > 0 && !InShard(run.ID, r.Opt.Shard, r.Opt.Shards)) {
					continue
				}
				mine++
				if !queued[run.ID] {
					queued[run.ID] = true
					queue = append(queue, run)
					prog.Queued(run)
				}
			}
			prog.Experiment(st.Def.Name, mine)
		}
		failed, err := r.runQueue(ctx, queue, jobs, prog, outcome, durations, ix)
		failures += failed
		runErr = err
		if r.Opt.FailFast && failures > 0 && runErr == nil {
			runErr = fmt.Errorf("stopped at the first failure (--fail-fast): %w", ErrRunsFailed)
		}
	}
	sum := Summarize(ordered, func(run *PlannedRun) (Counts, time.Duration) {
		return r.tally(run, outcome), durations[run.ID]
	})
	sum.Elapsed, sum.Workers = time.Since(start), fmt.Sprintf("-j %d", jobs)
	if runErr == nil && ctx.Err() != nil {
		runErr = fmt.Errorf("interrupted: %d runs stay pending (those in flight were cancelled, not recorded): %w", sum.Total.Interrupted, ctx.Err())
	}
	if runErr == nil && failures > 0 {
		runErr = fmt.Errorf("%d %w (recorded with their errors; the next run retries them)", failures, ErrRunsFailed)
	}
	if runErr == nil {
		runErr = res.UnusableErr()
	}
	return sum, runErr
}

// runQueue executes runs with at most jobs at a time and returns how many
// failed. A run cut short by cancellation is not recorded.
func (r *Runner) runQueue(ctx context.Context, queue []*PlannedRun, jobs int, prog Observer, outcome map[string]string, durations map[string]time.Duration, ix *store.Index) (int, error) {
	g, gctx := errgroup.WithContext(ctx)
	g.SetLimit(max(1, min(jobs, len(queue)))) // no more workers than runs to do
	var mu sync.Mutex                         // guards outcome, failed and the store's index
	failed := 0
	for _, run := range queue {
		if gctx.Err() != nil {
			break
		}
		g.Go(func() error {
			if gctx.Err() != nil {
				return nil
			}
			prog.Started(run)
			rec := r.execute(gctx, run)
			if rec == nil { // cancelled
				mu.Lock()
				outcome[run.ID] = "interrupted"
				mu.Unlock()
				return nil
			}
			mu.Lock()
			defer mu.Unlock()
			if err := r.Store.Put(*rec); err != nil {
				return fmt.Errorf("recording run %s: %w", run.ID[:12], err)
			}
			ix.Add(*rec)
			durations[run.ID] = rec.Duration
			prog.Finished(run, rec.Duration, rec.Status != runs.StatusDone)
			if rec.Status == runs.StatusDone {
				outcome[run.ID] = "ran"
				return nil
			}
			outcome[run.ID] = "failed"
			failed++
			if r.Opt.FailFast {
				return fmt.Errorf("run %s failed: %s: %w", run.ID[:12], rec.Error, ErrRunsFailed)
			}
			return nil
		})
	}
	err := g.Wait()
	return failed, err
}

// execute runs one spec and returns its record, or nil when ctx was
// cancelled before it finished.
func (r *Runner) execute(ctx context.Context, run *PlannedRun) (rec *runs.Record) {
	started := time.Now()
	var result runs.Result
	var cpu time.Duration
	err := r.fits(run.Spec)
	if err == nil {
		result, cpu, err = r.measured(ctx, run.Spec)
	}
	if err != nil && ctx.Err() != nil {
		return nil
	}
	finished := time.Now()
	rec = &runs.Record{ID: run.ID, Key: run.Key, Spec: run.Spec, Status: runs.StatusDone, Result: result,
		Duration: finished.Sub(started), CPU: cpu, Started: started, Finished: finished, Host: r.Opt.Host, Commit: r.Opt.Commit}
	if err != nil {
		rec.Status, rec.Error, rec.Result = runs.StatusFailed, err.Error(), runs.Result{}
	}
	return rec
}

// measured runs the executor on a goroutine of its own, locked to its OS
// thread for the whole run, and returns with its result the CPU time that
// thread spent (0 where the system does not report a thread's CPU time).
// The solvers compute a run on the calling goroutine alone, so the thread's
// CPU time is the run's: unlike the wall-clock duration it does not grow
// when other processes share the cores. (It includes the garbage collector's
// assists charged to the run, not the collector's background workers.) A
// panic in the executor fails the run.
func (r *Runner) measured(ctx context.Context, spec runs.Spec) (result runs.Result, cpu time.Duration, err error) {
	done := make(chan struct{})
	go func() {
		defer close(done)
		runtime.LockOSThread()
		defer runtime.UnlockOSThread()
		before, ok := threadCPU()
		defer func() {
			if p := recover(); p != nil {
				err = fmt.Errorf("panic: %v", p)
			}
			if after, ok2 := threadCPU(); ok && ok2 && after > before {
				cpu = after - before
			}
		}()
		result, err = r.Exec.Execute(ctx, spec)
	}()
	<-done
	return result, cpu, err
}

// fits refuses a run estimated to need more memory than Opt.MemoryLimit,
// so that it fails with the estimate instead of taking the process (and the
// runs beside it) down.
func (r *Runner) fits(spec runs.Spec) error {
	if r.Opt.Memory == nil || r.Opt.MemoryLimit <= 0 {
		return nil
	}
	if need, ok := r.Opt.Memory.MemoryEstimate(spec); ok && need > r.Opt.MemoryLimit {
		return fmt.Errorf("run of depth %d and width %d on %s needs an estimated %s of memory, more than the %s this machine has",
			spec.Depth, spec.Width, spec.Data, FormatBytes(need), FormatBytes(r.Opt.MemoryLimit))
	}
	return nil
}

// tally classifies one run for the counts.
func (r *Runner) tally(run *PlannedRun, outcome map[string]string) Counts {
	var c Counts
	switch {
	case outcome[run.ID] == "ran":
		c.Ran = 1
	case outcome[run.ID] == "failed":
		c.Failed = 1
	case outcome[run.ID] == "interrupted":
		c.Interrupted = 1
	case run.State == StateCached:
		c.Cached = 1
	case run.State == StateSkipped:
		c.Skipped = 1
	case r.Opt.Shards > 0 && !InShard(run.ID, r.Opt.Shard, r.Opt.Shards):
		c.OtherShards = 1
	default:
		c.Interrupted = 1 // pending but never started: stopped early
	}
	return c
}
