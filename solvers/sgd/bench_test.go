package sgd

import (
	"context"
	"math/rand/v2"
	"testing"

	"github.com/admmlab/admmlab/solvers"
	"github.com/admmlab/admmlab/solvers/internal/fixture"
	"github.com/admmlab/admmlab/solvers/nn"
	"gonum.org/v1/gonum/blas"
	"gonum.org/v1/gonum/blas/blas64"
)

// sgdBenchSizes is the benchmark net: 1 input, 18 hidden layers of 100, 1 output
// (the paper's best SGD (ReLU) structure on the square function).
func sgdBenchSizes() []int {
	sizes := []int{1}
	for i := 0; i < 18; i++ {
		sizes = append(sizes, 100)
	}
	return append(sizes, 1)
}

// BenchmarkSGDEpoch times one epoch of plain SGD (lr 0.1, batch 50) on the
// square task with n = 1000, including the full-training-set MSE evaluation
// every epoch performs. scripts/bench_torch.py runs the same epoch in
// PyTorch. One op is one epoch; all b.N epochs run in one TrainSGD call.
//
// Init: He's fan-in MSRA (MSRAFanIn) times 0.9. At scale 1, with either
// MSRA variant, plain SGD at lr 0.1 on this 18-layer net overflows within the
// first epoch — in PyTorch too — and a benchmark of NaN arithmetic would
// time nothing useful; 0.9 trains stably. The cost of an epoch does not
// depend on the weights' values.
func BenchmarkSGDEpoch(b *testing.B) {
	rng := rand.New(rand.NewPCG(1, 2))
	p := fixture.SquareProblem(1000, rng)
	net := nn.Init(solvers.MSRAFanIn, sgdBenchSizes(), solvers.ReLU, 0.9, rng)
	cfg := SGDConfig{Method: solvers.SGD, Batch: 50, Epochs: b.N}
	b.ReportAllocs()
	b.ResetTimer()
	if err := TrainSGD(context.Background(), net, p, cfg, rng, nil); err != nil {
		b.Fatal(err)
	}
}

// BenchmarkSGDEpochGEMMs times only the matrix products of one
// BenchmarkSGDEpoch epoch with one weight matrix reused (as
// scripts/bench_torch.py's "GEMMs only" line does): 17 hidden-to-hidden
// layers × 20 minibatches × (forward, ∂L/∂W, ∂L/∂input), then the full-set
// evaluation. It is the BLAS floor, not a training benchmark.
func BenchmarkSGDEpochGEMMs(b *testing.B) {
	const n, batch, width, hidden = 1000, 50, 100, 17
	rng := rand.New(rand.NewPCG(1, 2))
	fill := func(r, c int) blas64.General {
		g := bpGeneral(r, c)
		for i := range g.Data {
			g.Data[i] = rng.NormFloat64()
		}
		return g
	}
	w, a, d := fill(width, width), fill(width, batch), fill(width, batch)
	outB, outW, big, outN := fill(width, batch), fill(width, width), fill(width, n), fill(width, n)
	b.ResetTimer()
	for it := 0; it < b.N; it++ {
		for k := 0; k < n/batch; k++ {
			for l := 0; l < hidden; l++ {
				blas64.Gemm(blas.NoTrans, blas.NoTrans, 1, w, a, 0, outB)
				blas64.Gemm(blas.NoTrans, blas.Trans, 1, d, a, 0, outW)
				blas64.Gemm(blas.Trans, blas.NoTrans, 1, w, d, 0, outB)
			}
		}
		for l := 0; l < hidden; l++ {
			blas64.Gemm(blas.NoTrans, blas.NoTrans, 1, w, big, 0, outN)
		}
	}
}
