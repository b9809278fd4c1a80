package store

import (
	"context"
	"fmt"
)

// OpenIndex opens the store at path for reading and reads its index; a
// store that does not exist (or is empty) has none (nil, no error). The
// store stays open until close is called: the index reads the
// dependencies' validation curves from it while a plan resolves its
// stages.
func OpenIndex(path string) (ix *Index, close func(), err error) {
	close = func() {}
	st, err := OpenExisting(path)
	if err != nil || st == nil {
		return nil, close, err
	}
	if ix, err = st.Index(context.Background()); err != nil {
		st.Close()
		return nil, close, fmt.Errorf("store %s: %v", path, err)
	}
	return ix, func() { st.Close() }, nil
}

// OpenBase is OpenIndex for a shard's base store, which must exist (a
// missing one is a mistyped path, not an empty store).
func OpenBase(path string) (ix *Index, close func(), err error) {
	ix, close, err = OpenIndex(path)
	if err == nil && ix == nil {
		return nil, nil, fmt.Errorf("store %s does not exist (or is empty)", path)
	}
	return ix, close, err
}
