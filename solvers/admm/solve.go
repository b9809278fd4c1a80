package admm

import (
	"fmt"

	"github.com/admmlab/admmlab/solvers/kernels"
	"github.com/admmlab/admmlab/solvers/nn"
	"gonum.org/v1/gonum/mat"
)

// The systems are factorised in place and without a condition estimate,
// which the authors' code does not act on either (λ is tiny by design, so
// these systems are ill-conditioned on purpose).

// cholesky factorises the scratch system s = Uᵀ·U in place.
func (st *admmState) cholesky(s *mat.Dense, what string, layer int) error {
	if !cholesky(s, &st.sv) {
		return &nn.DivergedError{Epoch: st.iter + 1, What: fmt.Sprintf("layer %d %s (its system is not positive definite, so the solution)", layer+1, what)}
	}
	return nil
}

// gramT sets g = W_iᵀW_i (W_i without its bias column) by gramInto, which
// computes the upper triangle and mirrors it: the same FMA chains, and so
// the same bits, as the full product MulTInto(g, W_i, W_i).
func (st *admmState) gramT(g *mat.Dense, i int) {
	w := st.wNoBias(i)
	kernels.TransposeDense(st.wT[i], w)
	gramInto(g, st.wT[i], w)
}

// solveW sets wt[i] to the solution X of X·sysW[i] = rhsW[i], that is of
// the symmetric system sysW[i]·Xᵀ = rhsW[i]ᵀ.
func (st *admmState) solveW(i int) error {
	if err := st.cholesky(st.sysW[i], "W-update", i); err != nil {
		return err
	}
	kernels.TransposeDense(st.rhsWt[i], st.rhsW[i])
	cholSolve(st.sysW[i], st.rhsWt[i], &st.sv)
	kernels.TransposeDense(st.wt[i], st.rhsWt[i])
	return nil
}

// solveV sets V_j to the solution of sysV[j]·V = rhsV[j].
func (st *admmState) solveV(j int) error {
	if err := st.cholesky(st.sysV[j], "V-update", j); err != nil {
		return err
	}
	st.v[j].Copy(st.rhsV[j])
	cholSolve(st.sysV[j], st.v[j], &st.sv)
	return nil
}

// solveOutputV solves (56), (β_jI + β_N WᵀW)V_j = rhsV[j] with W = W_N
// (d_N × d_j). When the output is narrower than the layer below it (d_N = 1
// for regression) it uses the Woodbury identity
//
//	(β_jI + β_N WᵀW)⁻¹ = (I − Wᵀ(β_j/β_N I + WWᵀ)⁻¹W) / β_j,
//
// a d_N×d_N Cholesky solve instead of a d_j×d_j one with n right-hand sides.
func (st *admmState) solveOutputV(j int, w *mat.Dense, bj, bN float64) error {
	dN, dj := w.Dims()
	if dN >= dj {
		st.gramT(st.sysV[j], j+1)
		scaleShift(st.sysV[j], st.sysV[j], bN, bj)
		return st.solveV(j)
	}
	kernels.TransposeDense(st.wT[j+1], w)
	kernels.MulInto(st.k, w, st.wT[j+1])
	scaleShift(st.k, st.k, 1, bj/bN)
	if err := st.cholesky(st.k, "V-update", j); err != nil {
		return err
	}
	kernels.MulInto(st.u, w, st.rhsV[j])
	cholSolve(st.k, st.u, &st.sv)
	kernels.MulTInto(st.v[j], w, st.u)
	vf, rf := flat(st.v[j]), flat(st.rhsV[j])
	for i := range vf {
		vf[i] = (rf[i] - vf[i]) / bj
	}
	return nil
}
