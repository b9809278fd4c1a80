package main

import (
	"context"
	"fmt"
	"io"

	"github.com/admmlab/admmlab/pipeline/store"
)

// compareLimit is how many differing quantities a run lists before "and N
// more".
const compareLimit = 5

// storeCompare prints store.Compare of two stores run by run: how a change
// that must not move numbers (a refactor, a new toolchain, another machine)
// is checked. Any difference is exit 1.
func storeCompare(ctx context.Context, a *store.Store, aPath, bPath string, stdout io.Writer) error {
	b, err := store.OpenExisting(bPath)
	if err != nil {
		return inputErrorf("%v", err)
	}
	if b == nil {
		return inputErrorf("store %s does not exist or is empty", bPath)
	}
	defer b.Close()
	c, err := store.Compare(ctx, a, b, aPath, bPath, func(d store.SpecDiff) {
		fmt.Fprintf(stdout, "differs: %s (%s → %s)\n", d.Desc, d.A[:min(8, len(d.A))], d.B[:min(8, len(d.B))])
		for i, line := range d.Diffs {
			if i == compareLimit {
				fmt.Fprintf(stdout, "  and %d more\n", len(d.Diffs)-compareLimit)
				break
			}
			fmt.Fprintf(stdout, "  %s\n", line)
		}
	})
	if err != nil {
		return inputErrorf("%v", err)
	}
	fmt.Fprintf(stdout, "%s: %d specs with a done run; %s: %d\n", aPath, c.InA, bPath, c.InB)
	fmt.Fprintf(stdout, "%d specs in both: %d identical, %d differ; %d only in %s, %d only in %s\n",
		c.Both, c.Both-c.Differ, c.Differ, c.InA-c.Both, aPath, c.InB-c.Both, bPath)
	if c.Differ > 0 {
		return &exitError{exitFailure, fmt.Errorf("%d of %d runs differ between %s and %s", c.Differ, c.Both, aPath, bPath)}
	}
	return nil
}
