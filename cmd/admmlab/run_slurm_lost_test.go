package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/admmlab/admmlab/internal/slurm"
	"github.com/admmlab/admmlab/pipeline"
	"github.com/admmlab/admmlab/pipeline/runs"
	"github.com/admmlab/admmlab/pipeline/store"
)

// twelveRuns is a toy sweep of twelve runs: that two shards both get some
// depends on the runs' IDs, which a shard of 12 misses with odds 2^-11.
const twelveRuns = `{"name": "toy-sweep", "title": "toy sweep", "items": ["table3"], "data": "square", "samples": 40,
 "metric": "train_mse", "epochs": 10, "trials": 1,
 "algorithms": [{"label": "ADMM (sigmoid)", "algorithm": "admm", "act": "sigmoid",
   "grid": {"depth": [1, 2], "width": [2, 3, 4, 5, 6, 7], "lambda": [1e-6], "beta": [1], "init": ["msra"], "init_scale": [8], "noise": [0]}}]}`

// A shard's admmlab exits 1 both when runs failed (recorded in its store)
// and when an error stopped it before it recorded its runs. The first is a
// finished shard; the second is resubmitted like a task that died, and
// given up on once its retries are spent, never merged as if it were done.
func TestSlurmShardExit1WithoutRecords(t *testing.T) {
	for _, tc := range []struct {
		name      string
		retries   int
		wantLines []string
		wantJobs  int
		wantGiven []int
	}{
		{"resubmitted", 1, []string{
			"round 1: shard 2: task 2 FAILED (exit 1:0) (NonZeroExitCode), but its store has no record of %d of its runs; resubmitting (attempt 2 of 2)",
			"round 1: job 11 runs shards 2 of 2",
			"round 1: merged 2 shard stores",
		}, 2, nil},
		{"given up", 0, []string{
			"round 1: shard 2: task 2 FAILED (exit 1:0) (NonZeroExitCode), but its store has no record of %d of its runs; giving up after 1 attempt (log: ",
		}, 1, []int{2}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			sel, dir := toySelection(t)
			if err := os.WriteFile(filepath.Join(dir, "defs", "sweep.json"), []byte(twelveRuns), 0o666); err != nil {
				t.Fatal(err)
			}
			p, err := sel.plan()
			if err != nil {
				t.Fatal(err)
			}
			states, err := resolve(sel, p)
			if err != nil {
				t.Fatal(err)
			}
			byShard := map[int][]*pipeline.PlannedRun{}
			for _, st := range states {
				for _, run := range st.Runs {
					byShard[pipeline.ShardOf(run.ID, 2)] = append(byShard[pipeline.ShardOf(run.ID, 2)], run)
				}
			}
			if len(byShard[1]) == 0 || len(byShard[2]) == 0 {
				t.Fatalf("runs by shard: %d and %d; the sweep must give both shards a run", len(byShard[1]), len(byShard[2]))
			}
			work := filepath.Join(dir, "work")
			if err := os.MkdirAll(roundDir(work, 1), 0o777); err != nil {
				t.Fatal(err)
			}
			// Shard 1 ran its runs, which failed, and recorded them: exit 1.
			// Shard 2 stopped before recording anything: exit 1 too.
			putRecords(t, shardStore(work, 1, 1), byShard[1], runs.StatusFailed)
			var submitted []string
			c := &slurm.Client{Exec: func(_ context.Context, name string, args ...string) ([]byte, error) {
				switch {
				case name == "sbatch":
					submitted = append(submitted, strings.Join(args, " "))
					// The resubmitted shard 2 runs its runs this time.
					putRecords(t, shardStore(work, 1, 2), byShard[2], runs.StatusDone)
					return []byte("11\n"), nil
				case name == "scontrol" && args[len(args)-1] == "10":
					return []byte("JobId=10 ArrayTaskId=1 JobState=FAILED Reason=NonZeroExitCode ExitCode=1:0\n" +
						"JobId=10 ArrayTaskId=2 JobState=FAILED Reason=NonZeroExitCode ExitCode=1:0\n"), nil
				case name == "scontrol" && args[len(args)-1] == "11":
					return []byte("JobId=11 ArrayTaskId=2 JobState=COMPLETED Reason=None ExitCode=0:0\n"), nil
				}
				return nil, errors.New("unexpected command " + name + " " + strings.Join(args, " "))
			}}
			var out bytes.Buffer
			r := &slurmRun{f: slurmFlags{cpus: 1, retries: tc.retries, poll: time.Millisecond}, sel: sel, p: p, c: c, w: &out,
				store: sel.store, work: work, state: &slurmState{Version: slurmStateVersion}}
			rd := &slurmRound{Round: 1, Shards: 2, Jobs: []slurmJob{{ID: "10", Shards: []int{1, 2}}}}
			r.state.Rounds = append(r.state.Rounds, rd)
			if err := r.finish(context.Background(), rd); err != nil {
				t.Fatal(err)
			}
			for _, l := range tc.wantLines {
				if strings.Contains(l, "%d") {
					l = fmt.Sprintf(l, len(byShard[2]))
				}
				if !strings.Contains(out.String(), l) {
					t.Errorf("output lacks %q:\n%s", l, out.String())
				}
			}
			if strings.Contains(out.String(), "shard 1:") {
				t.Errorf("shard 1 recorded its failed runs, yet:\n%s", out.String())
			}
			if len(rd.Jobs) != tc.wantJobs || !slices.Equal(rd.Failed, tc.wantGiven) {
				t.Errorf("jobs %+v, given up on %v; want %d jobs, given up on %v", rd.Jobs, rd.Failed, tc.wantJobs, tc.wantGiven)
			}
			if tc.wantJobs == 2 && (len(submitted) != 1 || !strings.Contains(submitted[0], "--array=2 ")) {
				t.Errorf("sbatch calls %q, want one for shard 2", submitted)
			}
			// The main store holds what the shards recorded, nothing more.
			ix, err := storeIndex(sel.store)
			if err != nil {
				t.Fatal(err)
			}
			want := len(byShard[1])
			if tc.wantJobs == 2 {
				want += len(byShard[2])
			}
			if len(ix.ByID) != want {
				t.Errorf("main store holds %d runs, want %d", len(ix.ByID), want)
			}
		})
	}
}

// putRecords records the runs in the store at path with the status given.
func putRecords(t *testing.T, path string, planned []*pipeline.PlannedRun, status string) {
	t.Helper()
	st, err := store.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	for _, run := range planned {
		rec := runs.Record{ID: run.ID, Key: run.Key, Spec: run.Spec, Status: status, Started: time.Now(), Finished: time.Now()}
		if status == runs.StatusFailed {
			rec.Error = "solver: no convergence"
		} else {
			rec.Result.Metrics = map[string]float64{"train_mse_best": 0.25}
		}
		if err := st.Put(rec); err != nil {
			t.Fatal(err)
		}
	}
}

// Tasks that complete without their shards recording a run (here: a cluster
// whose jobs do nothing) are resubmitted, then given up on: the executor
// fails naming them, instead of reporting the runs as merged.
func TestSlurmShardsThatRecordNothing(t *testing.T) {
	sel, dir := toySelection(t)
	p, err := sel.plan()
	if err != nil {
		t.Fatal(err)
	}
	c := &slurm.Client{Exec: func(_ context.Context, name string, args ...string) ([]byte, error) {
		switch name {
		case "sinfo":
			return []byte("main*|8|1|idle\n"), nil
		case "sbatch":
			return []byte("5\n"), nil
		case "scontrol":
			return []byte("JobId=5 ArrayTaskId=1 JobState=COMPLETED Reason=None ExitCode=0:0\n"), nil
		}
		return nil, errors.New("unexpected command " + name)
	}}
	var out bytes.Buffer
	f := slurmFlags{shards: 1, cpus: 1, retries: 1, poll: time.Millisecond, noProbe: true, client: c}
	err = runSlurm(context.Background(), sel, f, p, 0, &out)
	if err == nil || exitCode(err) != exitFailure || !strings.Contains(err.Error(), "round 1 shard 1/1 gave up after 2 attempts") {
		t.Fatalf("got %v (exit %d), want exit %d naming round 1 shard 1\n%s", err, exitCode(err), exitFailure, out.String())
	}
	for _, l := range []string{
		"round 1: shard 1: task 1 COMPLETED, but its store has no record of 1 of its runs; resubmitting (attempt 2 of 2)",
		"round 1: shard 1: task 1 COMPLETED, but its store has no record of 1 of its runs; giving up after 2 attempts",
		"round 1: merged 0 shard stores",
	} {
		if !strings.Contains(out.String(), l) {
			t.Errorf("output lacks %q:\n%s", l, out.String())
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "runs.db")); err != nil {
		t.Fatal(err)
	}
}
