package report

import (
	"context"
	"github.com/admmlab/admmlab/report/plot"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/admmlab/admmlab/experiments"
	"github.com/admmlab/admmlab/pipeline/runs"
)

// Table 5 read against its references: the paper's structure (depth capped
// by the profile), the points profile's run at it, and the noise floor,
// against which the paper's 1.69e-5 is unreachable.
func TestResultsTableReferences(t *testing.T) {
	const e = "l1radial-sweep"
	grid := experiments.Grid{Depth: []int{1, 2, 3, 4, 5}, Width: []int{10, 20}, Init: []string{"msra"}, InitScale: []float64{1},
		Noise: []float64{0.1}, Lambda: []float64{1e-6}, Beta: []float64{1}}
	cat := &experiments.Catalogue{
		Definitions: []experiments.Definition{{
			Name: e, Items: []string{"table5"}, Data: "l1radial", Samples: 1000, Metric: "test_mse", Epochs: 2000, Trials: 20, NoiseFloor: "linear",
			Algorithms: []experiments.Algorithm{{Label: "ADMM (sigmoid)", Algorithm: "admm", Act: "sigmoid", Grid: grid,
				Paper: &experiments.Structure{Depth: 4, Width: 10}}},
		}},
		Profiles: []experiments.Profile{{Name: "smoke", Description: "CI scale", Scale: experiments.Scale{MaxDepth: 3}}},
	}
	mk := func(label, alg string, depth, width, trial int, v float64) runs.Labeled {
		r := run(e, label, alg, "sigmoid", depth, width, trial, "test_mse", v, v, 1)
		r.Spec.Data, r.Spec.Noise = "l1radial", 0.1
		if alg != "admm" {
			r.Spec = runs.Spec{Data: "l1radial", Noise: 0.1, Algorithm: alg, Samples: 1000, Trial: trial}
		}
		r.ID += label
		return r
	}
	src := fakeSource{e: {
		mk("ADMM (sigmoid)", "admm", 1, 10, 0, 5e-4), mk("ADMM (sigmoid)", "admm", 1, 10, 1, 7e-4),
		mk("ADMM (sigmoid)", "admm", 3, 10, 0, 9e-4), mk("ADMM (sigmoid)", "admm", 3, 10, 1, 1.1e-3),
		mk(runs.NoiseFloorLabel, "floor:linear", 0, 0, 0, 2e-4), mk(runs.NoiseFloorLabel, "floor:linear", 0, 0, 1, 4e-4),
	}}
	// The points grid still varies λ: the experiment's rule chooses
	// between its cells (here the paper's, on the best-epoch metric), not
	// the first cell in axis order.
	pts := mk("ADMM (sigmoid)", "admm", 4, 10, 0, 6e-4)
	pts.Spec.Epochs, pts.Spec.Lambda = 2000, 1e-2
	pts.Started, pts.Finished = time.Unix(100, 0), time.Unix(160, 0)
	worse := pts
	worse.Spec.Lambda, worse.ID = 1e-6, pts.ID+"-lambda1e-6"
	worse.Result.Metrics = map[string]float64{"test_mse_best": 9e-4, "test_mse_final": 9e-4, "seconds": 1}
	worse.Started, worse.Finished = time.Unix(160, 0), time.Unix(161, 0)
	out := t.TempDir()
	if _, err := Build(context.Background(), Options{Catalogue: cat, Profile: "smoke", Source: src, Out: out, Draw: plot.PNG,
		Points: fakeSource{e: {worse, pts}}}); err != nil {
		t.Fatal(err)
	}
	t5 := read(t, filepath.Join(out, "tables", "table5.md"))
	for _, want := range []string{
		"| ADMM (sigmoid) | (1,10) | 6.00e-4 (1.41e-4) |",
		"| 1.00e-3 (1.41e-4) at (3,10)‡ |",                                                // the paper's (4,10), depth capped at 3
		"‡ ADMM (sigmoid): depth capped at 3 by profile smoke (paper: 4)",                 // and the cap stated
		"| 6.00e-4 (n=1) at (4,10), 2000 epochs, 1 trials; the best of its points grid |", // points
		"| *noise floor (variance 0.1)* | — | 3.00e-4 (1.41e-4) |",                        // the floor row
		"ADMM (sigmoid) 1.69e-5 (0.056×)",                                                 // the paper's number against it
		"Ours, as multiples of the floor: ADMM (sigmoid) 2×",
	} {
		if !strings.Contains(t5, want) {
			t.Errorf("table5.md lacks %q:\n%s", want, t5)
		}
	}
	readme := read(t, filepath.Join(out, "README.md"))
	if !strings.Contains(readme, "2 runs of the `points` profile are shown beside the paper's numbers; they took 2s of run time in all, between 1970-01-01T00:01:40Z and 1970-01-01T00:02:41Z (1m1s wall)") {
		t.Errorf("README lacks the closing note on the points runs:\n%s", readme[len(readme)-400:])
	}
}

// The points note sums the runs' wall-clock durations as run time and,
// apart, the CPU time of those that measured it; a run seen twice counts
// once.
func TestWallSpanNote(t *testing.T) {
	var w wallSpan
	at := func(s int) time.Time { return time.Unix(int64(s), 0) }
	w.add(runs.Record{ID: "a", Duration: 10 * time.Second, CPU: 8 * time.Second, Started: at(100), Finished: at(110)})
	w.add(runs.Record{ID: "b", Duration: 20 * time.Second, Started: at(105), Finished: at(125)})
	w.add(runs.Record{ID: "a", Duration: 10 * time.Second, CPU: 8 * time.Second, Started: at(100), Finished: at(110)})
	want := "2 runs of the `points` profile are shown beside the paper's numbers; they took 30s of run time in all (the 1 of them that measured their CPU time used 8s of it), between 1970-01-01T00:01:40Z and 1970-01-01T00:02:05Z (25s wall)."
	if got := w.note(); got != want {
		t.Errorf("note:\n%s\nwant\n%s", got, want)
	}
}
