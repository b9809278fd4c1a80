// Package sharedtest locates the workplace's shared/ directory (the paper's
// fixtures and the data mirror) for tests in any package.
package sharedtest

import (
	"os"
	"path/filepath"
	"testing"
)

// Dir returns shared/ joined with elem: $ADMMLAB_SHARED when set, else the
// shared/ directory beside the repository root (the directory holding
// go.mod). A missing path fails the test: these are acceptance data, not an
// optional extra.
func Dir(t testing.TB, elem ...string) string {
	t.Helper()
	base := os.Getenv("ADMMLAB_SHARED")
	if base == "" {
		root, err := repoRoot()
		if err != nil {
			t.Fatalf("locating the repository root: %v", err)
		}
		base = filepath.Join(filepath.Dir(root), "shared")
	}
	dir, err := filepath.Abs(filepath.Join(append([]string{base}, elem...)...))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(dir); err != nil {
		t.Fatalf("shared test data not found at %s (set ADMMLAB_SHARED to the shared/ directory): %v", dir, err)
	}
	return dir
}

// repoRoot walks up from the working directory (a package directory under
// go test) to the directory that holds go.mod.
func repoRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", os.ErrNotExist
		}
		dir = parent
	}
}
