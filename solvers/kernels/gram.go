package kernels

import "gonum.org/v1/gonum/blas/blas64"

// GramUpper sets the upper triangle of c = a·aᵀ, given at = aᵀ (c is d × d,
// a is d × k), by column strips of the given width: strip [j0, j1) gets
// rows 0..j1, its diagonal block's lower part included; the rest of the
// strict lower triangle is left as it was. Every element computed is
// Gemm's FMA chain, so its bits are those of Gemm(false, a, at, c).
//
// With k > gemmKC the k slices go outermost and every full strip takes its
// share of a slice before the next slice begins: the slice of a (d rows of
// gemmKC) then stays in L2 across the strips, where strip after strip of
// whole products read all of a from memory again. The last strip, of any
// width, is one Gemm of its own. strip must be a positive multiple of 16.
func GramUpper(c, a, at blas64.General, strip int) {
	d, k := c.Rows, a.Cols
	if strip <= 0 || strip%16 != 0 {
		panic("kernels: GramUpper strip is not a positive multiple of 16")
	}
	if c.Cols != d || a.Rows != d || at.Rows != k || at.Cols != d {
		panic("kernels: GramUpper shapes do not chain")
	}
	// Full strips [0, full): the last strip takes what is left, and never
	// less than 8 columns, Gemm's narrowest vector panel.
	full := 0
	for full+strip <= d && d-(full+strip) >= 8 {
		full += strip
	}
	if VectorKernels && k > gemmKC && full > 0 {
		for k0 := 0; k0 < k; k0 += gemmKC {
			k1 := min(k0+gemmKC, k)
			for j0 := 0; j0 < full; j0 += strip {
				j1 := j0 + strip
				ak := blas64.General{Rows: j1, Cols: k1 - k0, Stride: a.Stride, Data: a.Data[k0:]}
				bk := blas64.General{Rows: k1 - k0, Cols: strip, Stride: at.Stride, Data: at.Data[k0*at.Stride+j0:]}
				gemmPanels(false, ak, bk, blas64.General{Rows: j1, Cols: strip, Stride: c.Stride, Data: c.Data[j0:]}, min(k0, 1))
			}
		}
	} else {
		for j0 := 0; j0 < full; j0 += strip {
			gramStrip(c, a, at, j0, j0+strip)
		}
	}
	j0 := full
	if w := 16; d-j0 < w && d >= w {
		// A narrow last strip: one 16-wide panel ending at d, whose first
		// columns, done by the strip before, come out the same.
		j0 = d - w
	}
	if j0 < d {
		gramStrip(c, a, at, j0, d)
	}
}

// gramStrip sets rows 0..j1, columns j0..j1 of c = a·aᵀ by one Gemm.
func gramStrip(c, a, at blas64.General, j0, j1 int) {
	rows := blas64.General{Rows: j1, Cols: a.Cols, Stride: a.Stride, Data: a.Data}
	Gemm(false, rows, cols(at, j0, j1), blas64.General{Rows: j1, Cols: j1 - j0, Stride: c.Stride, Data: c.Data[j0:]})
}
