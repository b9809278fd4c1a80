package atomicfile

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
)

// entries lists dir's names.
func entries(t *testing.T, dir string) []string {
	t.Helper()
	ents, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range ents {
		names = append(names, e.Name())
	}
	return names
}

// TestNeverReplacesGoodFile: whichever way a write fails or is abandoned,
// the good file keeps its bytes and no temporary file is left beside it.
func TestNeverReplacesGoodFile(t *testing.T) {
	cases := []struct {
		name  string
		write func(dest string) error
	}{
		{"aborted after writing", func(dest string) error {
			f, err := Create(dest, 0o644)
			if err != nil {
				return err
			}
			if _, err := f.Write([]byte("half")); err != nil {
				return err
			}
			f.Abort()
			return errors.New("aborted")
		}},
		{"write after abort", func(dest string) error {
			f, err := Create(dest, 0o644)
			if err != nil {
				return err
			}
			f.Abort()
			_, err = f.Write([]byte("late"))
			return err
		}},
		{"commit after abort", func(dest string) error {
			f, err := Create(dest, 0o644)
			if err != nil {
				return err
			}
			f.Abort()
			return f.Commit()
		}},
		{"sync fails", func(dest string) error {
			// The temporary file is closed under Commit's feet: its sync fails.
			f, err := Create(dest, 0o644)
			if err != nil {
				return err
			}
			if _, err := f.Write([]byte("new")); err != nil {
				return err
			}
			f.tmp.Close()
			return f.Commit()
		}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			dest := filepath.Join(dir, "out.txt")
			if err := os.WriteFile(dest, []byte("good"), 0o644); err != nil {
				t.Fatal(err)
			}
			if err := c.write(dest); err == nil {
				t.Fatal("the failed write reported no error")
			}
			b, err := os.ReadFile(dest)
			if err != nil || string(b) != "good" {
				t.Fatalf("destination now %q (err %v), want the good file's bytes", b, err)
			}
			if got := entries(t, dir); len(got) != 1 || got[0] != "out.txt" {
				t.Fatalf("directory holds %q, want only out.txt", got)
			}
		})
	}
}

// TestWriteFile: a committed write replaces the file with the new bytes and
// the mode asked for, creating the directory, and leaves nothing beside it.
func TestWriteFile(t *testing.T) {
	dir := t.TempDir()
	cases := []struct {
		dest string
		data string
		perm os.FileMode
	}{
		{filepath.Join(dir, "a.txt"), "first", 0o644},
		{filepath.Join(dir, "a.txt"), "second, longer", 0o600},
		{filepath.Join(dir, "sub", "deeper", "b.svg"), "<svg/>", 0o644},
	}
	for _, c := range cases {
		if err := WriteFile(c.dest, []byte(c.data), c.perm); err != nil {
			t.Fatal(err)
		}
		b, err := os.ReadFile(c.dest)
		if err != nil || string(b) != c.data {
			t.Fatalf("%s: %q (err %v), want %q", c.dest, b, err, c.data)
		}
		st, err := os.Stat(c.dest)
		if err != nil || st.Mode().Perm() != c.perm {
			t.Fatalf("%s: mode %v, want %v", c.dest, st.Mode().Perm(), c.perm)
		}
	}
	if got := entries(t, dir); len(got) != 2 {
		t.Fatalf("directory holds %q, want a.txt and sub", got)
	}
	if got := entries(t, filepath.Join(dir, "sub", "deeper")); len(got) != 1 {
		t.Fatalf("sub/deeper holds %q, want b.svg", got)
	}
}
