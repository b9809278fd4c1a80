package sgd

import (
	"math"

	"github.com/admmlab/admmlab/solvers"
	"github.com/admmlab/admmlab/solvers/kernels"
	"github.com/admmlab/admmlab/solvers/nn"
)

// update applies one optimiser step with learning rate lr using t.g.
func (t *sgdTrainer) update(lr float64) {
	var c1, c2 float64
	if t.cfg.Method == solvers.Adam {
		t.steps++
		c1 = 1 - math.Pow(AdamBeta1, float64(t.steps))
		c2 = 1 - math.Pow(AdamBeta2, float64(t.steps))
	}
	mu := t.cfg.Momentum
	if mu == 0 {
		mu = DefaultMomentum
	}
	for i, w := range t.net.W {
		raw := w.RawMatrix()
		gw := t.g.w[i]
		if raw.Stride == raw.Cols {
			// Contiguous weights (as the gradient and optimiser state
			// always are): one step over the whole matrix.
			t.step(raw.Data[:len(gw.Data)], gw.Data, i, 0, len(gw.Data), false, lr, mu, c1, c2)
			t.stepBias(i, lr, mu, c1, c2)
			continue
		}
		for r := 0; r < raw.Rows; r++ {
			p := raw.Data[r*raw.Stride : r*raw.Stride+raw.Cols]
			lo, hi := r*gw.Stride, r*gw.Stride+gw.Cols
			t.step(p, gw.Data[lo:hi], i, lo, hi, false, lr, mu, c1, c2)
		}
		t.stepBias(i, lr, mu, c1, c2)
	}
}

// stepBias updates layer i's bias.
func (t *sgdTrainer) stepBias(i int, lr, mu, c1, c2 float64) {
	b := t.net.B[i].RawVector()
	if b.Inc == 1 {
		t.step(b.Data[:b.N], t.g.b[i], i, 0, b.N, true, lr, mu, c1, c2)
		return
	}
	// A strided bias (a view into a larger vector): step element-wise.
	for k := 0; k < b.N; k++ {
		t.step(b.Data[k*b.Inc:k*b.Inc+1], t.g.b[i][k:k+1], i, k, k+1, true, lr, mu, c1, c2)
	}
}

// step updates the parameters p with gradient g; [lo, hi) locates g inside
// layer i's weight (bias when isBias) gradient so the optimiser state at the
// same place is used.
func (t *sgdTrainer) step(p, g []float64, i, lo, hi int, isBias bool, lr, mu, c1, c2 float64) {
	switch t.cfg.Method {
	case solvers.SGD:
		kernels.SGDStep(p, g, lr)
	case solvers.SGDM:
		v := t.v.w[i].Data[lo:hi]
		if isBias {
			v = t.v.b[i][lo:hi]
		}
		for j, gj := range g {
			// Products are rounded on their own, so that no compiler fuses
			// them into FMAs (arm64 would, amd64 from GOAMD64=v3 on).
			v[j] = float64(mu*v[j]) + gj
			p[j] -= float64(lr * v[j])
		}
	case solvers.Adam:
		m, s := t.v.w[i].Data[lo:hi], t.s.w[i].Data[lo:hi]
		if isBias {
			m, s = t.v.b[i][lo:hi], t.s.b[i][lo:hi]
		}
		a := lr / c1
		sq2 := math.Sqrt(c2)
		for j, gj := range g {
			m[j] = float64(AdamBeta1*m[j]) + float64((1-AdamBeta1)*gj)
			s[j] = float64(AdamBeta2*s[j]) + float64((1-AdamBeta2)*gj*gj)
			p[j] -= a * m[j] / (math.Sqrt(s[j])/sq2 + AdamEps)
		}
	}
}

// evaluate fills the MSE and accuracy fields of st from full-set forward
// passes of the current net: accuracy on the outputs, MSE on what the loss
// predicts (Probabilities).
func (t *sgdTrainer) evaluate(st *nn.EpochStats) error {
	sizes := t.net.Sizes()
	if t.evalTrain == nil {
		t.evalTrain = newEvalWork(sizes, t.p.X)
	}
	pred := t.evalTrain.run(t.net)
	st.IsClassify = t.p.Task != solvers.Regression
	if st.IsClassify {
		st.TrainAcc = nn.Accuracy(pred, t.p.Y, t.p.Task)
	}
	Probabilities(t.cfg.Loss, t.p.Task, pred) // accuracy first: read on the outputs
	st.TrainMSE = nn.MSE(pred, t.p.Y)
	if math.IsNaN(st.TrainMSE) || math.IsInf(st.TrainMSE, 0) {
		return &nn.DivergedError{Epoch: st.Epoch, What: "training MSE"}
	}
	if t.p.TestX == nil {
		return nil
	}
	if t.evalTest == nil {
		t.evalTest = newEvalWork(sizes, t.p.TestX)
	}
	pred = t.evalTest.run(t.net)
	st.HasTest = true
	if st.IsClassify {
		st.TestAcc = nn.Accuracy(pred, t.p.TestY, t.p.Task)
	}
	Probabilities(t.cfg.Loss, t.p.Task, pred)
	st.TestMSE = nn.MSE(pred, t.p.TestY)
	if math.IsNaN(st.TestMSE) || math.IsInf(st.TestMSE, 0) {
		return &nn.DivergedError{Epoch: st.Epoch, What: "test MSE"}
	}
	return nil
}
