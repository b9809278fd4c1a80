package atomicfile

import (
	"fmt"
	"os"
	"path/filepath"
)

// File is a pending replacement of a named file. Write to it, then Commit
// to put it in place, or Abort to drop it. Abort after Commit does nothing,
// so that `defer f.Abort()` cleans up every path that does not commit.
type File struct {
	tmp  *os.File
	name string
	perm os.FileMode
	done bool
}

// Create starts a replacement of name, creating its directory when needed.
// The file gets mode perm exactly (set by chmod, whatever the umask) when
// it is committed.
func Create(name string, perm os.FileMode) (*File, error) {
	dir := filepath.Dir(name)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(name)+".*.tmp")
	if err != nil {
		return nil, err
	}
	return &File{tmp: tmp, name: name, perm: perm}, nil
}

// Name is the destination's name.
func (f *File) Name() string { return f.name }

// Write writes to the temporary file.
func (f *File) Write(p []byte) (int, error) {
	if f.done {
		return 0, fmt.Errorf("atomicfile: %s: write after Commit or Abort", f.name)
	}
	return f.tmp.Write(p)
}

// Commit syncs and closes the temporary file and renames it over the
// destination. On any failure the temporary file is removed and the
// destination is left as it was.
func (f *File) Commit() error {
	if f.done {
		return fmt.Errorf("atomicfile: %s: Commit after Commit or Abort", f.name)
	}
	f.done = true
	tmp := f.tmp.Name()
	err := f.tmp.Sync()
	if cerr := f.tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Chmod(tmp, f.perm)
	}
	if err == nil {
		err = os.Rename(tmp, f.name)
	}
	if err != nil {
		os.Remove(tmp)
		return fmt.Errorf("writing %s: %w", f.name, err)
	}
	return nil
}

// Abort drops the temporary file. It does nothing after Commit.
func (f *File) Abort() {
	if f.done {
		return
	}
	f.done = true
	f.tmp.Close()
	os.Remove(f.tmp.Name())
}

// WriteFile writes data to name atomically with mode perm.
func WriteFile(name string, data []byte, perm os.FileMode) error {
	f, err := Create(name, perm)
	if err != nil {
		return err
	}
	defer f.Abort()
	if _, err := f.Write(data); err != nil {
		return fmt.Errorf("writing %s: %w", name, err)
	}
	return f.Commit()
}
