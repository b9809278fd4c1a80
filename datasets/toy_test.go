package datasets

import (
	"context"
	"math"
	"testing"

	"github.com/admmlab/admmlab/solvers"
)

func TestToyTargetsAtKnownPoints(t *testing.T) {
	for _, c := range []struct {
		task Name
		x    []float64
		want float64
	}{
		{"square", []float64{0}, 0},
		{"square", []float64{-1}, 1},
		{"square", []float64{0.5}, 0.25},
		{"product", []float64{-1, 1}, -1},
		{"product", []float64{0.5, -0.25}, -0.125},
		{"l1radial", []float64{0.75, 0.75}, 0.5},
		{"l1radial", []float64{1.125, 1.125}, 1.25},
		{"l1radial", []float64{0.2, -0.3}, 0},                      // (‖x‖₁−1)₊ is 0 inside the unit ball (outside the domain)
		{"l2radial", []float64{0, 0}, 1},                           // g(0) = 1
		{"l2radial", []float64{1, 0}, 0},                           // g(1) = 0
		{"l2radial", []float64{1, 1}, 0},                           // g(t>1) = 0 by the positive part
		{"l2radial", []float64{0.5, 0.5}, 5.5 / 32},                // t=1/2: (1/2)^5·(2+2.5+1)
		{"l2radial", []float64{0, math.Sqrt(0.1)}, 0.59049 * 1.58}, // t=0.1: 0.9⁵·(0.08+0.5+1)
	} {
		got := toys[c.task].f(c.x)
		if math.Abs(got-c.want) > 1e-12 {
			t.Errorf("%s%v = %v, want %v", c.task, c.x, got, c.want)
		}
	}
}

func TestToyDomainAndTargets(t *testing.T) {
	bounds := map[Name][2]float64{"square": {-1, 1}, "product": {-1, 1}, "l1radial": {0.75, 1.125}, "l2radial": {-1, 1}}
	dims := map[Name]int{"square": 1, "product": 2, "l1radial": 2, "l2radial": 2}
	for name, b := range bounds {
		ds, err := Load(context.Background(), name, Options{Seed: 7})
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if ds.Task != solvers.Regression || ds.Train.N != 1000 || ds.Train.DIn != dims[name] || ds.Train.DOut != 1 {
			t.Fatalf("%s: task %v, train %d×%d→%d, want regression 1000×%d→1", name, ds.Task, ds.Train.N, ds.Train.DIn, ds.Train.DOut, dims[name])
		}
		for _, p := range []Part{ds.Train, ds.Test} {
			lo, hi := math.Inf(1), math.Inf(-1)
			x := make([]float64, p.DIn)
			for j := 0; j < p.N; j++ {
				for f := range x {
					x[f] = p.X[f*p.N+j]
					lo, hi = math.Min(lo, x[f]), math.Max(hi, x[f])
				}
				if got := toys[name].f(x); got != p.Y[j] { // Noise 0: targets are exact
					t.Fatalf("%s: sample %d: y = %v, f(x) = %v", name, j, p.Y[j], got)
				}
			}
			if lo < b[0] || hi > b[1] {
				t.Errorf("%s: inputs span [%v,%v], outside the domain [%v,%v]", name, lo, hi, b[0], b[1])
			}
			// 1000 uniform draws come within 1% of each end of the interval.
			if w := b[1] - b[0]; lo > b[0]+0.01*w || hi < b[1]-0.01*w {
				t.Errorf("%s: inputs span [%v,%v], do not fill [%v,%v]", name, lo, hi, b[0], b[1])
			}
		}
	}
}

func TestToyApproximationTestIsTrainingInputs(t *testing.T) {
	ds, err := Load(context.Background(), "product", Options{Seed: 1, Samples: 300})
	if err != nil {
		t.Fatal(err)
	}
	if ds.Test.N != 300 || ds.Train.N != 300 {
		t.Fatalf("train %d, test %d, want 300 and 300", ds.Train.N, ds.Test.N)
	}
	for i := range ds.Train.X {
		if ds.Train.X[i] != ds.Test.X[i] {
			t.Fatalf("test input %d differs from the training input", i)
		}
	}
	if _, err := Load(context.Background(), "square", Options{Noise: 0.1}); err == nil {
		t.Error("square with Noise 0.1: no error, want one (approximation tasks are noise-free)")
	}
}

// The training noise must have the requested variance: y_noisy − f(x) are
// n draws of N(0, σ²), so their sample variance has standard error
// σ²·√(2/(n−1)); allow five of those.
func TestToyNoiseVariance(t *testing.T) {
	for _, c := range []struct {
		name  Name
		noise float64
	}{{"l1radial", 0.1}, {"l2radial", 0.1}, {"l1radial", 1.5}} {
		n := 20000
		ds, err := Load(context.Background(), c.name, Options{Seed: 3, Samples: n, Noise: c.noise})
		if err != nil {
			t.Fatal(err)
		}
		var sum, sum2 float64
		x := make([]float64, 2)
		for j := 0; j < n; j++ {
			x[0], x[1] = ds.Train.X[j], ds.Train.X[n+j]
			e := ds.Train.Y[j] - toys[c.name].f(x)
			sum += e
			sum2 += e * e
		}
		mean := sum / float64(n)
		v := (sum2 - float64(n)*mean*mean) / float64(n-1)
		se := c.noise * math.Sqrt(2/float64(n-1))
		if math.Abs(v-c.noise) > 5*se {
			t.Errorf("%s noise %v: sample variance %v, want within %v", c.name, c.noise, v, 5*se)
		}
		if math.Abs(mean) > 5*math.Sqrt(c.noise/float64(n)) {
			t.Errorf("%s noise %v: noise mean %v, want ≈ 0", c.name, c.noise, mean)
		}
		// The test set is clean and 1000 samples.
		if ds.Test.N != 1000 {
			t.Errorf("%s: %d test samples, want 1000", c.name, ds.Test.N)
		}
		for j := 0; j < ds.Test.N; j++ {
			x[0], x[1] = ds.Test.X[j], ds.Test.X[ds.Test.N+j]
			if ds.Test.Y[j] != toys[c.name].f(x) {
				t.Fatalf("%s: test target %d is not clean", c.name, j)
			}
		}
	}
}

func TestToyDeterminismAndStreams(t *testing.T) {
	ctx := context.Background()
	a, _ := Load(ctx, "l2radial", Options{Seed: 11, Noise: 0.1})
	b, _ := Load(ctx, "l2radial", Options{Seed: 11, Noise: 0.1})
	c, _ := Load(ctx, "l2radial", Options{Seed: 12, Noise: 0.1})
	d, _ := Load(ctx, "l2radial", Options{Seed: 11, Noise: 0.5})
	if a.Digest != b.Digest || contentHash(a) != contentHash(b) {
		t.Error("same seed, different data or digests")
	}
	if a.Digest == c.Digest || contentHash(a) == contentHash(c) {
		t.Error("different seeds, same data or digest")
	}
	// Noise has its own stream: a different variance leaves inputs and the
	// test set alone.
	for i := range a.Train.X {
		if a.Train.X[i] != d.Train.X[i] {
			t.Fatal("changing the noise variance moved the training inputs")
		}
	}
	if digestPart(a.Test) != digestPart(d.Test) {
		t.Error("changing the noise variance changed the test set")
	}
	// Test inputs come from a stream independent of the training inputs.
	if a.Test.X[0] == a.Train.X[0] && a.Test.X[1] == a.Train.X[1] {
		t.Error("test inputs repeat the training inputs")
	}
}

func digestPart(p Part) string {
	return contentHash(&Dataset{Train: p})
}
