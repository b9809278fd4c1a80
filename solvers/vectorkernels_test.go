//go:build amd64 && !purego

package solvers_test

import (
	"context"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/admmlab/admmlab/solvers"
	"github.com/admmlab/admmlab/solvers/admm"
	"github.com/admmlab/admmlab/solvers/internal/fixture"
	"github.com/admmlab/admmlab/solvers/kernels"
	"github.com/admmlab/admmlab/solvers/nn"
	"github.com/admmlab/admmlab/solvers/sgd"
)

// TestADMMSameBitsWithoutVectorKernel trains the same net with the AVX2
// sigmoid and with the portable one: a cluster mixing CPUs must produce one
// result per spec.
func TestADMMSameBitsWithoutVectorKernel(t *testing.T) {
	if !kernels.VectorKernels {
		t.Skip("this CPU has no AVX2/FMA: only the portable kernel exists to run")
	}
	rng := rand.New(rand.NewPCG(9, 10))
	p := fixture.SquareProblem(301, rng) // odd n: every row has a scalar tail
	net0 := nn.Init(solvers.LeCunGauss, []int{1, 20, 20, 1}, solvers.Sigmoid, 8, rng)
	run := func(vector bool) ([]float64, *nn.Net) {
		defer func(v bool) { kernels.VectorKernels = v }(kernels.VectorKernels)
		kernels.VectorKernels = vector
		net := net0.Clone()
		var trace []float64
		err := admm.TrainADMM(context.Background(), net, p, admm.ADMMConfig{Lambda: 1e-6, Iters: 10}, func(es nn.EpochStats) error {
			trace = append(trace, es.TrainMSE, es.AugLagrangian)
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		return trace, net
	}
	vt, vn := run(true)
	st, sn := run(false)
	for i := range vt {
		if math.Float64bits(vt[i]) != math.Float64bits(st[i]) {
			t.Fatalf("stat %d: %v with AVX2, %v without", i, vt[i], st[i])
		}
	}
	for i := range vn.W {
		for k, w := range vn.W[i].RawMatrix().Data {
			if math.Float64bits(w) != math.Float64bits(sn.W[i].RawMatrix().Data[k]) {
				t.Fatalf("layer %d weight %d differs between the kernels", i+1, k)
			}
		}
	}
}

// TestSGDSameBitsWithoutVectorKernels does the same for SGD on ReLU and
// sigmoid nets (odd widths and batches, so rows end in scalar tails).
func TestSGDSameBitsWithoutVectorKernels(t *testing.T) {
	if !kernels.VectorKernels {
		t.Skip("this CPU has no AVX2/FMA: only the portable kernels exist to run")
	}
	for _, act := range []solvers.Activation{solvers.ReLU, solvers.Sigmoid} {
		run := func(vector bool) []float64 {
			defer func(v bool) { kernels.VectorKernels = v }(kernels.VectorKernels)
			kernels.VectorKernels = vector
			rng := rand.New(rand.NewPCG(13, 14))
			p := fixture.SquareProblem(203, rng)
			net := nn.Init(solvers.MSRAFanIn, []int{1, 17, 13, 1}, act, 1, rng)
			var trace []float64
			cfg := sgd.SGDConfig{Method: solvers.Adam, Batch: 25, Epochs: 5}
			err := sgd.TrainSGD(context.Background(), net, p, cfg, rng, func(es nn.EpochStats) error {
				trace = append(trace, es.TrainMSE)
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
			for i := range net.W {
				trace = append(trace, net.W[i].RawMatrix().Data...)
			}
			return trace
		}
		v, s := run(true), run(false)
		for i := range v {
			if math.Float64bits(v[i]) != math.Float64bits(s[i]) {
				t.Fatalf("%v: value %d is %v with AVX2, %v without", act, i, v[i], s[i])
			}
		}
	}
}
