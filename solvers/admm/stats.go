package admm

import (
	"math"

	"github.com/admmlab/admmlab/solvers"
	"github.com/admmlab/admmlab/solvers/kernels"
	"github.com/admmlab/admmlab/solvers/nn"
	"gonum.org/v1/gonum/mat"
)

// statsWork holds the buffers of stats, allocated at its first call: the
// pipeline observes every iteration, and fresh n-column matrices each time
// cost as much as the products they hold.
type statsWork struct {
	train  forwardWork
	test   forwardWork
	xaTest *mat.Dense   // [TestX; 1ᵀ]
	lamD   []*mat.Dense // hidden i: Λ_i ⊙ σ′(W_iṼ_{i−1}), d_i × n
	gW     []*mat.Dense // W_i-stationarity, d_i × (d_{i−1}+1)
	gV     []*mat.Dense // V_i-stationarity, hidden i: d_i × n
}

// forwardWork holds a forward pass's responses: hidden ones augmented with a
// ones row, as the next layer's input, and the output.
type forwardWork struct {
	hidden []*mat.Dense
	out    *mat.Dense
}

func newForwardWork(wt []*mat.Dense, n int) forwardWork {
	var fw forwardWork
	for i, w := range wt {
		r, _ := w.Dims()
		if i == len(wt)-1 {
			fw.out = mat.NewDense(r, n, nil)
			break
		}
		a := mat.NewDense(r+1, n, nil)
		ones := flat(a)[r*n:]
		for j := range ones {
			ones[j] = 1
		}
		fw.hidden = append(fw.hidden, a)
	}
	return fw
}

func (st *admmState) statsWork(p nn.Problem) *statsWork {
	if st.sw != nil {
		return st.sw
	}
	_, n := st.xa.Dims()
	sw := &statsWork{
		train: newForwardWork(st.wt, n),
		lamD:  make([]*mat.Dense, st.nl), gW: make([]*mat.Dense, st.nl), gV: make([]*mat.Dense, st.nl),
	}
	for i := 0; i < st.nl; i++ {
		r, c := st.wt[i].Dims()
		sw.gW[i] = mat.NewDense(r, c, nil)
		if i < st.nl-1 {
			sw.lamD[i] = mat.NewDense(r, n, nil)
			sw.gV[i] = mat.NewDense(r, n, nil)
		}
	}
	if p.TestX != nil {
		sw.xaTest = augmented(p.TestX)
		_, nt := p.TestX.Dims()
		sw.test = newForwardWork(st.wt, nt)
	}
	st.sw = sw
	return sw
}

// stats computes the EpochStats of the current iterate.
func (st *admmState) stats(p nn.Problem) (nn.EpochStats, error) {
	sw := st.statsWork(p)
	es := nn.EpochStats{Epoch: st.iter}
	out := st.forward(&sw.train, st.xa, true)
	es.TrainMSE = nn.MSE(out, st.y)
	es.AugLagrangian = st.augLagrangian()
	es.KKT = st.kkt(sw)
	es.Violation = make([]float64, st.nl)
	es.LayerNorms = make([]float64, st.nl)
	for i := 0; i < st.nl; i++ {
		es.Violation[i] = math.Sqrt(kernels.FMASumSq(flat(st.res[i])))
		var d2 float64
		for k, w := range flat(st.wt[i]) {
			d := w - flat(st.wp[i])[k]
			d2 += float64(d * d)
		}
		es.LayerNorms[i] = math.Sqrt(d2)
	}
	if math.IsNaN(es.TrainMSE) || math.IsInf(es.TrainMSE, 0) {
		return es, &nn.DivergedError{Epoch: st.iter, What: "training loss"}
	}
	if math.IsNaN(es.AugLagrangian) || math.IsInf(es.AugLagrangian, 0) {
		return es, &nn.DivergedError{Epoch: st.iter, What: "augmented Lagrangian"}
	}
	if p.Task != solvers.Regression {
		es.IsClassify = true
		es.TrainAcc = nn.Accuracy(out, st.y, p.Task)
	}
	if p.TestX != nil {
		es.HasTest = true
		pt := st.forward(&sw.test, sw.xaTest, false)
		es.TestMSE = nn.MSE(pt, p.TestY)
		if p.Task != solvers.Regression {
			es.TestAcc = nn.Accuracy(pt, p.TestY, p.Task)
		}
	}
	return es, nil
}

// forward returns f(in; W^k) for the augmented input in, in fw's buffers.
// On the training set (train) the first hidden layer's response is s[0]:
// its input X never changes, which saves a product and a pass of σ.
func (st *admmState) forward(fw *forwardWork, in *mat.Dense, train bool) *mat.Dense {
	for i, a := range fw.hidden {
		r, n := a.Dims()
		top := a.Slice(0, r-1, 0, n).(*mat.Dense)
		if i == 0 && train {
			top.Copy(st.s[0])
		} else {
			kernels.MulInto(top, st.wt[i], in)
			activateInto(st.act, flat(top), flat(top))
		}
		in = a
	}
	kernels.MulInto(fw.out, st.wt[st.nl-1], in)
	return fw.out
}

// augLagrangian evaluates (6) at the current iterate, with λ/2‖[W_i b_i]‖²
// for every layer and the constraint residuals res computed by the
// multiplier update.
func (st *admmState) augLagrangian() float64 {
	var l float64
	vf, yf := flat(st.v[st.nl-1]), flat(st.y)
	for k, v := range vf {
		d := v - yf[k]
		l += float64(d * d)
	}
	l /= 2
	for i := 0; i < st.nl; i++ {
		l += float64(st.lambda / 2 * kernels.FMASumSq(flat(st.wt[i])))
		r := flat(st.res[i])
		l += float64(st.beta[i]/2*kernels.FMASumSq(r)) + kernels.FMADot(flat(st.lm[i]), r)
	}
	return l
}

// kkt returns the stationarity residuals of (24) as TrainADMM documents.
func (st *admmState) kkt(sw *statsWork) []float64 {
	nl := st.nl
	out := make([]float64, 2*nl)
	for i := 0; i < nl-1; i++ {
		st.lamDeriv(sw.lamD[i], i)
	}
	// W-stationarity: ‖m Ṽ_{i−1}ᵀ + λ[W_i b_i]‖ with m = Λ_i ⊙ σ′ (Λ_N last).
	for i := 0; i < nl; i++ {
		m := st.lm[i]
		if i < nl-1 {
			m = sw.lamD[i]
		}
		g := sw.gW[i]
		kernels.MulInto(g, m, st.inT[i])
		gf, wf := flat(g), flat(st.wt[i])
		for k := range gf {
			gf[k] += float64(st.lambda * wf[k])
		}
		out[i] = math.Sqrt(kernels.FMASumSq(gf))
	}
	// V-stationarity: ‖W_{i+1}ᵀ m − Λ_i‖ with m as above for layer i+1.
	for i := 0; i < nl-1; i++ {
		m := st.lm[i+1]
		if i+1 < nl-1 {
			m = sw.lamD[i+1]
		}
		g := sw.gV[i]
		kernels.MulTInto(g, st.wNoBias(i+1), m)
		gf, lf := flat(g), flat(st.lm[i])
		for k := range gf {
			gf[k] -= lf[k]
		}
		out[nl+i] = math.Sqrt(kernels.FMASumSq(gf))
	}
	var s float64
	lf, vf, yf := flat(st.lm[nl-1]), flat(st.v[nl-1]), flat(st.y)
	for k, l := range lf {
		d := vf[k] - yf[k] - l
		s += float64(d * d)
	}
	out[2*nl-1] = math.Sqrt(s)
	return out
}

// lamDeriv sets m = Λ_i ⊙ σ′(W_iṼ_{i−1}) at the current iterate (hidden i).
func (st *admmState) lamDeriv(m *mat.Dense, i int) {
	mf, lf, sf := flat(m), flat(st.lm[i]), flat(st.s[i])
	for k := range mf {
		mf[k] = lf[k] * derivFromValue(st.act, sf[k])
	}
}
