package nn

import (
	"math"

	"github.com/admmlab/admmlab/solvers"
	"github.com/admmlab/admmlab/solvers/kernels"
	"gonum.org/v1/gonum/mat"
)

// Forward returns the network output f(X), d_N×n, for inputs X (d_0×n).
func (n *Net) Forward(X *mat.Dense) *mat.Dense {
	acts := n.ForwardLayers(X)
	return acts[len(acts)-1]
}

// ForwardLayers returns the responses of every layer: element i is the output
// of layer i+1 (σ(W V + b) for hidden layers, W V + b for the output layer).
func (n *Net) ForwardLayers(X *mat.Dense) []*mat.Dense {
	out := make([]*mat.Dense, len(n.W))
	in := X
	for i, w := range n.W {
		r, _ := w.Dims()
		_, cols := in.Dims()
		z := mat.NewDense(r, cols, nil)
		kernels.MulInto(z, w, in)
		addBias(z, n.B[i])
		if i < len(n.W)-1 {
			applyInPlace(z, func(u float64) float64 { return Activate(n.Hidden, u) })
		}
		out[i] = z
		in = z
	}
	return out
}

// addBias adds b to every column of z.
func addBias(z *mat.Dense, b *mat.VecDense) {
	raw := z.RawMatrix()
	for i := 0; i < raw.Rows; i++ {
		bi := b.AtVec(i)
		row := raw.Data[i*raw.Stride : i*raw.Stride+raw.Cols]
		for j := range row {
			row[j] += bi
		}
	}
}

// applyInPlace replaces every element x of z by f(x).
func applyInPlace(z *mat.Dense, f func(float64) float64) {
	raw := z.RawMatrix()
	for i := 0; i < raw.Rows; i++ {
		row := raw.Data[i*raw.Stride : i*raw.Stride+raw.Cols]
		for j, v := range row {
			row[j] = f(v)
		}
	}
}

// MSE returns ‖P − Y‖²_F / n where n is the number of columns.
func MSE(P, Y mat.Matrix) float64 {
	r, c := Y.Dims()
	var s float64
	for i := 0; i < r; i++ {
		for j := 0; j < c; j++ {
			d := P.At(i, j) - Y.At(i, j)
			s += float64(d * d) // rounded on its own: no fused multiply-add on any machine
		}
	}
	return s / float64(c)
}

// Accuracy returns the fraction of columns predicted correctly: sign(P) vs
// sign(Y) for ClassifySign, argmax for ClassifyArgmax.
func Accuracy(P, Y mat.Matrix, task solvers.Task) float64 {
	r, c := Y.Dims()
	if c == 0 {
		return math.NaN()
	}
	correct := 0
	for j := 0; j < c; j++ {
		switch task {
		case solvers.ClassifySign:
			if (P.At(0, j) >= 0) == (Y.At(0, j) >= 0) {
				correct++
			}
		case solvers.ClassifyArgmax:
			bp, by := 0, 0
			for i := 1; i < r; i++ {
				if P.At(i, j) > P.At(bp, j) {
					bp = i
				}
				if Y.At(i, j) > Y.At(by, j) {
					by = i
				}
			}
			if bp == by {
				correct++
			}
		default:
			panic("nn: Accuracy of a regression task")
		}
	}
	return float64(correct) / float64(c)
}
