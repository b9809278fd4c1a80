package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"
	"time"

	"github.com/admmlab/admmlab/pipeline/runs"
	"github.com/admmlab/admmlab/pipeline/store"
	"github.com/admmlab/admmlab/solvers"
)

// The test binary's hooks for the end-to-end scripts; none of them ships in
// admmlab.

// codeSaltEnv perturbs families' code fingerprints in the scripts, e.g.
// ADMMLAB_CODE_SALT=sgd=2: changed SGD code without editing source.
const codeSaltEnv = "ADMMLAB_CODE_SALT"

// saltFromEnv reads codeSaltEnv ("sgd=2,admm=x").
func saltFromEnv() map[solvers.Family]string {
	var salt map[solvers.Family]string
	for _, kv := range strings.Split(os.Getenv(codeSaltEnv), ",") {
		k, v, ok := strings.Cut(kv, "=")
		if !ok {
			continue
		}
		fam, err := solvers.ParseFamily(k)
		if err != nil {
			fmt.Fprintf(os.Stderr, "%s: %v\n", codeSaltEnv, err)
			os.Exit(2)
		}
		if salt == nil {
			salt = map[solvers.Family]string{}
		}
		salt[fam] = v
	}
	return salt
}

// shardExitEnv makes one shard stop as an error that admmlab does not
// classify would stop it: at its start, before it records a run, with exit
// 1, the code of a shard whose runs failed. Its value is "i/n:FILE": shard
// i of n does so once, and creates FILE to say it did.
const shardExitEnv = "ADMMLAB_SHARD_EXIT1_ONCE"

// exitBeforeRecording reports whether this invocation (args) is the shard
// that shardExitEnv names, the first time.
func exitBeforeRecording(args []string) bool {
	shard, file, ok := strings.Cut(os.Getenv(shardExitEnv), ":")
	if !ok || !slices.Contains(args, shard) || !slices.Contains(args, "--shard") {
		return false
	}
	f, err := os.OpenFile(file, os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o666)
	if err != nil {
		return false // done once already
	}
	f.Close()
	fmt.Fprintf(os.Stderr, "%s: shard %s stops before recording its runs\n", shardExitEnv, shard)
	return true
}

// waitRunsMain is the scripts' waitruns command: wait until --store holds
// --runs done runs, so that a script can act on another invocation
// mid-sweep without sleeping.
func waitRunsMain(args []string) int {
	fs := flag.NewFlagSet("waitruns", flag.ContinueOnError)
	storePath := fs.String("store", "", "store to watch")
	want := fs.Int("runs", 1, "the number of done runs to wait for")
	timeout := fs.Duration("timeout", time.Minute, "how long to wait")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if err := waitForRuns(os.Stdout, *storePath, *want, *timeout); err != nil {
		fmt.Fprintln(os.Stderr, "waitruns:", err)
		return 1
	}
	return 0
}

// waitForRuns polls the store until it holds n done runs: so that
// scripts act on another invocation mid-sweep without sleeping.
func waitForRuns(w io.Writer, storePath string, n int, timeout time.Duration) error {
	deadline := time.Now().Add(timeout)
	for {
		done := 0
		if st, err := store.OpenExisting(storePath); err == nil && st != nil {
			if ix, err := st.Index(context.Background()); err == nil {
				for _, r := range ix.ByID {
					if r.Status == runs.StatusDone {
						done++
					}
				}
			}
			st.Close()
		}
		if done >= n {
			fmt.Fprintf(w, "%d done runs\n", done)
			return nil
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("store %s: %d done runs after %s, want %d", storePath, done, timeout, n)
		}
		time.Sleep(20 * time.Millisecond)
	}
}
