package slurmexec

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"slices"
	"time"

	"github.com/admmlab/admmlab/internal/inputerr"
	"github.com/admmlab/admmlab/internal/slurm"
	"github.com/admmlab/admmlab/pipeline"
	"github.com/admmlab/admmlab/pipeline/runs"
	"github.com/admmlab/admmlab/pipeline/store"
)

// submit writes a round's batch script and submits its n shards as one
// array job.
func (r *slurmRun) submit(ctx context.Context, round, n int) error {
	dir := roundDir(r.work, round)
	if err := os.MkdirAll(filepath.Join(dir, "logs"), 0o777); err != nil {
		return inputerr.Inputf("flag --work-dir: %v", err)
	}
	if err := writeShardScript(filepath.Join(dir, "shard.sh"), r.bin, n, r.f.CPUs, filepath.Join(dir, "shard-"), r.store, r.selArgs); err != nil {
		return inputerr.Inputf("flag --work-dir: %v", err)
	}
	// The round is noted before sbatch runs, so that an executor killed
	// between the two finds its job by name (adopt) instead of submitting
	// the round twice.
	rd := &slurmRound{Round: round, Shards: n}
	r.state.Rounds = append(r.state.Rounds, rd)
	if err := r.state.save(r.work); err != nil {
		return err
	}
	return r.submitShards(ctx, rd, allShards(n))
}

func allShards(n int) []int {
	shards := make([]int, n)
	for i := range shards {
		shards[i] = i + 1
	}
	return shards
}

// jobName is unique to the work directory and the round.
func (r *slurmRun) jobName(round int) string {
	h := sha256.Sum256([]byte(r.work))
	return fmt.Sprintf("admmlab-%s-r%d", hex.EncodeToString(h[:4]), round)
}

// adopt completes a round noted in the state file without a job: the
// executor was killed while submitting it. A job of the round's name that
// Slurm knows is taken as the round's; otherwise the round is submitted now.
func (r *slurmRun) adopt(ctx context.Context, rd *slurmRound) error {
	ids, err := r.c.JobsNamed(ctx, r.jobName(rd.Round))
	if err != nil {
		return fmt.Errorf("round %d: looking for its job: %w", rd.Round, err)
	}
	if len(ids) == 0 {
		return r.submitShards(ctx, rd, allShards(rd.Shards))
	}
	rd.Jobs = append(rd.Jobs, slurmJob{ID: ids[0], Shards: allShards(rd.Shards)})
	fmt.Fprintf(r.w, "round %d: found its job %s, submitted before this executor was stopped\n", rd.Round, ids[0])
	return r.state.save(r.work)
}

// submitShards submits the given shards of a round (all of them, or those
// to retry) as one array job, the array indices being the shard numbers,
// and records the job in the state file.
func (r *slurmRun) submitShards(ctx context.Context, rd *slurmRound, shards []int) error {
	dir := roundDir(r.work, rd.Round)
	id, err := r.c.Submit(ctx, slurm.Submission{
		Script: filepath.Join(dir, "shard.sh"), Array: slurm.FormatRange(shards), JobName: r.jobName(rd.Round),
		Output: filepath.Join(dir, "logs", "shard-%a-job-%A.out"), Chdir: dir,
		Partition: r.f.Partition, Time: r.f.Time, Account: r.f.Account, Mem: r.f.Mem, CPUsPerTask: r.f.CPUs,
	})
	if err != nil {
		return fmt.Errorf("round %d: submitting shards %s: %w", rd.Round, slurm.FormatRange(shards), err)
	}
	rd.Jobs = append(rd.Jobs, slurmJob{ID: id, Shards: shards})
	if err := r.state.save(r.work); err != nil {
		return fmt.Errorf("round %d: job %s submitted, but %w", rd.Round, id, err)
	}
	fmt.Fprintf(r.w, "round %d: job %s runs shards %s of %d (logs: %s)\n", rd.Round, id, slurm.FormatRange(shards), rd.Shards, filepath.Join(dir, "logs"))
	return nil
}

// shardOK reports whether a task ended as a shard that ran to its end
// does: it completed, or admmlab exited 1, which it does having recorded
// failed runs (they are merged and reported like a local run's). Exit 1 is
// also any error admmlab does not classify, so that a shard is taken as
// finished only when its store also records every one of its runs (see
// unrecorded).
func shardOK(t slurm.Task) bool {
	return t.State == "COMPLETED" || (t.State == "FAILED" && t.ExitCode == 1 && t.Signal == 0)
}

// unrecorded counts, per shard of the round, the round's runs of which the
// shard's store holds no record, done or failed. A shard whose admmlab
// stopped on an error before recording its runs (a full disk, a store it
// could not write) exits 1 as one with failed runs does: only its store
// tells the two apart. The round's runs are the main store's pending runs:
// the store stays as it was at the round's submission until the round is
// merged, since this executor holds its lock.
func (r *slurmRun) unrecorded(rd *slurmRound) (map[int]int, error) {
	states, err := r.f.Resolve()
	if err != nil {
		return nil, err
	}
	_, ids, _ := pendingRuns(states, nil)
	indexes := map[int]*store.Index{}
	missing := map[int]int{}
	for _, id := range ids {
		i := pipeline.ShardOf(id, rd.Shards)
		ix, ok := indexes[i]
		if !ok {
			path := shardStore(r.work, rd.Round, i)
			if ix, err = StoreIndex(path); err != nil {
				return nil, inputerr.Inputf("round %d: shard %d's store %s: %v", rd.Round, i, path, err)
			}
			indexes[i] = ix
		}
		if ix == nil { // the shard wrote no store
			missing[i]++
			continue
		}
		if s := ix.ByID[id].Status; s != runs.StatusDone && s != runs.StatusFailed {
			missing[i]++
		}
	}
	return missing, nil
}

// finish waits for every shard of a round, resubmits those that died
// (timed out, cancelled, node failure, out of memory, an admmlab that
// could not start) at most --retries times, then merges every shard store
// into the main store and marks the round merged.
func (r *slurmRun) finish(ctx context.Context, rd *slurmRound) error {
	last := ""
	for {
		tasks, err := r.roundTasks(ctx, rd)
		if err != nil {
			return err
		}
		var running, pending int
		for _, t := range tasks {
			switch {
			case t.State == "PENDING":
				pending++
			case !t.Done():
				running++
			}
		}
		if line := fmt.Sprintf("round %d: %d of %d shards ended, %d running, %d pending", rd.Round, len(tasks)-running-pending, rd.Shards, running, pending); line != last {
			fmt.Fprintln(r.w, line)
			last = line
		}
		if running+pending == 0 {
			missing, err := r.unrecorded(rd)
			if err != nil {
				return err
			}
			var retry []int
			for i := 1; i <= rd.Shards; i++ {
				t, how := tasks[i], tasks[i].String()
				if shardOK(t) && missing[i] > 0 {
					how += fmt.Sprintf(", but its store has no record of %d of its runs", missing[i])
				}
				switch {
				case slices.Contains(rd.Failed, i):
				case shardOK(t) && missing[i] == 0:
				case rd.attempts(i) <= r.f.Retries:
					fmt.Fprintf(r.w, "round %d: shard %d: %s; resubmitting (attempt %d of %d)\n", rd.Round, i, how, rd.attempts(i)+1, r.f.Retries+1)
					retry = append(retry, i)
				default:
					fmt.Fprintf(r.w, "round %d: shard %d: %s; giving up after %s (log: %s)\n", rd.Round, i, how, plural(rd.attempts(i), "attempt"), shardLog(r.work, rd.Round, i, rd.latest()[i]))
					rd.Failed = append(rd.Failed, i)
				}
			}
			if len(retry) == 0 {
				break
			}
			if err := r.submitShards(ctx, rd, retry); err != nil {
				return err
			}
			continue
		}
		select {
		case <-ctx.Done():
			return fmt.Errorf("interrupted while waiting for round %d (its jobs keep running; run the same command again to go on): %w", rd.Round, ctx.Err())
		case <-time.After(r.f.Poll):
		}
	}
	return r.merge(ctx, rd)
}

// roundTasks is the latest task of every shard of the round; a shard whose
// job Slurm no longer knows is LOST (ended, to be resubmitted).
func (r *slurmRun) roundTasks(ctx context.Context, rd *slurmRound) (map[int]slurm.Task, error) {
	latest := rd.latest()
	byJob := map[string][]slurm.Task{}
	out := map[int]slurm.Task{}
	for i := 1; i <= rd.Shards; i++ {
		id := latest[i]
		if _, ok := byJob[id]; !ok {
			tasks, err := r.c.Tasks(ctx, id)
			if err != nil {
				return nil, fmt.Errorf("round %d: job %s: %w", rd.Round, id, err)
			}
			byJob[id] = tasks
		}
		out[i] = slurm.Task{Index: i, State: "LOST", Reason: "Slurm no longer knows job " + id}
		for _, t := range byJob[id] {
			if t.Index == i {
				out[i] = t
			}
		}
	}
	return out, nil
}

// merge folds every shard store of the round into the main store.
func (r *slurmRun) merge(ctx context.Context, rd *slurmRound) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	dst, err := store.Open(r.store)
	if err != nil {
		return inputerr.Inputf("%v", err)
	}
	added, merged := 0, 0
	for i := 1; i <= rd.Shards; i++ {
		src := shardStore(r.work, rd.Round, i)
		if _, err := os.Stat(src); errors.Is(err, os.ErrNotExist) {
			continue // the shard never started (it gave up)
		}
		n, err := dst.Merge(ctx, src)
		if err != nil {
			dst.Close()
			return inputerr.Inputf("round %d: merging %s: %v", rd.Round, src, err)
		}
		added += n
		merged++
	}
	if err := dst.Close(); err != nil {
		return inputerr.Inputf("store %s: %v", r.store, err)
	}
	rd.Merged = true
	if err := r.state.save(r.work); err != nil {
		return err
	}
	fmt.Fprintf(r.w, "round %d: merged %s into %s: %d runs added\n", rd.Round, plural(merged, "shard store"), r.store, added)
	return nil
}

// pendingRuns lists the distinct pending runs of the states, and how many
// of them no round of this invocation has tried yet.
func pendingRuns(states []*pipeline.ExperimentState, tried map[string]bool) (runs []runs.Spec, ids []string, fresh int) {
	seen := map[string]bool{}
	for _, st := range states {
		for _, run := range st.Runs {
			if run.State == pipeline.StatePending && !seen[run.ID] {
				seen[run.ID] = true
				runs = append(runs, run.Spec)
				ids = append(ids, run.ID)
				if !tried[run.ID] {
					fresh++
				}
			}
		}
	}
	return runs, ids, fresh
}

// waitingRuns counts the runs of experiments waiting on a dependency.
func waitingRuns(states []*pipeline.ExperimentState) int {
	n := 0
	for _, st := range states {
		if st.Waiting != "" && !st.Unavailable {
			n += st.Expected
		}
	}
	return n
}

// Shards are sized for about this much work each, at the task's CPUs.
const shardWallHours = 2

// shardCount is --shards, or a count from the estimated cost of this
// round's pending runs (each round is sized anew), at most one shard per
// pending run.
func (r *slurmRun) shardCount(pending []runs.Spec) (int, string, error) {
	if r.f.Shards > 0 {
		return min(r.f.Shards, len(pending)), "--shards", nil
	}
	// Earlier rounds' runs of the profile ran on the cluster's nodes, the
	// machines this round runs on: the estimate takes any host's.
	secs, src, err := r.f.Estimate(r.store, r.p.Profile, pending)
	if err != nil {
		return 0, "", inputerr.Inputf("%v", err)
	}
	shards := int(math.Ceil(secs / (float64(r.f.CPUs) * shardWallHours * 3600)))
	shards = max(1, min(shards, 1000, len(pending)))
	return shards, fmt.Sprintf("from the estimated %.2f CPU-hours of its pending runs (%s), about %d hours per task at --cpus-per-task %d; --shards N to choose",
		secs/3600, src, shardWallHours, r.f.CPUs), nil
}

// StoreIndex reads a store's index read-only; a missing store has none.
func StoreIndex(path string) (*store.Index, error) {
	st, err := store.OpenExisting(path)
	if err != nil || st == nil {
		return nil, err
	}
	defer st.Close()
	return st.Index(context.Background())
}

// doneRuns is the set of done runs in the store.
func doneRuns(path string) (map[string]bool, error) {
	ix, err := StoreIndex(path)
	if err != nil {
		return nil, err
	}
	done := map[string]bool{}
	if ix != nil {
		for id, rec := range ix.ByID {
			if rec.Status == runs.StatusDone {
				done[id] = true
			}
		}
	}
	return done, nil
}
