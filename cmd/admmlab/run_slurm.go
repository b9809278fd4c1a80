package main

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/admmlab/admmlab/internal/slurm"
	"github.com/admmlab/admmlab/pipeline"
	"github.com/admmlab/admmlab/pipeline/store"
)

// slurmFlags are run's flags for --executor slurm.
type slurmFlags struct {
	shards, cpus, retries     int
	partition, timeLimit, mem string
	account, workDir          string
	poll                      time.Duration
	client                    *slurm.Client // nil: the real commands
	noProbe                   bool          // skip the probe job (tests with a fake client)
}

var slurmFlagNames = []string{"shards", "partition", "time", "cpus-per-task", "mem", "account", "work-dir", "retries", "poll"}

func (f *slurmFlags) register(fs *flag.FlagSet) {
	fs.IntVar(&f.shards, "shards", 0, "slurm: array tasks per stage (0: from the plan's estimated cost, about 2 CPU-hours per task)")
	fs.StringVar(&f.partition, "partition", "", "slurm: sbatch --partition")
	fs.StringVar(&f.timeLimit, "time", "", "slurm: sbatch --time per task, e.g. 12:00:00 (a task cut short is resubmitted and resumes)")
	fs.IntVar(&f.cpus, "cpus-per-task", 1, "slurm: sbatch --cpus-per-task, and each task's -j; at most a node's CPUs (checked with sinfo)")
	fs.StringVar(&f.mem, "mem", "", "slurm: sbatch --mem per task, e.g. 4G")
	fs.StringVar(&f.account, "account", "", "slurm: sbatch --account")
	fs.StringVar(&f.workDir, "work-dir", "", "slurm: shared `directory` for the shard stores, scripts, logs and state (default: the store's path + .slurm)")
	fs.IntVar(&f.retries, "retries", 2, "slurm: times a task that timed out, was cancelled, died or ended without recording its runs is resubmitted (a run that failed is recorded; --retries does not count it)")
	fs.DurationVar(&f.poll, "poll", 10*time.Second, "slurm: how often to ask Slurm about the jobs")
}

// check validates the executor flags before anything is planned.
func (f *slurmFlags) check(fs *flag.FlagSet, executor string, sel selection, base string) error {
	var misplaced error
	fs.Visit(func(fl *flag.Flag) {
		if misplaced == nil && executor != "slurm" && slices.Contains(slurmFlagNames, fl.Name) {
			misplaced = usageErrorf("flag --%s: only with --executor slurm", fl.Name)
		}
	})
	if misplaced != nil {
		return misplaced
	}
	switch {
	case executor == "local":
		return nil
	case executor != "slurm":
		return usageErrorf("flag --executor: %q, want local or slurm", executor)
	case sel.shard != "":
		return usageErrorf("flag --shard: not with --executor slurm, which shards itself (--shards N)")
	case base != "":
		return usageErrorf("flag --base: not with --executor slurm, whose store is every shard's base")
	case f.shards < 0:
		return usageErrorf("flag --shards: %d, want ≥ 0 (0: from the estimated cost)", f.shards)
	case f.cpus < 1:
		return usageErrorf("flag --cpus-per-task: %d, want ≥ 1", f.cpus)
	case f.retries < 0:
		return usageErrorf("flag --retries: %d, want ≥ 0", f.retries)
	case f.poll <= 0:
		return usageErrorf("flag --poll: %s, want > 0", f.poll)
	}
	return nil
}

// slurmRun is one invocation of the Slurm executor.
type slurmRun struct {
	f       slurmFlags
	sel     selection
	p       *pipeline.Plan
	c       *slurm.Client
	w       io.Writer
	bin     string // this admmlab, as the jobs will run it
	store   string // the main store, absolute
	work    string // the work directory, absolute
	selArgs []string
	state   *slurmState
}

// runSlurm plans, submits one array job per round, waits, merges the shard
// stores into the store and starts the next round, until no run is left
// that this invocation has not tried; then it prints the summary a local
// run prints. Killed and started again it resumes: the store holds every
// merged round, the work directory's state.json the jobs in flight.
func runSlurm(ctx context.Context, sel selection, f slurmFlags, p *pipeline.Plan, lockWait time.Duration, stderr io.Writer) error {
	start := time.Now()
	c := f.client
	if c == nil {
		c = &slurm.Client{}
	}
	maxCPUs, err := c.MaxCPUs(ctx, f.partition)
	if err != nil {
		return usageErrorf("--executor slurm: asking Slurm for its nodes: %v\n  (is Slurm installed here and slurmctld reachable? see deploy/README.md)", err)
	}
	if f.cpus > maxCPUs {
		where := "any partition"
		if f.partition != "" {
			where = "partition " + f.partition
		}
		return usageErrorf("flag --cpus-per-task: %d, but the nodes of %s have at most %d CPUs (sinfo): such a job would stay pending forever", f.cpus, where, maxCPUs)
	}
	bin, err := selfPath()
	if err != nil {
		return inputErrorf("--executor slurm: finding this admmlab binary for the jobs: %v", err)
	}
	r := &slurmRun{f: f, sel: sel, p: p, c: c, w: stderr, bin: bin, store: absOr(sel.store)}
	r.work = absOr(f.workDir)
	if f.workDir == "" {
		r.work = r.store + ".slurm"
	}
	r.selArgs = shardSelection(sel)
	release, err := lockStore(r.store, lockWait)
	if err != nil {
		return err
	}
	defer release()
	// The main store exists before any shard reads it as its base.
	st, err := store.Open(r.store)
	if err != nil {
		return inputErrorf("%v", err)
	}
	if err := st.Close(); err != nil {
		return inputErrorf("store %s: %v", r.store, err)
	}
	if err := os.MkdirAll(r.work, 0o777); err != nil {
		return inputErrorf("flag --work-dir: %v", err)
	}
	if r.state, err = loadSlurmState(r.work, slurmState{Store: r.store, Profile: p.Profile, Select: strings.Join(r.selArgs, " ")}); err != nil {
		return inputErrorf("flag --work-dir: %v", err)
	}
	before, err := doneRuns(r.store)
	if err != nil {
		return inputErrorf("store %s: %v", r.store, err)
	}
	fmt.Fprintf(stderr, "profile %s, store %s, %d experiments, executor slurm (work directory %s, -j %d per task)\n",
		p.Profile, r.store, len(p.Experiments), r.work, f.cpus)
	for _, name := range p.Skipped {
		fmt.Fprintf(stderr, "%s: left out by profile %s\n", name, p.Profile)
	}
	var shardErrs []error
	tried := map[string]bool{} // runs pending when a round of this invocation was submitted
	probed := f.noProbe
	maxRounds := maxStage(p) + 2 + f.retries
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
		states, err := resolve(sel, p)
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
	states, err := resolve(sel, p)
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

// selfPath is this binary as the jobs run it: os.Args[0] looked up in PATH,
// made absolute, symlinks kept (a test binary dispatches on its name).
func selfPath() (string, error) {
	p, err := exec.LookPath(os.Args[0])
	if err != nil {
		return "", err
	}
	return filepath.Abs(p)
}

// shardSelection is the selection flags every shard passes on, with paths
// made absolute, since the jobs start elsewhere.
func shardSelection(sel selection) []string {
	args := []string{"--profile", sel.profile}
	if sel.defs != "" {
		args = append(args, "--defs", absOr(sel.defs))
	}
	if sel.dataDir != "" {
		args = append(args, "--data-dir", absOr(sel.dataDir))
	}
	if sel.only != "" {
		args = append(args, "--only", sel.only)
	}
	if sel.trials > 0 {
		args = append(args, "--trials", fmt.Sprint(sel.trials))
	}
	if sel.fetch {
		args = append(args, "--fetch")
	}
	return args
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
		JobName: "admmlab-probe", Output: filepath.Join(r.work, "probe.out"), Partition: r.f.partition, Account: r.f.account,
		Time: r.f.timeLimit, CPUsPerTask: 1, Chdir: r.work,
		Wrap: fmt.Sprintf("test -x %s && echo %s > %s", shQuote(r.bin), token, shQuote(file)),
	})
	if err != nil {
		return usageErrorf("--executor slurm: submitting the probe job: %v", err)
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
		return usageErrorf("--executor slurm: the work directory %s is not visible to the jobs: probe job %s (%s) did not write %s.\n"+
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
		case <-time.After(r.f.poll):
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
