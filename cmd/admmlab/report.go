package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"syscall"

	"github.com/admmlab/admmlab/internal/gitrev"
	"github.com/admmlab/admmlab/pipeline/runs"
	"github.com/admmlab/admmlab/pipeline/store"
	"github.com/admmlab/admmlab/report"
	"github.com/admmlab/admmlab/report/plot"
)

func init() {
	register(&command{name: "report", summary: "render every table and figure from the store", run: runReport})
}

func runReport(args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("report", stderr)
	storePath := fs.String("store", "results/runs.db", "SQLite run store")
	profile := fs.String("profile", "quick", "run profile whose results to render: smoke, quick, points or full (experiments/profiles.json)")
	out := fs.String("out", "", "output directory (tables/, figures/, README.md, summary.json); default results/ for quick, results/<profile>/ for any other profile, so that profiles never overwrite each other's report")
	defs := fs.String("defs", "", "catalogue directory (defs/*.json, profiles.json) instead of the built-in one")
	dataDir := fs.String("data-dir", os.Getenv("ADMMLAB_DATA_DIR"), "checked to exist, else unused: what the report says of the data is what the store recorded when its runs ran (default $ADMMLAB_DATA_DIR)")
	force := fs.Bool("force", false, "render even when the store holds no runs of the profile and --out holds a report")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usageErrorf("unexpected arguments %q", fs.Args())
	}
	if err := checkDataDir(*dataDir, false); err != nil {
		return err
	}
	cat, err := loadCatalogue(*defs, stderr)
	if err != nil {
		return err
	}
	if _, err := cat.Profile(*profile); err != nil {
		return usageErrorf("flag --profile: %v", err)
	}
	if *out == "" {
		*out = defaultOut(*profile)
	}
	if fi, err := os.Stat(*out); err == nil && !fi.IsDir() {
		return usageErrorf("flag --out: %s is a file, want a directory", *out)
	}
	st, err := store.OpenExisting(*storePath)
	if err != nil {
		return inputErrorf("flag --store: %v", err)
	}
	var src runs.Source = runs.Empty{} // every experiment renders its "no stored runs" notice
	var points runs.Source
	if st != nil {
		defer st.Close()
		src = st.Results(*profile)
		points = st.Results("points")
	} else {
		fmt.Fprintf(stderr, "admmlab report: no store at %s; every experiment will show a notice\n", *storePath)
	}
	// A store without runs of the profile must not replace an existing
	// report with an all-empty one (exit 1) unless forced.
	if !*force {
		if empty, err := report.ReplacesWithEmpty(context.Background(), src, cat, *out); err != nil {
			return inputErrorf("store %s: %v", *storePath, err)
		} else if empty {
			return &exitError{exitFailure, fmt.Errorf("store %s holds no runs of profile %s; rendering would replace the report in %s with an empty one (--force to do so, or run admmlab run --profile %s first)",
				*storePath, *profile, *out, *profile)}
		}
	}
	var recorded map[[2]string]runs.DataInfo
	if st != nil {
		if recorded, err = st.DataInfos(context.Background()); err != nil {
			return inputErrorf("store %s: %v", *storePath, err)
		}
	}
	info, maps, missing := report.RecordedData(cat, recorded)
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	var res report.Result
	err = report.Publish(*out, func(stage string) error {
		res, err = report.Build(ctx, report.Options{
			Draw:        plot.PNG,
			Catalogue:   cat,
			Profile:     *profile,
			Source:      src,
			Points:      points,
			Out:         stage,
			Commit:      gitrev.CodeCommit("."),
			Unavailable: missing,
			Scatter:     maps,
			Data:        info,
		})
		return err
	})
	if err != nil {
		return fmt.Errorf("%w; the report in %s is left as it was", err, *out)
	}
	fmt.Fprintf(stdout, "wrote %d files to %s (%d tables or panels without results)\n", len(res.Files), *out, res.Notices)
	return nil
}

// defaultOut is where a profile's report goes unless --out says otherwise.
func defaultOut(profile string) string {
	if profile == "quick" {
		return "results"
	}
	return filepath.Join("results", profile)
}
