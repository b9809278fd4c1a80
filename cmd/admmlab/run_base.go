package main

import (
	"context"
	"fmt"
	"path/filepath"

	"github.com/admmlab/admmlab/pipeline/store"
)

// readBase loads the index of run's --base store, read-only; "" is no base.
// A base must exist (a missing one is a mistyped path, not an empty store)
// and must not be the store the run writes. The store stays open until
// close is called: the index reads the dependencies' validation curves
// from it while the run plans its stages.
func readBase(base, storePath string) (ix *store.Index, close func(), err error) {
	close = func() {}
	if base == "" {
		return nil, close, nil
	}
	if a, b := absOr(base), absOr(storePath); a == b {
		return nil, close, usageErrorf("flag --base: %s is the --store itself; the base is a second, read-only store", base)
	}
	st, err := store.OpenExisting(base)
	if err != nil {
		return nil, close, inputErrorf("flag --base: %v", err)
	}
	if st == nil {
		return nil, close, inputErrorf("flag --base: store %s does not exist (or is empty)", base)
	}
	ix, err = st.Index(context.Background())
	if err != nil {
		st.Close()
		return nil, close, inputErrorf("flag --base: store %s: %v", base, err)
	}
	return ix, func() { st.Close() }, nil
}

func absOr(p string) string {
	if a, err := filepath.Abs(p); err == nil {
		return a
	}
	return p
}

// waitingNote says plainly that runs wait for a later stage, and what
// starts it: with --shard, the other shards' runs merged into the store;
// without, the dependencies' failed runs done.
func waitingNote(n int, sharded bool) string {
	if sharded {
		return fmt.Sprintf("%d runs wait for a later stage: their dependencies are not all done in this store (other shards run them).\n"+
			"  Merge every shard's store (admmlab merge) and run the next round from the merged store (--base); "+
			"admmlab run --executor slurm does these rounds itself.", n)
	}
	return fmt.Sprintf("%d runs wait for a later stage: their dependencies have runs that are not done (failed above); "+
		"run again to retry them, and the waiting runs follow.", n)
}
