//go:build !amd64 || purego

package kernels

func axpyFMABlocks(alpha float64, x, y []float64) int {
	panic("kernels: axpyFMABlocks without vector kernels")
}

func divBlocks(a []float64, d float64) int {
	panic("kernels: divBlocks without vector kernels")
}
