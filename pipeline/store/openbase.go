package store

import (
	"context"
	"fmt"
)

// OpenBase opens a shard's base store read-only and reads its index. A
// base must exist (a missing one is a mistyped path, not an empty store).
// The store stays open until close is called: the index reads the
// dependencies' validation curves from it while the run plans its stages.
func OpenBase(path string) (ix *Index, close func(), err error) {
	st, err := OpenExisting(path)
	if err != nil {
		return nil, nil, err
	}
	if st == nil {
		return nil, nil, fmt.Errorf("store %s does not exist (or is empty)", path)
	}
	if ix, err = st.Index(context.Background()); err != nil {
		st.Close()
		return nil, nil, fmt.Errorf("store %s: %v", path, err)
	}
	return ix, func() { st.Close() }, nil
}
