package main

import (
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/admmlab/admmlab/internal/gitrev"
	"github.com/admmlab/admmlab/report"
)

func init() {
	register(&command{name: "diff", run: runDiff, args: "[flags] REV_A REV_B",
		summary: "compare the reported numbers of two commits (" + worktree + " for the working tree, or a summary.json file)",
		about: "A number is flagged (exit 1) when it moved beyond its trial-to-trial spread; without a known\n" +
			"spread (a single trial) only beyond a factor 2. Run times are listed, never flagged. Two sides\n" +
			"rendered from different profiles are compared with a warning."})
}

func runDiff(args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("diff", stderr)
	asJSON := fs.Bool("json", false, "print the changes as JSON")
	path := fs.String("path", "results/summary.json", "summary file, relative to the current directory")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	revs := fs.Args()
	if len(revs) != 2 {
		return usageErrorf("want two revisions, got %d (admmlab help diff)", len(revs))
	}
	a, err := summaryAt(revs[0], *path)
	if err != nil {
		return err
	}
	b, err := summaryAt(revs[1], *path)
	if err != nil {
		return err
	}
	if a.Profile != b.Profile {
		fmt.Fprintf(stderr, "admmlab diff: warning: %s is profile %q and %s is profile %q; numbers of different profiles differ by design\n",
			revs[0], a.Profile, revs[1], b.Profile)
	}
	changes := report.Diff(a, b)
	if *asJSON {
		err = report.WriteDiffJSON(stdout, revs[0], revs[1], changes)
	} else {
		err = report.WriteDiffText(stdout, revs[0], revs[1], changes)
	}
	if err != nil {
		return err
	}
	if report.Flagged(changes) {
		return &exitError{exitFailure, errors.New("changes beyond the trial-to-trial spread (marked !)")}
	}
	return nil
}

// worktree names the working tree as a side of diff.
const worktree = "worktree"

// readSummary reads a summary file; a read error is prefixed by where, a
// parse error names what.
func readSummary(file, where, what string) (*report.Summary, error) {
	b, err := os.ReadFile(file)
	if err != nil {
		return nil, inputErrorf("%s%v", where, err)
	}
	s, err := report.ParseSummary(b)
	if err != nil {
		return nil, inputErrorf("%s: %v", what, err)
	}
	return s, nil
}

// summaryAt reads path as of git revision rev, from the working tree, or,
// when rev names an existing file, that file (a summary.json rendered
// elsewhere, e.g. by another build into a scratch directory).
func summaryAt(rev, path string) (*report.Summary, error) {
	if fi, err := os.Stat(rev); err == nil && fi.Mode().IsRegular() {
		return readSummary(rev, "", rev)
	}
	if rev == worktree {
		return readSummary(path, "working tree: ", path+" in the working tree")
	}
	b, err := gitrev.Show(rev, path)
	if errors.Is(err, gitrev.ErrUnknownRevision) {
		// A revision git does not know is a bad argument (exit 2), unlike a
		// summary missing at a known one (exit 3).
		return nil, usageErrorf("revision %q: git knows no such commit (admmlab help diff)", rev)
	}
	if err != nil {
		return nil, inputErrorf("%v", err)
	}
	s, err := report.ParseSummary(b)
	if err != nil {
		return nil, inputErrorf("%s at %s: %v", path, rev, err)
	}
	return s, nil
}
