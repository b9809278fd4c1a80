package store

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/admmlab/admmlab/pipeline/runs"
)

// TestCompare: runs are joined on their spec whatever their code
// fingerprint; a wall-clock metric never differs, any other metric or curve
// does; specs in one store only are counted.
func TestCompare(t *testing.T) {
	put := func(st *Store, width int, code string, metrics map[string]float64, curve []float64) {
		t.Helper()
		spec := runs.Spec{Data: "square", Algorithm: "sgd", Act: "relu", Depth: 1, Width: width, Epochs: 2, Samples: 10}
		rec := runs.Record{Key: runs.Key{SpecHash: spec.SpecHash(), CodeFingerprint: code, DataDigest: "d", Toolchain: "t"}, Spec: spec,
			Status: runs.StatusDone, Finished: time.Unix(1, 0), Result: runs.Result{Metrics: metrics, Curves: map[string][]float64{"x": curve}}}
		rec.ID = runs.RunID(rec.Key)
		if err := st.Put(rec); err != nil {
			t.Fatal(err)
		}
	}
	dir := t.TempDir()
	a, err := Open(filepath.Join(dir, "a.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	b, err := Open(filepath.Join(dir, "b.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	put(a, 1, "c1", map[string]float64{"m": 1, "seconds": 3}, []float64{1, 2})
	put(b, 1, "c2", map[string]float64{"m": 1, "seconds": 4}, []float64{1, 2}) // same but for run time
	put(a, 2, "c1", map[string]float64{"m": 1}, []float64{1, 2})
	put(b, 2, "c1", map[string]float64{"m": 1}, []float64{1, 2.5}) // a curve moved
	put(a, 3, "c1", map[string]float64{"m": 1}, nil)               // only in a
	var diffs []SpecDiff
	c, err := Compare(context.Background(), a, b, "a", "b", func(d SpecDiff) { diffs = append(diffs, d) })
	if err != nil {
		t.Fatal(err)
	}
	if want := (Comparison{InA: 3, InB: 2, Both: 2, Differ: 1}); c != want {
		t.Errorf("Compare = %+v, want %+v", c, want)
	}
	if len(diffs) != 1 || diffs[0].Desc != runs.Describe(runs.Spec{Data: "square", Algorithm: "sgd", Act: "relu", Depth: 1, Width: 2, Epochs: 2, Samples: 10}) || len(diffs[0].Diffs) == 0 {
		t.Errorf("differing specs: %+v, want the width-2 run's curve", diffs)
	}
}
