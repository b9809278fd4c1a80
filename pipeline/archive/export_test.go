package archive

import (
	"bytes"
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/admmlab/admmlab/pipeline/runs"
	"github.com/admmlab/admmlab/pipeline/store"
)

// tree reads every file under dir, by path relative to it.
func tree(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		out[rel] = b
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func mustExport(t *testing.T, st *store.Store, dir string) ExportStats {
	t.Helper()
	s, err := Export(context.Background(), st, dir, "quick", nil)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// An archive imported into an empty store and exported again gives the
// same bytes: the store's runs and plans survive the trip exactly.
func TestExportImportRoundTrip(t *testing.T) {
	ctx := context.Background()
	src, recs := testStore(t, 4)
	dir := t.TempDir()
	if s := mustExport(t, src, dir); s.Written != 4 || s.Files != 4 || !s.Manifest || s.Plans != 1 {
		t.Fatalf("first export: %+v", s)
	}
	dst, err := store.Open(filepath.Join(t.TempDir(), "fresh.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer dst.Close()
	stats, err := Import(ctx, dst, dir, nil, sameKeyer)
	if err != nil {
		t.Fatal(err)
	}
	if len(stats) != 1 || stats[0].Imported != 4 || stats[0].Plans != 1 || len(stats[0].Left) != 0 {
		t.Fatalf("import: %+v", stats)
	}
	for _, r := range recs {
		got, ok, err := dst.Get(ctx, r.ID)
		if err != nil || !ok {
			t.Fatalf("run %s not imported: %v", r.ID, err)
		}
		if d := runs.CompareResults(r.Result, got.Result, nil); len(d) > 0 || got.Commit != r.Commit || !got.Finished.Equal(r.Finished) {
			t.Errorf("run %s imported differently: %v", r.ID[:8], d)
		}
	}
	want, _ := src.LatestPlans(ctx, "quick")
	got, _ := dst.LatestPlans(ctx, "quick")
	if len(got) != 1 || got[0].ID != want[0].ID || got[0].PlannedAt != want[0].PlannedAt || len(got[0].Entries) != 4 {
		t.Fatalf("plans imported as %+v, want %+v", got, want)
	}
	again := t.TempDir()
	mustExport(t, dst, again)
	a, b := tree(t, dir), tree(t, again)
	if len(a) != len(b) {
		t.Fatalf("re-export has %d files, the archive %d", len(b), len(a))
	}
	for p, content := range a {
		if !bytes.Equal(content, b[p]) {
			t.Errorf("%s differs after import and re-export", p)
		}
	}
	// Importing again adds nothing.
	stats, err = Import(ctx, dst, dir, nil, sameKeyer)
	if err != nil || stats[0].Imported != 0 || stats[0].Present != 4 {
		t.Fatalf("second import: %+v, %v", stats, err)
	}
}

// A new plan that swaps one run for another rewrites one run file and
// removes one; the others keep their bytes.
func TestExportWritesOnlyChangedRuns(t *testing.T) {
	st, recs := testStore(t, 5)
	dir := t.TempDir()
	mustExport(t, st, dir)
	before := tree(t, dir)
	extra := testRecord(9)
	if err := st.Put(extra); err != nil {
		t.Fatal(err)
	}
	var entries []store.PlanEntry
	for _, r := range append(recs[1:], extra) {
		entries = append(entries, store.PlanEntry{Label: "ADMM", RunID: r.ID})
	}
	savePlan(t, st, "exp", entries, time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC))
	s := mustExport(t, st, dir)
	if s.Written != 1 || s.Unchanged != 4 || s.Pruned != 1 || s.Files != 5 || !s.Manifest {
		t.Fatalf("export after one run changed: %+v", s)
	}
	after := tree(t, dir)
	changed := 0
	for p, b := range after {
		if !bytes.Equal(before[p], b) {
			changed++
		}
	}
	if changed != 2 { // the new run's file and plans.json
		t.Errorf("%d files changed, want 2", changed)
	}
	if _, err := os.Stat(RunPath(filepath.Join(dir, "quick"), recs[0].ID)); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("the dropped run's file is still there: %v", err)
	}
	if s := mustExport(t, st, dir); s.Written != 0 || s.Pruned != 0 || s.Manifest {
		t.Errorf("an export with nothing changed wrote: %+v", s)
	}
}

func TestExportWithoutPlansLeavesArchive(t *testing.T) {
	st, _ := testStore(t, 2)
	dir := t.TempDir()
	mustExport(t, st, dir)
	before := tree(t, dir)
	_, err := Export(context.Background(), st, dir, "quick", func(string) bool { return false })
	if !errors.Is(err, ErrNoPlans) {
		t.Fatalf("Export with every experiment left out: %v, want ErrNoPlans", err)
	}
	if len(tree(t, dir)) != len(before) {
		t.Error("the archive changed")
	}
}

// A run whose key this build would not give it is left out with the
// reason, and so is an altered file; the rest is imported.
func TestImportLeavesOut(t *testing.T) {
	for _, c := range []struct {
		name  string
		keyer Keyer
		alter bool
		want  string
	}{
		{"other code", otherKeyer(func(k *runs.Key) { k.CodeFingerprint = "code-2" }), false, "archived under other code"},
		{"other data", otherKeyer(func(k *runs.Key) { k.DataDigest = "data-2" }), false, "archived under other data"},
		{"other toolchain", otherKeyer(func(k *runs.Key) { k.Toolchain = "go9" }), false, "archived under another toolchain"},
		{"code and data", otherKeyer(func(k *runs.Key) { k.CodeFingerprint, k.DataDigest = "c", "d" }), false, "archived under other code, other data"},
		{"data not here", func(s runs.Spec) (runs.Key, string, error) { return runs.Key{}, "no eyb", nil }, false, WhyUnavailable},
		{"altered file", sameKeyer, true, WhyAltered},
	} {
		t.Run(c.name, func(t *testing.T) {
			src, recs := testStore(t, 2)
			dir := t.TempDir()
			mustExport(t, src, dir)
			if c.alter {
				flipLastCurveBit(t, RunPath(filepath.Join(dir, "quick"), recs[0].ID))
			}
			dst, err := store.Open(filepath.Join(t.TempDir(), "fresh.db"))
			if err != nil {
				t.Fatal(err)
			}
			defer dst.Close()
			stats, err := Import(context.Background(), dst, dir, []string{"quick", "points"}, c.keyer)
			if err != nil {
				t.Fatal(err)
			}
			wantLeft := 2
			if c.alter {
				wantLeft = 1
			}
			if len(stats) != 1 || stats[0].Left[c.want] != wantLeft || stats[0].Imported != 2-wantLeft {
				t.Fatalf("import: %+v, want %d left out as %q", stats, wantLeft, c.want)
			}
		})
	}
}

func otherKeyer(edit func(*runs.Key)) Keyer {
	return func(s runs.Spec) (runs.Key, string, error) {
		k, _, _ := sameKeyer(s)
		edit(&k)
		return k, "", nil
	}
}

// flipLastCurveBit flips the lowest bit of the last value of the last curve
// in a run file, and keeps its archived result hash: a stored curve
// altered after archiving.
func flipLastCurveBit(t *testing.T, path string) {
	t.Helper()
	run, err := ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	v := run.Result.Layers[runs.LayerNorm][1]
	v[len(v)-1] = flipBit(v[len(v)-1])
	if err := os.WriteFile(path, encode(run.Record, run.ResultHash), 0o644); err != nil {
		t.Fatal(err)
	}
}
