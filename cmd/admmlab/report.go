package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"

	"github.com/admmlab/admmlab/datasets"
	"github.com/admmlab/admmlab/experiments"
	"github.com/admmlab/admmlab/pipeline"
	"github.com/admmlab/admmlab/report"
)

func init() {
	register(&command{name: "report", summary: "render every table and figure from the store", run: runReport})
}

// emptySource stands in for a store that does not exist yet: every
// experiment then renders its "no stored runs" notice.
type emptySource struct{}

func (emptySource) ExperimentRuns(context.Context, string) ([]pipeline.LabeledRun, error) {
	return nil, nil
}

func runReport(args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("report", stderr)
	store := fs.String("store", "results/runs.db", "SQLite run store")
	profile := fs.String("profile", "quick", "run profile whose results to render: smoke, quick or full")
	out := fs.String("out", "", "output directory (tables/, figures/, README.md, summary.json); default results/ for quick, results/<profile>/ for any other profile, so that profiles never overwrite each other's report")
	defs := fs.String("defs", "", "catalogue directory (defs/*.json, profiles.json) instead of the built-in one")
	dataDir := fs.String("data-dir", os.Getenv("ADMMLAB_DATA_DIR"), "data directory, to say which data sets are missing (default $ADMMLAB_DATA_DIR)")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usageErrorf("unexpected arguments %q", fs.Args())
	}
	cat, err := experiments.Load(*defs)
	if err != nil {
		return usageErrorf("%v", err)
	}
	if _, err := cat.Profile(*profile); err != nil {
		return usageErrorf("flag --profile: %v", err)
	}
	if *out == "" {
		*out = defaultOut(*profile)
	}
	st, err := pipeline.OpenExisting(*store)
	if err != nil {
		return inputErrorf("flag --store: %v", err)
	}
	var src pipeline.ResultSource = emptySource{}
	var points pipeline.ResultSource
	if st != nil {
		defer st.Close()
		src = st.Results(*profile)
		points = st.Results("points")
	} else {
		fmt.Fprintf(stderr, "admmlab report: no store at %s; every experiment will show a notice\n", *store)
	}
	res, err := report.Build(context.Background(), report.Options{
		Catalogue:   cat,
		Profile:     *profile,
		Source:      src,
		Points:      points,
		Out:         *out,
		Commit:      pipeline.GitCommit("."),
		Unavailable: unavailable(cat, *dataDir),
		Scatter:     dataMaps(cat, *dataDir, stderr),
	})
	if err != nil {
		return err
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

// dataMaps reads the raw data the report draws as maps (Fig 16(a)) when its
// data set is in the mirror or the cache; the report never downloads. A data
// set that is missing leaves its panel to the "data not available" notice;
// one that cannot be read says why on stderr and does the same.
func dataMaps(cat *experiments.Catalogue, dataDir string, stderr io.Writer) map[string]report.ScatterData {
	used := false
	for _, d := range cat.Definitions {
		used = used || d.Data == "earthquake"
	}
	if !used {
		return nil
	}
	classes, err := datasets.EarthquakeMap(context.Background(), datasets.Options{DataDir: dataDir})
	if err != nil {
		var na *datasets.NotAvailableError
		if !errors.As(err, &na) {
			fmt.Fprintf(stderr, "admmlab report: earthquake map (Fig 16(a)) left out: %v\n", err)
		}
		return nil
	}
	sd := report.ScatterData{
		Title:  "Earthquake felt reports by intensity class",
		XLabel: "city longitude (°)",
		YLabel: "city latitude (°)",
	}
	for _, c := range classes {
		sd.Series = append(sd.Series, report.ScatterSeries{Name: c.Name, X: c.Lon, Y: c.Lat})
	}
	return map[string]report.ScatterData{"earthquake": sd}
}

// unavailable asks the datasets package which of the catalogue's data sets
// cannot be found, and why.
func unavailable(cat *experiments.Catalogue, dataDir string) map[string]string {
	names := map[string]bool{}
	for _, d := range cat.Definitions {
		names[d.Data] = true
	}
	keys := make([]string, 0, len(names))
	for n := range names {
		keys = append(keys, n)
	}
	sort.Strings(keys)
	m := map[string]string{}
	for _, n := range keys {
		if ok, reason := datasets.Available(n, datasets.Options{DataDir: dataDir}); !ok {
			m[n] = reason
		}
	}
	return m
}
