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
//   - the Cholesky factorisation and the triangular solves are blocked with
//     fixed block sizes: their bulk goes to Gemm, the work within a block to
//     AxpyFMA (fused by definition, vector kernel and Go twin alike) and
//     DivInto, and no product is left for the compiler to fuse into an FMA
//     (it does so on arm64, and on amd64 from GOAMD64=v3 on), so the order
//     and rounding of every operation does not depend on the machine.
//
// The systems are symmetric positive definite and stored in full (both
// triangles, bit-identical because c[i][j] and c[j][i] are the same FMA
// chain); the factorisation reads the upper triangle.

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

// cholBlock is the column-block size of the blocked Cholesky factorisation:
// the contribution of the rows of U already factorised to a block row is
// one Gemm, the rows within a block are factorised by row AXPYs. A multiple
// of Gemm's 6-row register block; a constant, so that the order of
// operations is too.
const cholBlock = 48

// solveBlock is the row-block size of the blocked triangular solves: the
// products between blocks go to Gemm, the solves within a block are row
// AXPYs. It is a constant so that the order of operations is too.
const solveBlock = 24

// linWork is the scratch of cholesky and cholSolve: one block row of
// products.
type linWork struct{ t []float64 }

func (w *linWork) buf(rows, cols int) blas64.General {
	if need := rows * cols; cap(w.t) < need {
		w.t = make([]float64, need)
	}
	return blas64.General{Rows: rows, Cols: cols, Stride: cols, Data: w.t[:rows*cols]}
}

// view returns rows i0..i1, columns j0..j1 of m.
func view(m blas64.General, i0, i1, j0, j1 int) blas64.General {
	return blas64.General{Rows: i1 - i0, Cols: j1 - j0, Stride: m.Stride, Data: m.Data[i0*m.Stride+j0:]}
}

// row returns row i of m from column j0 on.
func row(m blas64.General, i, j0 int) []float64 {
	return m.Data[i*m.Stride+j0 : i*m.Stride+m.Cols]
}

// cholesky factorises the symmetric positive definite a = Uᵀ·U in place,
// U upper triangular in the upper triangle of a (the strict lower triangle
// is left as it was; a symmetric a stored in full has the same bits in
// both). Block rows of cholBlock rows go top to bottom: the rows of U above
// the block contribute one product, Gemm(U[:k0, k0:k1]ᵀ, U[:k0, k0:]),
// subtracted from the block row; then, row j by row j within the block,
// U[j][j:] −= U[t][j]·U[t][j:] for the block's earlier rows t (AXPYs in t
// order), U[j][j] = √(a[j][j]) and the rest of the row is divided by it.
// It reports false, with a partly overwritten a, when a pivot is not
// positive (or NaN): the matrix is not numerically positive definite.
func cholesky(a *mat.Dense, w *linWork) bool {
	u := a.RawMatrix()
	n := u.Rows
	if u.Cols != n {
		panic("admm: cholesky of a non-square matrix")
	}
	for k0 := 0; k0 < n; k0 += cholBlock {
		k1 := min(k0+cholBlock, n)
		if k0 > 0 {
			t := w.buf(k1-k0, n-k0)
			kernels.Gemm(true, view(u, 0, k0, k0, k1), view(u, 0, k0, k0, n), t)
			for j := k0; j < k1; j++ {
				uj, tj := row(u, j, j), row(t, j-k0, j-k0)
				for c := range uj {
					uj[c] -= tj[c]
				}
			}
		}
		for j := k0; j < k1; j++ {
			uj := row(u, j, j)
			for t := k0; t < j; t++ {
				kernels.AxpyFMA(-u.Data[t*u.Stride+j], row(u, t, j), uj)
			}
			d := uj[0]
			if !(d > 0) {
				return false
			}
			s := math.Sqrt(d)
			uj[0] = s
			kernels.DivInto(uj[1:], s)
		}
	}
	return true
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
// solution X of Uᵀ·U·X = b, U the upper factor from cholesky (d × d). Rows
// go in blocks of solveBlock: the contribution of the blocks already solved
// is one Gemm, the rows within a block are solved by row AXPYs, each row
// finally divided by its pivot.
func cholSolve(f *mat.Dense, b *mat.Dense, w *linWork) {
	u, br := f.RawMatrix(), b.RawMatrix()
	d, n := br.Rows, br.Cols
	if u.Rows != d || u.Cols != d {
		panic("admm: cholSolve shapes")
	}
	if d == 0 || n == 0 {
		return
	}
	// Forward: Uᵀ·Y = b.
	for i0 := 0; i0 < d; i0 += solveBlock {
		i1 := min(i0+solveBlock, d)
		if i0 > 0 {
			t := w.buf(i1-i0, n)
			kernels.Gemm(true, view(u, 0, i0, i0, i1), view(br, 0, i0, 0, n), t)
			subInto(view(br, i0, i1, 0, n), t)
		}
		for i := i0; i < i1; i++ {
			bi := row(br, i, 0)
			for k := i0; k < i; k++ {
				kernels.AxpyFMA(-u.Data[k*u.Stride+i], row(br, k, 0), bi)
			}
			kernels.DivInto(bi, u.Data[i*u.Stride+i])
		}
	}
	// Backward: U·X = Y, blocks from the bottom.
	for i1 := d; i1 > 0; {
		i0 := max(i1-solveBlock, 0)
		if i1 < d {
			t := w.buf(i1-i0, n)
			kernels.Gemm(false, view(u, i0, i1, i1, d), view(br, i1, d, 0, n), t)
			subInto(view(br, i0, i1, 0, n), t)
		}
		for i := i1 - 1; i >= i0; i-- {
			bi, ui := row(br, i, 0), row(u, i, 0)
			for k := i + 1; k < i1; k++ {
				kernels.AxpyFMA(-ui[k], row(br, k, 0), bi)
			}
			kernels.DivInto(bi, ui[i])
		}
		i1 = i0
	}
}
