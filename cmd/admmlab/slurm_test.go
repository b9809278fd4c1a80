package main

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/rogpeppe/go-internal/testscript"

	"github.com/admmlab/admmlab/internal/sharedtest"
	"github.com/admmlab/admmlab/pipeline/runs"
	"github.com/admmlab/admmlab/pipeline/store"
)

// TestSlurmScripts runs testdata/slurm/*.txtar against a real Slurm: the
// one of scripts/slurm_single_node.sh here and in CI. Without a reachable
// Slurm it skips, saying so, except under CI, where that is a failure.
func TestSlurmScripts(t *testing.T) {
	if out, err := exec.Command("sinfo", "-h", "-o", "%t").CombinedOutput(); err != nil {
		msg := fmt.Sprintf("no Slurm reachable (sinfo: %v: %s); start one with: sudo scripts/slurm_single_node.sh start", err, strings.TrimSpace(string(out)))
		if os.Getenv("CI") != "" {
			t.Fatalf("CI is set, so the Slurm tests must run: %s", msg)
		}
		t.Skip(msg)
	}
	shared := sharedtest.Dir(t)
	repo, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	// Every job the scripts start runs in a directory under root; however
	// the test ends (a failure, a panic, its deadline) they are cancelled.
	root := t.TempDir()
	t.Cleanup(func() { cancelJobsUnder(t, root) })
	startJobWatchdog(t, root)
	if deadline, ok := t.Deadline(); ok {
		// go test's -timeout panics without running cleanups: from a
		// minute before it, keep cancelling the jobs, so that the scripts'
		// waits end and the test fails by itself.
		done := make(chan struct{})
		defer close(done)
		time.AfterFunc(time.Until(deadline)-time.Minute, func() {
			t.Errorf("the Slurm tests near go test's -timeout (%s): cancelling their jobs", deadline.Format(time.TimeOnly))
			for {
				select {
				case <-done:
					return
				case <-time.After(2 * time.Second):
					cancelJobsUnder(t, root)
				}
			}
		})
	}
	testscript.Run(t, testscript.Params{
		Dir:         "testdata/slurm",
		WorkdirRoot: root,
		Setup: func(env *testscript.Env) error {
			env.Setenv("SHARED", shared)
			env.Setenv("REPO", repo)
			return nil
		},
		Cmds: map[string]func(ts *testscript.TestScript, neg bool, args []string){"runs-once": runsOnce},
	})
}

// jobWatchdog waits for the test process (its first argument) to end, by
// whatever means, then cancels the Slurm jobs whose working directory lies
// under its second argument.
const jobWatchdog = `pid=$1 root=$2
while kill -0 "$pid" 2>/dev/null; do sleep 2; done
for i in 1 2 3 4 5 6 7 8 9 10; do
	ids=$(squeue -h -o '%i|%Z' | awk -F'|' -v r="$root" '$2 == r || index($2, r "/") == 1 { print $1 }')
	[ -z "$ids" ] && exit 0
	scancel $ids
	sleep 2
done`

// startJobWatchdog starts, in a session of its own, a shell that outlives
// this process and cancels the jobs under root once it ends, so that even
// a test killed by go test's -timeout (a panic: no cleanup runs) or by a
// signal leaves no job behind.
func startJobWatchdog(t *testing.T, root string) {
	cmd := exec.Command("sh", "-c", jobWatchdog, "watchdog", strconv.Itoa(os.Getpid()), root)
	cmd.SysProcAttr = &syscall.SysProcAttr{Setsid: true}
	if err := cmd.Start(); err != nil {
		t.Fatalf("starting the job watchdog: %v", err)
	}
	cmd.Process.Release()
}

// cancelJobsUnder cancels every Slurm job whose working directory lies
// under root and waits (at most a minute) until squeue no longer lists
// them.
func cancelJobsUnder(t *testing.T, root string) {
	mine := func() []string {
		out, err := exec.Command("squeue", "-h", "-o", "%i|%Z").Output()
		if err != nil {
			t.Logf("squeue: %v", err)
			return nil
		}
		var ids []string
		for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
			id, dir, ok := strings.Cut(line, "|")
			if ok && (dir == root || strings.HasPrefix(dir, root+string(filepath.Separator))) {
				ids = append(ids, id)
			}
		}
		return ids
	}
	for deadline := time.Now().Add(time.Minute); ; time.Sleep(time.Second) {
		ids := mine()
		if len(ids) == 0 {
			return
		}
		if time.Now().After(deadline) {
			t.Errorf("Slurm jobs %s still listed a minute after scancel", strings.Join(ids, ", "))
			return
		}
		if out, err := exec.Command("scancel", ids...).CombinedOutput(); err != nil {
			t.Logf("scancel %s: %v: %s", strings.Join(ids, " "), err, out)
		}
	}
}

// runsOnce MAIN SHARD... checks that no run was done twice: every done run
// of the shard stores is in one of them only (each execution of a run is
// recorded in the shard store of the task that did it), and they are
// exactly the done runs of MAIN.
func runsOnce(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) < 2 {
		ts.Fatalf("usage: runs-once MAIN SHARD...")
	}
	done := func(path string) []string {
		st, err := store.OpenExisting(ts.MkAbs(path))
		if err != nil || st == nil {
			ts.Fatalf("store %s: %v", path, err)
		}
		defer st.Close()
		all, err := st.All(context.Background())
		ts.Check(err)
		var ids []string
		for _, r := range all {
			if r.Status == runs.StatusDone {
				ids = append(ids, r.ID)
			}
		}
		return ids
	}
	where := map[string]string{}
	var shards []string
	for _, pat := range args[1:] {
		m, err := filepath.Glob(ts.MkAbs(pat))
		ts.Check(err)
		shards = append(shards, m...)
	}
	for _, s := range shards {
		for _, id := range done(s) {
			if w, ok := where[id]; ok {
				ts.Fatalf("run %s was done twice: in %s and in %s", id[:12], w, s)
			}
			where[id] = s
		}
	}
	main := done(args[0])
	for _, id := range main {
		if where[id] == "" {
			ts.Fatalf("run %s of %s is in no shard store", id[:12], args[0])
		}
	}
	if len(main) != len(where) {
		ts.Fatalf("%s holds %d done runs, the %d shard stores %d", args[0], len(main), len(shards), len(where))
	}
	ts.Logf("%d runs, each done once, in %d shard stores", len(main), len(shards))
}
