package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"
	"time"

	"github.com/admmlab/admmlab/pipeline"
)

func init() {
	register(&command{name: "merge", summary: "fold shard stores into one (--store dst src…)", run: runMerge})
	register(&command{name: "store", summary: "inspect a run store: check (integrity), dump (every run's metrics)", run: runStore})
}

func runMerge(args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("merge", stderr)
	store := fs.String("store", "results/runs.db", "destination store")
	lockWait := fs.Duration("lock-wait", 0, "how long to wait for another admmlab holding the store")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() == 0 {
		return usageErrorf("want the source stores to merge into --store")
	}
	for _, src := range fs.Args() {
		if _, err := os.Stat(src); err != nil {
			return inputErrorf("source store: %v", err)
		}
	}
	release, err := lockStore(*store, *lockWait)
	if err != nil {
		return err
	}
	defer release()
	dst, err := pipeline.Open(*store)
	if err != nil {
		return inputErrorf("%v", err)
	}
	for _, src := range fs.Args() {
		n, err := dst.Merge(context.Background(), src)
		if err != nil {
			dst.Close()
			return inputErrorf("merging %s: %v", src, err)
		}
		fmt.Fprintf(stderr, "merged %s: %d runs added\n", src, n)
	}
	return dst.Close()
}

func runStore(args []string, stdout, stderr io.Writer) error {
	if len(args) == 0 || (args[0] != "check" && args[0] != "dump" && args[0] != "wait") {
		return usageErrorf("usage: admmlab store check|dump|wait [--store path]")
	}
	fs := newFlagSet("store "+args[0], stderr)
	store := fs.String("store", "results/runs.db", "store to inspect")
	want := fs.Int("runs", 1, "wait: the number of done runs to wait for")
	timeout := fs.Duration("timeout", time.Minute, "wait: how long to wait")
	if err := parseFlags(fs, args[1:]); err != nil {
		return err
	}
	if args[0] == "wait" {
		return waitForRuns(stdout, *store, *want, *timeout)
	}
	st, err := pipeline.OpenExisting(*store)
	if err != nil {
		return inputErrorf("%v", err)
	}
	if st == nil {
		return inputErrorf("store %s does not exist", *store)
	}
	defer st.Close()
	if args[0] == "check" {
		v, err := st.IntegrityCheck()
		if err != nil {
			return inputErrorf("store %s: integrity_check: %v", *store, err)
		}
		fmt.Fprintf(stdout, "integrity_check: %s\n", v)
		if v != "ok" {
			return &exitError{exitFailure, fmt.Errorf("store %s is damaged", *store)}
		}
		return nil
	}
	// dump: one line per run, metrics as exact float64 bits, so that two
	// stores can be compared bit for bit with cmp.
	runs, err := st.All(context.Background())
	if err != nil {
		return err
	}
	for _, r := range runs {
		names := make([]string, 0, len(r.Result.Metrics))
		for k := range r.Result.Metrics {
			names = append(names, k)
		}
		sort.Strings(names)
		var parts []string
		for _, k := range names {
			parts = append(parts, fmt.Sprintf("%s=%x", k, r.Result.Metrics[k]))
		}
		fmt.Fprintf(stdout, "%s %s %s\n", r.ID, r.Status, strings.Join(parts, " "))
	}
	return nil
}

// waitForRuns polls the store until it holds n done runs: a test hook that
// lets scripts act on another invocation mid-sweep without sleeping.
func waitForRuns(w io.Writer, store string, n int, timeout time.Duration) error {
	deadline := time.Now().Add(timeout)
	for {
		done := 0
		if st, err := pipeline.OpenExisting(store); err == nil && st != nil {
			if ix, err := st.Index(context.Background()); err == nil {
				for _, r := range ix.ByID {
					if r.Status == pipeline.StatusDone {
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
			return fmt.Errorf("store %s: %d done runs after %s, want %d", store, done, timeout, n)
		}
		time.Sleep(20 * time.Millisecond)
	}
}
