//go:build !amd64 || purego

package admm

func triGroup32(b, t *float64, m int, coef []float64, src, tgt, toff, cnt []int, piv []float64) {
	panic("admm: triGroup32 without vector kernels")
}

func triGroup4(b, t *float64, m int, coef []float64, src, tgt, toff, cnt []int, piv []float64) {
	panic("admm: triGroup4 without vector kernels")
}

func triGroup128(b, t *float64, m int, coef []float64, src, tgt, toff, cnt []int, piv []float64) {
	panic("admm: triGroup128 without vector kernels")
}
