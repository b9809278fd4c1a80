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
	var tanh bool
	switch act {
	case solvers.Sigmoid:
	case solvers.Tanh:
		tanh = true
	default:
		panic("admm: ADMM with activation " + act.String())
	}
	i := 0
	if kernels.VectorKernels {
		i, _, maxB = linGradBlocks(e, lam, s, v, nil, beta, inv, tanh, false)
	}
	// One loop per activation: derivFromValue's branch per element costs
	// as much as the arithmetic.
	if !tanh {
		for ; i < n; i++ {
			si := s[i]
			if b := math.Abs(v[i] - float64(lam[i]*inv)); b > maxB {
				maxB = b
			}
			e[i] = (lam[i] + float64(beta*(si-v[i]))) * (si * (1 - si))
		}
		return maxB
	}
	for ; i < n; i++ {
		si := s[i]
		if b := math.Abs(v[i] - float64(lam[i]*inv)); b > maxB {
			maxB = b
		}
		e[i] = (lam[i] + float64(beta*(si-v[i]))) * (1 - float64(si*si))
	}
	return maxB
}

// chunk is the length of the pieces in which the fused passes below run
// one kernel after another, so that the second reads what the first wrote
// from L1 rather than memory. Elementwise, so it does not change a bit.
const chunk = 1024

// activateLinGrad is activateInto(act, e, z) followed by linGrad(act, e,
// lam, e, v, beta), chunk by chunk: e = (Λ + β(σ(z) − V)) ⊙ σ′(z), and it
// returns max|V − Λ/β|.
func activateLinGrad(act solvers.Activation, e, z, lam, v []float64, beta float64) (maxB float64) {
	for c0 := 0; c0 < len(e); c0 += chunk {
		c1 := min(c0+chunk, len(e))
		ec := e[c0:c1]
		activateInto(act, ec, z[c0:c1])
		if b := linGrad(act, ec, lam[c0:c1], ec, v[c0:c1], beta); b > maxB {
			maxB = b
		}
	}
	return maxB
}

// shiftScaleSub sets z = c·(z − b) − e with b the last column of wt added to
// every column (addBiasCol(z, wt, −1) followed by z = c·z − e, in one pass).
func shiftScaleSub(z, wt *mat.Dense, c float64, e *mat.Dense) {
	raw, er := z.RawMatrix(), e.RawMatrix()
	_, cols := wt.Dims()
	for i := 0; i < raw.Rows; i++ {
		nb := float64(-1 * wt.At(i, cols-1))
		row := raw.Data[i*raw.Stride : i*raw.Stride+raw.Cols]
		erow := er.Data[i*er.Stride : i*er.Stride+raw.Cols]
		j := 0
		if kernels.VectorKernels {
			j = shiftScaleSubBlocks(row, erow, nb, c)
		}
		for ; j < len(row); j++ {
			row[j] = float64(c*(row[j]+nb)) - erow[j]
		}
	}
}

// updateMultipliers sets res = s − v and Λ += β·res (the update (13) with
// s = σ(WṼ), or WṼ for the output) and reports whether Λ and v are finite,
// checking each chunk while it is in cache. The hidden layers' update goes
// through updateMultipliersLinGrad, which has a vector kernel; this one
// serves the output layer, d_N × n, and that kernel's tail.
func updateMultipliers(res, lam, s, v []float64, beta float64) (finite bool) {
	n := len(res)
	lam, s, v = lam[:n], s[:n], v[:n]
	finite = true
	for c0 := 0; c0 < n; c0 += chunk {
		c1 := min(c0+chunk, n)
		rs, lc, sc, vc := res[c0:c1], lam[c0:c1], s[c0:c1], v[c0:c1]
		for k := range rs {
			rs[k] = sc[k] - vc[k]
			lc[k] += float64(beta * rs[k])
		}
		finite = finite && finiteSlice(lc) && finiteSlice(vc)
	}
	return finite
}

// updateMultipliersLinGrad is updateMultipliers followed by linGrad(act,
// e, lam, s, v, beta) at the updated Λ, which is what the next iteration
// starts from for a hidden layer: one pass over the layer instead of two
// where the CPU has AVX2. It returns updateMultipliers' finiteness and
// linGrad's maximum.
func updateMultipliersLinGrad(act solvers.Activation, res, lam, s, v, e []float64, beta float64) (finite bool, maxB float64) {
	n := len(res)
	lam, s, v, e = lam[:n], s[:n], v[:n], e[:n]
	if !kernels.VectorKernels {
		finite = updateMultipliers(res, lam, s, v, beta)
		return finite, linGrad(act, e, lam, s, v, beta)
	}
	var tanh bool
	switch act {
	case solvers.Sigmoid:
	case solvers.Tanh:
		tanh = true
	default:
		panic("admm: ADMM with activation " + act.String())
	}
	i, check, maxB := linGradBlocks(e, lam, s, v, res, beta, 1/beta, tanh, true)
	tail := updateMultipliers(res[i:], lam[i:], s[i:], v[i:], beta)
	if b := linGrad(act, e[i:], lam[i:], s[i:], v[i:], beta); b > maxB {
		maxB = b
	}
	return check == 0 && tail, maxB
}

// activateVRHS is activateInto(act, s, s) followed by vRHS(r, lam, s,
// beta, sub), chunk by chunk, so that vRHS reads σ from L1.
func activateVRHS(act solvers.Activation, r, lam, s []float64, beta float64, sub bool) {
	for c0 := 0; c0 < len(r); c0 += chunk {
		c1 := min(c0+chunk, len(r))
		sc := s[c0:c1]
		activateInto(act, sc, sc)
		vRHS(r[c0:c1], lam[c0:c1], sc, beta, sub)
	}
}

// subDivInto sets v = (r − v)/d: in one vector pass where the CPU has
// AVX2, else chunk by chunk with the division by DivInto's kernel.
func subDivInto(v, r []float64, d float64) {
	r = r[:len(v)]
	i := 0
	if kernels.VectorKernels {
		i = subDivBlocks(v, r, d)
	}
	for c0 := i; c0 < len(v); c0 += chunk {
		c1 := min(c0+chunk, len(v))
		vc, rc := v[c0:c1], r[c0:c1]
		for k := range vc {
			vc[k] = rc[k] - vc[k]
		}
		kernels.DivInto(vc, d)
	}
}

// vRHS finishes the right-hand side of a V-update in r, which holds the
// product with Wᵀ: r = r + (Λ + β·S), or r = (Λ + β·S) − r when sub.
func vRHS(r, lam, s []float64, beta float64, sub bool) {
	lam, s = lam[:len(r)], s[:len(r)]
	i := 0
	if kernels.VectorKernels {
		i = vRHSBlocks(r, lam, s, beta, sub)
	}
	if sub {
		for ; i < len(r); i++ {
			r[i] = lam[i] + float64(beta*s[i]) - r[i]
		}
		return
	}
	for ; i < len(r); i++ {
		r[i] += lam[i] + float64(beta*s[i])
	}
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

// scaleShift sets the upper triangle of dst = c·g + d·I from that of g;
// dst may be g. The systems are read from their upper triangle only.
func scaleShift(dst, g *mat.Dense, c, d float64) {
	n, _ := g.Dims()
	gr, dr := g.RawMatrix(), dst.RawMatrix()
	for i := 0; i < n; i++ {
		gi := gr.Data[i*gr.Stride+i : i*gr.Stride+n]
		di := dr.Data[i*dr.Stride+i : i*dr.Stride+n]
		for j := range di {
			di[j] = float64(c * gi[j])
		}
		di[0] += d
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
