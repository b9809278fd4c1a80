package kernels

import (
	"math"
	"math/rand/v2"
	"testing"

	"gonum.org/v1/gonum/blas/blas64"
)

// TestGramUpper checks GramUpper's upper triangle against Gemm's full
// product, bit for bit (Gemm's vector paths are checked against its Go
// twin by TestGemm, and a purego build runs this on the twin): one strip,
// several, a last strip narrower than 16 (computed overlapping the one
// before) and wider, k within one slice and across several.
func TestGramUpper(t *testing.T) {
	rng := rand.New(rand.NewPCG(27, 28))
	for _, tc := range []struct{ d, k int }{
		{1, 5}, {7, 300}, {20, 129}, {40, 1000}, {47, 64}, {64, 257}, {72, 130}, {301, 1000},
	} {
		a := randGeneral(rng, tc.d, tc.k, 1)
		at := blas64.General{Rows: tc.k, Cols: tc.d, Stride: tc.d, Data: make([]float64, tc.k*tc.d)}
		TransposeInto(at, a)
		want := randGeneral(rng, tc.d, tc.d, 0)
		Gemm(false, a, at, want)
		got := randGeneral(rng, tc.d, tc.d, 2)
		GramUpper(got, a, at, 32)
		for i := 0; i < tc.d; i++ {
			for j := i; j < tc.d; j++ {
				g, w := got.Data[i*got.Stride+j], want.Data[i*want.Stride+j]
				if math.Float64bits(g) != math.Float64bits(w) {
					t.Fatalf("d=%d k=%d: c[%d][%d] = %v, Gemm %v", tc.d, tc.k, i, j, g, w)
				}
			}
		}
	}
}
