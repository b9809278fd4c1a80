package estimate

import (
	"fmt"
	"math"
	"strings"
	"testing"
	"time"

	"github.com/admmlab/admmlab/datasets"
	"github.com/admmlab/admmlab/pipeline/runs"
	"github.com/admmlab/admmlab/pipeline/store"
	"github.com/admmlab/admmlab/solvers"
)

// storedRuns is an index of n done ADMM runs that each took k · work
// seconds on host, with their IDs; their CPU time was not measured.
func storedRuns(n int, k float64, host string) (*store.Index, []string) {
	return storedRunsCPU(n, 0, k, 0, host)
}

// storedRunsCPU is storedRuns whose first withCPU runs also had their CPU
// time measured, kCPU · work seconds.
func storedRunsCPU(n, withCPU int, k, kCPU float64, host string) (*store.Index, []string) {
	ix := &store.Index{ByID: map[string]runs.Record{}}
	var ids []string
	for i := range n {
		s := runs.Spec{Data: "square", Algorithm: "admm", Act: "sigmoid", Depth: 2, Width: 10 + i, Samples: 100, Epochs: 5}
		id := fmt.Sprintf("run%02d", i)
		r := runs.Record{ID: id, Spec: s, Status: runs.StatusDone, Host: host,
			Duration: time.Duration(k * work(s, nil) * float64(time.Second))}
		if i < withCPU {
			r.CPU = time.Duration(kCPU * work(s, nil) * float64(time.Second))
		}
		ix.ByID[id] = r
		ids = append(ids, id)
	}
	return ix, ids
}

func allOf(ids []string) map[string]bool {
	m := map[string]bool{}
	for _, id := range ids {
		m[id] = true
	}
	return m
}

// The model is refitted only from runs of the same profile (its plans name
// them) on the same host, and only from at least MinSample of them; else
// each family keeps its built-in k, and String says which it used.
func TestCalibratePolicy(t *testing.T) {
	const fitted = 3e-8 // far from the built-in ADMM k
	all := allOf
	for _, tc := range []struct {
		name      string
		n         int
		ranOn     string
		planned   bool
		host      string
		wantRefit bool
		wantText  string
	}{
		{"enough runs of the profile on this host", MinSample, "h1", true, "h1", true, fmt.Sprintf("admm family refitted to the wall-clock time of this store's %d runs of profile quick on this host (k = 3e-08; their CPU time was measured for 0, a refit on it needs %d)", MinSample, MinSample)},
		{"one run too few", MinSample - 1, "h1", true, "h1", false, fmt.Sprintf("the store has %d runs of profile quick on this host, a refit needs %d", MinSample-1, MinSample)},
		{"runs of another profile", 2 * MinSample, "h1", false, "h1", false, "the store has 0 runs of profile quick"},
		{"runs of another host", 2 * MinSample, "h2", true, "h1", false, "the store has 0 runs of profile quick on this host"},
		{"any host (a cluster's nodes)", MinSample, "node7", true, "", true, "on any host"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ix, ids := storedRuns(tc.n, fitted, tc.ranOn)
			planned := map[string]bool{}
			if tc.planned {
				planned = all(ids)
			}
			c := Calibrate(ix, planned, "quick", tc.host, nil)
			k := c.K[solvers.FamilyADMM]
			if got := k != builtinCost[solvers.FamilyADMM]; got != tc.wantRefit {
				t.Errorf("k = %g, refitted %v, want refitted %v", k, got, tc.wantRefit)
			}
			if tc.wantRefit && (k < fitted*0.999 || k > fitted*1.001) {
				t.Errorf("refitted k = %g, want the runs' %g", k, fitted)
			}
			if c.K[solvers.FamilySGD] != builtinCost[solvers.FamilySGD] {
				t.Errorf("the SGD family, without runs, got k = %g", c.K[solvers.FamilySGD])
			}
			if s := c.String(); !strings.Contains(s, tc.wantText) || !strings.Contains(s, "sgd family built-in") {
				t.Errorf("String() = %q, want it to contain %q and the SGD family's built-in value", s, tc.wantText)
			}
		})
	}
}

// k is refitted to the runs' CPU time when at least MinSample of them had
// it measured, and then to those runs alone; with fewer, to the wall-clock
// time of them all, never to a mix of the two.
func TestCalibrateOnCPUTime(t *testing.T) {
	const kWall, kCPU = 3e-8, 1.5e-8 // a loaded machine: wall time twice the CPU time
	for _, tc := range []struct {
		name       string
		n, withCPU int
		wantK      float64
		wantCPU    bool
		wantText   string
	}{
		{"every run measured", MinSample, MinSample, kCPU, true,
			fmt.Sprintf("admm family refitted to the CPU time of this store's %d runs of profile quick on this host (k = 1.5e-08)", MinSample)},
		{"enough measured among more", 3 * MinSample, MinSample, kCPU, true,
			fmt.Sprintf("admm family refitted to the CPU time of this store's %d runs of profile quick", MinSample)},
		{"one measured run too few", 3 * MinSample, MinSample - 1, kWall, false,
			fmt.Sprintf("admm family refitted to the wall-clock time of this store's %d runs of profile quick on this host (k = 3e-08; their CPU time was measured for %d, a refit on it needs %d)", 3*MinSample, MinSample-1, MinSample)},
		{"too few runs at all", MinSample - 1, MinSample - 1, builtinCost[solvers.FamilyADMM], false,
			fmt.Sprintf("admm family built-in (k = %.3g", builtinCost[solvers.FamilyADMM])},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ix, ids := storedRunsCPU(tc.n, tc.withCPU, kWall, kCPU, "h1")
			c := Calibrate(ix, allOf(ids), "quick", "h1", nil)
			if k := c.K[solvers.FamilyADMM]; k < tc.wantK*0.999 || k > tc.wantK*1.001 {
				t.Errorf("k = %g, want %g", k, tc.wantK)
			}
			if c.OnCPU[solvers.FamilyADMM] != tc.wantCPU || c.Found[solvers.FamilyADMM] != tc.n || c.CPU[solvers.FamilyADMM] != tc.withCPU {
				t.Errorf("OnCPU %v, Found %d, CPU %d; want %v, %d, %d", c.OnCPU[solvers.FamilyADMM], c.Found[solvers.FamilyADMM], c.CPU[solvers.FamilyADMM], tc.wantCPU, tc.n, tc.withCPU)
			}
			if s := c.String(); !strings.Contains(s, tc.wantText) {
				t.Errorf("String() = %q, want it to contain %q", s, tc.wantText)
			}
		})
	}
}

// A run faster than the store's millisecond resolution is recorded with
// duration 0; it still counts towards the sample (the count `plan` prints
// must not depend on how fast the machine is), at half the resolution.
func TestCalibrateCountsSubMillisecondRuns(t *testing.T) {
	ix, ids := storedRuns(3, 0, "h1")
	planned := map[string]bool{}
	for _, id := range ids {
		planned[id] = true
	}
	c := Calibrate(ix, planned, "quick", "h1", nil)
	if got := c.Found[solvers.FamilyADMM]; got != 3 {
		t.Errorf("Found = %d for 3 runs recorded with duration 0, want 3", got)
	}
	if got := recordedSeconds(0); got != 0.0005 {
		t.Errorf("recordedSeconds(0) = %g, want 0.0005 (half the store's resolution)", got)
	}
	if got := recordedSeconds(1500 * time.Millisecond); got != 1.5 {
		t.Errorf("recordedSeconds(1.5 s) = %g, want 1.5", got)
	}
}

// CPUSeconds adds k · work over the runs; a noise floor costs nothing.
func TestCPUSeconds(t *testing.T) {
	c := Calibrate(nil, nil, "quick", "h", nil)
	s := runs.Spec{Data: "square", Algorithm: "admm", Act: "sigmoid", Depth: 3, Width: 100, Samples: 1000, Epochs: 200}
	want := builtinCost[solvers.FamilyADMM] * work(s, nil)
	floor := s
	floor.Algorithm = "floor:knn"
	if got := c.CPUSeconds([]runs.Spec{s, s, floor}); got != 2*want || want <= 0 {
		t.Errorf("CPUSeconds = %g, want 2 × %g", got, want)
	}
}

// A real data set is sized as the data directory holds it when Shapes has
// it (PTB's subset), else at its full copy's size; a learning curve's point
// fits its share of the training split, less the validation share.
func TestShapeOfDataAsHeld(t *testing.T) {
	ptb := runs.Spec{Data: "ptb", Algorithm: "adam", Act: "relu", Depth: 2, Width: 10, Batch: 50, Epochs: 10, Validation: 0.2}
	subset := map[string]datasets.Shape{"ptb": {Train: 2519, Test: 2718, DIn: 187, DOut: 1}}
	half := ptb
	half.TrainFraction = 0.5
	cases := []struct {
		name   string
		spec   runs.Spec
		shapes map[string]datasets.Shape
		n      int
	}{
		{"full copy without shapes", ptb, nil, 7000 - 1400},
		{"subset as held", ptb, subset, 2519 - 503},
		{"a learning curve's half of the subset", half, subset, 1260 - 252},
		{"toy task at its spec's samples", runs.Spec{Data: "square", Samples: 300, Depth: 1, Width: 5}, subset, 300},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if n, _, _ := shape(tc.spec, tc.shapes); n != tc.n {
				t.Errorf("samples fitted = %d, want %d", n, tc.n)
			}
		})
	}
	full := Calibrate(nil, nil, "points", "h", nil).CPUSeconds([]runs.Spec{ptb})
	held := Calibrate(nil, nil, "points", "h", subset).CPUSeconds([]runs.Spec{ptb})
	if ratio := full / held; math.Abs(ratio-5600.0/2016) > 1e-9 {
		t.Errorf("estimate at the full copy / at the subset = %g, want %g", ratio, 5600.0/2016)
	}
}
