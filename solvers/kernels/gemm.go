package kernels

import (
	"math"
	"sync"

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
// recompute the same bits. Fewer than 4 columns go through a zero-padded
// copy of B (gemmNarrow). With fewer than 6 rows the extra rows are clamped
// onto the last real one and not stored.

// gemmMR × gemmNR is the register block of the vector kernel; gemmBandBytes
// bounds the rows of A one band of blocks reads (half of a 512 KiB L2).
const (
	gemmMR        = 6
	gemmNR        = 8
	gemmBandBytes = 256 << 10
	// gemmKC is the longest k a panel call runs: a 16-wide panel of B of
	// gemmKC rows is 16 KiB, which stays in L1 beside the block rows of A.
	// Chosen by timing the wide ADMM iteration at 96, 128, 192 and 256.
	gemmKC = 128
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
	if !VectorKernels || k == 0 {
		gemmGo(transA, a, b, c)
		return
	}
	if n < gemmNR/2 {
		gemmNarrow(transA, a, b, c)
		return
	}
	if k > gemmKC {
		gemmSplitK(transA, a, b, c)
		return
	}
	gemmPanels(transA, a, b, c, 0)
}

// gemmSplitK is Gemm for k > gemmKC: the k range goes in slices of gemmKC,
// each continuing the chains the slices before left in C, so that a panel
// of B (gemmKC × 16 elements) stays in L1 while the row blocks of a
// band pass over it and a band of A covers more rows. The chains are those
// of one call, and so are the bits. A continued chain must not be computed
// twice within a pass, so the panels of a pass may not overlap as they do
// at a ragged right edge. With AVX-512, more than 16 columns and a ragged
// tail of 9 to 15, the first n &^ 15 columns take one pass of 16-wide
// panels and the last 16 columns a second pass of their own, which
// computes the few columns the two share again from +0, to the same bits:
// one 16-wide panel costs as many FMA instructions as an 8-wide one, so
// this beats an 8-wide and a 4-wide panel for the tail (a tail of at most
// 8 is as cheap through them). Otherwise the first
// n &^ 3 columns take panels of 16, 8 and 4 columns exactly, and the last
// n mod 4 go through gemmNarrow's padded 4-wide panel (row tails never
// overlap; see gemmPanels).
func gemmSplitK(transA bool, a, b, c blas64.General) {
	n := c.Cols
	if w := 2 * gemmNR; Vector512 && n > w && n%w > gemmNR {
		n16 := n &^ (w - 1)
		gemmSplitKPass(transA, a, cols(b, 0, n16), cols(c, 0, n16))
		gemmSplitKPass(transA, a, cols(b, n-w, n), cols(c, n-w, n))
		return
	}
	n4 := n &^ 3
	if n4 < n {
		gemmNarrow(transA, a, cols(b, n4, n), cols(c, n4, n))
	}
	if n4 == 0 {
		return
	}
	gemmSplitKPass(transA, a, cols(b, 0, n4), cols(c, 0, n4))
}

// gemmSplitKPass runs the k slices over c, whose columns are a multiple
// of 4.
func gemmSplitKPass(transA bool, a, b, c blas64.General) {
	k := b.Rows
	for k0 := 0; k0 < k; k0 += gemmKC {
		k1 := min(k0+gemmKC, k)
		ak := blas64.General{Rows: a.Rows, Cols: k1 - k0, Stride: a.Stride, Data: a.Data[k0:]}
		if transA {
			ak = blas64.General{Rows: k1 - k0, Cols: a.Cols, Stride: a.Stride, Data: a.Data[k0*a.Stride:]}
		}
		bk := blas64.General{Rows: k1 - k0, Cols: c.Cols, Stride: b.Stride, Data: b.Data[k0*b.Stride:]}
		gemmPanels(transA, ak, bk, c, min(k0, 1))
	}
}

// cols returns columns j0..j1 of m.
func cols(m blas64.General, j0, j1 int) blas64.General {
	return blas64.General{Rows: m.Rows, Cols: j1 - j0, Stride: m.Stride, Data: m.Data[j0:]}
}

// gemmPanels runs the panel kernels over c (at least 4 columns): from +0
// when acc is 0, continuing the chains in c otherwise (then the columns
// must be a multiple of 4, so that no panel overlaps another).
func gemmPanels(transA bool, a, b, c blas64.General, acc int) {
	m, n, k := c.Rows, c.Cols, b.Rows
	// Stepping through A: along a row for a·b, down a column for aᵀ·b.
	astep, rowStep := 8, a.Stride*8
	if transA {
		astep, rowStep = a.Stride*8, 8
	}
	// The rows of a block at byte offsets from its first row; a block of
	// mr < 6 rows repeats its last row in the rest, which are computed but
	// not stored. rows serves the full blocks, tailRows the last block of
	// m mod 6 rows.
	var rows, tailRows [gemmMR]int
	mt := m % gemmMR
	for r := range rows {
		rows[r] = r * rowStep
		tailRows[r] = min(r, max(mt, 1)-1) * rowStep
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
	// panel would read it from L3 again. A band is whole blocks of 6 rows,
	// but for the last band's last block of m mod 6.
	band := max(gemmMR, gemmBandBytes/(8*k)/gemmMR*gemmMR)
	for r0 := 0; r0 < m; r0 += band {
		r1 := min(r0+band, m)
		full := (r1 - r0) / gemmMR
		tail := r1 == m && mt > 0
		for j0 := 0; j0 < n; {
			width := gemmNR
			switch {
			case Vector512 && j0+2*gemmNR <= n:
				width = 2 * gemmNR // a 16-wide AVX-512 panel
			case Vector512 && acc == 0 && n > 2*gemmNR && n-j0 > gemmNR:
				// A ragged tail of 9 to 15 columns: a 16-wide panel ending
				// at n, which recomputes a few columns to the same bits
				// (as many FMA instructions as an 8-wide panel, where an
				// 8-wide and a 4-wide one would take half as many again).
				width, j0 = 2*gemmNR, n-2*gemmNR
			case j0+gemmNR <= n:
			case n-j0 <= gemmNR/2:
				// A tail of at most 4 columns: a 4-wide panel ending at n
				// recomputes fewer columns than an 8-wide one.
				width, j0 = gemmNR/2, n-gemmNR/2
			case n < gemmNR:
				// 5 to 7 columns: two 4-wide panels, the second ending at n.
				width = gemmNR / 2
			default:
				j0 = n - gemmNR // the last panel overlaps the one before
			}
			if full > 0 {
				gemmPanelOf(width, k, &a.Data[aRow(r0)], &rows, astep, aBlock, &b.Data[j0], b.Stride, &c.Data[r0*c.Stride+j0], c.Stride, cBlock, full, gemmMR, acc)
			}
			if tail {
				t0 := r0 + full*gemmMR
				gemmPanelOf(width, k, &a.Data[aRow(t0)], &tailRows, astep, aBlock, &b.Data[j0], b.Stride, &c.Data[t0*c.Stride+j0], c.Stride, cBlock, 1, mt, acc)
			}
			j0 += width
		}
	}
}

// narrowPad holds gemmNarrow's padded operands between calls.
var narrowPad = sync.Pool{New: func() any { return new([]float64) }}

// gemmNarrow is Gemm for fewer than 4 columns (the products with an input
// layer of one or two features and its bias): it copies B into a zero-padded
// k × 4 panel, runs the 4-wide vector panel into a padded C and copies the n
// real columns out. Every real element is the same FMA chain as without the
// padding, so the bits are gemmGo's, at the vector kernel's speed rather
// than a scalar chain per element.
func gemmNarrow(transA bool, a, b, c blas64.General) {
	const w = gemmNR / 2
	m, n, k := c.Rows, c.Cols, b.Rows
	buf := narrowPad.Get().(*[]float64)
	defer narrowPad.Put(buf)
	if need := (k + m) * w; cap(*buf) < need {
		*buf = make([]float64, need)
	}
	bp := blas64.General{Rows: k, Cols: w, Stride: w, Data: (*buf)[:k*w]}
	cp := blas64.General{Rows: m, Cols: w, Stride: w, Data: (*buf)[k*w : (k+m)*w]}
	clear(bp.Data)
	for l := 0; l < k; l++ {
		copy(bp.Data[l*w:l*w+n], b.Data[l*b.Stride:l*b.Stride+n])
	}
	Gemm(transA, a, bp, cp)
	for i := 0; i < m; i++ {
		copy(c.Data[i*c.Stride:i*c.Stride+n], cp.Data[i*w:i*w+n])
	}
}

// gemmPanelOf calls the panel kernel of the given width (4, 8 or 16).
// Direct calls: through a func value, rows would escape.
func gemmPanelOf(width, k int, a *float64, rows *[gemmMR]int, astep, ablock int, b *float64, ldb int, c *float64, ldc, cblock, nblocks, mr, acc int) {
	switch width {
	case gemmNR / 2:
		gemmPanel4(k, a, rows, astep, ablock, b, ldb, c, ldc, cblock, nblocks, mr, acc)
	case gemmNR:
		gemmPanel(k, a, rows, astep, ablock, b, ldb, c, ldc, cblock, nblocks, mr, acc)
	default:
		gemmPanel16(k, a, rows, astep, ablock, b, ldb, c, ldc, cblock, nblocks, mr, acc)
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
