//go:build !amd64 || purego

package admm

func linGradBlocks(e, lam, s, v, res []float64, beta, inv float64, tanh, update bool) (int, float64, float64) {
	panic("admm: linGradBlocks without vector kernels")
}

func vRHSBlocks(r, lam, s []float64, beta float64, sub bool) int {
	panic("admm: vRHSBlocks without vector kernels")
}

func subDivBlocks(v, r []float64, d float64) int {
	panic("admm: subDivBlocks without vector kernels")
}

func shiftScaleSubBlocks(z, e []float64, nb, c float64) int {
	panic("admm: shiftScaleSubBlocks without vector kernels")
}
