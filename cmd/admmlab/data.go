package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/admmlab/admmlab/datasets"
)

func init() {
	register(&command{
		name:    "data",
		summary: "fetch, verify or list the data sets (data fetch|verify|status)",
		subs: []subverb{
			{"fetch", "make every real data set available (mirror, cache, download) and prove it parses", ""},
			{"verify", "hash every present copy of every catalogued file", ""},
			{"status", "list every data set: source, counts, digest (never downloads)", ""},
		},
		run: runData,
	})
}

func runData(args []string, stdout, stderr io.Writer) error {
	sub, err := subverbOf(commands["data"], args)
	if err != nil {
		return err
	}
	fs := newFlagSet("data "+sub, stderr)
	dataDir := fs.String("data-dir", os.Getenv("ADMMLAB_DATA_DIR"), "mirror directory searched first (default $ADMMLAB_DATA_DIR)")
	cacheDir := fs.String("cache-dir", "", "download cache (default the user cache dir/admmlab)")
	offline := fs.Bool("offline", false, "never download")
	if err := parseFlags(fs, args[1:]); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usageErrorf("unexpected arguments %q (admmlab help data %s)", fs.Args(), sub)
	}
	opt := datasets.Options{DataDir: *dataDir, CacheDir: *cacheDir, Fetch: !*offline}
	ctx := context.Background()
	switch sub {
	case "status":
		opt.Fetch = false
		return dataStatus(ctx, opt, stdout)
	case "verify":
		return dataVerify(opt, stdout)
	case "fetch":
		return dataFetch(ctx, opt, stdout)
	}
	return usageErrorf("unknown data subverb %q", sub)
}

// dataStatus lists every data set with its source, counts and seed-0
// digest, one line each; a toy learning task at the paper's noise variance.
func dataStatus(ctx context.Context, opt datasets.Options, stdout io.Writer) error {
	var failed error
	for _, name := range datasets.Names() {
		o := opt
		info, _ := name.Info()
		o.Noise = info.PaperNoise
		ds, err := datasets.Load(ctx, name, o)
		var na *datasets.NotAvailableError
		switch {
		case errors.As(err, &na):
			fmt.Fprintf(stdout, "%-10s  %s\n", name, na.Error())
		case err != nil:
			fmt.Fprintf(stdout, "%-10s  error: %v\n", name, err)
			failed = err
		default:
			fmt.Fprintf(stdout, "%-10s  %s; %s; digest %s\n", name, ds.Source, ds.Counts, ds.Digest)
		}
	}
	return failed // exitCode maps a bad data file to 3
}

// dataVerify hashes every present copy of every catalogued file.
func dataVerify(opt datasets.Options, stdout io.Writer) error {
	bad := 0
	datasets.VerifyFiles(opt, func(c datasets.FileCheck) {
		fmt.Fprintln(stdout, c)
		if c.Bad() {
			bad++
		}
	})
	if bad > 0 {
		return inputErrorf("%d file(s) failed verification", bad)
	}
	return nil
}

// dataFetch makes each real data set available (mirror → cache → download)
// and loads it once to prove it parses. Unavailable data sets are reported,
// not failed; a file that fails verification or parsing fails the command.
func dataFetch(ctx context.Context, opt datasets.Options, stdout io.Writer) error {
	bad := 0
	for _, spec := range datasets.Catalog {
		ds, err := datasets.Load(ctx, spec.Name, opt)
		var na *datasets.NotAvailableError
		switch {
		case err == nil:
			fmt.Fprintf(stdout, "%s: ok %s; %s\n", spec.Name, ds.Source, ds.Counts)
		case errors.As(err, &na):
			fmt.Fprintf(stdout, "%s: %v\n", spec.Name, err)
		default:
			fmt.Fprintf(stdout, "%s: FAILED: %v\n", spec.Name, err)
			bad++
		}
	}
	if bad > 0 {
		return inputErrorf("%d data set(s) failed verification", bad)
	}
	return nil
}
