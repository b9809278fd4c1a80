package slurmexec

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"

	"github.com/admmlab/admmlab/internal/inputerr"
	"github.com/admmlab/admmlab/internal/slurm"
	"github.com/admmlab/admmlab/pipeline"
	"github.com/admmlab/admmlab/pipeline/runs"
	"github.com/admmlab/admmlab/pipeline/store"
)

// Config is one invocation of the Slurm executor: the cluster settings
// (sbatch's), the store and work directory, the plan, and what the caller
// knows that this package does not: how to resolve the plan against the
// store, how to lock it, which binary the jobs run, and the cost of runs.
type Config struct {
	Shards, CPUs, Retries         int    // --shards (0: from the cost), --cpus-per-task, --retries
	Partition, Time, Mem, Account string // sbatch's
	WorkDir                       string // absolute; "" is Store + ".slurm"
	Poll                          time.Duration
	Client                        *slurm.Client // nil: the real commands
	NoProbe                       bool          // skip the probe job (tests with a fake client)
	Store                         string        // the main store, absolute
	SelectArgs                    []string      // the selection flags every shard passes on, paths absolute
	Plan                          *pipeline.Plan
	Log                           io.Writer // progress and the summary
	// Resolve resolves the plan against the main store as it is now.
	Resolve func() ([]*pipeline.ExperimentState, error)
	// Lock takes the main store's lock for the whole invocation.
	Lock func() (release func() error, err error)
	// Bin is this admmlab binary as the jobs will run it.
	Bin func() (string, error)
	// Estimate is the CPU-seconds of pending runs of the profile, by the
	// cost model calibrated on the store's runs of that profile from any
	// host, and what the estimate rests on, for sizing a round when Shards
	// is 0.
	Estimate func(store, profile string, pending []runs.Spec) (seconds float64, source string, err error)
	// WaitingNote says what starts n runs that wait for a later stage.
	WaitingNote func(n int) string
}

// slurmRun is one invocation of the Slurm executor.
type slurmRun struct {
	f       Config
	p       *pipeline.Plan
	c       *slurm.Client
	w       io.Writer
	bin     string // this admmlab, as the jobs will run it
	store   string // the main store, absolute
	work    string // the work directory, absolute
	selArgs []string
	state   *slurmState
}

// Run plans, submits one array job per round, waits, merges the shard
// stores into the store and starts the next round, until no run is left
// that this invocation has not tried; then it prints the summary a local
// run prints. Killed and started again it resumes: the store holds every
// merged round, the work directory's state.json the jobs in flight.
func Run(ctx context.Context, f Config) error {
	start := time.Now()
	p, stderr := f.Plan, f.Log
	c := f.Client
	if c == nil {
		c = &slurm.Client{}
	}
	maxCPUs, err := c.MaxCPUs(ctx, f.Partition)
	if err != nil {
		return inputerr.Usagef("--executor slurm: asking Slurm for its nodes: %v\n  (is Slurm installed here and slurmctld reachable? see deploy/README.md)", err)
	}
	if f.CPUs > maxCPUs {
		where := "any partition"
		if f.Partition != "" {
			where = "partition " + f.Partition
		}
		return inputerr.Usagef("flag --cpus-per-task: %d, but the nodes of %s have at most %d CPUs (sinfo): such a job would stay pending forever", f.CPUs, where, maxCPUs)
	}
	bin, err := f.Bin()
	if err != nil {
		return inputerr.Inputf("--executor slurm: finding this admmlab binary for the jobs: %v", err)
	}
	r := &slurmRun{f: f, p: p, c: c, w: stderr, bin: bin, store: f.Store, work: f.WorkDir, selArgs: f.SelectArgs}
	if r.work == "" {
		r.work = r.store + ".slurm"
	}
	release, err := f.Lock()
	if err != nil {
		return err
	}
	defer release()
	// The main store exists before any shard reads it as its base.
	st, err := store.Open(r.store)
	if err != nil {
		return inputerr.Inputf("%v", err)
	}
	if err := st.Close(); err != nil {
		return inputerr.Inputf("store %s: %v", r.store, err)
	}
	if err := os.MkdirAll(r.work, 0o777); err != nil {
		return inputerr.Inputf("flag --work-dir: %v", err)
	}
	if r.state, err = loadSlurmState(r.work, slurmState{Store: r.store, Profile: p.Profile, Select: strings.Join(r.selArgs, " ")}); err != nil {
		return inputerr.Inputf("flag --work-dir: %v", err)
	}
	before, err := doneRuns(r.store)
	if err != nil {
		return inputerr.Inputf("store %s: %v", r.store, err)
	}
	fmt.Fprintf(stderr, "profile %s, store %s, %d experiments, executor slurm (work directory %s, -j %d per task)\n",
		p.Profile, r.store, len(p.Experiments), r.work, f.CPUs)
	for _, name := range p.Skipped {
		fmt.Fprintf(stderr, "%s: left out by profile %s\n", name, p.Profile)
	}
	var shardErrs []error
	tried := map[string]bool{} // runs pending when a round of this invocation was submitted
	probed := f.NoProbe
	maxRounds := maxStage(p) + 2 + f.Retries
	for rounds := 0; ; {
		if open := r.state.open(); open != nil {
			if len(open.Jobs) == 0 {
				if err := r.adopt(ctx, open); err != nil {
					return err
				}
			}
			if err := r.finish(ctx, open); err != nil {
				return err
			}
			for _, i := range open.Failed {
				shardErrs = append(shardErrs, fmt.Errorf("round %d shard %d/%d gave up after %s; see %s",
					open.Round, i, open.Shards, plural(open.attempts(i), "attempt"), filepath.Join(roundDir(r.work, open.Round), "logs")))
			}
			continue
		}
		states, err := f.Resolve()
		if err != nil {
			return err
		}
		pending, ids, fresh := pendingRuns(states, tried)
		if fresh == 0 || rounds >= maxRounds || ctx.Err() != nil {
			break
		}
		if !probed {
			if err := r.probe(ctx); err != nil {
				return err
			}
			probed = true
		}
		n, why, err := r.shardCount(pending)
		if err != nil {
			return err
		}
		round := len(r.state.Rounds) + 1
		fmt.Fprintf(stderr, "round %d: %d pending runs, %d waiting for a later round: %s (%s)\n",
			round, len(pending), waitingRuns(states), plural(n, "shard"), why)
		if err := r.submit(ctx, round, n); err != nil {
			return err
		}
		for _, id := range ids {
			tried[id] = true
		}
		rounds++
	}
	if ctx.Err() != nil {
		return fmt.Errorf("interrupted: the jobs in flight keep running; run the same command again to wait for them and go on: %w", ctx.Err())
	}
	states, err := f.Resolve()
	if err != nil {
		return err
	}
	total, err := r.summary(states, before, time.Since(start))
	if err != nil {
		return err
	}
	switch {
	case len(shardErrs) > 0:
		return fmt.Errorf("%d shards did not finish:\n  %w", len(shardErrs), errors.Join(shardErrs...))
	case total.Interrupted > 0:
		// Every round ended and no shard was given up on, yet runs were
		// never recorded: not a success, whatever the tasks' states said.
		return fmt.Errorf("%d runs are still pending after %s: no shard recorded them (logs: %s); run the same command again to go on",
			total.Interrupted, plural(len(r.state.Rounds), "round"), filepath.Join(r.work, "round-*", "logs"))
	case total.Failed > 0:
		return fmt.Errorf("%d %w (recorded with their errors; the next run retries them)", total.Failed, pipeline.ErrRunsFailed)
	}
	return nil
}

// probe submits a job that writes a fresh token into the work directory
// and checks, once it ended, that the file is there: the shards need the
// work directory, the store and this binary on a file system they share.
func (r *slurmRun) probe(ctx context.Context) error {
	var b [8]byte
	rand.Read(b[:])
	token := hex.EncodeToString(b[:])
	file := filepath.Join(r.work, "probe-"+token)
	defer os.Remove(file)
	id, err := r.c.Submit(ctx, slurm.Submission{
		JobName: "admmlab-probe", Output: filepath.Join(r.work, "probe.out"), Partition: r.f.Partition, Account: r.f.Account,
		Time: r.f.Time, CPUsPerTask: 1, Chdir: r.work,
		Wrap: fmt.Sprintf("test -x %s && echo %s > %s", shQuote(r.bin), token, shQuote(file)),
	})
	if err != nil {
		return inputerr.Usagef("--executor slurm: submitting the probe job: %v", err)
	}
	fmt.Fprintf(r.w, "probe job %s: checking that the jobs see %s\n", id, r.work)
	tasks, err := r.wait(ctx, id, "probe")
	if err != nil {
		return err
	}
	b2, _ := os.ReadFile(file)
	if strings.TrimSpace(string(b2)) != token {
		how := "no record of it"
		if len(tasks) > 0 {
			how = fmt.Sprintf("it ended %s on node %s", tasks[0], tasks[0].Node)
		}
		return inputerr.Usagef("--executor slurm: the work directory %s is not visible to the jobs: probe job %s (%s) did not write %s.\n"+
			"  The jobs need a shared file system holding the work directory (--work-dir), the store %s, the data and this binary %s; see deploy/README.md",
			r.work, id, how, file, r.store, r.bin)
	}
	return nil
}

// wait polls a job until every task has ended and returns its tasks.
func (r *slurmRun) wait(ctx context.Context, id, what string) ([]slurm.Task, error) {
	for {
		tasks, err := r.c.Tasks(ctx, id)
		if err != nil {
			return nil, fmt.Errorf("%s job %s: %w", what, id, err)
		}
		done := true
		for _, t := range tasks {
			done = done && t.Done()
		}
		if done {
			return tasks, nil
		}
		select {
		case <-ctx.Done():
			return nil, fmt.Errorf("interrupted while waiting for %s job %s (it keeps running): %w", what, id, ctx.Err())
		case <-time.After(r.f.Poll):
		}
	}
}

func maxStage(p *pipeline.Plan) int {
	m := 0
	for _, e := range p.Experiments {
		m = max(m, e.Stage)
	}
	return m
}

// SelfPath is this binary as the jobs run it: os.Args[0] looked up in PATH,
// made absolute, symlinks kept (a test binary dispatches on its name): what
// admmlab gives as Config.Bin.
func SelfPath() (string, error) {
	p, err := exec.LookPath(os.Args[0])
	if err != nil {
		return "", err
	}
	return filepath.Abs(p)
}
