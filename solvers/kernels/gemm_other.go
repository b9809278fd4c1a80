//go:build !amd64 || purego

package kernels

func gemmPanel(k int, a *float64, rows *[gemmMR]int, astep, ablock int, b *float64, ldb int, c *float64, ldc, cblock, nblocks, mr int) {
	panic("kernels: gemmPanel without vector kernels")
}

func gemmPanel4(k int, a *float64, rows *[gemmMR]int, astep, ablock int, b *float64, ldb int, c *float64, ldc, cblock, nblocks, mr int) {
	panic("kernels: gemmPanel4 without vector kernels")
}

func gemmPanel16(k int, a *float64, rows *[gemmMR]int, astep, ablock int, b *float64, ldb int, c *float64, ldc, cblock, nblocks, mr int) {
	panic("kernels: gemmPanel16 without vector kernels")
}

// vector512 is false: no AVX-512 kernel off amd64 or under purego.
const vector512 = false

func setVector512(bool) {}

func transposeBlocks(dst *float64, ldd int, src *float64, lds int, rows, cols int) {
	panic("kernels: transposeBlocks without vector kernels")
}

func sgdStepBlocks(p, g []float64, lr float64) int {
	panic("kernels: sgdStepBlocks without vector kernels")
}
