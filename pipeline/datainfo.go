package pipeline

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/admmlab/admmlab/datasets"
	"github.com/admmlab/admmlab/pipeline/runs"
	"github.com/admmlab/admmlab/pipeline/store"
)

// RecordDataInfo records in the store what this invocation's runs see of
// each real data set of the plan that is present (counts, subset caveat, a
// map's points, or why its files cannot be used), so that a report states
// it from the store, whatever data directory it is rendered with.
func RecordDataInfo(ctx context.Context, st *store.Store, p *Plan, dataDir string) error {
	seen := map[[2]string]bool{}
	for _, e := range p.Experiments {
		key := [2]string{e.Def.Data, e.Def.DataVariant}
		if seen[key] || datasets.Name(e.Def.Data).IsToy() {
			continue
		}
		seen[key] = true
		info, ok := loadDataInfo(ctx, e.Def.Data, e.Def.DataVariant, dataDir)
		if !ok {
			continue // not present: nothing was seen, nothing to record
		}
		if err := st.PutDataInfo(ctx, info, time.Now()); err != nil {
			return fmt.Errorf("recording data set %s: %w", e.Def.Data, err)
		}
	}
	return nil
}

// loadDataInfo loads a real data set (seed 0) for what the report states of
// it; ok is false when its files are not present.
func loadDataInfo(ctx context.Context, name, variant, dataDir string) (runs.DataInfo, bool) {
	info := runs.DataInfo{Data: name, Variant: variant}
	opt := datasets.Options{DataDir: dataDir, Variant: variant}
	if ok, _ := datasets.Available(datasets.Name(name), opt); !ok {
		return info, false
	}
	ds, err := datasets.Load(ctx, datasets.Name(name), opt)
	var na *datasets.NotAvailableError
	switch {
	case errors.As(err, &na):
		return info, false
	case err != nil:
		info.Unusable = machineFree(err.Error(), dataDir)
		return info, true
	}
	var files []string
	for _, p := range strings.Split(ds.Source, ", ") {
		files = append(files, filepath.Base(p))
	}
	info.Counts = fmt.Sprintf("%s (read from %s)", ds.Counts, strings.Join(files, ", "))
	info.Subset = ds.Subset
	info.TestClasses = datasets.ClassCounts(ds.Test, ds.Task)
	if datasets.Name(name) == datasets.Earthquake {
		if classes, err := datasets.EarthquakeMap(ctx, opt); err == nil {
			for _, c := range classes {
				info.Map = append(info.Map, runs.DataClass{Name: c.Name, X: c.Lon, Y: c.Lat})
			}
		}
	}
	return info, true
}

// machineFree writes the data directory and the download cache of a
// message as <data-dir>/ and <cache>/, so that no path of this machine
// reaches a store or a report.
func machineFree(msg, dataDir string) string {
	sep := string(filepath.Separator)
	if dataDir != "" {
		if abs, err := filepath.Abs(dataDir); err == nil {
			msg = strings.ReplaceAll(msg, abs+sep, "<data-dir>"+sep)
		}
		msg = strings.ReplaceAll(msg, filepath.Clean(dataDir)+sep, "<data-dir>"+sep)
	}
	if c, err := os.UserCacheDir(); err == nil {
		msg = strings.ReplaceAll(msg, filepath.Join(c, "admmlab")+sep, "<cache>"+sep)
	}
	return msg
}
