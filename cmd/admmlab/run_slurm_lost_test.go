package main

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/admmlab/admmlab/internal/slurm"
)

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
