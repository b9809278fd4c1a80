//go:build !amd64 || purego

package kernels

func gemmPanel(k int, a *float64, rows *[gemmMR]int, astep, ablock int, b *float64, ldb int, c *float64, ldc, cblock, nblocks, mr int) {
	panic("kernels: gemmPanel without vector kernels")
}

func gemmPanel4(k int, a *float64, rows *[gemmMR]int, astep, ablock int, b *float64, ldb int, c *float64, ldc, cblock, nblocks, mr int) {
	panic("kernels: gemmPanel4 without vector kernels")
}

func transposeBlocks(dst *float64, ldd int, src *float64, lds int, rows, cols int) {
	panic("kernels: transposeBlocks without vector kernels")
}

func sgdStepBlocks(p, g []float64, lr float64) int {
	panic("kernels: sgdStepBlocks without vector kernels")
}
