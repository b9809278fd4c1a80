package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os/exec"
	"path/filepath"
	"strings"

	"github.com/admmlab/admmlab/report"
)

func init() {
	register(&command{name: "diff", summary: "compare the reported numbers of two commits", run: runDiff})
}

func runDiff(args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("diff", stderr)
	asJSON := fs.Bool("json", false, "print the changes as JSON")
	path := fs.String("path", "results/summary.json", "summary file, relative to the current directory")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: admmlab diff REV_A REV_B [--json] [--path results/summary.json]")
		fmt.Fprintln(stderr, "A number is flagged (exit 1) when it moved beyond its trial-to-trial spread; without a known")
		fmt.Fprintln(stderr, "spread (a single trial) only beyond a factor 2. Run times are listed, never flagged.")
		fs.PrintDefaults()
	}
	// Flags may follow the revisions.
	var revs []string
	for {
		if err := parseFlags(fs, args); err != nil {
			return err
		}
		if fs.NArg() == 0 {
			break
		}
		revs = append(revs, fs.Arg(0))
		args = fs.Args()[1:]
	}
	if len(revs) != 2 {
		fs.Usage()
		return usageErrorf("want two revisions, got %d", len(revs))
	}
	a, err := summaryAt(revs[0], *path)
	if err != nil {
		return err
	}
	b, err := summaryAt(revs[1], *path)
	if err != nil {
		return err
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

// summaryAt reads path as of git revision rev.
func summaryAt(rev, path string) (*report.Summary, error) {
	obj := rev + ":" + path
	if !filepath.IsAbs(path) && !strings.HasPrefix(path, "./") && !strings.HasPrefix(path, "../") {
		obj = rev + ":./" + path // relative to the current directory, not the repository root
	}
	var out, errb bytes.Buffer
	cmd := exec.Command("git", "show", obj)
	cmd.Stdout, cmd.Stderr = &out, &errb
	if err := cmd.Run(); err != nil {
		msg := strings.TrimSpace(errb.String())
		if msg == "" {
			msg = err.Error()
		}
		return nil, inputErrorf("git show %s: %s", obj, msg)
	}
	s, err := report.ParseSummary(out.Bytes())
	if err != nil {
		return nil, inputErrorf("%s at %s: %v", path, rev, err)
	}
	return s, nil
}
