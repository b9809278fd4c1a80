package slurmexec

import (
	"os"
	"path/filepath"
	"testing"
)

// TestSelfPath: the jobs get this test binary by an absolute path that
// exists.
func TestSelfPath(t *testing.T) {
	p, err := SelfPath()
	if err != nil {
		t.Fatal(err)
	}
	if !filepath.IsAbs(p) {
		t.Errorf("SelfPath() = %q, not absolute", p)
	}
	if fi, err := os.Stat(p); err != nil || fi.IsDir() {
		t.Errorf("SelfPath() = %q: %v", p, err)
	}
}
