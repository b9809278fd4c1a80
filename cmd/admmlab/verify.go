package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/signal"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/admmlab/admmlab/pipeline/archive"
	"github.com/admmlab/admmlab/pipeline/runs"
)

func init() {
	register(&command{
		name:    "verify",
		summary: "recompute a seeded random sample of the archive's runs and compare them with it bit for bit",
		about: "Each sampled run is recomputed as run would compute it and compared with its archived result: every metric but run\n" +
			"times and every curve, bit for bit, and the result hash. A run archived under another key (other solver code, data or\n" +
			"toolchain) fails too. Exit 1 names each run that differs and its first differing field.",
		run: runVerify,
	})
}

func runVerify(args []string, stdout, stderr io.Writer) error {
	flags := newFlagSet("verify", stderr)
	sample := flags.String("sample", "", "percentage of the archived runs to recompute, e.g. 2 (or 2%); 100 recomputes every run")
	seed := flags.Uint64("seed", 1, "seed of the sample's choice: the same seed chooses the same runs on every machine")
	profile := flags.String("profile", "quick", "profile folder of the archive")
	dir := flags.String("archive", defaultArchive, "archive directory (one folder per profile)")
	dataDir := flags.String("data-dir", os.Getenv("ADMMLAB_DATA_DIR"), "data directory (default $ADMMLAB_DATA_DIR)")
	jobs := flags.Int("j", runtime.NumCPU(), "runs recomputed in parallel")
	if err := parseFlags(flags, args); err != nil {
		return err
	}
	if flags.NArg() > 0 {
		return usageErrorf("unexpected arguments %q", flags.Args())
	}
	pct, err := parsePercent(*sample)
	if err != nil {
		return usageErrorf("flag --sample: %v", err)
	}
	if *jobs < 1 {
		return usageErrorf("flag -j: %d, want ≥ 1", *jobs)
	}
	pdir := filepath.Join(*dir, *profile)
	m, err := archive.ReadManifest(pdir)
	if errors.Is(err, fs.ErrNotExist) {
		return inputErrorf("no archive of profile %s in %s (%s missing)", *profile, *dir, filepath.Join(pdir, archive.ManifestName))
	}
	if err != nil {
		return inputErrorf("%v", err)
	}
	var archived []string
	for _, id := range m.RunIDs() {
		if _, err := os.Stat(archive.RunPath(pdir, id)); err == nil {
			archived = append(archived, id)
		}
	}
	damaged := checkFiles(pdir, archived, stdout)
	ids := archive.Sample(archived, pct, *seed)
	fmt.Fprintf(stdout, "verifying %d of the %d runs archived in %s (%s%%, seed %d)\n", len(ids), len(archived), pdir, strconv.FormatFloat(pct, 'g', -1, 64), *seed)
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	spareProcessor(*jobs)
	sel := selection{dataDir: *dataDir}
	exec := sel.executor()
	start := time.Now()
	checks := archive.VerifyAll(ctx, pdir, ids, *jobs, resolverKeyer(exec), exec, func(c archive.Check) {
		fmt.Fprintln(stdout, checkLine(c))
	})
	var took time.Duration
	for _, c := range checks {
		took += c.Took
	}
	fmt.Fprintf(stdout, "recomputed in %s at -j %d (the archived runs took %s of run time)\n",
		time.Since(start).Round(time.Second), *jobs, took.Round(time.Second))
	return verifySummary(checks, damaged, stdout)
}

// checkFiles checks every archived file against its own result hash (no
// recomputation) and returns the IDs of those that fail, each with a line.
func checkFiles(pdir string, ids []string, stdout io.Writer) []string {
	var damaged []string
	for _, id := range ids {
		spec, err := archive.CheckFile(pdir, id)
		if err != nil {
			damaged = append(damaged, fmt.Sprintf("%s (%v)", id[:12], err))
			fmt.Fprintf(stdout, "DAMAGED %s  %s: %v\n", id[:12], runs.Describe(spec), err)
		}
	}
	fmt.Fprintf(stdout, "checked %d run files against their result hashes: %d match\n", len(ids), len(ids)-len(damaged))
	return damaged
}

// checkLine is one run's line: its state, ID, spec and first problem.
func checkLine(c archive.Check) string {
	desc := runs.Describe(c.Spec)
	switch {
	case c.Skip != "":
		return fmt.Sprintf("skipped %s  %s: %s", c.ID[:12], desc, c.Skip)
	case c.OK():
		return fmt.Sprintf("ok      %s  %s", c.ID[:12], desc)
	}
	line := fmt.Sprintf("DIFFERS %s  %s: %s", c.ID[:12], desc, c.Problem())
	if n := len(c.Diffs); n > 1 {
		line += fmt.Sprintf(" (and %d more differences)", n-1)
	}
	return line
}

// verifySummary prints the totals; any run that differs is exit 1, and so
// is a sample of which nothing could be recomputed.
func verifySummary(checks []archive.Check, damaged []string, stdout io.Writer) error {
	var ok, skipped int
	var bad []string
	for _, c := range checks {
		switch {
		case c.Skip != "":
			skipped++
		case c.OK():
			ok++
		default:
			bad = append(bad, fmt.Sprintf("%s (%s)", c.ID[:12], c.Problem()))
		}
	}
	fmt.Fprintf(stdout, "verified %d runs: %d identical, %d differ, %d skipped (data not available)\n", len(checks), ok, len(bad), skipped)
	var failed []string
	if len(bad) > 0 {
		failed = append(failed, fmt.Sprintf("%d of %d runs differ from the archive: %s", len(bad), len(checks), strings.Join(bad, "; ")))
	}
	if len(damaged) > 0 {
		failed = append(failed, fmt.Sprintf("%d archived files altered since they were archived: %s", len(damaged), strings.Join(damaged, "; ")))
	}
	if len(failed) > 0 {
		return &exitError{exitFailure, errors.New(strings.Join(failed, "; and "))}
	}
	if ok == 0 && len(checks) > 0 {
		return &exitError{exitFailure, errors.New("no sampled run could be recomputed here: nothing verified")}
	}
	return nil
}

// parsePercent reads "2", "2%" or "0.5" as a percentage in (0, 100].
func parsePercent(s string) (float64, error) {
	if s == "" {
		return 0, errors.New("want a percentage of the archived runs, e.g. --sample 2")
	}
	v, err := strconv.ParseFloat(strings.TrimSuffix(s, "%"), 64)
	if err != nil || !(v > 0 && v <= 100) {
		return 0, fmt.Errorf("%q, want a percentage in (0, 100], e.g. 2 or 2%%", s)
	}
	return v, nil
}
