package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"
	"time"

	"github.com/admmlab/admmlab/experiments"
	"github.com/admmlab/admmlab/pipeline"
	"github.com/admmlab/admmlab/pipeline/archive"
	"github.com/admmlab/admmlab/pipeline/store"
)

func init() {
	register(&command{
		name:    "archive",
		summary: "keep the store's runs as files beside the report, results/archive/<profile>/ (archive export|import; see also verify)",
		subs: []subverb{
			{"export", "write the profiles' latest plans and their done runs from --store into the archive; remove run files no plan names", "", ""},
			{"import", "add the archived runs whose key matches this build to --store, and their plans; say why any other is left out", "", ""},
		},
		run: runArchive,
	})
}

const defaultArchive = "results/archive"

func runArchive(args []string, stdout, stderr io.Writer) error {
	sub, err := subverbOf(commands["archive"], args)
	if err != nil {
		return err
	}
	fs := newFlagSet("archive "+sub, stderr)
	storePath := fs.String("store", "results/runs.db", "SQLite run store")
	dir := fs.String("archive", defaultArchive, "archive directory (one folder per profile)")
	profiles := fs.String("profile", "", "comma-separated profiles (export: default quick; import: default every folder of the archive)")
	defs := fs.String("defs", "", "catalogue directory (defs/*.json, profiles.json) instead of the built-in one")
	dataDir := fs.String("data-dir", os.Getenv("ADMMLAB_DATA_DIR"), "data directory, to key the archived runs (import; default $ADMMLAB_DATA_DIR)")
	lockWait := fs.Duration("lock-wait", 0, "how long to wait for another admmlab holding the store (import)")
	if err := parseFlags(fs, args[1:]); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usageErrorf("unexpected arguments %q (admmlab help archive %s)", fs.Args(), sub)
	}
	var names []string
	if *profiles != "" {
		names = slices.Compact(strings.Split(*profiles, ","))
	}
	cat, err := loadCatalogue(*defs, stderr)
	if err != nil {
		return err
	}
	for _, p := range names {
		if _, err := cat.Profile(p); err != nil {
			return usageErrorf("flag --profile: %v", err)
		}
	}
	if sub == "export" {
		if names == nil {
			names = []string{"quick"}
		}
		return archiveExport(*storePath, *dir, names, cat, stdout)
	}
	sel := selection{dataDir: *dataDir}
	return archiveImport(*storePath, *dir, names, *lockWait, pipeline.NewResolver(sel.executor(), "", nil).Key, stdout, stderr)
}

// archiveExport exports each profile's plans of the experiments the profile
// runs; a profile the store holds no such plan of is left as it is in the
// archive.
func archiveExport(storePath, dir string, profiles []string, cat *experiments.Catalogue, stdout io.Writer) error {
	st, err := store.OpenExisting(storePath)
	if err != nil {
		return inputErrorf("flag --store: %v", err)
	}
	if st == nil {
		return inputErrorf("store %s does not exist or is empty: nothing to export", storePath)
	}
	defer st.Close()
	for _, p := range profiles {
		plan, err := pipeline.NewPlan(cat, p, nil)
		if err != nil {
			return usageErrorf("%v", err)
		}
		s, err := archive.Export(context.Background(), st, dir, p, func(e string) bool { return plan.Find(e) != nil })
		if errors.Is(err, archive.ErrNoPlans) {
			fmt.Fprintf(stdout, "archive %s/%s: the store holds no plan of profile %s; left as it is\n", dir, p, p)
			continue
		}
		if err != nil {
			return err
		}
		fmt.Fprintf(stdout, "archive %s/%s: %s\n", dir, p, s)
	}
	return nil
}

// archiveImport seeds the store from the archive.
func archiveImport(storePath, dir string, profiles []string, lockWait time.Duration, keyer archive.Keyer, stdout, stderr io.Writer) error {
	have, err := archive.Profiles(dir)
	if err != nil {
		return inputErrorf("flag --archive: %v", err)
	}
	if len(have) == 0 {
		fmt.Fprintf(stdout, "archive %s: no profile folder; nothing imported\n", dir)
		return nil
	}
	release, err := lockStore(storePath, lockWait)
	if err != nil {
		return err
	}
	defer release()
	st, err := store.Open(storePath)
	if err != nil {
		return inputErrorf("%v", err)
	}
	stats, err := archive.Import(context.Background(), st, dir, profiles, keyer)
	if cerr := st.Close(); err == nil && cerr != nil {
		err = cerr
	}
	for _, s := range stats {
		fmt.Fprintf(stdout, "archive %s/%s: %s\n", dir, s.Profile, s)
		for _, why := range s.Reasons() {
			// Name the command: make paper runs only its own profile, so the
			// points runs it imports beside it are recomputed by no one else,
			// and they were run with per-experiment trials.
			fmt.Fprintf(stdout, "  left out %d runs (%s recomputes them): %s\n", s.Left[why], recomputeCommand(s.Profile, dir), why)
		}
		for _, p := range s.Problems {
			fmt.Fprintf(stderr, "admmlab archive import: %s\n", p)
		}
	}
	if err != nil {
		return inputErrorf("%v", err)
	}
	return nil
}

// recomputeCommand is the run that recomputes the archived runs of a
// profile as they were archived.
func recomputeCommand(profile, dir string) string {
	cmd := "admmlab run --profile " + profile + " --trials " + trialsArchived
	if dir != defaultArchive {
		cmd += " --archive " + dir
	}
	return cmd
}
