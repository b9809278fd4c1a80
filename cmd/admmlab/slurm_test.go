package main

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

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
	testscript.Run(t, testscript.Params{
		Dir: "testdata/slurm",
		Setup: func(env *testscript.Env) error {
			env.Setenv("SHARED", shared)
			env.Setenv("REPO", repo)
			return nil
		},
		Cmds: map[string]func(ts *testscript.TestScript, neg bool, args []string){"runs-once": runsOnce},
	})
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
