package main

import (
	"context"
	"fmt"
	"io"
	"os"

	"github.com/admmlab/admmlab/pipeline/runs"
	"github.com/admmlab/admmlab/pipeline/store"
)

func init() {
	register(&command{name: "merge", summary: "fold shard stores into one", args: "--store DST [flags] SRC...", run: runMerge})
	register(&command{name: "store", summary: "inspect a run store: check (integrity), dump (every run's metrics), compare (with another store, run by run)", run: runStore,
		subs: []subverb{
			{"check", "run SQLite's integrity check on the store (read-only)", "", ""},
			{"dump", "print every run's ID, status and metrics, one line each (read-only)", "", ""},
			{"compare", "compare with the store OTHER run by run, joined on the spec: metrics (run times aside) and curves bit for bit; exit 1 if any differ (read-only)", "[flags] OTHER", ""},
		}})
}

func runMerge(args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("merge", stderr)
	storePath := fs.String("store", "results/runs.db", "destination store")
	lockWait := fs.Duration("lock-wait", 0, "how long to wait for another admmlab holding the store")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() == 0 {
		return usageErrorf("want the source stores to merge into --store")
	}
	// Every source is checked before the destination is touched, so that a
	// bad source leaves no new (empty) destination behind.
	empty := map[string]bool{}
	for _, src := range fs.Args() {
		e, err := store.CheckMergeSource(context.Background(), src) // reads no runs; e: an empty (0-byte) store
		if err != nil {
			return inputErrorf("source store: %v", err)
		}
		empty[src] = e
	}
	release, err := lockStore(*storePath, *lockWait)
	if err != nil {
		return err
	}
	defer release()
	dst, err := store.Open(*storePath)
	if err != nil {
		return inputErrorf("%v", err)
	}
	for _, src := range fs.Args() {
		if empty[src] {
			fmt.Fprintf(stderr, "merged %s: empty store, 0 runs added\n", src)
			continue
		}
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
	sub, err := subverbOf(commands["store"], args)
	if err != nil {
		return err
	}
	fs := newFlagSet("store "+sub, stderr)
	storePath := fs.String("store", "results/runs.db", "store to inspect")
	if err := parseFlags(fs, args[1:]); err != nil {
		return err
	}
	switch {
	case sub == "compare" && fs.NArg() != 1:
		return usageErrorf("store compare: want one other store to compare --store with, got %d arguments (admmlab help store compare)", fs.NArg())
	case sub != "compare" && fs.NArg() > 0:
		return usageErrorf("unexpected arguments %q (admmlab help store %s)", fs.Args(), sub)
	}
	st, err := store.OpenExisting(*storePath)
	if err != nil {
		return inputErrorf("%v", err)
	}
	if st == nil {
		if _, err := os.Stat(*storePath); err != nil {
			return inputErrorf("store %s does not exist", *storePath)
		}
		if sub == "compare" {
			return inputErrorf("store %s is empty: nothing to compare", *storePath)
		}
		if sub == "check" {
			fmt.Fprintln(stdout, "integrity_check: ok (empty store)")
		}
		return nil
	}
	defer st.Close()
	if sub == "compare" {
		return storeCompare(context.Background(), st, *storePath, fs.Arg(0), stdout)
	}
	if sub == "check" {
		v, err := st.IntegrityCheck()
		if err != nil {
			return inputErrorf("store %s: integrity_check: %v", *storePath, err)
		}
		fmt.Fprintf(stdout, "integrity_check: %s\n", v)
		if v != "ok" {
			return &exitError{exitFailure, fmt.Errorf("store %s is damaged", *storePath)}
		}
		return nil
	}
	// dump: one line per run (runs.Record.Dump), run by run, without
	// curves: a dump takes little memory whatever the store's size.
	return st.EachRun(context.Background(), func(r runs.Record) error {
		_, err := fmt.Fprintln(stdout, r.Dump())
		return err
	})
}
