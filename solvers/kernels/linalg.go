package kernels

import (
	"math"

	"gonum.org/v1/gonum/blas/blas64"
	"gonum.org/v1/gonum/mat"
)

// Matrix products on mat.Dense by Gemm (gemm.go), never by the
// linked BLAS: Gemm's results are fixed by this code, a BLAS's depend on the
// kernels it picks for the CPU at run time.

// General returns the blas64 view of a dense matrix (strided views included).
func General(m *mat.Dense) blas64.General { return m.RawMatrix() }

// MulInto sets c = a·b. c must not alias a or b.
func MulInto(c, a, b *mat.Dense) { Gemm(false, General(a), General(b), General(c)) }

// MulTInto sets c = aᵀ·b. c must not alias a or b.
func MulTInto(c, a, b *mat.Dense) { Gemm(true, General(a), General(b), General(c)) }

// TransposeDense sets dst = srcᵀ.
func TransposeDense(dst, src *mat.Dense) { TransposeInto(General(dst), General(src)) }

// FMADot returns ⟨a, b⟩ as four FMA chains over the elements i ≡ 0, 1, 2, 3
// (mod 4) of the first len(a)&^3 elements, the rest continuing the first
// chain, summed as (s0+s1)+(s2+s3). len(b) ≥ len(a).
func FMADot(a, b []float64) float64 {
	b = b[:len(a)]
	var s0, s1, s2, s3 float64
	i := 0
	for ; i+4 <= len(a); i += 4 {
		s0 = math.FMA(a[i], b[i], s0)
		s1 = math.FMA(a[i+1], b[i+1], s1)
		s2 = math.FMA(a[i+2], b[i+2], s2)
		s3 = math.FMA(a[i+3], b[i+3], s3)
	}
	for ; i < len(a); i++ {
		s0 = math.FMA(a[i], b[i], s0)
	}
	return (s0 + s1) + (s2 + s3)
}

// FMASumSq returns ‖a‖² as FMADot(a, a).
func FMASumSq(a []float64) float64 { return FMADot(a, a) }

// AxpyFMA sets y[i] = fma(alpha, x[i], y[i]), four at a time where the
// CPU has AVX2 and FMA (linalg_amd64.s). len(x) ≥ len(y).
func AxpyFMA(alpha float64, x, y []float64) {
	x = x[:len(y)]
	i := 0
	if VectorKernels {
		i = axpyFMABlocks(alpha, x, y)
	}
	for ; i < len(y); i++ {
		y[i] = math.FMA(alpha, x[i], y[i])
	}
}

// DivInto sets a[i] /= d, four at a time where the CPU has AVX2.
func DivInto(a []float64, d float64) {
	i := 0
	if VectorKernels {
		i = divBlocks(a, d)
	}
	for ; i < len(a); i++ {
		a[i] /= d
	}
}
