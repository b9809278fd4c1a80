package kernels

import (
	"math"

	"gonum.org/v1/gonum/blas/blas64"
)

// The matrix products of backpropagation, C = A·B or C = Aᵀ·B on row-major
// operands, by our own kernel rather than OpenBLAS. SGD's products are small
// (100×100 by 100×50 for the paper's nets) and OpenBLAS spends a quarter of
// such a call packing and dispatching: its 100×100×50 product runs at 34
// GFLOP/s here, the unpacked 6×8 AVX2 kernel of gemm_amd64.s at
// 40–41, against a 46 GFLOP/s single-thread peak.
//
// Every element is one FMA chain in k order from +0:
//
//	c[i][j] = fma(a(i,K−1), b[K−1][j], … fma(a(i,1), b[1][j], fma(a(i,0), b[0][j], 0)))
//
// which the vector kernel and gemmGo compute alike, so results are
// bit-identical with and without AVX2. Ragged edges are covered by blocks
// (6×8, or 6×4 for a short column tail) that overlap ones already done: they
// recompute the same bits. With fewer than 6 rows the extra rows are clamped
// onto the last real one and not stored.

// gemmMR × gemmNR is the register block of the vector kernel; gemmBandBytes
// bounds the rows of A one band of blocks reads (half of a 512 KiB L2).
const (
	gemmMR        = 6
	gemmNR        = 8
	gemmBandBytes = 256 << 10
)

// Gemm sets c = op(a)·b with op(a) = aᵀ when transA. c must not alias a or b.
func Gemm(transA bool, a, b, c blas64.General) {
	m, n := c.Rows, c.Cols
	k := a.Cols
	if transA {
		k = a.Rows
	}
	if (transA && (a.Cols != m)) || (!transA && a.Rows != m) || b.Rows != k || b.Cols != n {
		panic("kernels: Gemm shapes do not chain")
	}
	if m == 0 || n == 0 {
		return
	}
	if !VectorKernels || n < gemmNR || k == 0 {
		gemmGo(transA, a, b, c)
		return
	}
	// Stepping through A: along a row for a·b, down a column for aᵀ·b.
	astep, rowStep := 8, a.Stride*8
	if transA {
		astep, rowStep = a.Stride*8, 8
	}
	mr := min(m, gemmMR)
	var rows [gemmMR]int
	for r := range rows {
		rows[r] = min(r, mr-1) * rowStep
	}
	aBlock, cBlock := gemmMR*rowStep, gemmMR*c.Stride*8
	aRow := func(r int) int { // index in a.Data of row r of op(A)
		if transA {
			return r
		}
		return r * a.Stride
	}
	// Rows of op(A) go in bands whose share of A stays in L2 while every
	// panel of B streams past it; with all of a wide A in one band, each
	// panel would read it from L3 again. A band is m/6 full blocks of 6 rows,
	// and the last band ends with a block that ends at row m and overlaps
	// the one before (below 6 rows: one block of mr rows).
	band := max(gemmMR, gemmBandBytes/(8*k)/gemmMR*gemmMR)
	for r0 := 0; r0 < m; r0 += band {
		r1 := min(r0+band, m)
		full, tail := (r1-r0)/gemmMR, (r1-r0)%gemmMR > 0 && m > gemmMR
		if m < gemmMR {
			full = 1
		}
		for j0 := 0; j0 < n; {
			width := gemmNR
			switch {
			case vector512 && j0+2*gemmNR <= n:
				width = 2 * gemmNR // a 16-wide AVX-512 panel
			case j0+gemmNR <= n:
			case n-j0 <= gemmNR/2:
				// A tail of at most 4 columns: a 4-wide panel ending at n
				// recomputes fewer columns than an 8-wide one.
				width, j0 = gemmNR/2, n-gemmNR/2
			default:
				j0 = n - gemmNR // the last panel overlaps the one before
			}
			if full > 0 {
				gemmPanelOf(width, k, &a.Data[aRow(r0)], &rows, astep, aBlock, &b.Data[j0], b.Stride, &c.Data[r0*c.Stride+j0], c.Stride, cBlock, full, mr)
			}
			if tail {
				gemmPanelOf(width, k, &a.Data[aRow(m-gemmMR)], &rows, astep, aBlock, &b.Data[j0], b.Stride, &c.Data[(m-gemmMR)*c.Stride+j0], c.Stride, cBlock, 1, mr)
			}
			j0 += width
		}
	}
}

// gemmPanelOf calls the panel kernel of the given width (4, 8 or 16).
// Direct calls: through a func value, rows would escape.
func gemmPanelOf(width, k int, a *float64, rows *[gemmMR]int, astep, ablock int, b *float64, ldb int, c *float64, ldc, cblock, nblocks, mr int) {
	switch width {
	case gemmNR / 2:
		gemmPanel4(k, a, rows, astep, ablock, b, ldb, c, ldc, cblock, nblocks, mr)
	case gemmNR:
		gemmPanel(k, a, rows, astep, ablock, b, ldb, c, ldc, cblock, nblocks, mr)
	default:
		gemmPanel16(k, a, rows, astep, ablock, b, ldb, c, ldc, cblock, nblocks, mr)
	}
}

// gemmGo is Gemm in Go, the bit-identical twin of the vector kernel. Four
// columns at a time keep four independent FMA chains in flight.
func gemmGo(transA bool, a, b, c blas64.General) {
	m, n := c.Rows, c.Cols
	k := b.Rows
	at := func(i, l int) float64 {
		if transA {
			return a.Data[l*a.Stride+i]
		}
		return a.Data[i*a.Stride+l]
	}
	n4 := n &^ 3
	for i := 0; i < m; i++ {
		ci := c.Data[i*c.Stride : i*c.Stride+n]
		j := 0
		for ; j < n4; j += 4 {
			var s0, s1, s2, s3 float64
			for l := 0; l < k; l++ {
				x, bl := at(i, l), b.Data[l*b.Stride+j:l*b.Stride+j+4]
				s0 = math.FMA(x, bl[0], s0)
				s1 = math.FMA(x, bl[1], s1)
				s2 = math.FMA(x, bl[2], s2)
				s3 = math.FMA(x, bl[3], s3)
			}
			ci[j], ci[j+1], ci[j+2], ci[j+3] = s0, s1, s2, s3
		}
	}
	// The last n mod 4 columns, four rows at a time for four chains in
	// flight (a narrow C, such as a 100 × 2 gradient, is all tail).
	for j := n4; j < n; j++ {
		i := 0
		for ; i+4 <= m; i += 4 {
			var s0, s1, s2, s3 float64
			for l := 0; l < k; l++ {
				bl := b.Data[l*b.Stride+j]
				s0 = math.FMA(at(i, l), bl, s0)
				s1 = math.FMA(at(i+1, l), bl, s1)
				s2 = math.FMA(at(i+2, l), bl, s2)
				s3 = math.FMA(at(i+3, l), bl, s3)
			}
			c.Data[i*c.Stride+j], c.Data[(i+1)*c.Stride+j] = s0, s1
			c.Data[(i+2)*c.Stride+j], c.Data[(i+3)*c.Stride+j] = s2, s3
		}
		for ; i < m; i++ {
			var s float64
			for l := 0; l < k; l++ {
				s = math.FMA(at(i, l), b.Data[l*b.Stride+j], s)
			}
			c.Data[i*c.Stride+j] = s
		}
	}
}

// TransposeInto sets dst = srcᵀ: 4×4 blocks in registers where the CPU
// has AVX2, the ragged strips element by element.
func TransposeInto(dst, src blas64.General) {
	if dst.Rows != src.Cols || dst.Cols != src.Rows {
		panic("kernels: TransposeInto shapes")
	}
	r4, c4 := 0, 0
	if VectorKernels && src.Rows >= 4 && src.Cols >= 4 {
		r4, c4 = src.Rows&^3, src.Cols&^3
		transposeBlocks(&dst.Data[0], dst.Stride, &src.Data[0], src.Stride, r4, c4)
	}
	for i := 0; i < src.Rows; i++ {
		row := src.Data[i*src.Stride : i*src.Stride+src.Cols]
		j0 := c4
		if i >= r4 {
			j0 = 0
		}
		for j := j0; j < len(row); j++ {
			dst.Data[j*dst.Stride+i] = row[j]
		}
	}
}

// SGDStep sets p −= lr·g elementwise, four at a time where the CPU has AVX2.
// The conversion keeps lr·g rounded on its own, as the vector kernel does
// (with GOAMD64=v3 the compiler would otherwise fuse it into the subtraction).
func SGDStep(p, g []float64, lr float64) {
	g = g[:len(p)]
	i := 0
	if VectorKernels {
		i = sgdStepBlocks(p, g, lr)
	}
	for ; i < len(p); i++ {
		p[i] -= float64(lr * g[i])
	}
}
