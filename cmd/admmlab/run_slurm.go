package main

import (
	"context"
	"flag"
	"io"
	"slices"
	"time"

	"github.com/admmlab/admmlab/internal/slurm"
	"github.com/admmlab/admmlab/internal/slurmexec"
	"github.com/admmlab/admmlab/pipeline"
	"github.com/admmlab/admmlab/pipeline/estimate"
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

// runSlurm runs the plan's rounds on Slurm (package slurmexec) with the
// flags' settings, the store's lock and this binary, and maps the
// executor's input errors to exit codes.
func runSlurm(ctx context.Context, sel selection, f slurmFlags, p *pipeline.Plan, lockWait time.Duration, stderr io.Writer) error {
	st := absOr(sel.store)
	work := ""
	if f.workDir != "" {
		work = absOr(f.workDir)
	}
	err := slurmexec.Run(ctx, slurmexec.Config{
		Shards: f.shards, CPUs: f.cpus, Retries: f.retries,
		Partition: f.partition, Time: f.timeLimit, Mem: f.mem, Account: f.account,
		WorkDir: work, Poll: f.poll, Client: f.client, NoProbe: f.noProbe,
		Store: st, SelectArgs: shardSelection(sel), Plan: p, Log: stderr,
		Resolve:     func() ([]*pipeline.ExperimentState, error) { return resolve(sel, p) },
		Lock:        func() (func() error, error) { return lockStore(st, lockWait) },
		Bin:         slurmexec.SelfPath,
		Estimate:    estimate.StoreCPUSeconds,
		WaitingNote: func(n int) string { return pipeline.WaitingNote(n, false) },
	})
	return withExitCode(err)
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
	if sel.trials.archived || sel.trials.n > 0 {
		args = append(args, "--trials", sel.trials.String())
	}
	if sel.trials.archived {
		args = append(args, "--archive", absOr(sel.archive))
	}
	if sel.fetch {
		args = append(args, "--fetch")
	}
	return args
}
