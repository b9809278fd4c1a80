package engine

import (
	"context"
	"maps"
	"math"
	"reflect"
	"runtime"
	"slices"
	"strings"
	"testing"

	"github.com/admmlab/admmlab/internal/sharedtest"
	"github.com/admmlab/admmlab/pipeline/runs"
	"github.com/admmlab/admmlab/solvers"
)

func sharedData(t *testing.T) string {
	t.Helper()
	return sharedtest.Dir(t, "data")
}

func smallSpecs() []runs.Spec {
	base := runs.Spec{Data: "square", Samples: 200, Depth: 2, Width: 20, Init: "msra", Epochs: 15}
	admm := base
	admm.Algorithm, admm.Act, admm.InitScale, admm.Lambda, admm.Beta, admm.LLA = "admm", "sigmoid", 8, 1e-6, 1, "reference"
	var out []runs.Spec
	out = append(out, admm)
	for _, a := range []string{"sgd", "sgdm", "adam"} {
		s := base
		s.Algorithm, s.Act, s.InitScale, s.Batch = a, "relu", 1, 50
		s.LR = 0.1
		if a == "adam" {
			s.LR = 1e-3
		}
		out = append(out, s)
	}
	return out
}

// TestExecuteDeterministic runs each algorithm twice on fresh engines and
// demands bit-identical metrics and curves, and sane summaries.
func TestExecuteDeterministic(t *testing.T) {
	ctx := context.Background()
	for _, spec := range smallSpecs() {
		t.Run(spec.Algorithm, func(t *testing.T) {
			a, err := New(Options{}).Execute(ctx, spec)
			if err != nil {
				t.Fatal(err)
			}
			b, err := New(Options{}).Execute(ctx, spec)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(a, b) {
				t.Fatal("two runs of the same spec differ")
			}
			if got := len(a.Curves["train_mse"]); got != spec.Epochs {
				t.Fatalf("train_mse curve has %d points, want %d", got, spec.Epochs)
			}
			final, best := a.Metrics["train_mse_final"], a.Metrics["train_mse_best"]
			if !(best <= final) || math.IsNaN(best) {
				t.Fatalf("train_mse best %g final %g: best must be ≤ final and finite", best, final)
			}
			if first := a.Curves["train_mse"][0]; !(best < first) && spec.Algorithm != "adam" {
				t.Errorf("training did not reduce the error: first %g best %g", first, best)
			}
			if spec.Algorithm == "admm" {
				if _, ok := a.Curves["aug_lagrangian"]; !ok {
					t.Error("ADMM run has no augmented Lagrangian curve")
				}
			}
			checkLayers(t, a, spec)
		})
	}
}

func TestFingerprintsSeparateFamilies(t *testing.T) {
	e := New(Options{})
	specs := smallSpecs()
	admm, sgd, adam := e.CodeFingerprint(specs[0]), e.CodeFingerprint(specs[1]), e.CodeFingerprint(specs[3])
	if admm == sgd {
		t.Fatal("ADMM and SGD share a code fingerprint")
	}
	if sgd != adam {
		t.Fatal("SGD and Adam are one family and must share a fingerprint")
	}
	e = New(Options{CodeSalt: map[solvers.Family]string{solvers.FamilySGD: "2"}})
	if e.CodeFingerprint(specs[0]) != admm {
		t.Error("salting the SGD family changed the ADMM fingerprint")
	}
	if e.CodeFingerprint(specs[1]) == sgd {
		t.Error("salting the SGD family left its fingerprint unchanged")
	}
}

// TestFingerprintOfAnUnknownAlgorithm checks that a spec naming no known
// algorithm gets a key of its own rather than a family's.
func TestFingerprintOfAnUnknownAlgorithm(t *testing.T) {
	e := New(Options{})
	specs := smallSpecs()
	bad := specs[1]
	bad.Algorithm = "rmsprop"
	if fp := e.CodeFingerprint(bad); fp == e.CodeFingerprint(specs[0]) || fp == e.CodeFingerprint(specs[1]) {
		t.Error("an unknown algorithm shares a family's code fingerprint")
	}
}

// BenchmarkCodeFingerprint times the key's code part of one spec, which the
// planner asks for every run: the packages' fingerprints are computed once
// per process, so this is one small hash.
func BenchmarkCodeFingerprint(b *testing.B) {
	e := New(Options{})
	spec := smallSpecs()[0]
	for b.Loop() {
		e.CodeFingerprint(spec)
	}
}

// TestToolchainNamesArchLevel: GOAMD64=v3 lets the compiler fuse x·y + z, so
// the level is part of what decides a run's bits.
func TestToolchainNamesArchLevel(t *testing.T) {
	tc := New(Options{}).Toolchain()
	if runtime.GOARCH == "amd64" && !strings.Contains(tc, " GOAMD64=v") {
		t.Errorf("toolchain %q does not name the GOAMD64 level", tc)
	}
	if !strings.Contains(tc, " blas=") {
		t.Errorf("toolchain %q does not name the BLAS", tc)
	}
	t.Log(tc)
}

// checkLayers checks that a run recorded its per-layer curves, one series per
// weight layer (the hidden layers and the output layer), each as long as the
// run: the norms and weight norms for every
// algorithm and, for ADMM, the constraint violations and both halves of the
// KKT residual, whose whole-net norm is the "kkt" curve.
func checkLayers(t *testing.T, res runs.Result, spec runs.Spec) {
	t.Helper()
	want := []string{runs.LayerNorm, runs.LayerWeight}
	if spec.Algorithm == solvers.ADMM.String() {
		want = append(want, runs.LayerViolation, runs.LayerKKTW, runs.LayerKKTV)
	}
	if len(res.Layers) != len(want) {
		t.Errorf("per-layer curves %v, want %v", slices.Sorted(maps.Keys(res.Layers)), want)
	}
	for _, name := range want {
		ls := res.Layers[name]
		if len(ls) != spec.Depth+1 {
			t.Errorf("%s: %d layers, want depth+1 = %d", name, len(ls), spec.Depth+1)
		}
		for i, s := range ls {
			if len(s) != spec.Epochs {
				t.Errorf("%s layer %d: %d values, want %d", name, i+1, len(s), spec.Epochs)
			}
		}
	}
	if spec.Algorithm != solvers.ADMM.String() {
		return
	}
	for k, kkt := range res.Curves["kkt"] {
		var ss float64
		for _, name := range []string{runs.LayerKKTW, runs.LayerKKTV} {
			for _, s := range res.Layers[name] {
				ss += s[k] * s[k]
			}
		}
		if d := math.Abs(math.Sqrt(ss) - kkt); d > 1e-12*kkt {
			t.Errorf("epoch %d: kkt %g, norm of its per-layer parts %g", k+1, kkt, math.Sqrt(ss))
		}
	}
}
