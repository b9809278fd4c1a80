package admm

import (
	"math"
	"math/rand/v2"
	"testing"

	"gonum.org/v1/gonum/mat"
)

// spdSystem returns a symmetric positive definite d × d matrix stored in
// full, λI + c·AAᵀ with A d × m Gaussian, and its condition made worse by a
// small λ as ADMM's systems are.
func spdSystem(d, m int, lambda float64, rng *rand.Rand) *mat.Dense {
	a := mat.NewDense(d, m, nil)
	for i := range a.RawMatrix().Data {
		a.RawMatrix().Data[i] = rng.NormFloat64()
	}
	at := mat.DenseCopyOf(a.T())
	g := mat.NewDense(d, d, nil)
	gramInto(g, a, at)
	scaleShift(g, g, 0.5, lambda)
	return g
}

// TestCholSolve checks the blocked factorisation and solves against gonum's
// Cholesky on sizes around the block sizes (a partial last block, one
// block, several), with one and many right-hand sides.
func TestCholSolve(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 25))
	var w linWork
	for _, tc := range []struct{ d, rhs int }{
		{1, 3}, {5, 1}, {cholBlock - 1, 7}, {cholBlock, 30}, {cholBlock + 1, 2},
		{solveBlock + 3, 50}, {2*cholBlock + 13, 1}, {301, 300}, {3*cholBlock + 7, 1000},
	} {
		sys := spdSystem(tc.d, tc.d+10, 1e-3, rng)
		var ref mat.Cholesky
		if !ref.Factorize(mat.NewSymDense(tc.d, mat.DenseCopyOf(sys).RawMatrix().Data)) {
			t.Fatalf("d=%d: gonum says the test system is not positive definite", tc.d)
		}
		b := mat.NewDense(tc.d, tc.rhs, nil)
		for i := range b.RawMatrix().Data {
			b.RawMatrix().Data[i] = rng.NormFloat64()
		}
		var want mat.Dense
		if err := ref.SolveTo(&want, b); err != nil {
			t.Fatalf("d=%d: gonum: %v", tc.d, err)
		}
		f := mat.DenseCopyOf(sys)
		if !cholesky(f, &w) {
			t.Fatalf("d=%d: cholesky says a positive definite system is not", tc.d)
		}
		// The factor: Uᵀ·U reproduces the system.
		u := mat.NewDense(tc.d, tc.d, nil)
		for i := 0; i < tc.d; i++ {
			for j := i; j < tc.d; j++ {
				u.Set(i, j, f.At(i, j))
			}
		}
		var utu mat.Dense
		utu.Mul(u.T(), u)
		if e := matRelErr(&utu, sys); e > 1e-13 {
			t.Errorf("d=%d: ‖UᵀU − A‖/‖A‖ = %.3g, want ≤ 1e-13", tc.d, e)
		}
		got := mat.DenseCopyOf(b)
		cholSolve(f, got, &w)
		if e := matRelErr(got, &want); e > 1e-9 {
			t.Errorf("d=%d, %d right-hand sides: relative difference to gonum %.3g, want ≤ 1e-9", tc.d, tc.rhs, e)
		}
	}
}

// matRelErr returns ‖got − want‖_F / ‖want‖_F.
func matRelErr(got, want *mat.Dense) float64 {
	var d mat.Dense
	d.Sub(got, want)
	return mat.Norm(&d, 2) / mat.Norm(want, 2)
}

// TestCholeskyNotPositiveDefinite checks that a pivot ≤ 0 anywhere, in the
// first block or after a Gemm update, is reported.
func TestCholeskyNotPositiveDefinite(t *testing.T) {
	rng := rand.New(rand.NewPCG(4, 25))
	var w linWork
	for _, at := range []int{0, 7, cholBlock, 2*cholBlock + 5} {
		d := 2*cholBlock + 9
		sys := spdSystem(d, d+4, 1e-3, rng)
		// Make the leading (at+1) × (at+1) block indefinite: a[at][at]
		// below the squared norm of row at's factor.
		sys.Set(at, at, -math.Abs(sys.At(at, at)))
		if cholesky(sys, &w) {
			t.Errorf("negative diagonal at %d: cholesky reports a positive definite system", at)
		}
	}
	nan := spdSystem(10, 12, 1e-3, rng)
	nan.Set(3, 3, math.NaN())
	if cholesky(nan, &w) {
		t.Error("NaN on the diagonal: cholesky reports a positive definite system")
	}
}
