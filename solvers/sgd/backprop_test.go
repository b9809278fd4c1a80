package sgd

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/admmlab/admmlab/solvers"
	"github.com/admmlab/admmlab/solvers/nn"
	"gonum.org/v1/gonum/mat"
)

// bpRandDense returns an r×c matrix of U[lo, hi] draws.
func bpRandDense(r, c int, lo, hi float64, rng *rand.Rand) *mat.Dense {
	m := mat.NewDense(r, c, nil)
	for i := 0; i < r; i++ {
		for j := 0; j < c; j++ {
			m.Set(i, j, lo+(hi-lo)*rng.Float64())
		}
	}
	return m
}

// bpMinAbsPreAct returns min |W_i V_{i−1} + b_i| over the hidden layers,
// computed independently of the code under test.
func bpMinAbsPreAct(n *nn.Net, X *mat.Dense) float64 {
	minAbs := math.Inf(1)
	in := mat.DenseCopyOf(X)
	for i := 0; i < len(n.W)-1; i++ {
		var z mat.Dense
		z.Mul(n.W[i], in)
		r, c := z.Dims()
		for a := 0; a < r; a++ {
			for b := 0; b < c; b++ {
				u := z.At(a, b) + n.B[i].AtVec(a)
				minAbs = math.Min(minAbs, math.Abs(u))
				z.Set(a, b, nn.Activate(n.Hidden, u))
			}
		}
		in = &z
	}
	return minAbs
}

func TestGradientFiniteDifferences(t *testing.T) {
	const h = 1e-5
	for _, act := range []solvers.Activation{solvers.Sigmoid, solvers.ReLU, solvers.Tanh} {
		for _, sizes := range [][]int{{3, 5, 2}, {2, 6, 6, 6, 3}, {1, 8, 4, 1}} {
			t.Run(fmt.Sprintf("%v/%v", act, sizes), func(t *testing.T) {
				rng := rand.New(rand.NewPCG(11, uint64(len(sizes))))
				net := nn.Init(solvers.LeCunGauss, sizes, act, 1, rng)
				for _, b := range net.B { // non-zero biases exercise ∂L/∂b
					for k := 0; k < b.Len(); k++ {
						b.SetVec(k, 0.3*rng.NormFloat64())
					}
				}
				const m = 7
				X := bpRandDense(sizes[0], m, -1, 1, rng)
				Y := bpRandDense(sizes[len(sizes)-1], m, -1, 1, rng)
				if act == solvers.ReLU {
					// Central differences are only valid away from the kink:
					// a perturbation of h moves a pre-activation by ≲ 10h.
					if ma := bpMinAbsPreAct(net, X); ma < 1e-3 {
						t.Fatalf("test inputs too close to the ReLU kink (min |u| = %g); pick another seed", ma)
					}
				}
				// The SGD loss is the element mean: MSE over samples divided by d_N.
				dOut := float64(sizes[len(sizes)-1])
				lossOf := func() float64 { return nn.MSE(net.Forward(X), Y) / dOut }
				loss, gW, gB := Gradient(net, X, Y)
				if want := lossOf(); math.Abs(loss-want) > 1e-14*math.Abs(want) {
					t.Fatalf("loss %v, want MSE(Forward)/d_N = %v", loss, want)
				}
				fd := func(p *float64) float64 {
					old := *p
					*p = old + h
					lp := lossOf()
					*p = old - h
					lm := lossOf()
					*p = old
					return (lp - lm) / (2 * h)
				}
				for i := range net.W {
					bpCheckBlock(t, fmt.Sprintf("W%d", i+1), net.W[i].RawMatrix().Data, gW[i].RawMatrix().Data, fd)
					bpCheckBlock(t, fmt.Sprintf("b%d", i+1), net.B[i].RawVector().Data, gB[i].RawVector().Data, fd)
				}
			})
		}
	}
}

// bpCheckBlock compares the analytic gradient g of the parameters p with
// central differences: each entry to within 1e-6 of the block's largest
// gradient entry, and the whole block to relative 1e-6 in the 2-norm.
func bpCheckBlock(t *testing.T, name string, p, g []float64, fd func(*float64) float64) {
	t.Helper()
	var gMax, diff2, g2 float64
	num := make([]float64, len(p))
	for k := range p {
		num[k] = fd(&p[k])
		gMax = math.Max(gMax, math.Abs(g[k]))
		diff2 += (num[k] - g[k]) * (num[k] - g[k])
		g2 += g[k] * g[k]
	}
	if gMax == 0 {
		t.Fatalf("%s: gradient is identically zero; the test would prove nothing", name)
	}
	for k := range p {
		if math.Abs(num[k]-g[k]) > 1e-6*gMax {
			t.Errorf("%s[%d]: backprop %.10g, finite difference %.10g", name, k, g[k], num[k])
		}
	}
	if rel := math.Sqrt(diff2 / g2); rel > 1e-6 {
		t.Errorf("%s: relative error %.3g", name, rel)
	}
}

// TestForwardMatchesNet checks the training forward pass against the lead's
// Net.ForwardLayers on every layer, for a strided input view.
func TestForwardMatchesNet(t *testing.T) {
	for _, act := range []solvers.Activation{solvers.Sigmoid, solvers.ReLU, solvers.Tanh} {
		rng := rand.New(rand.NewPCG(3, 4))
		sizes := []int{4, 9, 9, 2}
		net := nn.Init(solvers.Xavier, sizes, act, 1, rng)
		big := bpRandDense(6, 20, -2, 2, rng)
		X := big.Slice(1, 5, 3, 15).(*mat.Dense) // stride ≠ columns
		want := net.ForwardLayers(X)
		ws := newBPWork(sizes, 12, false)
		bpCopyInto(ws.a[0], X)
		ws.forward(net)
		for i, w := range want {
			var got mat.Dense
			got.SetRawMatrix(ws.a[i+1])
			if !mat.EqualApprox(&got, w, 1e-13) {
				t.Errorf("%v layer %d differs from Net.ForwardLayers", act, i+1)
			}
		}
	}
}
