package admm

import (
	"math"

	"github.com/admmlab/admmlab/solvers/kernels"
	"gonum.org/v1/gonum/blas/blas64"
	"gonum.org/v1/gonum/mat"
)

// ADMM's linear algebra on kernels whose results are fixed by this code, not
// by the CPU or a BLAS build: a BLAS picks its kernels per CPU at run time
// (OpenBLAS's Haswell, SkylakeX and Sandybridge kernels give three different
// sets of bits for the same product), and ADMM amplifies such last-bit
// differences into percent-level ones over hundreds of iterations.
//
// Every operation below is a fixed sequence of correctly rounded IEEE
// operations:
//   - products are Gemm's FMA chains in k order (kernels.Gemm), whose AVX2
//     kernel and Go twin give the same bits;
//   - the Cholesky factorisation and the triangular solves are written in Go
//     with math.FMA (exact by definition on every architecture) and with
//     every other product rounded on its own by an explicit conversion, so
//     the compiler cannot fuse it into an FMA (it does so on arm64, and on
//     amd64 from GOAMD64=v3 on); their bulk goes to Gemm in blocks of fixed
//     size, so the order of operations does not depend on the machine.
//
// The systems are symmetric positive definite and stored in full (both
// triangles, bit-identical because c[i][j] and c[j][i] are the same FMA
// chain); the factorisation reads the lower triangle.

// solveBlock is the row-block size of the blocked triangular solves: the
// products between blocks go to Gemm, the solves within a block are row
// AXPYs. It is a constant so that the order of operations is too.
const solveBlock = 12

// gramStrip is the column-strip width of gramInto.
const gramStrip = 24

// gramInto sets g = a·aᵀ given at = aᵀ. It computes the upper triangle (and
// the lower parts of the strips' diagonal blocks) strip by strip and mirrors
// it: g[j][i] and g[i][j] are the same FMA chain, so the mirror has the bits
// a full product would have, at about 60% of its work.
func gramInto(g, a, at *mat.Dense) {
	gr, ar, tr := g.RawMatrix(), a.RawMatrix(), at.RawMatrix()
	d := gr.Rows
	for j0 := 0; j0 < d; j0 += gramStrip {
		j1 := min(j0+gramStrip, d)
		if d-j1 < 8 { // no strip narrower than Gemm's vector panel
			j1 = d
		}
		rows := blas64.General{Rows: j1, Cols: ar.Cols, Stride: ar.Stride, Data: ar.Data}
		cols := blas64.General{Rows: tr.Rows, Cols: j1 - j0, Stride: tr.Stride, Data: tr.Data[j0:]}
		kernels.Gemm(false, rows, cols, blas64.General{Rows: j1, Cols: j1 - j0, Stride: gr.Stride, Data: gr.Data[j0:]})
		if j1 == d {
			break
		}
	}
	for i := 1; i < d; i++ {
		for j := 0; j < i; j++ {
			gr.Data[i*gr.Stride+j] = gr.Data[j*gr.Stride+i]
		}
	}
}

// cholesky factorises the symmetric positive definite a = L·Lᵀ in place,
// L in the lower triangle (the strict upper triangle is left as it was),
// row by row: L[i][j] = (a[i][j] − ⟨L[i][:j], L[j][:j]⟩) / L[j][j] and
// L[i][i] = √(a[i][i] − ‖L[i][:i]‖²), every inner product by FMADot. It
// reports false, with a partly overwritten a, when a pivot is not positive
// (or NaN): the matrix is not numerically positive definite.
func cholesky(a *mat.Dense) bool {
	raw := a.RawMatrix()
	n := raw.Rows
	if raw.Cols != n {
		panic("admm: cholesky of a non-square matrix")
	}
	for i := 0; i < n; i++ {
		li := raw.Data[i*raw.Stride : i*raw.Stride+i+1]
		for j := 0; j < i; j++ {
			lj := raw.Data[j*raw.Stride : j*raw.Stride+j+1]
			li[j] = (li[j] - kernels.FMADot(li[:j], lj[:j])) / lj[j]
		}
		d := li[i] - kernels.FMADot(li[:i], li[:i])
		if !(d > 0) {
			return false
		}
		li[i] = math.Sqrt(d)
	}
	return true
}

// solveWork is the scratch of cholSolve: a solveBlock × n product.
type solveWork struct{ t []float64 }

func (w *solveWork) buf(rows, cols int) blas64.General {
	if need := rows * cols; cap(w.t) < need {
		w.t = make([]float64, need)
	}
	return blas64.General{Rows: rows, Cols: cols, Stride: cols, Data: w.t[:rows*cols]}
}

// subInto sets b −= t elementwise (same shapes; b may be strided).
func subInto(b, t blas64.General) {
	for i := 0; i < b.Rows; i++ {
		bi := b.Data[i*b.Stride : i*b.Stride+b.Cols]
		ti := t.Data[i*t.Stride : i*t.Stride+t.Cols]
		for j := range bi {
			bi[j] -= ti[j]
		}
	}
}

// cholSolve overwrites b (d × n, n right-hand sides as columns) with the
// solution X of L·Lᵀ·X = b, L the lower factor from cholesky (d × d). Rows
// go in blocks of solveBlock: the contribution of the blocks already solved
// is one Gemm, the rows within a block are solved by row AXPYs, each row
// finally divided by its pivot.
func cholSolve(l *mat.Dense, b *mat.Dense, w *solveWork) {
	lr, br := l.RawMatrix(), b.RawMatrix()
	d, n := br.Rows, br.Cols
	if lr.Rows != d || lr.Cols != d {
		panic("admm: cholSolve shapes")
	}
	if d == 0 || n == 0 {
		return
	}
	row := func(m blas64.General, i int) []float64 { return m.Data[i*m.Stride : i*m.Stride+m.Cols] }
	rows := func(m blas64.General, i0, i1, j0, j1 int) blas64.General {
		return blas64.General{Rows: i1 - i0, Cols: j1 - j0, Stride: m.Stride, Data: m.Data[i0*m.Stride+j0:]}
	}
	// Forward: L·Y = b.
	for i0 := 0; i0 < d; i0 += solveBlock {
		i1 := min(i0+solveBlock, d)
		if i0 > 0 {
			t := w.buf(i1-i0, n)
			kernels.Gemm(false, rows(lr, i0, i1, 0, i0), rows(br, 0, i0, 0, n), t)
			subInto(rows(br, i0, i1, 0, n), t)
		}
		for i := i0; i < i1; i++ {
			bi, li := row(br, i), row(lr, i)
			for k := i0; k < i; k++ {
				kernels.AxpyFMA(-li[k], row(br, k), bi)
			}
			kernels.DivInto(bi, li[i])
		}
	}
	// Backward: Lᵀ·X = Y, blocks from the bottom.
	for i1 := d; i1 > 0; {
		i0 := max(i1-solveBlock, 0)
		if i1 < d {
			t := w.buf(i1-i0, n)
			kernels.Gemm(true, rows(lr, i1, d, i0, i1), rows(br, i1, d, 0, n), t)
			subInto(rows(br, i0, i1, 0, n), t)
		}
		for i := i1 - 1; i >= i0; i-- {
			bi := row(br, i)
			for k := i + 1; k < i1; k++ {
				kernels.AxpyFMA(-lr.Data[k*lr.Stride+i], row(br, k), bi)
			}
			kernels.DivInto(bi, lr.Data[i*lr.Stride+i])
		}
		i1 = i0
	}
}
