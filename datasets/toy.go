package datasets

import (
	"fmt"
	"math"

	"github.com/admmlab/admmlab/solvers"
)

// The toy tasks of Section 5 (Table 2).
//
//   square    f(x) = x²                 x ∈ [-1,1]                     approximation
//   product   f(u,v) = uv               (u,v) ∈ [-1,1]²                approximation
//   l1radial  f(x) = (‖x‖₁ − 1)₊        x ∈ [r,(1+ε)r]², ε=1/2, r=1−ε/2 learning
//             i.e. [0.75, 1.125]². On that square ‖x‖₁ ≥ 1.5, so the
//             target is the plane x₁+x₂−1 there; we implement the paper's
//             definition as written and do not reinterpret it.
//   l2radial  f(x) = g(‖x‖₂²), g(t) = (1−t)₊⁵(8t²+5t+1)  x ∈ [-1,1]²  learning
//
// Inputs are uniform on the domain. Approximation tasks have noise-free
// targets and their "test" part is the training inputs again (the paper's
// approximation error is the MSE on the samples). Learning tasks add
// Gaussian noise of variance Options.Noise to the training targets and come
// with a clean test set of toyTestSamples inputs from an independent stream.

const (
	toySamples     = 1000
	toyTestSamples = 1000
	toyPaperNoise  = 0.1 // the noise variance of Tables 5 and 6
	l1Eps          = 0.5
	l1R            = 1 - l1Eps/2
)

type toyTask struct {
	version  string // Info.Version: bump when this task's numbers change
	d        int
	lo, hi   float64
	learning bool
	f        func(x []float64) float64
	domain   string
}

var toys = map[Name]toyTask{
	Square:   {version: "1", d: 1, lo: -1, hi: 1, f: func(x []float64) float64 { return x[0] * x[0] }, domain: "[-1,1]"},
	Product:  {version: "1", d: 2, lo: -1, hi: 1, f: func(x []float64) float64 { return x[0] * x[1] }, domain: "[-1,1]²"},
	L1Radial: {version: "1", d: 2, lo: l1R, hi: (1 + l1Eps) * l1R, learning: true, f: l1Radial, domain: "[0.75,1.125]²"},
	L2Radial: {version: "1", d: 2, lo: -1, hi: 1, learning: true, f: func(x []float64) float64 { return wendland(x[0]*x[0] + x[1]*x[1]) }, domain: "[-1,1]²"},
}

func l1Radial(x []float64) float64 {
	s := 0.0
	for _, v := range x {
		s += math.Abs(v)
	}
	return math.Max(0, s-1)
}

// wendland is g(t) = (1−t)₊⁵ (8t² + 5t + 1).
func wendland(t float64) float64 {
	u := math.Max(0, 1-t)
	u2 := u * u
	return u2 * u2 * u * (8*t*t + 5*t + 1)
}

// toyCheck checks a toy task's settings and returns its training size.
func toyCheck(name Name, opt Options) (n int, err error) {
	n = opt.Samples
	if n == 0 {
		n = toySamples
	}
	if n < 0 {
		return 0, fmt.Errorf("datasets: %s: Samples = %d, want ≥ 0", name, n)
	}
	if opt.Noise < 0 || math.IsNaN(opt.Noise) || math.IsInf(opt.Noise, 0) {
		return 0, fmt.Errorf("datasets: %s: Noise (variance) = %v, want a finite value ≥ 0", name, opt.Noise)
	}
	if !toys[name].learning && opt.Noise != 0 {
		return 0, fmt.Errorf("datasets: %s is an approximation task without noise; Noise = %v, want 0", name, opt.Noise)
	}
	return n, nil
}

func generateToy(name Name, opt Options) (*Dataset, error) {
	task := toys[name]
	n, err := toyCheck(name, opt)
	if err != nil {
		return nil, err
	}
	inputs := func(stream uint64, m int) Part {
		rng := newRNG(opt.Seed, stream)
		p := Part{N: m, DIn: task.d, DOut: 1, X: make([]float64, task.d*m), Y: make([]float64, m)}
		x := make([]float64, task.d)
		for j := 0; j < m; j++ { // sample-by-sample, so a prefix of a longer set is the shorter set
			for f := range x {
				x[f] = task.lo + (task.hi-task.lo)*rng.Float64()
				p.X[f*m+j] = x[f]
			}
			p.Y[j] = task.f(x)
		}
		return p
	}
	train := inputs(streamTrainX, n)
	ds := &Dataset{Name: name, Task: solvers.Regression, Source: "generated"}
	if task.learning {
		sd := math.Sqrt(opt.Noise)
		rng := newRNG(opt.Seed, streamNoise)
		for j := range train.Y {
			train.Y[j] += sd * rng.NormFloat64()
		}
		ds.Test = inputs(streamTestX, toyTestSamples)
		ds.Counts = fmt.Sprintf("%d train on %s with noise variance %g, %d clean test", n, task.domain, opt.Noise, toyTestSamples)
	} else {
		ds.Test = Part{N: n, DIn: task.d, DOut: 1, X: append([]float64(nil), train.X...), Y: append([]float64(nil), train.Y...)}
		ds.Counts = fmt.Sprintf("%d samples on %s, noise-free; test = the training inputs", n, task.domain)
	}
	ds.Train = train
	ds.Digest = toyRecipe(PreprocessVersion, name, opt, n).digest()
	return ds, nil
}
