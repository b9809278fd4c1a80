package floor

import (
	"embed"
	"errors"
	"fmt"
	"math"
	"sync"

	"github.com/admmlab/admmlab/solvers"
	"gonum.org/v1/gonum/mat"
)

// MaxDegree bounds the degrees RadialPoly tries (0 … MaxDegree).
const MaxDegree = 16

// Samples holds n samples of d features and one target, features row-major:
// X[f*N+j] is feature f of sample j (the layout of datasets.Part).
type Samples struct {
	N, D int
	X, Y []float64
}

// Result is an estimator's fit.
type Result struct {
	TestMSE  float64 // on the clean test targets
	TrainMSE float64 // on the noisy training targets
	// ValMSE is the validation MSE the degree was chosen on (RadialPoly);
	// NaN for Linear, which chooses nothing.
	ValMSE float64
	Degree int // RadialPoly: the chosen degree; Linear: 1
}

func (s Samples) check(name string) error {
	if s.N < 1 || s.D < 1 || len(s.X) != s.N*s.D || len(s.Y) != s.N {
		return fmt.Errorf("floor: %s: %d samples of %d features with %d inputs and %d targets, want N ≥ 1, D ≥ 1, N·D inputs and N targets",
			name, s.N, s.D, len(s.X), len(s.Y))
	}
	return nil
}

// Linear fits y ≈ c + Σ w_f x_f by least squares on train.
func Linear(train, test Samples) (Result, error) {
	if err := errors.Join(train.check("train"), test.check("test")); err != nil {
		return Result{}, err
	}
	if train.D != test.D {
		return Result{}, fmt.Errorf("floor: train has %d features, test %d", train.D, test.D)
	}
	if train.N < train.D+1 {
		return Result{}, fmt.Errorf("floor: %d training samples for %d coefficients", train.N, train.D+1)
	}
	design := func(s Samples) *mat.Dense {
		a := mat.NewDense(s.N, s.D+1, nil)
		for j := 0; j < s.N; j++ {
			a.Set(j, 0, 1)
			for f := 0; f < s.D; f++ {
				a.Set(j, f+1, s.X[f*s.N+j])
			}
		}
		return a
	}
	a := design(train)
	w, err := lstsq(a, train.Y)
	if err != nil {
		return Result{}, err
	}
	return Result{
		TrainMSE: mse(a, w, train.Y),
		TestMSE:  mse(design(test), w, test.Y),
		ValMSE:   math.NaN(),
		Degree:   1,
	}, nil
}

// RadialPoly fits y ≈ p(‖x‖²) by least squares, p of the degree (0 …
// MaxDegree) with the lowest MSE on val when fitted on fit; the chosen
// degree is then refitted on all training samples (fit and val). The caller
// makes the split (the engine holds out the run's validation share, as for
// any run that chooses on validation).
func RadialPoly(fit, val, test Samples) (Result, error) {
	if err := errors.Join(fit.check("fit"), val.check("validation"), test.check("test")); err != nil {
		return Result{}, err
	}
	if fit.D != test.D || val.D != test.D {
		return Result{}, fmt.Errorf("floor: fit has %d features, validation %d, test %d", fit.D, val.D, test.D)
	}
	tFit, tVal, tTest := radius2(fit), radius2(val), radius2(test)
	tTrain := append(append([]float64(nil), tFit...), tVal...)
	yTrain := append(append([]float64(nil), fit.Y...), val.Y...)
	lo, hi := math.Inf(1), math.Inf(-1)
	for _, t := range tTrain {
		lo, hi = math.Min(lo, t), math.Max(hi, t)
	}
	if !(hi > lo) {
		return Result{}, fmt.Errorf("floor: every training sample has ‖x‖² = %g; no polynomial in it can be fitted", lo)
	}
	bestDeg, bestVal := -1, math.Inf(1)
	for deg := 0; deg <= MaxDegree && deg+1 <= fit.N; deg++ {
		a := chebyshev(tFit, lo, hi, deg)
		w, err := lstsq(a, fit.Y)
		if err != nil {
			return Result{}, err
		}
		v := mse(chebyshev(tVal, lo, hi, deg), w, val.Y)
		if v < bestVal {
			bestDeg, bestVal = deg, v
		}
	}
	if bestDeg < 0 {
		return Result{}, fmt.Errorf("floor: no degree could be fitted on %d samples", fit.N)
	}
	a := chebyshev(tTrain, lo, hi, bestDeg)
	w, err := lstsq(a, yTrain)
	if err != nil {
		return Result{}, err
	}
	return Result{
		TrainMSE: mse(a, w, yTrain),
		TestMSE:  mse(chebyshev(tTest, lo, hi, bestDeg), w, test.Y),
		ValMSE:   bestVal,
		Degree:   bestDeg,
	}, nil
}

func radius2(s Samples) []float64 {
	t := make([]float64, s.N)
	for j := range t {
		for f := 0; f < s.D; f++ {
			v := s.X[f*s.N+j]
			t[j] += v * v
		}
	}
	return t
}

// chebyshev is the design matrix T_0 … T_deg of t mapped from [lo, hi] to
// [−1, 1]. A t outside the fitted range is clamped to it: a high-degree
// polynomial extrapolated even slightly beyond its data explodes, and a
// constant continuation is the safer guess for a radial target.
func chebyshev(t []float64, lo, hi float64, deg int) *mat.Dense {
	a := mat.NewDense(len(t), deg+1, nil)
	for j, v := range t {
		u := math.Max(-1, math.Min(1, 2*(v-lo)/(hi-lo)-1))
		p0, p1 := 1.0, u
		a.Set(j, 0, 1)
		for k := 1; k <= deg; k++ {
			a.Set(j, k, p1)
			p0, p1 = p1, 2*u*p1-p0
		}
	}
	return a
}

// lstsq solves min ‖a·w − y‖ by Householder QR.
func lstsq(a *mat.Dense, y []float64) (*mat.VecDense, error) {
	var qr mat.QR
	qr.Factorize(a)
	var w mat.VecDense
	if err := qr.SolveVecTo(&w, false, mat.NewVecDense(len(y), append([]float64(nil), y...))); err != nil {
		return nil, fmt.Errorf("floor: least squares: %w", err)
	}
	return &w, nil
}

func mse(a *mat.Dense, w *mat.VecDense, y []float64) float64 {
	var p mat.VecDense
	p.MulVec(a, w)
	s := 0.0
	for j, v := range y {
		d := p.AtVec(j) - v
		s += d * d
	}
	return s / float64(len(y))
}

//go:embed *.go
var source embed.FS

var fingerprint = sync.OnceValue(func() string { return solvers.SourceFingerprint(source) })

// Fingerprint hashes this package's source, so that a change to an
// estimator reruns the floor runs alone. (The validation split is the run
// spec's, and so part of the run's key already.) It is computed once per
// process.
func Fingerprint() string { return fingerprint() }
