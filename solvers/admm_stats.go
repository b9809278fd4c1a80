package solvers

import (
	"math"

	"gonum.org/v1/gonum/mat"
)

// stats computes the EpochStats of the current iterate. net must already hold
// the current weights (writeBack).
func (st *admmState) stats(net *Net, p Problem) (EpochStats, error) {
	es := EpochStats{Epoch: st.iter}
	out := st.forwardTrain()
	es.TrainMSE = MSE(out, st.y)
	es.AugLagrangian = st.augLagrangian()
	es.KKT = st.kkt()
	es.Violation = make([]float64, st.nl)
	es.LayerNorms = make([]float64, st.nl)
	for i := 0; i < st.nl; i++ {
		es.Violation[i] = math.Sqrt(sumSq(flat(st.res[i])))
		d := mat.NewDense(st.wt[i].RawMatrix().Rows, st.wt[i].RawMatrix().Cols, nil)
		d.Sub(st.wt[i], st.wp[i])
		es.LayerNorms[i] = mat.Norm(d, 2)
	}
	if math.IsNaN(es.TrainMSE) || math.IsInf(es.TrainMSE, 0) {
		return es, &DivergedError{Epoch: st.iter, What: "training loss"}
	}
	if math.IsNaN(es.AugLagrangian) || math.IsInf(es.AugLagrangian, 0) {
		return es, &DivergedError{Epoch: st.iter, What: "augmented Lagrangian"}
	}
	if p.Task != Regression {
		es.IsClassify = true
		es.TrainAcc = Accuracy(out, st.y, p.Task)
	}
	if p.TestX != nil {
		es.HasTest = true
		pt := net.Forward(p.TestX)
		es.TestMSE = MSE(pt, p.TestY)
		if p.Task != Regression {
			es.TestAcc = Accuracy(pt, p.TestY, p.Task)
		}
	}
	return es, nil
}

// forwardTrain returns f(X; W^k). The first hidden layer's response is s[0]
// (its input X never changes), which saves one pass of exp.
func (st *admmState) forwardTrain() *mat.Dense {
	in := st.xa
	_, n := in.Dims()
	for i := 0; i < st.nl; i++ {
		r, _ := st.wt[i].Dims()
		if i == st.nl-1 {
			o := mat.NewDense(r, n, nil)
			o.Mul(st.wt[i], in)
			return o
		}
		a := mat.NewDense(r+1, n, nil)
		top := a.Slice(0, r, 0, n).(*mat.Dense)
		if i == 0 {
			top.Copy(st.s[0])
		} else {
			top.Mul(st.wt[i], in)
			activateInto(st.act, flat(top), flat(top))
		}
		ones := flat(a)[r*n:]
		for j := range ones {
			ones[j] = 1
		}
		in = a
	}
	panic("unreachable")
}

// augLagrangian evaluates (6) at the current iterate, with λ/2‖[W_i b_i]‖²
// for every layer and the constraint residuals res computed by the
// multiplier update.
func (st *admmState) augLagrangian() float64 {
	var l float64
	vf, yf := flat(st.v[st.nl-1]), flat(st.y)
	for k, v := range vf {
		d := v - yf[k]
		l += d * d
	}
	l /= 2
	for i := 0; i < st.nl; i++ {
		l += st.lambda / 2 * sumSq(st.wt[i].RawMatrix().Data)
		r := flat(st.res[i])
		l += st.beta[i]/2*sumSq(r) + dot(flat(st.lm[i]), r)
	}
	return l
}

// kkt returns the stationarity residuals of (24) as TrainADMM documents.
func (st *admmState) kkt() []float64 {
	nl := st.nl
	out := make([]float64, 2*nl)
	// W-stationarity.
	for i := 0; i < nl; i++ {
		m := st.lm[i]
		if i < nl-1 {
			m = st.lamDeriv(i)
		}
		g := mat.NewDense(st.wt[i].RawMatrix().Rows, st.wt[i].RawMatrix().Cols, nil)
		g.Mul(m, st.in(i).T())
		g.Add(g, scaled(st.lambda, st.wt[i]))
		out[i] = mat.Norm(g, 2)
	}
	// V-stationarity.
	for i := 0; i < nl-1; i++ {
		m := st.lm[i+1]
		if i+1 < nl-1 {
			m = st.lamDeriv(i + 1)
		}
		r, c := st.lm[i].Dims()
		g := mat.NewDense(r, c, nil)
		g.Mul(st.wNoBias(i+1).T(), m)
		g.Sub(g, st.lm[i])
		out[nl+i] = mat.Norm(g, 2)
	}
	var s float64
	lf, vf, yf := flat(st.lm[nl-1]), flat(st.v[nl-1]), flat(st.y)
	for k, l := range lf {
		d := vf[k] - yf[k] - l
		s += d * d
	}
	out[2*nl-1] = math.Sqrt(s)
	return out
}

// lamDeriv returns Λ_i ⊙ σ′(W_iṼ_{i−1}) at the current iterate (hidden i).
func (st *admmState) lamDeriv(i int) *mat.Dense {
	r, c := st.lm[i].Dims()
	m := mat.NewDense(r, c, nil)
	mf, lf, sf := flat(m), flat(st.lm[i]), flat(st.s[i])
	for k := range mf {
		mf[k] = lf[k] * derivFromValue(st.act, sf[k])
	}
	return m
}

func scaled(a float64, m mat.Matrix) *mat.Dense {
	var d mat.Dense
	d.Scale(a, m)
	return &d
}
