package report

import (
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/admmlab/admmlab/internal/dirsnap"
)

// A render that fails half-way (here: injected after some files are
// written) leaves the previous report byte-identical and no staging
// directory; one that succeeds replaces tables/ whole (a file only the old
// report had is gone) and leaves what else --out holds (a store) in place.
func TestPublishInjectedFailure(t *testing.T) {
	out := t.TempDir()
	write := func(dir, rel, text string) {
		os.MkdirAll(filepath.Join(dir, filepath.Dir(rel)), 0o755)
		if err := os.WriteFile(filepath.Join(dir, rel), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := Publish(out, func(stage string) error {
		write(stage, "README.md", "old")
		write(stage, "tables/t1.md", "old t1")
		write(stage, "tables/gone.md", "old only")
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	write(out, "runs.db", "a store")
	before := dirsnap.Snapshot(t, out, "")
	err := Publish(out, func(stage string) error {
		write(stage, "README.md", "new")
		write(stage, "tables/t1.md", "new t1")
		return errors.New("no space left on device")
	})
	if err == nil || !strings.Contains(err.Error(), "no space left") {
		t.Fatalf("failed render: %v", err)
	}
	if after := dirsnap.Snapshot(t, out, ""); !maps.Equal(before, after) {
		t.Errorf("a failed render changed the report:\nbefore %v\nafter  %v", before, after)
	}
	if err := Publish(out, func(stage string) error {
		write(stage, "README.md", "new")
		write(stage, "tables/t1.md", "new t1")
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"README.md": "new", "tables/t1.md": "new t1", "runs.db": "a store"}
	got := map[string]string{}
	filepath.WalkDir(out, func(path string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			b, _ := os.ReadFile(path)
			rel, _ := filepath.Rel(out, path)
			got[rel] = string(b)
		}
		return err
	})
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("after a good render: %v, want %v", got, want)
	}
}
