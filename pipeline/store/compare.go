package store

import (
	"cmp"
	"context"
	"fmt"
	"slices"

	"github.com/admmlab/admmlab/pipeline/runs"
)

// Comparison counts what Compare found: the specs with a done run in each
// store, in both, and of those the ones that differ.
type Comparison struct {
	InA, InB, Both, Differ int
}

// SpecDiff is one spec whose runs differ between two stores: its
// description, the two run IDs and every difference (runs.CompareResults).
type SpecDiff struct {
	Desc  string
	A, B  string
	Diffs []string
}

// Compare joins the done runs of two stores on their spec (the latest done
// run of each spec, whatever its code fingerprint or data digest) and
// compares every pair: the diverged flag, every metric but wall-clock
// times, every whole-net and per-layer curve, bit for bit. It calls differ
// for each pair that differs, in the order of their descriptions, as it
// finds them. An error names the store (aName or bName) it came from.
func Compare(ctx context.Context, a, b *Store, aName, bName string, differ func(SpecDiff)) (Comparison, error) {
	var c Comparison
	inA, err := a.LatestDone(ctx)
	if err != nil {
		return c, fmt.Errorf("store %s: %v", aName, err)
	}
	inB, err := b.LatestDone(ctx)
	if err != nil {
		return c, fmt.Errorf("store %s: %v", bName, err)
	}
	c.InA, c.InB = len(inA), len(inB)
	var hashes []string
	for h := range inA {
		if _, ok := inB[h]; ok {
			hashes = append(hashes, h)
		}
	}
	c.Both = len(hashes)
	desc := make(map[string]string, len(hashes))
	for _, h := range hashes {
		desc[h] = runs.Describe(inA[h].Spec)
	}
	slices.SortFunc(hashes, func(x, y string) int { return cmp.Compare(desc[x], desc[y]) })
	for _, h := range hashes {
		ra, rb := inA[h], inB[h]
		resA, err := a.WithCurves(ctx, ra)
		if err != nil {
			return c, fmt.Errorf("store %s: %v", aName, err)
		}
		resB, err := b.WithCurves(ctx, rb)
		if err != nil {
			return c, fmt.Errorf("store %s: %v", bName, err)
		}
		if diffs := runs.CompareResults(resA, resB, runs.IsWallClock); len(diffs) > 0 {
			c.Differ++
			differ(SpecDiff{Desc: desc[h], A: ra.ID, B: rb.ID, Diffs: diffs})
		}
	}
	return c, nil
}

// LatestDone maps each spec hash to the store's most recently finished
// done run of that spec, read without curves.
func (s *Store) LatestDone(ctx context.Context) (map[string]runs.Record, error) {
	out := map[string]runs.Record{}
	err := s.EachRun(ctx, func(r runs.Record) error {
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

// WithCurves is r's result with its stored curves.
func (s *Store) WithCurves(ctx context.Context, r runs.Record) (runs.Result, error) {
	c, err := s.Curves(ctx, r.ID)
	if err != nil {
		return runs.Result{}, err
	}
	res := r.Result
	res.Curves, res.Layers = c.Curves, c.Layers
	return res, nil
}
