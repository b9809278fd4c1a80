package admm

import (
	"fmt"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/admmlab/admmlab/solvers"
	"github.com/admmlab/admmlab/solvers/internal/fixture"
	"github.com/admmlab/admmlab/solvers/nn"
	"gonum.org/v1/gonum/mat"
)

// BenchmarkADMMIteration times one ADMM iteration (Algorithm 1, no
// statistics) on the square task: n = 1000, depth 2, width 100, the fixture
// square-L2-w100's data and initial weights. The state is reused across
// iterations, as TrainADMM does.
func BenchmarkADMMIteration(b *testing.B) {
	f := fixture.Load(b, "square-L2-w100")
	benchSteps(b, f.Init.Clone(), nn.Problem{X: f.X, Y: f.Y})
}

// benchSteps times ADMM iterations (λ = 1e-6, no statistics) of net on p,
// the state reused across iterations as TrainADMM does.
func benchSteps(b *testing.B, net *nn.Net, p nn.Problem) {
	st, err := newADMMState(net, p, ADMMConfig{Lambda: 1e-6})
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	cpu0 := processCPU()
	for b.Loop() {
		if err := st.step(); err != nil {
			b.Fatal(err)
		}
	}
	reportCPU(b, cpu0)
}

// reportCPU reports the process's CPU time since cpu0 per iteration as
// cpu-ns/op: on a busy machine it says more than the wall time (ns/op),
// which also counts the time other processes held the core. The process is
// one goroutine here, the rest of the runtime idles.
func reportCPU(b *testing.B, cpu0 time.Duration) {
	b.ReportMetric(float64(processCPU()-cpu0)/float64(b.N), "cpu-ns/op")
}

// BenchmarkADMMIterationStats adds the per-epoch statistics (a forward pass,
// (6), the KKT residuals) that TrainADMM computes when it has an observer.
func BenchmarkADMMIterationStats(b *testing.B) {
	f := fixture.Load(b, "square-L2-w100")
	benchStatsSteps(b, f.Init.Clone(), nn.Problem{X: f.X, Y: f.Y})
}

// benchStatsSteps is benchSteps with the statistics TrainADMM computes for
// its observer after every iteration.
func benchStatsSteps(b *testing.B, net *nn.Net, p nn.Problem) {
	st, err := newADMMState(net, p, ADMMConfig{Lambda: 1e-6})
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	cpu0 := processCPU()
	for b.Loop() {
		if err := st.step(); err != nil {
			b.Fatal(err)
		}
		st.writeBack(net)
		if _, err := st.stats(p); err != nil {
			b.Fatal(err)
		}
	}
	reportCPU(b, cpu0)
}

// BenchmarkADMMIterationWide times one ADMM iteration (no statistics) at the
// wide structures of the paper's tables: the product gate's (2, 300), the L2
// radial's (5, 300) and a (2, 500), on n = 1000 samples of a smooth
// two-input target, MSRA ×8 init as the square task's.
func BenchmarkADMMIterationWide(b *testing.B) {
	for _, s := range []struct{ depth, width int }{{2, 300}, {5, 300}, {2, 500}} {
		b.Run(fmt.Sprintf("depth%d-width%d", s.depth, s.width), func(b *testing.B) {
			rng := rand.New(rand.NewPCG(1, uint64(s.width)))
			const n = 1000
			x, y := mat.NewDense(2, n, nil), mat.NewDense(1, n, nil)
			for j := 0; j < n; j++ {
				u, v := 2*rng.Float64()-1, 2*rng.Float64()-1
				x.Set(0, j, u)
				x.Set(1, j, v)
				y.Set(0, j, u*v)
			}
			sizes := []int{2}
			for range s.depth {
				sizes = append(sizes, s.width)
			}
			sizes = append(sizes, 1)
			benchSteps(b, nn.Init(solvers.MSRA, sizes, solvers.Sigmoid, 8, rng), nn.Problem{X: x, Y: y})
		})
	}
}

// BenchmarkADMMIterationEYB times one ADMM iteration (no statistics) at
// Extended Yale B's shape: 1024 pixel inputs, 38 one-hot outputs, n = 988
// training samples, structure (1, 200), on synthetic pixels uniform in
// [0, 1), MSRA init. The input layer's W-update solves a 1025 × 1025 system
// every iteration.
func BenchmarkADMMIterationEYB(b *testing.B) {
	net, p := eybProblem(200)
	benchSteps(b, net, p)
}

// BenchmarkADMMIterationStatsEYB is an iteration with the statistics at
// EYB's shape and its points structure (1, 60), with a test set of 1216
// images, as a run of eyb-sweep computes them.
func BenchmarkADMMIterationStatsEYB(b *testing.B) {
	net, p := eybProblem(60)
	benchStatsSteps(b, net, p)
}

// eybProblem returns an MSRA-initialised 1024-width-38 sigmoid net and a
// synthetic problem of EYB's shape: 988 training and 1216 test samples.
func eybProblem(width int) (*nn.Net, nn.Problem) {
	const n, nTest, pixels, classes = 988, 1216, 1024, 38
	rng := rand.New(rand.NewPCG(25, 1024))
	data := func(n int) (*mat.Dense, *mat.Dense) {
		x, y := mat.NewDense(pixels, n, nil), mat.NewDense(classes, n, nil)
		for j := 0; j < n; j++ {
			for i := 0; i < pixels; i++ {
				x.Set(i, j, rng.Float64())
			}
			y.Set(rng.IntN(classes), j, 1)
		}
		return x, y
	}
	x, y := data(n)
	tx, ty := data(nTest)
	net := nn.Init(solvers.MSRA, []int{pixels, width, classes}, solvers.Sigmoid, 1, rng)
	return net, nn.Problem{X: x, Y: y, TestX: tx, TestY: ty, Task: solvers.ClassifyArgmax}
}
