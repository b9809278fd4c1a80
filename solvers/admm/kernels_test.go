//go:build amd64 && !purego

package admm

// The vector kernels against their Go loops: only where there are vector
// kernels to switch off (kernels.VectorKernels is a constant false
// elsewhere, and every path is the Go one).

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/admmlab/admmlab/solvers"
	"github.com/admmlab/admmlab/solvers/kernels"
	"gonum.org/v1/gonum/mat"
)

// withScalarKernels runs f with the vector kernels switched off.
func withScalarKernels(f func()) {
	saved := kernels.VectorKernels
	kernels.VectorKernels = false
	defer func() { kernels.VectorKernels = saved }()
	f()
}

func randSlice(rng *rand.Rand, n int, scale float64) []float64 {
	a := make([]float64, n)
	for i := range a {
		a[i] = scale * rng.NormFloat64()
	}
	return a
}

func sameBits(t *testing.T, what string, got, want []float64) {
	t.Helper()
	for i := range want {
		if math.Float64bits(got[i]) != math.Float64bits(want[i]) {
			t.Fatalf("%s[%d] = %v (%#x), the Go loop gives %v (%#x)", what, i, got[i], math.Float64bits(got[i]), want[i], math.Float64bits(want[i]))
		}
	}
}

// TestElementwiseKernelsAgree checks that the vector kernel of linGrad,
// alone and fused with the multiplier update, gives the Go loops' bits, on
// lengths with and without a tail and both activations, and that the fused
// finiteness check sees a NaN or ±Inf in a block and in the tail.
func TestElementwiseKernelsAgree(t *testing.T) {
	if !kernels.VectorKernels {
		t.Skip("no vector kernels on this CPU or build")
	}
	rng := rand.New(rand.NewPCG(7, 8))
	for _, n := range []int{0, 1, 3, 4, 7, 8, 1023, 1024, 1025, 3000} {
		for _, act := range []solvers.Activation{solvers.Sigmoid, solvers.Tanh} {
			lam, v := randSlice(rng, n, 0.3), randSlice(rng, n, 1)
			s := make([]float64, n)
			for i := range s {
				s[i] = rng.Float64()
			}
			beta := 0.1 + 10*rng.Float64()
			e := make([]float64, n)
			maxB := linGrad(act, e, lam, s, v, beta)
			eGo := make([]float64, n)
			var maxGo float64
			withScalarKernels(func() { maxGo = linGrad(act, eGo, lam, s, v, beta) })
			sameBits(t, "linGrad e", e, eGo)
			if math.Float64bits(maxB) != math.Float64bits(maxGo) {
				t.Fatalf("n=%d %v: linGrad max %v, the Go loop %v", n, act, maxB, maxGo)
			}
		}
		for _, bad := range []float64{0, math.NaN(), math.Inf(1), math.Inf(-1)} {
			for _, where := range []int{0, n - 1} {
				if n == 0 {
					break
				}
				lam, s, v := randSlice(rng, n, 0.3), randSlice(rng, n, 1), randSlice(rng, n, 1)
				if bad != 0 {
					v[where] = bad
				}
				for _, act := range []solvers.Activation{solvers.Sigmoid, solvers.Tanh} {
					lamGo := append([]float64(nil), lam...)
					lamV := append([]float64(nil), lam...)
					res, resGo := make([]float64, n), make([]float64, n)
					e, eGo := make([]float64, n), make([]float64, n)
					finite, maxB := updateMultipliersLinGrad(act, res, lamV, s, v, e, 0.7)
					var finiteGo bool
					var maxGo float64
					withScalarKernels(func() { finiteGo, maxGo = updateMultipliersLinGrad(act, resGo, lamGo, s, v, eGo, 0.7) })
					sameBits(t, "updateMultipliersLinGrad res", res, resGo)
					sameBits(t, "updateMultipliersLinGrad Λ", lamV, lamGo)
					if finite != finiteGo || finite != (bad == 0) {
						t.Fatalf("n=%d, v[%d] = %v: finite %v, the Go loops %v", n, where, bad, finite, finiteGo)
					}
					if bad != 0 {
						continue // e and linGrad's maximum assume finite inputs
					}
					sameBits(t, "updateMultipliersLinGrad e", e, eGo)
					if math.Float64bits(maxB) != math.Float64bits(maxGo) {
						t.Fatalf("n=%d %v: updateMultipliersLinGrad max %v, the Go loops %v", n, act, maxB, maxGo)
					}
				}
			}
		}
	}
}

// TestCholSolveKernelsAgree checks that the triangular block kernels of
// cholesky and cholSolve give the bits of the row-by-row loops (subInto,
// AxpyFMA, DivInto) on block and column counts around their widths: one
// column, a tail of 1–3, groups of 4 and 32, partial row blocks.
func TestCholSolveKernelsAgree(t *testing.T) {
	if !kernels.VectorKernels {
		t.Skip("no vector kernels on this CPU or build")
	}
	rng := rand.New(rand.NewPCG(9, 10))
	var w linWork
	// With the AVX-512 kernel where the CPU has it, then without.
	defer func(saved bool) { kernels.Vector512 = saved }(kernels.Vector512)
	for _, wide := range []bool{kernels.Vector512, false} {
		kernels.Vector512 = wide
		choleskyKernelsAgree(t, rng, &w)
	}
}

func choleskyKernelsAgree(t *testing.T, rng *rand.Rand, w *linWork) {
	t.Helper()
	for _, d := range []int{1, 5, solveBlock, solveBlock + 1, 3*solveBlock + 7, cholBlock + 1, 301} {
		sys := spdSystem(d, d+10, 1e-3, rng)
		want := mat.DenseCopyOf(sys)
		if !cholesky(sys, w) {
			t.Fatalf("d=%d: not positive definite", d)
		}
		var ok bool
		withScalarKernels(func() { ok = cholesky(want, w) })
		if !ok {
			t.Fatalf("d=%d: not positive definite without the vector kernels", d)
		}
		for i := 0; i < d; i++ {
			sameBits(t, "cholesky", sys.RawMatrix().Data[i*d+i:(i+1)*d], want.RawMatrix().Data[i*d+i:(i+1)*d])
		}
		for _, n := range []int{1, 3, 4, 7, 31, 32, 33, 100, 127, 128, 300, 1000} {
			b := mat.NewDense(d, n, randSlice(rng, d*n, 1))
			bGo := mat.DenseCopyOf(b)
			cholSolve(sys, b, w)
			withScalarKernels(func() { cholSolve(sys, bGo, w) })
			sameBits(t, "cholSolve", b.RawMatrix().Data, bGo.RawMatrix().Data)
		}
	}
}

// TestRHSKernelsAgree checks the vector kernels of vRHS, shiftScaleSub and
// subDivInto against their Go loops, bit for bit.
func TestRHSKernelsAgree(t *testing.T) {
	if !kernels.VectorKernels {
		t.Skip("no vector kernels on this CPU or build")
	}
	rng := rand.New(rand.NewPCG(11, 12))
	for _, n := range []int{0, 1, 3, 4, 5, 1023, 1025} {
		lam, s, r := randSlice(rng, n, 0.3), randSlice(rng, n, 1), randSlice(rng, n, 2)
		for _, sub := range []bool{false, true} {
			got, want := append([]float64(nil), r...), append([]float64(nil), r...)
			vRHS(got, lam, s, 1.7, sub)
			withScalarKernels(func() { vRHS(want, lam, s, 1.7, sub) })
			sameBits(t, "vRHS", got, want)
		}
		if n > 0 {
			rows := 3
			z := mat.NewDense(rows, n, randSlice(rng, rows*n, 1))
			zGo := mat.DenseCopyOf(z)
			wt := mat.NewDense(rows, 5, randSlice(rng, rows*5, 1))
			e := mat.NewDense(rows, n, randSlice(rng, rows*n, 1))
			shiftScaleSub(z, wt, 0.9, e)
			withScalarKernels(func() { shiftScaleSub(zGo, wt, 0.9, e) })
			sameBits(t, "shiftScaleSub", z.RawMatrix().Data, zGo.RawMatrix().Data)
		}
		got, want := append([]float64(nil), r...), append([]float64(nil), r...)
		subDivInto(got, s, 0.37)
		withScalarKernels(func() { subDivInto(want, s, 0.37) })
		sameBits(t, "subDivInto", got, want)
	}
}
