package main

import (
	"context"
	"fmt"
	"io"
	"os"

	"github.com/admmlab/admmlab/datasets"
)

func init() {
	register(&command{
		name:    "data",
		summary: "fetch, verify, list or export the data sets (data fetch|verify|status|export)",
		subs: []subverb{
			{"fetch", "make every real data set available (mirror, cache, download) and prove it parses", "", ""},
			{"verify", "hash every present copy of every catalogued file", "", ""},
			{"status", "list every data set: source, counts, digest (never downloads)", "", ""},
			{"export", "write the train, validation and test samples of one run (or spec) to a directory, as .npy or CSV, with split.json",
				"--out DIR (--store S --run ID | --data NAME [spec's data flags]) [flags]", dataExportAbout},
		},
		run: runData,
	})
}

func runData(args []string, stdout, stderr io.Writer) error {
	sub, err := subverbOf(commands["data"], args)
	if err != nil {
		return err
	}
	if sub == "export" {
		return runDataExport(args[1:], stdout, stderr)
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
	line := func(l string) { fmt.Fprintln(stdout, l) }
	switch sub {
	case "status":
		return datasets.Status(ctx, opt, line) // exitCode maps a bad data file to 3
	case "verify":
		return dataVerify(opt, stdout)
	case "fetch":
		// Unavailable data sets are reported, not failed; a file that fails
		// verification or parsing fails the command.
		if bad := datasets.FetchAll(ctx, opt, line); bad > 0 {
			return inputErrorf("%d data set(s) failed verification", bad)
		}
		return nil
	}
	return usageErrorf("unknown data subverb %q", sub)
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
