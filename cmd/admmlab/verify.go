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
	"syscall"
	"time"

	"github.com/admmlab/admmlab/pipeline"
	"github.com/admmlab/admmlab/pipeline/archive"
	"github.com/admmlab/admmlab/pipeline/estimate"
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
	pct, err := archive.ParsePercent(*sample)
	if err != nil {
		return usageErrorf("flag --sample: %v", err)
	}
	if *jobs < 1 {
		return usageErrorf("flag -j: %d, want ≥ 1", *jobs)
	}
	pdir := filepath.Join(*dir, *profile)
	archived, err := archive.RunFiles(pdir)
	if errors.Is(err, fs.ErrNotExist) {
		return inputErrorf("no archive of profile %s in %s (%s missing)", *profile, *dir, filepath.Join(pdir, archive.ManifestName))
	}
	if err != nil {
		return inputErrorf("%v", err)
	}
	damaged := archive.CheckFiles(pdir, archived, func(id string, spec runs.Spec, err error) {
		fmt.Fprintf(stdout, "DAMAGED %s  %s: %v\n", id[:12], runs.Describe(spec), err)
	})
	fmt.Fprintf(stdout, "checked %d run files against their result hashes: %d match\n", len(archived), len(archived)-len(damaged))
	ids := archive.Sample(archived, pct, *seed)
	fmt.Fprintf(stdout, "verifying %d of the %d runs archived in %s (%s%%, seed %d)\n", len(ids), len(archived), pdir, strconv.FormatFloat(pct, 'g', -1, 64), *seed)
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	estimate.SpareProcessor(*jobs)
	sel := selection{dataDir: *dataDir}
	exec := sel.executor()
	start := time.Now()
	checks := archive.VerifyAll(ctx, pdir, ids, *jobs, pipeline.NewResolver(exec, "", nil).Key, exec, func(c archive.Check) {
		fmt.Fprintln(stdout, c.Line())
	})
	var took time.Duration
	for _, c := range checks {
		took += c.Took
	}
	fmt.Fprintf(stdout, "recomputed in %s at -j %d (the archived runs took %s of run time)\n",
		time.Since(start).Round(time.Second), *jobs, took.Round(time.Second))
	o := archive.Tally(checks, damaged)
	fmt.Fprintf(stdout, "verified %d runs: %d identical, %d differ, %d skipped (data not available)\n", o.Checked, o.OK, len(o.Bad), o.Skipped)
	if err := o.Err(); err != nil {
		return &exitError{exitFailure, err}
	}
	return nil
}
