package slurmexec

import (
	"bytes"
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"io"
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

// twelveRuns is one experiment of twelve pending runs: that two shards
// both get some depends on the runs' IDs, which a shard of 12 misses with
// odds 2^-11.
func twelveRuns() []*pipeline.ExperimentState {
	st := &pipeline.ExperimentState{}
	for i := 0; i < 12; i++ {
		spec := runs.Spec{Data: "square", Algorithm: "admm", Act: "sigmoid", Depth: 1 + i/6, Width: 2 + i%6, Init: "msra", InitScale: 8, Epochs: 10}
		st.Runs = append(st.Runs, &pipeline.PlannedRun{ID: fmt.Sprintf("%x", sha256.Sum256([]byte{byte(i)})), Spec: spec, State: pipeline.StatePending})
	}
	return []*pipeline.ExperimentState{st}
}

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
			dir := t.TempDir()
			states := twelveRuns()
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
			mainStore := filepath.Join(dir, "runs.db")
			f := Config{CPUs: 1, Retries: tc.retries, Poll: time.Millisecond,
				Resolve: func() ([]*pipeline.ExperimentState, error) { return states, nil }}
			r := &slurmRun{f: f, c: c, w: &out, store: mainStore, work: work, state: &slurmState{Version: slurmStateVersion}}
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
			ix, err := StoreIndex(mainStore)
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

func TestShardOK(t *testing.T) {
	for _, tc := range []struct {
		t    slurm.Task
		want bool
	}{
		{slurm.Task{State: "COMPLETED"}, true},
		{slurm.Task{State: "FAILED", ExitCode: 1}, true}, // runs failed, recorded: merge, do not resubmit
		{slurm.Task{State: "FAILED", ExitCode: 2}, false},
		{slurm.Task{State: "FAILED", ExitCode: 4}, false}, // store held by another admmlab
		{slurm.Task{State: "TIMEOUT"}, false},
		{slurm.Task{State: "CANCELLED", Signal: 15}, false},
		{slurm.Task{State: "NODE_FAIL"}, false},
		{slurm.Task{State: "OUT_OF_MEMORY", ExitCode: 0, Signal: 9}, false},
		{slurm.Task{State: "LOST"}, false},
	} {
		if got := shardOK(tc.t); got != tc.want {
			t.Errorf("shardOK(%v) = %v, want %v", tc.t, got, tc.want)
		}
	}
}

// An executor killed between noting a round and noting its job finds the
// job by its name when Slurm has it, and submits the round only when not.
func TestSlurmAdoptRound(t *testing.T) {
	for _, tc := range []struct {
		squeue   string
		wantJob  string
		wantSent bool
	}{
		{"77\n77\n", "77", false},
		{"", "5", true},
	} {
		dir := t.TempDir()
		var calls []string
		c := &slurm.Client{Exec: func(_ context.Context, name string, args ...string) ([]byte, error) {
			calls = append(calls, name+" "+strings.Join(args, " "))
			switch name {
			case "squeue":
				return []byte(tc.squeue), nil
			case "sbatch":
				return []byte("5\n"), nil
			}
			return nil, errors.New("unexpected command " + name)
		}}
		r := &slurmRun{c: c, w: io.Discard, work: dir, state: &slurmState{Version: slurmStateVersion}}
		rd := &slurmRound{Round: 1, Shards: 2}
		r.state.Rounds = append(r.state.Rounds, rd)
		if err := r.adopt(context.Background(), rd); err != nil {
			t.Fatal(err)
		}
		if len(rd.Jobs) != 1 || rd.Jobs[0].ID != tc.wantJob || len(rd.Jobs[0].Shards) != 2 {
			t.Errorf("squeue %q: jobs %+v, want job %s for shards 1-2", tc.squeue, rd.Jobs, tc.wantJob)
		}
		sent := false
		for _, call := range calls {
			if strings.HasPrefix(call, "sbatch") {
				sent = true
				if !strings.Contains(call, "--array=1-2") || !strings.Contains(call, "--job-name="+r.jobName(1)) {
					t.Errorf("sbatch call %q", call)
				}
			}
		}
		if sent != tc.wantSent {
			t.Errorf("squeue %q: submitted %v, want %v (calls %q)", tc.squeue, sent, tc.wantSent, calls)
		}
		st, err := loadSlurmState(dir, slurmState{})
		if err != nil || len(st.Rounds) != 1 || len(st.Rounds[0].Jobs) != 1 || st.Rounds[0].Jobs[0].ID != tc.wantJob {
			t.Errorf("state.json after adopt: %+v, %v", st, err)
		}
	}
}
