package sgd

import (
	"github.com/admmlab/admmlab/solvers/nn"
	"gonum.org/v1/gonum/blas/blas64"
	"gonum.org/v1/gonum/mat"
)

// evalChunk bounds the columns evaluated at a time, so that evaluating a
// large data set needs two max_i d_i × evalChunk buffers, not one per layer.
// For the toy tasks (n = 1000) the whole set is one chunk: measured, one large
// product was faster than four 256-column ones.
const evalChunk = 1024

// evalWork evaluates a net on a fixed data set in column chunks with two
// ping-pong buffers, so that the full-set evaluation of every epoch
// allocates nothing.
type evalWork struct {
	x        blas64.General // the inputs, d_0×n (copied once)
	out      blas64.General // f(x), d_N×n
	buf      [2][]float64   // each max_i d_i × evalChunk
	outDense mat.Dense      // view of out for MSE and Accuracy
}

func newEvalWork(sizes []int, X *mat.Dense) *evalWork {
	_, n := X.Dims()
	dmax := 0
	for _, d := range sizes[1 : len(sizes)-1] {
		dmax = max(dmax, d)
	}
	e := &evalWork{x: bpGeneral(sizes[0], n), out: bpGeneral(sizes[len(sizes)-1], n)}
	bpCopyInto(e.x, X)
	for k := range e.buf {
		e.buf[k] = make([]float64, dmax*min(evalChunk, n))
	}
	e.outDense.SetRawMatrix(e.out)
	return e
}

// colView returns columns [c0, c0+c) of g without allocating.
func colView(g blas64.General, c0, c int) blas64.General {
	return blas64.General{Rows: g.Rows, Cols: c, Stride: g.Stride, Data: g.Data[c0 : (g.Rows-1)*g.Stride+c0+c]}
}

// run evaluates n on every column and returns f(X) as a d_N×n matrix view
// (valid until the next run).
func (e *evalWork) run(n *nn.Net) *mat.Dense {
	last := len(n.W) - 1
	for c0 := 0; c0 < e.x.Cols; c0 += evalChunk {
		c := min(evalChunk, e.x.Cols-c0)
		in := colView(e.x, c0, c)
		for i, w := range n.W {
			r, _ := w.Dims()
			var dst blas64.General
			if i == last {
				dst = colView(e.out, c0, c)
			} else {
				dst = blas64.General{Rows: r, Cols: c, Stride: c, Data: e.buf[i%2][:r*c]}
			}
			layerForward(n, i, in, dst, i < last)
			in = dst
		}
	}
	return &e.outDense
}
