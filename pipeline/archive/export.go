package archive

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/admmlab/admmlab/internal/atomicfile"
	"github.com/admmlab/admmlab/pipeline/runs"
	"github.com/admmlab/admmlab/pipeline/store"
)

// ExportStats says what Export did.
type ExportStats struct {
	Plans     int   // plans in the manifest
	Written   int   // run files written: new, or their content changed
	Unchanged int   // run files already there with the same content
	Pruned    int   // run files removed: no plan names them any more
	Kept      int   // named runs the store does not hold done, whose archived file stays
	Absent    int   // named runs neither the store holds done nor the archive
	Files     int   // run files in the profile's folder afterwards
	Bytes     int64 // their total size
	Manifest  bool  // whether plans.json was (re)written
}

// ErrNoPlans is returned by Export when the store holds no plan of the
// profile: the archive is then left as it is, never emptied.
var ErrNoPlans = errors.New("the store holds no plan of this profile")

// Export writes profile's folder under dir from st: plans.json with the
// profile's latest plan of each experiment that keep accepts (nil: all), a
// run file for every done run those plans name, and it removes the run
// files that no plan names any more. A run file is written only when its
// content changed (a file of the same content written by another Go
// release's compressor is left alone), so that an export after k runs
// changed writes about k files.
func Export(ctx context.Context, st *store.Store, dir, profile string, keep func(experiment string) bool) (ExportStats, error) {
	var stats ExportStats
	plans, err := st.LatestPlans(ctx, profile)
	if err != nil {
		return stats, fmt.Errorf("store %s: %w", st.Path(), err)
	}
	kept := plans[:0]
	for _, p := range plans {
		if keep == nil || keep(p.Experiment) {
			kept = append(kept, p)
		}
	}
	if len(kept) == 0 {
		return stats, fmt.Errorf("store %s, profile %s: %w", st.Path(), profile, ErrNoPlans)
	}
	m := manifestOf(profile, kept)
	stats.Plans = len(m.Plans)
	pdir := filepath.Join(dir, profile)
	named := map[string]bool{}
	for _, id := range m.RunIDs() {
		named[id] = true
		if err := exportRun(ctx, st, pdir, id, &stats); err != nil {
			return stats, err
		}
	}
	if stats.Manifest, err = writeIfChanged(filepath.Join(pdir, ManifestName), m.marshal(), bytes.Equal); err != nil {
		return stats, err
	}
	return stats, prune(pdir, named, &stats)
}

// exportRun writes the run file of id when the store holds the run done.
func exportRun(ctx context.Context, st *store.Store, pdir, id string, stats *ExportStats) error {
	rec, ok, err := st.Get(ctx, id)
	if err != nil {
		return fmt.Errorf("store %s: %w", st.Path(), err)
	}
	path := RunPath(pdir, id)
	if !ok || rec.Status != runs.StatusDone {
		if _, err := os.Stat(path); err == nil {
			stats.Kept++
		} else {
			stats.Absent++
		}
		return nil
	}
	wrote, err := writeIfChanged(path, Encode(rec), samePayload)
	if err != nil {
		return err
	}
	if wrote {
		stats.Written++
	} else {
		stats.Unchanged++
	}
	return nil
}

// writeIfChanged writes b to path atomically unless the file there is the
// same by same; it reports whether it wrote.
func writeIfChanged(path string, b []byte, same func(old, new []byte) bool) (bool, error) {
	if old, err := os.ReadFile(path); err == nil && same(old, b) {
		return false, nil
	}
	f, err := atomicfile.Create(path, 0o644)
	if err != nil {
		return false, err
	}
	defer f.Abort()
	if _, err := f.Write(b); err != nil {
		return false, err
	}
	return true, f.Commit()
}

// samePayload reports whether two gzip streams hold the same bytes.
func samePayload(a, b []byte) bool {
	if bytes.Equal(a, b) {
		return true
	}
	ua, err1 := gunzip(a)
	ub, err2 := gunzip(b)
	return err1 == nil && err2 == nil && bytes.Equal(ua, ub)
}

func gunzip(b []byte) ([]byte, error) {
	zr, err := gzip.NewReader(bytes.NewReader(b))
	if err != nil {
		return nil, err
	}
	return io.ReadAll(zr)
}

// prune removes the run files of pdir that named does not list, and the
// folders it leaves empty, and counts what remains.
func prune(pdir string, named map[string]bool, stats *ExportStats) error {
	root := filepath.Join(pdir, "runs")
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if errors.Is(err, fs.ErrNotExist) {
			return nil
		}
		if err != nil || d.IsDir() {
			return err
		}
		id, ok := strings.CutSuffix(d.Name(), ".run.gz")
		if !ok {
			return nil // not a run file (a temporary file of a write in flight)
		}
		if !named[id] {
			stats.Pruned++
			return os.Remove(path)
		}
		fi, err := d.Info()
		if err != nil {
			return err
		}
		stats.Files++
		stats.Bytes += fi.Size()
		return nil
	})
	if err != nil {
		return err
	}
	subs, _ := os.ReadDir(root)
	for _, s := range subs {
		os.Remove(filepath.Join(root, s.Name())) // only succeeds when empty
	}
	return nil
}
