//go:build !amd64 || purego

package kernels

// VectorKernels is false: there are no vector kernels for this architecture
// (or the purego tag asked for none), and the scalar twins do all the work.
const VectorKernels = false

func sigmoidBlocks(dst, src []float64, k *sigmoidConstTable) int {
	panic("kernels: sigmoidBlocks without vector kernels")
}

func reluBiasBlocks(z []float64, b float64) int {
	panic("kernels: reluBiasBlocks without vector kernels")
}

func reluMaskBlocks(d, a []float64) int {
	panic("kernels: reluMaskBlocks without vector kernels")
}
