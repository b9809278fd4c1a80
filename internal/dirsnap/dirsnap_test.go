package dirsnap

import (
	"maps"
	"os"
	"path/filepath"
	"testing"
)

func TestSnapshot(t *testing.T) {
	dir := t.TempDir()
	write := func(rel, content string) {
		p := filepath.Join(dir, rel)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("README.md", "")
	write("tables/t1.md", "abc")
	write("tables/runs.db", "a store")
	write("runs.db", "a store")
	// SHA-256 of "" and of "abc"; runs.db skipped wherever it is.
	want := map[string]string{
		"README.md":                      "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
		filepath.Join("tables", "t1.md"): "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
	}
	if got := Snapshot(t, dir, "runs.db"); !maps.Equal(got, want) {
		t.Errorf("Snapshot = %v, want %v", got, want)
	}
	if got := Snapshot(t, dir, ""); len(got) != 4 {
		t.Errorf("Snapshot without a skip: %d files, want 4", len(got))
	}
	write("tables/t1.md", "abd")
	if got := Snapshot(t, dir, "runs.db"); maps.Equal(got, want) {
		t.Error("a changed file leaves the snapshot as it was")
	}
}
