package archive

import (
	"maps"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/admmlab/admmlab/pipeline/runs"
	"github.com/admmlab/admmlab/pipeline/store"
)

func TestTrials(t *testing.T) {
	st, recs := testStore(t, 3) // plan "exp": trials 0, 1, 2
	var refit, small []store.PlanEntry
	for i := 3; i < 5; i++ { // the refit's runs reach trial 4
		r := testRecord(i)
		r.Spec.Lambda = 1e-3
		r.Key.SpecHash = r.Spec.SpecHash()
		r.ID = runs.RunID(r.Key)
		if err := st.Put(r); err != nil {
			t.Fatal(err)
		}
		refit = append(refit, store.PlanEntry{Label: "ADMM", RunID: r.ID})
	}
	small = append(small, store.PlanEntry{Label: "ADMM", RunID: recs[0].ID}) // a run two plans share
	at := time.Date(2026, 11, 30, 14, 0, 0, 0, time.UTC)
	savePlan(t, st, runs.RefitName("exp"), refit, at)
	savePlan(t, st, "small", small, at)
	dir := t.TempDir()
	mustExport(t, st, dir)
	pdir := filepath.Join(dir, "quick")

	got, err := Trials(pdir)
	if err != nil {
		t.Fatal(err)
	}
	if want := map[string]int{"exp": 5, "small": 1}; !maps.Equal(got, want) {
		t.Errorf("Trials = %v, want %v (a refit counts with its experiment)", got, want)
	}

	// A damaged run file is an error naming it, not a shorter count.
	path := RunPath(pdir, refit[1].RunID)
	if err := os.WriteFile(path, []byte("not gzip"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := Trials(pdir); err == nil || !strings.Contains(err.Error(), path) {
		t.Errorf("Trials with a damaged run file: error %v, want one naming %s", err, path)
	}
	if _, err := Trials(filepath.Join(dir, "points")); err == nil {
		t.Error("Trials of a folder without plans.json: no error")
	}
}
