//go:build amd64 && !purego

package solvers

import (
	"context"
	"math"
	"math/rand/v2"
	"testing"
)

// TestADMMSameBitsWithoutVectorKernel trains the same net with the AVX2
// sigmoid and with the portable one: a cluster mixing CPUs must produce one
// result per spec.
func TestADMMSameBitsWithoutVectorKernel(t *testing.T) {
	if !vectorKernels {
		t.Skip("this CPU has no AVX2/FMA: only the portable kernel exists to run")
	}
	rng := rand.New(rand.NewPCG(9, 10))
	p := admmSquareProblem(301, rng) // odd n: every row has a scalar tail
	net0 := admmTestNet([]int{1, 20, 20, 1}, Sigmoid, 8, rng)
	run := func(vector bool) ([]float64, *Net) {
		defer func(v bool) { vectorKernels = v }(vectorKernels)
		vectorKernels = vector
		net := net0.Clone()
		var trace []float64
		err := TrainADMM(context.Background(), net, p, ADMMConfig{Lambda: 1e-6, Iters: 10}, func(es EpochStats) error {
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
	if !vectorKernels {
		t.Skip("this CPU has no AVX2/FMA: only the portable kernels exist to run")
	}
	for _, act := range []Activation{ReLU, Sigmoid} {
		run := func(vector bool) []float64 {
			defer func(v bool) { vectorKernels = v }(vectorKernels)
			vectorKernels = vector
			rng := rand.New(rand.NewPCG(13, 14))
			p := sgdSquareProblem(203, rng)
			net := Init(MSRAFanIn, []int{1, 17, 13, 1}, act, 1, rng)
			var trace []float64
			cfg := SGDConfig{Method: Adam, Batch: 25, Epochs: 5}
			err := TrainSGD(context.Background(), net, p, cfg, rng, func(es EpochStats) error {
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
