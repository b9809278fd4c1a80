package main

import (
	"path/filepath"

	"github.com/admmlab/admmlab/pipeline/store"
)

// readBase loads the index of run's --base store, read-only
// (store.OpenBase); "" is no base. It must not be the store the run writes.
func readBase(base, storePath string) (ix *store.Index, close func(), err error) {
	close = func() {}
	if base == "" {
		return nil, close, nil
	}
	if a, b := absOr(base), absOr(storePath); a == b {
		return nil, close, usageErrorf("flag --base: %s is the --store itself; the base is a second, read-only store", base)
	}
	if ix, close, err = store.OpenBase(base); err != nil {
		return nil, func() {}, inputErrorf("flag --base: %v", err)
	}
	return ix, close, nil
}

func absOr(p string) string {
	if a, err := filepath.Abs(p); err == nil {
		return a
	}
	return p
}
