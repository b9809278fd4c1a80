package nn

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/admmlab/admmlab/solvers"
	"gonum.org/v1/gonum/mat"
)

// initMoments returns the sample mean, variance and max |x| of a matrix.
func initMoments(w *mat.Dense) (mean, vr, maxAbs float64) {
	data := w.RawMatrix().Data
	for _, v := range data {
		mean += v
		maxAbs = math.Max(maxAbs, math.Abs(v))
	}
	mean /= float64(len(data))
	for _, v := range data {
		vr += (v - mean) * (v - mean)
	}
	return mean, vr / float64(len(data)-1), maxAbs
}

func TestInitVariance(t *testing.T) {
	// Layers 300→400 (wide to tall, hidden) and 400→200 (output): 120000 and
	// 80000 draws, so the sample variance's relative standard error is below
	// 0.5% and a 3% tolerance is six standard errors.
	sizes := []int{300, 400, 200}
	for _, tc := range []struct {
		scheme solvers.InitScheme
		// want variance and (uniform schemes) bound for layer (fanIn, fanOut, last)
		vr    func(fanIn, fanOut int, last bool) float64
		bound func(fanIn, fanOut int) float64
	}{
		{solvers.LeCunUnif, func(i, _ int, _ bool) float64 { return 1 / float64(i) },
			func(i, _ int) float64 { return math.Sqrt(3 / float64(i)) }},
		{solvers.LeCunGauss, func(i, _ int, _ bool) float64 { return 1 / float64(i) }, nil},
		{solvers.Xavier, func(i, o int, _ bool) float64 { return 2 / float64(i+o) },
			func(i, o int) float64 { return math.Sqrt(6 / float64(i+o)) }},
		{solvers.MSRA, func(_, o int, last bool) float64 {
			if last {
				return 1 / float64(o)
			}
			return 2 / float64(o)
		}, nil},
		{solvers.MSRAFanIn, func(i, _ int, last bool) float64 {
			if last {
				return 1 / float64(i)
			}
			return 2 / float64(i)
		}, nil},
	} {
		t.Run(tc.scheme.String(), func(t *testing.T) {
			for _, scale := range []float64{1, 8} {
				net := Init(tc.scheme, sizes, solvers.ReLU, scale, rand.New(rand.NewPCG(1, 2)))
				for l, w := range net.W {
					fanIn, fanOut := sizes[l], sizes[l+1]
					if r, c := w.Dims(); r != fanOut || c != fanIn {
						t.Fatalf("layer %d is %d×%d, want %d×%d", l, r, c, fanOut, fanIn)
					}
					want := scale * scale * tc.vr(fanIn, fanOut, l == len(net.W)-1)
					mean, vr, maxAbs := initMoments(w)
					if math.Abs(vr/want-1) > 0.03 {
						t.Errorf("scale %v layer %d: variance %.4g, want %.4g", scale, l, vr, want)
					}
					if math.Abs(mean) > 5*math.Sqrt(want/float64(fanIn*fanOut)) {
						t.Errorf("scale %v layer %d: mean %.3g, want ≈ 0", scale, l, mean)
					}
					if tc.bound != nil && maxAbs > scale*tc.bound(fanIn, fanOut) {
						t.Errorf("scale %v layer %d: |w| reaches %.4g beyond the bound %.4g", scale, l, maxAbs, scale*tc.bound(fanIn, fanOut))
					}
					if b := net.B[l]; b.Len() != fanOut || mat.Norm(b, math.Inf(1)) != 0 {
						t.Errorf("layer %d bias is not a zero vector of length %d", l, fanOut)
					}
				}
			}
		})
	}
}

func TestInitOrthogonal(t *testing.T) {
	// 30→50 is tall (orthonormal columns), 50→50 square, 50→20 wide
	// (orthonormal rows).
	sizes := []int{30, 50, 50, 20}
	for _, scheme := range []solvers.InitScheme{solvers.OrthUnif, solvers.OrthGauss} {
		for _, scale := range []float64{1, 3} {
			net := Init(scheme, sizes, solvers.Sigmoid, scale, rand.New(rand.NewPCG(7, 7)))
			for l, w := range net.W {
				r, c := w.Dims()
				var g mat.Dense
				if r >= c {
					g.Mul(w.T(), w) // c×c
				} else {
					g.Mul(w, w.T()) // r×r
				}
				k, _ := g.Dims()
				for i := 0; i < k; i++ {
					for j := 0; j < k; j++ {
						want := 0.0
						if i == j {
							want = scale * scale
						}
						if math.Abs(g.At(i, j)-want) > 1e-12*scale*scale {
							t.Fatalf("%v scale %v layer %d (%d×%d): Gram(%d,%d) = %g, want %g", scheme, scale, l, r, c, i, j, g.At(i, j), want)
						}
					}
				}
			}
		}
	}
	// Different seeds give different matrices; the draw is not degenerate.
	a := Init(solvers.OrthGauss, sizes, solvers.Sigmoid, 1, rand.New(rand.NewPCG(1, 1)))
	b := Init(solvers.OrthGauss, sizes, solvers.Sigmoid, 1, rand.New(rand.NewPCG(2, 1)))
	if mat.Equal(a.W[1], b.W[1]) {
		t.Error("two seeds gave the same orthogonal matrix")
	}
}

func TestInitDeterministicAndScaled(t *testing.T) {
	sizes := []int{1, 20, 20, 1}
	for _, s := range solvers.AllInitSchemes() {
		a := Init(s, sizes, solvers.ReLU, 1, rand.New(rand.NewPCG(5, 6)))
		b := Init(s, sizes, solvers.ReLU, 1, rand.New(rand.NewPCG(5, 6)))
		c := Init(s, sizes, solvers.ReLU, 8, rand.New(rand.NewPCG(5, 6)))
		if err := a.Validate(); err != nil {
			t.Fatalf("%v: %v", s, err)
		}
		for l := range a.W {
			if !mat.Equal(a.W[l], b.W[l]) {
				t.Errorf("%v layer %d: same seed, different weights", s, l)
			}
			var a8 mat.Dense
			a8.Scale(8, a.W[l])
			if !mat.EqualApprox(&a8, c.W[l], 1e-14) {
				t.Errorf("%v layer %d: scale 8 is not 8× scale 1", s, l)
			}
		}
	}
}
