package fixturetrace

import (
	"context"
	"math"
	"path/filepath"
	"testing"

	"github.com/admmlab/admmlab/internal/csvmat"
	"github.com/admmlab/admmlab/internal/sharedtest"
	"github.com/admmlab/admmlab/solvers"
	"github.com/admmlab/admmlab/solvers/fixture"
)

// TestReplayMatchesTrace: the first 5 rows of a replay match trace.csv,
// train_mse within 1e-6 and aug_lagrangian within 1e-5 relative.
func TestReplayMatchesTrace(t *testing.T) {
	dir := sharedtest.Dir(t, "fixtures", "admm-reference", "square-L3-w20")
	want, err := csvmat.ReadFile(filepath.Join(dir, "trace.csv"))
	if err != nil {
		t.Fatalf("reference trace missing (set ADMMLAB_SHARED): %v", err)
	}
	f, err := fixture.ReadInit(dir)
	if err != nil {
		t.Fatal(err)
	}
	rows := 0
	err = Replay(context.Background(), f, solvers.LLAReference, 5, func(k int, mse, aug float64) error {
		rows++
		for c, got := range map[int]float64{1: mse, 2: aug} {
			w, tol := want.At(k-1, c), map[int]float64{1: 1e-6, 2: 1e-5}[c]
			if e := math.Abs(got-w) / math.Abs(w); e > tol {
				t.Errorf("row %d column %d = %v, trace.csv has %v (rel err %.3g > %g)", k, c, got, w, e, tol)
			}
		}
		return nil
	})
	if err != nil || rows != 5 {
		t.Fatalf("Replay: %d rows, %v; want 5", rows, err)
	}
}
