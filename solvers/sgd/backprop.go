package sgd

import (
	"github.com/admmlab/admmlab/solvers"
	"github.com/admmlab/admmlab/solvers/kernels"
	"github.com/admmlab/admmlab/solvers/nn"
	"gonum.org/v1/gonum/blas/blas64"
	"gonum.org/v1/gonum/mat"
)

// The SGD family minimises the square loss of a minibatch of m columns and
// d_N outputs, averaged over every element,
//
//	L(W, b) = ‖f(X) − Y‖²_F / (m·d_N),
//
// which is PyTorch's MSELoss with mean reduction, the default the paper's
// baselines ran with. For one output it is the paper's (1/m)Σ‖f(x)−y‖²; for
// the 38 one-hot outputs of Extended Yale B the per-sample sum would make
// lr 0.1 overflow in the first epoch. Its gradient at the output is
// ∂L/∂f = 2(f(X) − Y)/(m·d_N).

// bpWork holds every buffer one forward/backward pass over m columns needs,
// so that a training loop allocates nothing per minibatch.
type bpWork struct {
	m  int
	a  []blas64.General // a[0] = input (d_0×m); a[i+1] = output of layer i
	d  []blas64.General // d[i] = ∂L/∂(pre-activation of layer i), d_{i+1}×m
	at []blas64.General // at[i] = a[i]ᵀ, m×d_i, for ∂L/∂W_i = d[i]·a[i]ᵀ
}

func bpGeneral(r, c int) blas64.General {
	return blas64.General{Rows: r, Cols: c, Stride: c, Data: make([]float64, r*c)}
}

// newBPWork allocates a workspace for the net's sizes and m columns. withDelta
// false omits the backward buffers (evaluation only).
func newBPWork(sizes []int, m int, withDelta bool) *bpWork {
	w := &bpWork{m: m, a: make([]blas64.General, len(sizes))}
	for i, d := range sizes {
		w.a[i] = bpGeneral(d, m)
	}
	if withDelta {
		w.d = make([]blas64.General, len(sizes)-1)
		w.at = make([]blas64.General, len(sizes)-1)
		for i := range w.d {
			w.d[i] = bpGeneral(sizes[i+1], m)
			w.at[i] = bpGeneral(m, sizes[i])
		}
	}
	return w
}

// grads holds ∂L/∂W_i and ∂L/∂b_i, contiguous.
type grads struct {
	w []blas64.General
	b [][]float64
}

func newGrads(sizes []int) *grads {
	g := &grads{w: make([]blas64.General, len(sizes)-1), b: make([][]float64, len(sizes)-1)}
	for i := range g.w {
		g.w[i] = bpGeneral(sizes[i+1], sizes[i])
		g.b[i] = make([]float64, sizes[i+1])
	}
	return g
}

// forward evaluates the net on ws.a[0] and leaves every layer's output in
// ws.a; the last is f(X).
func (ws *bpWork) forward(n *nn.Net) {
	last := len(n.W) - 1
	for i := range n.W {
		layerForward(n, i, ws.a[i], ws.a[i+1], i < last)
	}
}

// layerForward sets out = σ(W_i in + b_i) (without σ unless hidden). The bias
// and the activation are applied in one pass after the product.
func layerForward(n *nn.Net, i int, in, out blas64.General, hidden bool) {
	kernels.Gemm(false, n.W[i].RawMatrix(), in, out)
	b := n.B[i].RawVector()
	act := n.Hidden
	if !hidden {
		act = 0
	}
	for r := 0; r < out.Rows; r++ {
		row := out.Data[r*out.Stride : r*out.Stride+out.Cols]
		bi := b.Data[r*b.Inc]
		switch act {
		case 0: // linear output layer
			for j := range row {
				row[j] += bi
			}
		case solvers.Sigmoid:
			for j := range row {
				row[j] += bi
			}
			kernels.SigmoidInto(row, row)
		case solvers.ReLU:
			kernels.ReLUBiasInto(row, bi)
		case solvers.Tanh:
			for j, v := range row {
				row[j] = kernels.TanhOne(v + bi)
			}
		default:
			panic("sgd: invalid activation")
		}
	}
}

// backward computes the gradients of L = ‖f − Y‖²_F/(m·d_N) into g, assuming
// forward has just run on the same columns, and returns L.
func (ws *bpWork) backward(n *nn.Net, y blas64.General, g *grads) float64 {
	N := len(n.W)
	out, dN := ws.a[N], ws.d[N-1]
	scale := 2 / float64(ws.m*out.Rows)
	var loss float64
	for r := 0; r < out.Rows; r++ {
		o := out.Data[r*out.Stride : r*out.Stride+out.Cols]
		t := y.Data[r*y.Stride : r*y.Stride+y.Cols]
		dd := dN.Data[r*dN.Stride : r*dN.Stride+dN.Cols]
		for j, v := range o {
			e := v - t[j]
			loss += float64(e * e) // products rounded on their own: no FMA on any machine
			dd[j] = scale * e
		}
	}
	ws.propagate(n, g)
	return loss / float64(ws.m*out.Rows)
}

// propagate computes every layer's gradients into g from the output layer's
// ∂L/∂(pre-activation) in ws.d[N−1], whatever loss set it, assuming forward
// has just run on the same columns.
func (ws *bpWork) propagate(n *nn.Net, g *grads) {
	for i := len(n.W) - 1; i >= 0; i-- {
		d := ws.d[i]
		// Gemm has no transposed right operand: its kernel needs rows of
		// the right operand contiguous, so a[i] is transposed first.
		kernels.TransposeInto(ws.at[i], ws.a[i])
		kernels.Gemm(false, d, ws.at[i], g.w[i])
		gb := g.b[i]
		for r := 0; r < d.Rows; r++ {
			gb[r] = sum(d.Data[r*d.Stride : r*d.Stride+d.Cols])
		}
		if i > 0 {
			prev := ws.d[i-1]
			kernels.Gemm(true, n.W[i].RawMatrix(), d, prev)
			bpMulDeriv(n.Hidden, prev, ws.a[i])
		}
	}
}

// bpMulDeriv multiplies d elementwise by σ′ evaluated through the layer output
// a = σ(u): σ′ = a(1−a) for sigmoid, 1−a² for tanh, [a > 0] for ReLU (so
// ReLU′(0) = 0, as nn.Deriv).
func bpMulDeriv(act solvers.Activation, d, a blas64.General) {
	for r := 0; r < d.Rows; r++ {
		dr := d.Data[r*d.Stride : r*d.Stride+d.Cols]
		ar := a.Data[r*a.Stride : r*a.Stride+a.Cols]
		switch act {
		case solvers.Sigmoid:
			for j, v := range ar {
				dr[j] *= v * (1 - v)
			}
		case solvers.ReLU:
			kernels.ReLUMaskInto(dr, ar)
		case solvers.Tanh:
			for j, v := range ar {
				dr[j] *= 1 - float64(v*v)
			}
		default:
			panic("sgd: invalid activation")
		}
	}
}

// bpCopyInto copies the matrix m into the general g of the same shape.
func bpCopyInto(g blas64.General, m *mat.Dense) {
	raw := m.RawMatrix()
	for r := 0; r < raw.Rows; r++ {
		copy(g.Data[r*g.Stride:r*g.Stride+g.Cols], raw.Data[r*raw.Stride:r*raw.Stride+raw.Cols])
	}
}

// Gradient returns the square loss L = ‖f(X) − Y‖²_F / m of the m columns of
// X and Y and its gradients with respect to every W_i and b_i (freshly
// allocated, shaped like n.W and n.B). It panics if the shapes do not chain.
func Gradient(n *nn.Net, X, Y *mat.Dense) (loss float64, gW []*mat.Dense, gB []*mat.VecDense) {
	return gradientOf(n, X, Y, (*bpWork).backward)
}

// gradientOf is Gradient for the loss whose backward pass is back.
func gradientOf(n *nn.Net, X, Y *mat.Dense, back func(*bpWork, *nn.Net, blas64.General, *grads) float64) (loss float64, gW []*mat.Dense, gB []*mat.VecDense) {
	sizes := n.Sizes()
	d0, m := X.Dims()
	dN, my := Y.Dims()
	if d0 != sizes[0] || dN != sizes[len(sizes)-1] || my != m {
		panic(mat.ErrShape)
	}
	ws := newBPWork(sizes, m, true)
	g := newGrads(sizes)
	bpCopyInto(ws.a[0], X)
	ws.forward(n)
	y := bpGeneral(dN, m)
	bpCopyInto(y, Y)
	loss = back(ws, n, y, g)
	gW = make([]*mat.Dense, len(n.W))
	gB = make([]*mat.VecDense, len(n.W))
	for i := range gW {
		gW[i] = mat.NewDense(g.w[i].Rows, g.w[i].Cols, g.w[i].Data)
		gB[i] = mat.NewVecDense(len(g.b[i]), g.b[i])
	}
	return loss, gW, gB
}

// sum returns Σ a with four partial sums (one is bound by the add's
// latency), added in a fixed order.
func sum(a []float64) float64 {
	var s0, s1, s2, s3 float64
	i := 0
	for ; i+4 <= len(a); i += 4 {
		s0 += a[i]
		s1 += a[i+1]
		s2 += a[i+2]
		s3 += a[i+3]
	}
	for ; i < len(a); i++ {
		s0 += a[i]
	}
	return (s0 + s1) + (s2 + s3)
}
