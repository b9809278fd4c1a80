package main

import (
	"cmp"
	"context"
	"fmt"
	"io"
	"slices"

	"github.com/admmlab/admmlab/pipeline/runs"
	"github.com/admmlab/admmlab/pipeline/store"
)

// compareLimit is how many differing quantities a run lists before "and N
// more".
const compareLimit = 5

// storeCompare joins the done runs of two stores on their spec (the latest
// done run of each spec, whatever its code fingerprint or data digest) and
// compares every pair: the diverged flag, every metric but wall-clock
// times, every whole-net and per-layer curve, bit for bit. It is how a
// change that must not move numbers (a refactor, a new toolchain, another
// machine) is checked run by run. Any difference is exit 1.
func storeCompare(ctx context.Context, a *store.Store, aPath, bPath string, stdout io.Writer) error {
	b, err := store.OpenExisting(bPath)
	if err != nil {
		return inputErrorf("%v", err)
	}
	if b == nil {
		return inputErrorf("store %s does not exist or is empty", bPath)
	}
	defer b.Close()
	inA, err := latestDone(ctx, a)
	if err != nil {
		return inputErrorf("store %s: %v", aPath, err)
	}
	inB, err := latestDone(ctx, b)
	if err != nil {
		return inputErrorf("store %s: %v", bPath, err)
	}
	var hashes []string
	onlyA := 0
	for h := range inA {
		if _, ok := inB[h]; ok {
			hashes = append(hashes, h)
		} else {
			onlyA++
		}
	}
	desc := make(map[string]string, len(hashes))
	for _, h := range hashes {
		desc[h] = runs.Describe(inA[h].Spec)
	}
	slices.SortFunc(hashes, func(x, y string) int { return cmp.Compare(desc[x], desc[y]) })
	differ := 0
	for _, h := range hashes {
		ra, rb := inA[h], inB[h]
		resA, err := withCurves(ctx, a, ra)
		if err != nil {
			return inputErrorf("store %s: %v", aPath, err)
		}
		resB, err := withCurves(ctx, b, rb)
		if err != nil {
			return inputErrorf("store %s: %v", bPath, err)
		}
		diffs := runs.CompareResults(resA, resB, runs.IsWallClock)
		if len(diffs) == 0 {
			continue
		}
		differ++
		fmt.Fprintf(stdout, "differs: %s (%s → %s)\n", desc[h], ra.ID[:min(8, len(ra.ID))], rb.ID[:min(8, len(rb.ID))])
		for i, d := range diffs {
			if i == compareLimit {
				fmt.Fprintf(stdout, "  and %d more\n", len(diffs)-compareLimit)
				break
			}
			fmt.Fprintf(stdout, "  %s\n", d)
		}
	}
	fmt.Fprintf(stdout, "%s: %d specs with a done run; %s: %d\n", aPath, len(inA), bPath, len(inB))
	fmt.Fprintf(stdout, "%d specs in both: %d identical, %d differ; %d only in %s, %d only in %s\n",
		len(hashes), len(hashes)-differ, differ, onlyA, aPath, len(inB)-len(hashes), bPath)
	if differ > 0 {
		return &exitError{exitFailure, fmt.Errorf("%d of %d runs differ between %s and %s", differ, len(hashes), aPath, bPath)}
	}
	return nil
}

// latestDone maps each spec hash to the store's most recently finished done
// run of that spec, read without curves.
func latestDone(ctx context.Context, st *store.Store) (map[string]runs.Record, error) {
	out := map[string]runs.Record{}
	err := st.EachRun(ctx, func(r runs.Record) error {
		if r.Status != runs.StatusDone {
			return nil
		}
		if old, ok := out[r.Key.SpecHash]; !ok || r.Finished.After(old.Finished) {
			out[r.Key.SpecHash] = r
		}
		return nil
	})
	return out, err
}

// withCurves is r's result with its stored curves.
func withCurves(ctx context.Context, st *store.Store, r runs.Record) (runs.Result, error) {
	c, err := st.Curves(ctx, r.ID)
	if err != nil {
		return runs.Result{}, err
	}
	res := r.Result
	res.Curves, res.Layers = c.Curves, c.Layers
	return res, nil
}
