package report

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"golang.org/x/sys/unix"

	"github.com/admmlab/admmlab/experiments"
	"github.com/admmlab/admmlab/pipeline/runs"
)

// StagePrefix names the directory a report is rendered into before it is
// swapped in; one left by a killed report is removed by the next.
const StagePrefix = ".report-new-"

// ReplacesWithEmpty reports whether rendering src into out would replace
// the report there (its README.md) with an all-empty one: src holds no run
// of any experiment of cat. The report verb refuses that unless forced.
func ReplacesWithEmpty(ctx context.Context, src runs.Source, cat *experiments.Catalogue, out string) (bool, error) {
	if _, err := os.Stat(filepath.Join(out, "README.md")); err != nil {
		return false, nil // nothing to replace
	}
	for _, d := range cat.Definitions {
		rs, err := src.ExperimentRuns(ctx, d.Name)
		if err != nil {
			return false, err
		}
		if len(rs) > 0 {
			return false, nil
		}
	}
	return true, nil
}

// Publish has render write a report into a staging directory inside out
// (on out's file system, whatever is mounted there; out may hold other
// things, such as results/runs.db, which stay where they are), and only
// when render succeeds swaps each of its top-level entries in for the old
// one: a directory by an atomic exchange (renameat2 RENAME_EXCHANGE), a
// file by a rename. A render that fails (a full disk, an interrupt, an
// error) leaves the previous report untouched and its staging directory
// removed. The swap itself is a handful of renames after everything has
// been written, so only a crash between two of them could mix two reports,
// and then by whole tables/ or figures/ directories, never by file.
func Publish(out string, render func(stage string) error) error {
	if err := os.MkdirAll(out, 0o777); err != nil {
		return fmt.Errorf("report: %w", err)
	}
	old, _ := filepath.Glob(filepath.Join(out, StagePrefix+"*"))
	for _, o := range old {
		os.RemoveAll(o)
	}
	stage, err := os.MkdirTemp(out, StagePrefix)
	if err != nil {
		return fmt.Errorf("report: %w", err)
	}
	defer os.RemoveAll(stage)
	if err := render(stage); err != nil {
		return err
	}
	entries, err := os.ReadDir(stage)
	if err != nil {
		return fmt.Errorf("report: %w", err)
	}
	for _, e := range entries {
		if err := swapIn(filepath.Join(stage, e.Name()), filepath.Join(out, e.Name())); err != nil {
			return fmt.Errorf("report: putting %s in place: %w", e.Name(), err)
		}
	}
	return nil
}

// swapIn moves src to dst, replacing what is there; a directory replacing a
// directory is exchanged atomically, and the old one (now at src) goes with
// the staging directory.
func swapIn(src, dst string) error {
	fi, err := os.Lstat(dst)
	if errors.Is(err, os.ErrNotExist) {
		return os.Rename(src, dst)
	}
	if err != nil {
		return err
	}
	if !fi.IsDir() {
		return os.Rename(src, dst) // atomic for a file over a file; refused for a directory over a file
	}
	err = unix.Renameat2(unix.AT_FDCWD, src, unix.AT_FDCWD, dst, unix.RENAME_EXCHANGE)
	if errors.Is(err, unix.EINVAL) || errors.Is(err, unix.ENOSYS) {
		// A file system without the exchange: move the old one aside first.
		aside := src + ".old"
		if err := os.Rename(dst, aside); err != nil {
			return err
		}
		return os.Rename(src, dst)
	}
	return err
}
