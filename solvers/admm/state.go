package admm

import (
	"fmt"

	"github.com/admmlab/admmlab/solvers"
	"github.com/admmlab/admmlab/solvers/kernels"
	"github.com/admmlab/admmlab/solvers/nn"
	"gonum.org/v1/gonum/mat"
)

// admmState is the iterate (W, V, Λ) of Algorithm 1 plus every buffer an
// iteration needs, so that step allocates nothing. Layers are zero-based:
// layer i (the paper's i+1) maps Ṽ_{i−1} = [V_{i−1}; 1ᵀ] to V_i, Ṽ_{−1} = [X; 1ᵀ].
type admmState struct {
	act    solvers.Activation
	lambda float64
	beta   []float64
	lla    solvers.LLA
	nl     int // number of layers N
	iter   int // iterations done

	xa *mat.Dense   // [X; 1ᵀ]
	y  *mat.Dense   // Y
	wt []*mat.Dense // [W_i b_i], d_i × (d_{i−1}+1)
	wp []*mat.Dense // [W_i b_i] before the last update (for LayerNorms)
	va []*mat.Dense // hidden i: [V_i; 1ᵀ]; the ones row is never written
	v  []*mat.Dense // V_i: top rows of va[i] for hidden layers, own matrix for the output
	lm []*mat.Dense // Λ_i
	// s[i] = σ(W_i Ṽ_{i−1}) at the current iterate for hidden i. It is computed
	// once in the V-pass and reused by the Λ-update and by the next
	// iteration's W-update, which linearises around exactly this point.
	s   []*mat.Dense
	p   *mat.Dense   // W_N Ṽ_{N−1} at the current iterate
	res []*mat.Dense // σ(W_iṼ_{i−1}) − V_i (linear for the output) after the update

	// inT[i] = Ṽ_{i−1}ᵀ, n × (d_{i−1}+1), refreshed whenever V changes:
	// the products with Ṽᵀ read it, as Gemm takes B untransposed.
	inT []*mat.Dense

	// Scratch. The symmetric systems are stored in full (see linalg.go).
	g     []*mat.Dense // Ṽ_{i−1}Ṽ_{i−1}ᵀ; g[0] is constant
	sysW  []*mat.Dense
	rhsW  []*mat.Dense
	rhsWt []*mat.Dense // rhsW[i]ᵀ, solved in place
	e     []*mat.Dense // hidden: d_i × n
	z     []*mat.Dense // V-pass j ≤ N−3: d_{j+1} × n
	rhsV  []*mat.Dense // hidden: d_j × n
	sysV  []*mat.Dense
	wT    []*mat.Dense // layer i ≥ 1: W_iᵀ (without the bias), d_{i−1} × d_i
	t     *mat.Dense   // d_N × n
	// Woodbury solve of (56) when d_N < d_{N−1}.
	u  *mat.Dense // d_N × n
	k  *mat.Dense
	sv linWork // cholesky's and cholSolve's scratch

	sw *statsWork // stats' buffers, nil until the first call
}

// newADMMState validates its inputs and sets the iterate by (7): V⁰ by a
// forward pass, Λ⁰ = 0.
func newADMMState(net *nn.Net, p nn.Problem, cfg ADMMConfig) (*admmState, error) {
	beta, err := checkADMMInputs(net, p, cfg)
	if err != nil {
		return nil, err
	}
	sizes := net.Sizes()
	nl := len(net.W)
	_, n := p.X.Dims()
	st := &admmState{
		act: net.Hidden, lambda: cfg.Lambda, beta: append([]float64(nil), beta...),
		lla: cfg.LLA, nl: nl,
		y:  p.Y,
		xa: augmented(p.X),
		wt: make([]*mat.Dense, nl), wp: make([]*mat.Dense, nl),
		va: make([]*mat.Dense, nl-1), v: make([]*mat.Dense, nl),
		lm: make([]*mat.Dense, nl), s: make([]*mat.Dense, nl-1),
		res: make([]*mat.Dense, nl),
		inT: make([]*mat.Dense, nl),
		g:   make([]*mat.Dense, nl), sysW: make([]*mat.Dense, nl),
		rhsW: make([]*mat.Dense, nl), rhsWt: make([]*mat.Dense, nl),
		e: make([]*mat.Dense, nl-1), z: make([]*mat.Dense, nl-1),
		rhsV: make([]*mat.Dense, nl-1), sysV: make([]*mat.Dense, nl-1),
		wT: make([]*mat.Dense, nl),
	}
	if st.lla == 0 {
		st.lla = solvers.LLAReference
	}
	for i := 0; i < nl; i++ {
		din, dout := sizes[i], sizes[i+1]
		w := mat.NewDense(dout, din+1, nil)
		w.Slice(0, dout, 0, din).(*mat.Dense).Copy(net.W[i])
		w.Slice(0, dout, din, din+1).(*mat.Dense).Copy(net.B[i])
		st.wt[i] = w
		st.wp[i] = mat.NewDense(dout, din+1, nil)
		st.lm[i] = mat.NewDense(dout, n, nil)
		st.res[i] = mat.NewDense(dout, n, nil)
		st.inT[i] = mat.NewDense(n, din+1, nil)
		st.g[i] = mat.NewDense(din+1, din+1, nil)
		st.sysW[i] = mat.NewDense(din+1, din+1, nil)
		st.rhsW[i] = mat.NewDense(dout, din+1, nil)
		st.rhsWt[i] = mat.NewDense(din+1, dout, nil)
		if i > 0 {
			st.wT[i] = mat.NewDense(din, dout, nil)
		}
		if i < nl-1 {
			st.va[i] = mat.NewDense(dout+1, n, nil)
			ones := flat(st.va[i])[dout*n:]
			for j := range ones {
				ones[j] = 1
			}
			st.v[i] = st.va[i].Slice(0, dout, 0, n).(*mat.Dense)
			st.s[i] = mat.NewDense(dout, n, nil)
			st.e[i] = mat.NewDense(dout, n, nil)
			st.z[i] = mat.NewDense(sizes[i+2], n, nil)
			st.rhsV[i] = mat.NewDense(dout, n, nil)
			st.sysV[i] = mat.NewDense(dout, dout, nil)
		} else {
			st.v[i] = mat.NewDense(dout, n, nil)
		}
	}
	st.p = mat.NewDense(sizes[nl], n, nil)
	st.t = mat.NewDense(sizes[nl], n, nil)
	st.u = mat.NewDense(sizes[nl], n, nil)
	st.k = mat.NewDense(sizes[nl], sizes[nl], nil)
	kernels.TransposeDense(st.inT[0], st.xa)
	gramInto(st.g[0], st.xa, st.inT[0])

	// (7): V⁰ by a forward pass; Λ⁰ = 0 already.
	for i := 0; i < nl-1; i++ {
		kernels.MulInto(st.v[i], st.wt[i], st.in(i))
		activateInto(st.act, flat(st.v[i]), flat(st.v[i]))
		st.s[i].Copy(st.v[i])
	}
	kernels.MulInto(st.p, st.wt[nl-1], st.in(nl-1))
	st.v[nl-1].Copy(st.p)
	st.transposeInputs()
	if what := st.nonFinite(); what != "" {
		return nil, &nn.DivergedError{Epoch: 0, What: what + " of the initial iterate (7)"}
	}
	return st, nil
}

// augmented returns [m; 1ᵀ].
func augmented(m *mat.Dense) *mat.Dense {
	r, c := m.Dims()
	a := mat.NewDense(r+1, c, nil)
	a.Slice(0, r, 0, c).(*mat.Dense).Copy(m)
	for j := 0; j < c; j++ {
		a.Set(r, j, 1)
	}
	return a
}

// in returns Ṽ_{i−1}, the augmented input of layer i.
func (st *admmState) in(i int) *mat.Dense {
	if i == 0 {
		return st.xa
	}
	return st.va[i-1]
}

// wNoBias returns the view W_i of [W_i b_i].
func (st *admmState) wNoBias(i int) *mat.Dense {
	r, c := st.wt[i].Dims()
	return st.wt[i].Slice(0, r, 0, c-1).(*mat.Dense)
}

// transposeInputs refreshes inT[i] = Ṽ_{i−1}ᵀ for the hidden layers' outputs
// (Ṽ_{−1} = [X; 1ᵀ] never changes).
func (st *admmState) transposeInputs() {
	for i := 1; i < st.nl; i++ {
		kernels.TransposeDense(st.inT[i], st.va[i-1])
	}
}

// step performs one iteration of Algorithm 1. Products that feed a sum are
// rounded on their own (float64(a*b)): the compiler may otherwise fuse them
// into FMAs on some machines and not on others (see linalg.go).
func (st *admmState) step() error {
	nl := st.nl
	out := nl - 1
	for i := range st.wt {
		st.wp[i].Copy(st.wt[i])
	}

	// Backward estimation. Output layer by (50):
	// [W b] = (βV_N − Λ_N) Ãᵀ (λI + βÃÃᵀ)⁻¹, Ã = Ṽ_{N−1}^{k−1}.
	bN := st.beta[out]
	a := st.in(out)
	gramInto(st.g[out], a, st.inT[out])
	scaleShift(st.sysW[out], st.g[out], bN, st.lambda)
	tf, vf, lf := flat(st.t), flat(st.v[out]), flat(st.lm[out])
	for k := range tf {
		tf[k] = float64(bN*vf[k]) - lf[k]
	}
	kernels.MulInto(st.rhsW[out], st.t, st.inT[out])
	if err := st.solveW(out); err != nil {
		return err
	}
	// Hidden layers by (51): [W b] = ((βh/2)[W b]ÃÃᵀ − E Ãᵀ)(λI + (βh/2)ÃÃᵀ)⁻¹
	// with E = (Λ + β(σ(WÃ) − V)) ⊙ σ′(WÃ) at the previous iterate, computed
	// as the step from the previous [W b]:
	//	[W b] − (λ[W b] + E Ãᵀ)(λI + (βh/2)ÃÃᵀ)⁻¹,
	// the same in exact arithmetic, without the product [W b]ÃÃᵀ (a third of
	// an iteration on EYB's 1025-wide input layer).
	for i := nl - 2; i >= 0; i-- {
		b := st.beta[i]
		maxB := linGrad(st.act, flat(st.e[i]), flat(st.lm[i]), flat(st.s[i]), flat(st.v[i]), b)
		c := b * llaConstant(st.lla, st.act, maxB) / 2
		a := st.in(i)
		if i > 0 {
			gramInto(st.g[i], a, st.inT[i])
		}
		scaleShift(st.sysW[i], st.g[i], c, st.lambda)
		kernels.MulInto(st.rhsW[i], st.e[i], st.inT[i])
		rf, wf := flat(st.rhsW[i]), flat(st.wp[i])
		for k := range rf {
			rf[k] += float64(st.lambda * wf[k])
		}
		if err := st.solveW(i); err != nil {
			return err
		}
		wf = flat(st.wt[i])
		for k, w := range flat(st.wp[i]) {
			wf[k] = w - wf[k]
		}
	}

	// Forward prediction. V_j, j ≤ N−3 (paper's j ≤ N−2), by (57), linearising
	// σ(W_{j+1}Ṽ_j) around V_j^{k−1}; the bias enters σ but not the μ-term:
	// (β_jI + cWᵀW)V_j = Λ_j + β_jσ(W_jṼ_{j−1}) + Wᵀ(c·W V_j^{k−1} − E′), c = β_{j+1}μ/2,
	// E′ = (Λ_{j+1} + β_{j+1}(σ(W_{j+1}Ṽ_j^{k−1}) − V_{j+1})) ⊙ σ′(·).
	// The minus before E′ follows from the optimality condition printed just
	// above (57) in the paper; (57) itself has a sign typo (+Wᵀ(…)), and the
	// golden trajectories confirm the minus (the plus is off by 0.5–2% at k = 2).
	for j := 0; j <= nl-3; j++ {
		kernels.MulInto(st.s[j], st.wt[j], st.in(j))
		activateInto(st.act, flat(st.s[j]), flat(st.s[j]))
		z, e := st.z[j], st.e[j+1]
		kernels.MulInto(z, st.wt[j+1], st.va[j]) // V_j still holds V_j^{k−1}
		activateInto(st.act, flat(e), flat(z))
		b1 := st.beta[j+1]
		maxB := linGrad(st.act, flat(e), flat(st.lm[j+1]), flat(e), flat(st.v[j+1]), b1)
		c := b1 * llaConstant(st.lla, st.act, maxB) / 2
		addBiasCol(z, st.wt[j+1], -1)
		zf, ef := flat(z), flat(e)
		for k := range zf {
			zf[k] = float64(c*zf[k]) - ef[k]
		}
		w := st.wNoBias(j + 1)
		kernels.MulTInto(st.rhsV[j], w, z)
		rf, lf, sf := flat(st.rhsV[j]), flat(st.lm[j]), flat(st.s[j])
		bj := st.beta[j]
		for k := range rf {
			rf[k] += lf[k] + float64(bj*sf[k])
		}
		st.gramT(st.sysV[j], j+1)
		scaleShift(st.sysV[j], st.sysV[j], c, bj)
		if err := st.solveV(j); err != nil {
			return err
		}
	}
	// V_{N−1} (zero-based N−2) by (56):
	// (β_{N−1}I + β_N W_NᵀW_N)⁻¹[Λ_{N−1} + β_{N−1}σ(W_{N−1}Ṽ_{N−2}) − W_Nᵀ(Λ_N − β_N(V_N^{k−1} − b_N))].
	j := nl - 2
	kernels.MulInto(st.s[j], st.wt[j], st.in(j))
	activateInto(st.act, flat(st.s[j]), flat(st.s[j]))
	st.t.Copy(st.v[out])
	addBiasCol(st.t, st.wt[out], -1)
	for k := range tf {
		tf[k] = lf[k] - float64(bN*tf[k])
	}
	w := st.wNoBias(out)
	kernels.MulTInto(st.rhsV[j], w, st.t)
	rf, ljf, sf := flat(st.rhsV[j]), flat(st.lm[j]), flat(st.s[j])
	bj := st.beta[j]
	for k := range rf {
		rf[k] = ljf[k] + float64(bj*sf[k]) - rf[k]
	}
	if err := st.solveOutputV(j, w, bj, bN); err != nil {
		return err
	}
	// V_N by (12): (Y + Λ_N + β_N W_NṼ_{N−1}) / (1 + β_N). Once Λ_N = V_N − Y
	// holds (every k ≥ 1, Lemma 8) this is (55); at k = 1, Λ⁰ = 0 and (55)
	// would pull V_N towards V_N⁰ instead of Y.
	kernels.MulInto(st.p, st.wt[out], st.va[out-1])
	pf, yf := flat(st.p), flat(st.y)
	for k := range vf {
		vf[k] = (yf[k] + lf[k] + float64(bN*pf[k])) / (1 + bN)
	}

	// Multipliers by (13).
	for i := 0; i < nl-1; i++ {
		rs, sf, vi, li := flat(st.res[i]), flat(st.s[i]), flat(st.v[i]), flat(st.lm[i])
		bi := st.beta[i]
		for k := range rs {
			rs[k] = sf[k] - vi[k]
			li[k] += float64(bi * rs[k])
		}
	}
	rs := flat(st.res[out])
	for k := range rs {
		rs[k] = pf[k] - vf[k]
		lf[k] += float64(bN * rs[k])
	}
	st.iter++
	if what := st.nonFinite(); what != "" {
		return &nn.DivergedError{Epoch: st.iter, What: what}
	}
	st.transposeInputs()
	return nil
}

// nonFinite names the first non-finite block of the iterate, or returns "".
func (st *admmState) nonFinite() string {
	for i := range st.wt {
		if !allFinite(st.wt[i]) {
			return fmt.Sprintf("layer %d weights [W b]", i+1)
		}
		if !allFinite(st.v[i]) {
			return fmt.Sprintf("layer %d responses V", i+1)
		}
		if !allFinite(st.lm[i]) {
			return fmt.Sprintf("layer %d multipliers Λ", i+1)
		}
	}
	return ""
}

// writeBack copies [W b] into net.
func (st *admmState) writeBack(net *nn.Net) {
	for i, w := range st.wt {
		r, c := w.Dims()
		net.W[i].Copy(w.Slice(0, r, 0, c-1))
		net.B[i].CopyVec(w.ColView(c - 1))
	}
}
