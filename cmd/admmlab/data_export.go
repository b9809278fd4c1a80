package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/admmlab/admmlab/internal/engine"
	"github.com/admmlab/admmlab/internal/splitexport"
	"github.com/admmlab/admmlab/pipeline/runs"
)

// dataExportAbout is the help of data export.
const dataExportAbout = `Writes the samples one run trains on (train: the training split less its
validation hold-out), chooses on (val) and is tested on (test), as the engine
reads them for the run: the same data loading and the same stratified
hold-out (datasets.HoldOut, its seed derived from the spec), so the files are
bit for bit the run's. Which run: --store S --run ID (a run ID or unique
prefix; its spec decides, and the data here must give the data digest the
run recorded, else exit 3), or the data fields of a spec given as flags
(--data, --variant, --samples, --noise, --trial, --validation), exactly as
"admmlab explain RUN" prints them (an omitted variant is not the default
variant's name: give what the spec has).

DIR receives train_x, train_y, val_x, val_y (when a hold-out is taken),
test_x and test_y, one sample per row (X is n×d_in, Y is n×d_out: one-hot
rows for classify-argmax, ±1 for classify-sign), as float64 .npy files
(little-endian, C order: numpy.load reads them) or, with --format csv, as
CSV with every value written to round-trip exactly; and split.json: the data
fields, task, data digest, validation seed, each part's shape and file
SHA-256 and, with --run, the run's ID, spec, metrics and curves. DIR is
written whole or not at all (a temporary directory renamed into place); an
earlier export there is replaced, any other existing non-empty directory is
refused.`

func runDataExport(args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("data export", stderr)
	out := fs.String("out", "", "output `directory` (required)")
	format := fs.String("format", "npy", "file format: npy (float64) or csv")
	storePath := fs.String("store", "results/runs.db", "SQLite run store that holds --run (read-only)")
	runID := fs.String("run", "", "run `ID` or unique ID prefix whose split to export")
	var spec runs.Spec
	fs.StringVar(&spec.Data, "data", "", "data set (without --run), e.g. eyb, ptb, square")
	fs.StringVar(&spec.DataVariant, "variant", "", "data variant (without --run), e.g. keep-corrupted")
	fs.IntVar(&spec.Samples, "samples", 0, "toy tasks: training samples, as the spec has them (without --run)")
	fs.Float64Var(&spec.Noise, "noise", 0, "toy learning tasks: noise variance, as the spec has it (without --run)")
	fs.IntVar(&spec.Trial, "trial", 0, "0-based trial (without --run)")
	fs.Float64Var(&spec.Validation, "validation", 0, "validation share held out of the training split, 0 for none (without --run)")
	dataDir := fs.String("data-dir", os.Getenv("ADMMLAB_DATA_DIR"), "data directory (default $ADMMLAB_DATA_DIR)")
	fetch := fs.Bool("fetch", false, "download a missing data set")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usageErrorf("unexpected arguments %q (admmlab help data export)", fs.Args())
	}
	if *out == "" {
		return usageErrorf("flag --out is required (admmlab help data export)")
	}
	if *format != splitexport.NPY && *format != splitexport.CSV {
		return usageErrorf("flag --format: %q, want npy or csv", *format)
	}
	if err := checkDataDir(*dataDir, *fetch); err != nil {
		return err
	}
	ctx := context.Background()
	err := splitexport.CheckDir(*out)
	var run *splitexport.Run
	switch {
	case err != nil:
	case *runID != "":
		var specFlags []string
		fs.Visit(func(f *flag.Flag) {
			switch f.Name {
			case "data", "variant", "samples", "noise", "trial", "validation":
				specFlags = append(specFlags, "--"+f.Name)
			}
		})
		if len(specFlags) > 0 {
			return usageErrorf("%s with --run: the run's spec gives the data fields", strings.Join(specFlags, ", "))
		}
		if run, err = splitexport.FindRun(ctx, *storePath, *runID); err == nil {
			spec = run.Spec
		}
	case spec.Data == "":
		return usageErrorf("want --store S --run ID, or the spec's data fields (--data and, as the spec has them, --variant, --samples, --noise, --trial, --validation)")
	default:
		err = splitexport.CheckSpec(spec)
	}
	var meta *splitexport.Meta
	if err == nil {
		meta, err = splitexport.Export(ctx, engine.New(engine.Options{DataDir: *dataDir, Fetch: *fetch}), spec, run, *out, *format)
	}
	if err != nil {
		return withExitCode(err) // a checksum or parse error maps to exit 3 as it is
	}
	fmt.Fprintf(stdout, "wrote %s: %s; task %s; data digest %s\n", *out, meta.Shapes(), meta.Task, meta.DataDigest)
	return nil
}
