package admm

import (
	"math"

	"github.com/admmlab/admmlab/solvers"
	"github.com/admmlab/admmlab/solvers/kernels"
	"gonum.org/v1/gonum/mat"
)

// The ADMM iteration works on contiguous row-major matrices (Stride == Cols),
// so the elementwise kernels below run over flat slices. They are specialised
// per activation because a closure call per element costs as much as the
// arithmetic around it.

// flat returns the elements of a contiguous matrix (or a top-rows view of
// one, which is contiguous too).
func flat(m *mat.Dense) []float64 {
	raw := m.RawMatrix()
	if raw.Stride != raw.Cols {
		panic("admm: flat of a strided matrix")
	}
	return raw.Data[:raw.Rows*raw.Cols]
}

// activateInto sets dst = act(src) elementwise; dst and src may alias.
func activateInto(act solvers.Activation, dst, src []float64) {
	switch act {
	case solvers.Sigmoid:
		kernels.SigmoidInto(dst, src)
	case solvers.Tanh:
		kernels.TanhInto(dst, src)
	default:
		panic("admm: ADMM with activation " + act.String())
	}
}

// derivFromValue returns σ′(u) given s = σ(u), which spares an exp.
func derivFromValue(act solvers.Activation, s float64) float64 {
	if act == solvers.Sigmoid {
		return s * (1 - s)
	}
	return 1 - float64(s*s)
}

// linGrad sets e = (Λ + β(S − V)) ⊙ σ′ with σ′ from S = σ(·), the gradient
// factor of the LLA (16)/(17), and returns max|V − Λ/β| (the LLA's ‖B‖max).
// e may alias s. V and Λ are finite here (step checks them after every
// iteration), so the maximum needs no NaN case. Products are rounded on
// their own, so that no compiler fuses them (see linalg.go).
func linGrad(act solvers.Activation, e, lam, s, v []float64, beta float64) (maxB float64) {
	n := len(s)
	e, lam, v = e[:n], lam[:n], v[:n]
	inv := 1 / beta
	// One loop per activation: derivFromValue's branch per element costs
	// as much as the arithmetic.
	switch act {
	case solvers.Sigmoid:
		for i, si := range s {
			if b := math.Abs(v[i] - float64(lam[i]*inv)); b > maxB {
				maxB = b
			}
			e[i] = (lam[i] + float64(beta*(si-v[i]))) * (si * (1 - si))
		}
	case solvers.Tanh:
		for i, si := range s {
			if b := math.Abs(v[i] - float64(lam[i]*inv)); b > maxB {
				maxB = b
			}
			e[i] = (lam[i] + float64(beta*(si-v[i]))) * (1 - float64(si*si))
		}
	default:
		panic("admm: ADMM with activation " + act.String())
	}
	return maxB
}

// addBiasCols adds alpha·b (b the last column of wt) to every column of z.
func addBiasCol(z *mat.Dense, wt *mat.Dense, alpha float64) {
	raw := z.RawMatrix()
	_, c := wt.Dims()
	for i := 0; i < raw.Rows; i++ {
		bi := float64(alpha * wt.At(i, c-1))
		row := raw.Data[i*raw.Stride : i*raw.Stride+raw.Cols]
		for j := range row {
			row[j] += bi
		}
	}
}

// scaleShift sets dst = c·g + d·I; dst may be g.
func scaleShift(dst, g *mat.Dense, c, d float64) {
	n, _ := g.Dims()
	gr, dr := g.RawMatrix(), dst.RawMatrix()
	for i := 0; i < n; i++ {
		gi := gr.Data[i*gr.Stride : i*gr.Stride+n]
		di := dr.Data[i*dr.Stride : i*dr.Stride+n]
		for j := range di {
			di[j] = float64(c * gi[j])
		}
		di[i] += d
	}
}

// allFinite reports whether every element of m is finite.
func allFinite(m mat.RawMatrixer) bool {
	raw := m.RawMatrix()
	for i := 0; i < raw.Rows; i++ {
		if !finiteSlice(raw.Data[i*raw.Stride : i*raw.Stride+raw.Cols]) {
			return false
		}
	}
	return true
}

// finiteSlice reports whether every element of a is finite. v − v is 0 for
// finite v and NaN for ±Inf and NaN, and NaN survives the sums, so the loop
// needs no branch per element; four sums keep the adds independent.
func finiteSlice(a []float64) bool {
	var s0, s1, s2, s3 float64
	i := 0
	for ; i+4 <= len(a); i += 4 {
		s0 += a[i] - a[i]
		s1 += a[i+1] - a[i+1]
		s2 += a[i+2] - a[i+2]
		s3 += a[i+3] - a[i+3]
	}
	for ; i < len(a); i++ {
		s0 += a[i] - a[i]
	}
	return s0+s1+s2+s3 == 0
}
