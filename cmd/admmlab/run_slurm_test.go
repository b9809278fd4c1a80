package main

import (
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/admmlab/admmlab/internal/slurm"
)

const toyProfiles = `[{"name": "quick", "description": "test scale"}]`
const toySweep = `{"name": "toy-sweep", "title": "toy sweep", "items": ["table3"], "data": "square", "samples": 40,
 "metric": "train_mse", "epochs": 10, "trials": 1,
 "algorithms": [{"label": "ADMM (sigmoid)", "algorithm": "admm", "act": "sigmoid",
   "grid": {"depth": [1], "width": [4], "lambda": [1e-6], "beta": [1], "init": ["msra"], "init_scale": [8], "noise": [0]}}]}`

// fakeCluster answers like a cluster whose jobs end at once having done
// nothing: sbatch gives job 5, scontrol says it completed.
func fakeCluster(cpus string, calls *[]string) *slurm.Client {
	return &slurm.Client{Exec: func(_ context.Context, name string, args ...string) ([]byte, error) {
		*calls = append(*calls, name+" "+strings.Join(args, " "))
		switch name {
		case "sinfo":
			return []byte("main*|" + cpus + "|1|idle\n"), nil
		case "sbatch":
			return []byte("5\n"), nil
		case "scontrol":
			return []byte("JobId=5 JobName=admmlab-probe JobState=COMPLETED Reason=None ExitCode=0:0 NodeList=n7\n"), nil
		}
		return nil, errors.New("unexpected command " + name)
	}}
}

func toySelection(t *testing.T) (selection, string) {
	dir := t.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, "defs"), 0o777); err != nil {
		t.Fatal(err)
	}
	for name, body := range map[string]string{"profiles.json": toyProfiles, "defs/sweep.json": toySweep} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o666); err != nil {
			t.Fatal(err)
		}
	}
	return selection{stderr: io.Discard, profile: "quick", defs: dir, store: filepath.Join(dir, "runs.db")}, dir
}

// A work directory the jobs do not see (the probe's file never appears)
// stops the executor before it submits any shard, naming the directory.
func TestSlurmProbeWorkDirNotShared(t *testing.T) {
	sel, dir := toySelection(t)
	p, err := sel.plan()
	if err != nil {
		t.Fatal(err)
	}
	var calls []string
	f := slurmFlags{cpus: 1, retries: 1, poll: time.Millisecond, client: fakeCluster("8", &calls)}
	err = runSlurm(context.Background(), sel, f, p, 0, io.Discard)
	work := filepath.Join(dir, "runs.db.slurm")
	if err == nil || exitCode(err) != exitUsage || !strings.Contains(err.Error(), "the work directory "+work+" is not visible to the jobs") ||
		!strings.Contains(err.Error(), "shared file system") {
		t.Fatalf("got %v (exit %d), want exit %d naming %s", err, exitCode(err), exitUsage, work)
	}
	for _, c := range calls {
		if strings.HasPrefix(c, "sbatch") && strings.Contains(c, "--array") {
			t.Errorf("a shard was submitted: %s", c)
		}
	}
}

// More CPUs per task than any node has is refused before anything is
// submitted, as a usage error naming the flag and the nodes' CPUs.
func TestSlurmCPUsPerTaskLargerThanNode(t *testing.T) {
	sel, _ := toySelection(t)
	p, err := sel.plan()
	if err != nil {
		t.Fatal(err)
	}
	var calls []string
	f := slurmFlags{cpus: 4, poll: time.Millisecond, client: fakeCluster("2", &calls)}
	err = runSlurm(context.Background(), sel, f, p, 0, io.Discard)
	if err == nil || exitCode(err) != exitUsage || !strings.Contains(err.Error(), "flag --cpus-per-task: 4, but the nodes of any partition have at most 2 CPUs") {
		t.Fatalf("got %v", err)
	}
	if len(calls) != 1 {
		t.Errorf("commands run: %q, want only sinfo", calls)
	}
}
