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
	return EachPresentDataSet(ctx, p, dataDir, func(name, variant string, ds *datasets.Dataset, err error) error {
		info := dataInfo(ctx, name, variant, dataDir, ds, err)
		if err := st.PutDataInfo(ctx, info, time.Now()); err != nil {
			return fmt.Errorf("recording data set %s: %w", name, err)
		}
		return nil
	})
}

// EachPresentDataSet loads, once each, every real data set (and variant)
// the plan's experiments use whose files the data directory holds, at seed
// 0, and calls each with it, or with the error that kept it from loading.
// A data set that is not present is passed over: nothing was seen of it.
// An error each returns ends the walk and is returned.
func EachPresentDataSet(ctx context.Context, p *Plan, dataDir string, each func(name, variant string, ds *datasets.Dataset, err error) error) error {
	seen := map[[2]string]bool{}
	for _, e := range p.Experiments {
		key := [2]string{e.Def.Data, e.Def.DataVariant}
		if seen[key] || datasets.Name(e.Def.Data).IsToy() {
			continue
		}
		seen[key] = true
		opt := datasets.Options{DataDir: dataDir, Variant: e.Def.DataVariant}
		if ok, _ := datasets.Available(datasets.Name(e.Def.Data), opt); !ok {
			continue
		}
		ds, err := datasets.Load(ctx, datasets.Name(e.Def.Data), opt)
		var na *datasets.NotAvailableError
		if errors.As(err, &na) {
			continue
		}
		if err := each(e.Def.Data, e.Def.DataVariant, ds, err); err != nil {
			return err
		}
	}
	return nil
}

// dataInfo is what the report states of a real data set loaded (seed 0)
// as ds, or that loading failed with err.
func dataInfo(ctx context.Context, name, variant, dataDir string, ds *datasets.Dataset, err error) runs.DataInfo {
	info := runs.DataInfo{Data: name, Variant: variant}
	if err != nil {
		info.Unusable = machineFree(err.Error(), dataDir)
		return info
	}
	var files []string
	for _, p := range strings.Split(ds.Source, ", ") {
		files = append(files, filepath.Base(p))
	}
	info.Counts = fmt.Sprintf("%s (read from %s)", ds.Counts, strings.Join(files, ", "))
	info.Subset = ds.Subset
	info.TestClasses = datasets.ClassCounts(ds.Test, ds.Task)
	if datasets.Name(name) == datasets.Earthquake {
		opt := datasets.Options{DataDir: dataDir, Variant: variant}
		if classes, err := datasets.EarthquakeMap(ctx, opt); err == nil {
			for _, c := range classes {
				info.Map = append(info.Map, runs.DataClass{Name: c.Name, X: c.Lon, Y: c.Lat})
			}
		}
	}
	return info
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
