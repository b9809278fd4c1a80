package floor

import (
	"math"
	"math/rand/v2"
	"testing"
)

// sample draws n points uniform on [lo,hi]^2 with target f plus Gaussian
// noise of standard deviation sd.
func sample(rng *rand.Rand, n int, lo, hi, sd float64, f func(a, b float64) float64) Samples {
	s := Samples{N: n, D: 2, X: make([]float64, 2*n), Y: make([]float64, n)}
	for j := 0; j < n; j++ {
		a, b := lo+(hi-lo)*rng.Float64(), lo+(hi-lo)*rng.Float64()
		s.X[j], s.X[n+j] = a, b
		s.Y[j] = f(a, b) + sd*rng.NormFloat64()
	}
	return s
}

// tail splits off the last fifth of s as a validation part (the samples are
// i.i.d., so the tail is a random subset).
func tail(s Samples) (fit, val Samples) {
	nv := s.N / 5
	nf := s.N - nv
	cut := func(lo, n int) Samples {
		out := Samples{N: n, D: s.D, Y: append([]float64(nil), s.Y[lo:lo+n]...)}
		for f := 0; f < s.D; f++ {
			out.X = append(out.X, s.X[f*s.N+lo:f*s.N+lo+n]...)
		}
		return out
	}
	return cut(0, nf), cut(nf, nv)
}

func TestLinear(t *testing.T) {
	plane := func(a, b float64) float64 { return a + b - 1 }
	for _, tc := range []struct {
		name     string
		variance float64
		lo, hi   float64 // the test MSE must fall in [lo, hi]
	}{
		{"noise-free plane is fitted exactly", 0, 0, 1e-24},
		// E[test MSE] = σ²·tr((AᵀA)⁻¹ Σ) ≈ σ²·3/n = 3e-4 for n = 1000; a
		// single draw stays within a factor 3 of it.
		{"variance 0.1", 0.1, 1e-4, 1e-3},
		{"variance 0.01", 0.01, 1e-5, 1e-4},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rng := rand.New(rand.NewPCG(1, 2))
			train := sample(rng, 1000, 0.75, 1.125, math.Sqrt(tc.variance), plane)
			test := sample(rng, 1000, 0.75, 1.125, 0, plane)
			r, err := Linear(train, test)
			if err != nil {
				t.Fatal(err)
			}
			if r.TestMSE < tc.lo || r.TestMSE > tc.hi {
				t.Errorf("test MSE %.3g, want in [%g, %g]", r.TestMSE, tc.lo, tc.hi)
			}
			if tc.variance > 0 && math.Abs(r.TrainMSE/tc.variance-1) > 0.15 {
				t.Errorf("train MSE %.3g, want about the noise variance %g", r.TrainMSE, tc.variance)
			}
		})
	}
}

func TestRadialPoly(t *testing.T) {
	cubic := func(a, b float64) float64 { u := a*a + b*b; return 1 - 2*u + 0.5*u*u*u }
	wendland := func(a, b float64) float64 {
		t := a*a + b*b
		u := math.Max(0, 1-t)
		return u * u * u * u * u * (8*t*t + 5*t + 1)
	}
	for _, tc := range []struct {
		name     string
		f        func(a, b float64) float64
		variance float64
		maxMSE   float64
		minDeg   int
	}{
		{"noise-free cubic needs degree 3", cubic, 0, 1e-20, 3},
		{"wendland, variance 0.1", wendland, 0.1, 3e-3, 1},
		{"wendland, variance 0.01", wendland, 0.01, 3e-4, 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rng := rand.New(rand.NewPCG(3, 4))
			train := sample(rng, 1000, -1, 1, math.Sqrt(tc.variance), tc.f)
			test := sample(rng, 1000, -1, 1, 0, tc.f)
			fit, val := tail(train)
			r, err := RadialPoly(fit, val, test)
			if err != nil {
				t.Fatal(err)
			}
			if !(r.TestMSE <= tc.maxMSE) || r.Degree < tc.minDeg {
				t.Errorf("test MSE %.3g at degree %d, want ≤ %g at degree ≥ %d", r.TestMSE, r.Degree, tc.maxMSE, tc.minDeg)
			}
			if math.IsNaN(r.ValMSE) {
				t.Error("no validation MSE")
			}
		})
	}
}

func TestBadInput(t *testing.T) {
	good := Samples{N: 3, D: 1, X: []float64{0, 1, 2}, Y: []float64{0, 1, 2}}
	for _, tc := range []struct {
		name        string
		train, test Samples
	}{
		{"short targets", Samples{N: 3, D: 1, X: []float64{0, 1, 2}, Y: []float64{0}}, good},
		{"feature mismatch", good, Samples{N: 1, D: 2, X: []float64{0, 1}, Y: []float64{0}}},
		{"empty", Samples{}, good},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if _, err := Linear(tc.train, tc.test); err == nil {
				t.Error("Linear: no error")
			}
			if _, err := RadialPoly(tc.train, good, tc.test); err == nil {
				t.Error("RadialPoly: no error")
			}
		})
	}
	constant := Samples{N: 3, D: 1, X: []float64{1, 1, 1}, Y: []float64{0, 1, 2}}
	if _, err := RadialPoly(constant, constant, good); err == nil {
		t.Error("RadialPoly on a constant radius: no error")
	}
}

// A test input beyond the training range of ‖x‖² is evaluated at the edge of
// the range, not on the exploding extrapolation of a high-degree polynomial.
func TestRadialPolyClampsExtrapolation(t *testing.T) {
	wiggly := func(a, b float64) float64 { u := a*a + b*b; return math.Cos(12 * u) }
	rng := rand.New(rand.NewPCG(5, 6))
	train := sample(rng, 1000, -0.6, 0.6, 0, wiggly) // ‖x‖² ≤ 0.72
	test := Samples{N: 1, D: 2, X: []float64{1, 1}, Y: []float64{math.Cos(12 * 0.72)}}
	fit, val := tail(train)
	r, err := RadialPoly(fit, val, test)
	if err != nil {
		t.Fatal(err)
	}
	// The target moves by at most 2 between ‖x‖² = 0.72 (the clamp) and 2.
	if r.Degree < 8 || !(r.TestMSE <= 4) {
		t.Errorf("degree %d, test MSE %.3g at ‖x‖² = 2: want a high degree and a bounded error", r.Degree, r.TestMSE)
	}
}
