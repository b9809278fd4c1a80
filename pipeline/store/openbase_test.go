package store

import (
	"path/filepath"
	"strings"
	"testing"
)

// TestOpenIndex: a store that does not exist has no index and no error,
// except as a base, which must exist; an existing one is read.
func TestOpenIndex(t *testing.T) {
	missing := filepath.Join(t.TempDir(), "none.db")
	if ix, closeStore, err := OpenIndex(missing); ix != nil || err != nil {
		t.Errorf("OpenIndex(missing) = %v, %v; want no index, no error", ix, err)
	} else {
		closeStore()
	}
	if _, _, err := OpenBase(missing); err == nil || !strings.Contains(err.Error(), "does not exist") {
		t.Errorf("OpenBase(missing) = %v, want 'does not exist'", err)
	}
	path := filepath.Join(t.TempDir(), "runs.db")
	st, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	st.Close()
	ix, closeStore, err := OpenBase(path)
	if err != nil || ix == nil {
		t.Fatalf("OpenBase(existing) = %v, %v", ix, err)
	}
	closeStore()
}
