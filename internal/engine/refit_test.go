package engine

import (
	"context"
	"math"
	"testing"

	"github.com/admmlab/admmlab/pipeline/runs"
)

// TestRefitStoppedEarlyIsTheFullRunsPrefix runs, for each algorithm, a
// refit on the whole training split at full length and the same refit
// stopped at an earlier chosen epoch (runs.RefitSpec), and demands that
// every curve and per-layer curve of the short run is, bit for bit, the
// full run's first epochs: a refit trained only to its chosen epoch reads
// the same numbers as the full-length run read there.
func TestRefitStoppedEarlyIsTheFullRunsPrefix(t *testing.T) {
	ctx := context.Background()
	const chosen = 6
	for _, spec := range smallSpecs() {
		t.Run(spec.Algorithm, func(t *testing.T) {
			spec.Validation = 0.2
			full, early := runs.RefitSpec(spec, 1, 0), runs.RefitSpec(spec, 1, chosen)
			if early.Epochs != chosen || early.FullEpochs != spec.Epochs {
				t.Fatalf("RefitSpec(…, %d) = %+v, want %d of %d epochs", chosen, early, chosen, spec.Epochs)
			}
			a, err := New(Options{}).Execute(ctx, full)
			if err != nil {
				t.Fatal(err)
			}
			b, err := New(Options{}).Execute(ctx, early)
			if err != nil {
				t.Fatal(err)
			}
			if len(b.Curves) == 0 || len(b.Curves) != len(a.Curves) {
				t.Fatalf("curves: %d stopped early, %d at full length", len(b.Curves), len(a.Curves))
			}
			for name, short := range b.Curves {
				samePrefix(t, name, short, a.Curves[name], chosen)
			}
			for name, layers := range b.Layers {
				if len(layers) != len(a.Layers[name]) {
					t.Fatalf("layer curve %s: %d layers stopped early, %d at full length", name, len(layers), len(a.Layers[name]))
				}
				for i := range layers {
					samePrefix(t, name, layers[i], a.Layers[name][i], chosen)
				}
			}
			if got, want := b.Metrics["test_mse_final"], a.Curves["test_mse"][chosen-1]; math.Float64bits(got) != math.Float64bits(want) {
				t.Errorf("test_mse_final of the run stopped at %d = %v, want the full run's value there %v", chosen, got, want)
			}
		})
	}
}

func samePrefix(t *testing.T, name string, short, long []float64, n int) {
	t.Helper()
	if len(short) != n || len(long) < n {
		t.Fatalf("curve %s: %d points stopped early, %d at full length; want %d and more", name, len(short), len(long), n)
	}
	for i := range short {
		if math.Float64bits(short[i]) != math.Float64bits(long[i]) {
			t.Fatalf("curve %s, epoch %d: %v stopped early, %v at full length", name, i+1, short[i], long[i])
		}
	}
}
