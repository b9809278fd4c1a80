package main

import (
	"errors"
	"fmt"
	"io"

	"github.com/admmlab/admmlab/internal/gitrev"
	"github.com/admmlab/admmlab/report"
)

func init() {
	register(&command{name: "diff", run: runDiff, args: "[flags] REV_A REV_B",
		summary: "compare the reported numbers of two commits (" + report.Worktree + " for the working tree, or a summary.json file)",
		about: "A number is flagged (exit 1) when it moved beyond its trial-to-trial spread; without a known\n" +
			"spread (a single trial) only beyond a factor 2. Run times are listed, never flagged. A number\n" +
			"that moved to another key, on the same runs with the same value, is listed as renamed. Two\n" +
			"sides rendered from different profiles are compared with a warning."})
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

// summaryAt is report.SummaryAt of git: a revision git does not know is a
// bad argument (exit 2), unlike a summary missing at a known one (exit 3).
func summaryAt(rev, path string) (*report.Summary, error) {
	s, err := report.SummaryAt(rev, path, gitrev.Show)
	switch {
	case errors.Is(err, gitrev.ErrUnknownRevision):
		return nil, usageErrorf("revision %q: git knows no such commit (admmlab help diff)", rev)
	case err != nil:
		return nil, inputErrorf("%v", err)
	}
	return s, nil
}
