package admm

import (
	"math"

	"github.com/admmlab/admmlab/solvers/kernels"
	"gonum.org/v1/gonum/blas/blas64"
)

// triProgram is the work within one row block of cholSolve's forward or
// backward solve (or one row of cholesky's block), written out once so
// that a vector kernel can run it over groups of columns held in registers
// instead of streaming every row through memory once per AXPY: for the
// program's rows in order p, subtract row p of the products with the blocks
// already solved (if any), then the row's cnt[p] AXPYs in the row-by-row
// loops' order, then divide by the pivot. Every element sees the
// operations of subInto, AxpyFMA and DivInto in the same order, so the bits
// are those of the loops.
type triProgram struct {
	m    int
	coef []float64 // −U entries, the AXPYs of row 0, then row 1, …
	src  []int     // byte offset of each AXPY's source row from the block's first
	tgt  []int     // byte offset of row p from the block's first
	toff []int     // byte offset of row p's products from the products' first
	cnt  []int     // row p's number of AXPYs
	piv  []float64 // row p's pivot U[i][i]
}

// reset sizes p for a block of m rows.
func (p *triProgram) reset(m int) {
	p.m = m
	p.coef, p.src = p.coef[:0], p.src[:0]
	p.tgt, p.toff, p.cnt, p.piv = p.tgt[:0], p.toff[:0], p.cnt[:0], p.piv[:0]
}

// forward writes the program of rows i0..i1 of Uᵀ·Y = b: row i takes
// −U[k][i]·row k for k = i0..i−1.
func (p *triProgram) forward(u blas64.General, i0, i1, ldb, ldt int) {
	p.reset(i1 - i0)
	for i := i0; i < i1; i++ {
		for k := i0; k < i; k++ {
			p.coef = append(p.coef, -u.Data[k*u.Stride+i])
			p.src = append(p.src, (k-i0)*ldb*8)
		}
		p.tgt = append(p.tgt, (i-i0)*ldb*8)
		p.toff = append(p.toff, (i-i0)*ldt*8)
		p.cnt = append(p.cnt, i-i0)
		p.piv = append(p.piv, u.Data[i*u.Stride+i])
	}
}

// backward writes the program of rows i0..i1 of U·X = Y, bottom row first:
// row i takes −U[i][k]·row k for k = i+1..i1−1.
func (p *triProgram) backward(u blas64.General, i0, i1, ldb, ldt int) {
	p.reset(i1 - i0)
	for i := i1 - 1; i >= i0; i-- {
		ui := u.Data[i*u.Stride:]
		for k := i + 1; k < i1; k++ {
			p.coef = append(p.coef, -ui[k])
			p.src = append(p.src, (k-i0)*ldb*8)
		}
		p.tgt = append(p.tgt, (i-i0)*ldb*8)
		p.toff = append(p.toff, (i-i0)*ldt*8)
		p.cnt = append(p.cnt, i1-1-i)
		p.piv = append(p.piv, ui[i])
	}
}

// choleskyRow writes the program of row j of cholesky's block k0..: the
// AXPYs −U[t][j]·U[t][j:] for t = k0..j−1, on the block's rows from column
// j (the view run is given starts at row k0), and a pivot of 1, as the
// row's own pivot is its first element once they are done (x/1 is x,
// exactly).
func (p *triProgram) choleskyRow(u blas64.General, k0, j int) {
	p.reset(1)
	for t := k0; t < j; t++ {
		p.coef = append(p.coef, -u.Data[t*u.Stride+j])
		p.src = append(p.src, (t-k0)*u.Stride*8)
	}
	p.tgt = append(p.tgt, (j-k0)*u.Stride*8)
	p.toff = append(p.toff, 0)
	p.cnt = append(p.cnt, j-k0)
	p.piv = append(p.piv, 1)
}

// run applies the program to the block b (its rows i0..i1, every column),
// subtracting the products t first unless t.Data is nil: 128 (with
// AVX-512), 32 and then 4 columns at a time by the vector kernels, the last
// n mod 4 by the same operations in Go.
func (p *triProgram) run(b, t blas64.General) {
	n := b.Cols
	for j := 0; j < n; {
		group, width := triGroup4, 4
		switch {
		case kernels.Vector512 && j+128 <= n:
			group, width = triGroup128, 128
		case j+32 <= n:
			group, width = triGroup32, 32
		case j+4 > n:
			p.column(b, t, j)
			j++
			continue
		}
		var tp *float64
		if t.Data != nil {
			tp = &t.Data[j]
		}
		group(&b.Data[j], tp, p.m, p.coef, p.src, p.tgt, p.toff, p.cnt, p.piv)
		j += width
	}
}

// column runs the program on column j in Go.
func (p *triProgram) column(b, t blas64.General, j int) {
	idx := 0
	for r := 0; r < p.m; r++ {
		at := p.tgt[r]/8 + j
		x := b.Data[at]
		if t.Data != nil {
			x -= t.Data[p.toff[r]/8+j]
		}
		for q := 0; q < p.cnt[r]; q++ {
			x = math.FMA(p.coef[idx], b.Data[p.src[idx]/8+j], x)
			idx++
		}
		b.Data[at] = x / p.piv[r]
	}
}
