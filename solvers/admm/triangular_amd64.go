//go:build amd64 && !purego

package admm

//go:generate go run ../internal/gentri -o triangular_amd64.s

// triGroup32 runs the triangular block program of a triProgram (see
// triangular.go) over 32 columns starting at b (and at t, the products of
// the blocks already solved, unless t is nil), eight AVX2 vectors of four.
//
//go:noescape
func triGroup32(b, t *float64, m int, coef []float64, src, tgt, toff, cnt []int, piv []float64)

// triGroup4 is triGroup32 for 4 columns.
//
//go:noescape
func triGroup4(b, t *float64, m int, coef []float64, src, tgt, toff, cnt []int, piv []float64)

// triGroup128 is triGroup32 for 128 columns, in AVX-512; it runs only where
// kernels.Vector512 holds.
//
//go:noescape
func triGroup128(b, t *float64, m int, coef []float64, src, tgt, toff, cnt []int, piv []float64)
