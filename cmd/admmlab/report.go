package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/admmlab/admmlab/datasets"
	"github.com/admmlab/admmlab/experiments"
	"github.com/admmlab/admmlab/pipeline/runs"
	"github.com/admmlab/admmlab/pipeline/store"
	"github.com/admmlab/admmlab/report"
	"github.com/admmlab/admmlab/report/plot"
)

func init() {
	register(&command{name: "report", summary: "render every table and figure from the store", run: runReport})
}

// emptySource stands in for a store that does not exist yet: every
// experiment then renders its "no stored runs" notice.
type emptySource struct{}

func (emptySource) ExperimentRuns(context.Context, string) ([]runs.Labeled, error) {
	return nil, nil
}

func (emptySource) Curves(_ context.Context, id string) (runs.Result, error) {
	return runs.Result{}, fmt.Errorf("run %s: no store", id)
}

func runReport(args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("report", stderr)
	storePath := fs.String("store", "results/runs.db", "SQLite run store")
	profile := fs.String("profile", "quick", "run profile whose results to render: smoke, quick or full")
	out := fs.String("out", "", "output directory (tables/, figures/, README.md, summary.json); default results/ for quick, results/<profile>/ for any other profile, so that profiles never overwrite each other's report")
	defs := fs.String("defs", "", "catalogue directory (defs/*.json, profiles.json) instead of the built-in one")
	dataDir := fs.String("data-dir", os.Getenv("ADMMLAB_DATA_DIR"), "data directory, to say which data sets are missing (default $ADMMLAB_DATA_DIR)")
	force := fs.Bool("force", false, "render even when the store holds no runs of the profile and --out holds a report")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usageErrorf("unexpected arguments %q", fs.Args())
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
	st, err := store.OpenExisting(*storePath)
	if err != nil {
		return inputErrorf("flag --store: %v", err)
	}
	var src runs.Source = emptySource{}
	var points runs.Source
	if st != nil {
		defer st.Close()
		src = st.Results(*profile)
		points = st.Results("points")
	} else {
		fmt.Fprintf(stderr, "admmlab report: no store at %s; every experiment will show a notice\n", *storePath)
	}
	if !*force {
		if err := refuseEmpty(src, cat, *profile, *storePath, *out); err != nil {
			return err
		}
	}
	missing := unavailable(cat, *dataDir)
	info := dataInfo(cat, *dataDir, missing)
	res, err := report.Build(context.Background(), report.Options{
		Draw:        plot.PNG,
		Catalogue:   cat,
		Profile:     *profile,
		Source:      src,
		Points:      points,
		Out:         *out,
		Commit:      gitCommit("."),
		Unavailable: missing,
		Scatter:     dataMaps(cat, *dataDir, stderr),
		Data:        info,
	})
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "wrote %d files to %s (%d tables or panels without results)\n", len(res.Files), *out, res.Notices)
	return nil
}

// refuseEmpty keeps a store without runs of the profile from replacing an
// existing report with an all-empty one (exit 1).
func refuseEmpty(src runs.Source, cat *experiments.Catalogue, profile, store, out string) error {
	if _, err := os.Stat(filepath.Join(out, "README.md")); err != nil {
		return nil // nothing to replace
	}
	for _, d := range cat.Definitions {
		runs, err := src.ExperimentRuns(context.Background(), d.Name)
		if err != nil {
			return inputErrorf("store %s: %v", store, err)
		}
		if len(runs) > 0 {
			return nil
		}
	}
	return &exitError{exitFailure, fmt.Errorf("store %s holds no runs of profile %s; rendering would replace the report in %s with an empty one (--force to do so, or run admmlab run --profile %s first)",
		store, profile, out, profile)}
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
		used = used || datasets.Name(d.Data) == datasets.Earthquake
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
	return map[string]report.ScatterData{string(datasets.Earthquake): sd}
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
		if ok, reason := datasets.Available(datasets.Name(n), datasets.Options{DataDir: dataDir}); !ok {
			// The report names the data directory as <data-dir>, so that
			// the same results render the same on every machine.
			if dataDir != "" {
				reason = strings.ReplaceAll(reason, filepath.Clean(dataDir)+string(filepath.Separator), "<data-dir>"+string(filepath.Separator))
			}
			m[n] = reason
		}
	}
	return m
}

// dataInfo loads each real data set the catalogue uses (seed 0, the variant
// its definitions declare) for the counts and subset label the report
// states. A data set whose files are present but unusable is added to
// missing with the reason, prefixed "unusable:".
func dataInfo(cat *experiments.Catalogue, dataDir string, missing map[string]string) map[string]report.DataInfo {
	variant := map[string]string{}
	var names []string
	for _, d := range cat.Definitions {
		if _, seen := variant[d.Data]; !seen && !datasets.Name(d.Data).IsToy() {
			variant[d.Data] = d.DataVariant
			names = append(names, d.Data)
		}
	}
	sort.Strings(names)
	out := map[string]report.DataInfo{}
	for _, n := range names {
		if _, gone := missing[n]; gone {
			continue
		}
		ds, err := datasets.Load(context.Background(), datasets.Name(n), datasets.Options{DataDir: dataDir, Variant: variant[n]})
		var na *datasets.NotAvailableError
		switch {
		case errors.As(err, &na):
			missing[n] = na.Error()
		case err != nil:
			missing[n] = "unusable: " + err.Error()
		default:
			var files []string
			for _, p := range strings.Split(ds.Source, ", ") {
				files = append(files, filepath.Base(p))
			}
			out[n] = report.DataInfo{Counts: fmt.Sprintf("%s (read from %s)", ds.Counts, strings.Join(files, ", ")), Subset: ds.Subset}
		}
	}
	return out
}
