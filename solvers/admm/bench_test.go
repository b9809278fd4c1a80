package admm

import (
	"fmt"
	"math/rand/v2"
	"testing"

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
	for b.Loop() {
		if err := st.step(); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkADMMIterationStats adds the per-epoch statistics (a forward pass,
// (6), the KKT residuals) that TrainADMM computes when it has an observer.
func BenchmarkADMMIterationStats(b *testing.B) {
	f := fixture.Load(b, "square-L2-w100")
	net := f.Init.Clone()
	p := nn.Problem{X: f.X, Y: f.Y}
	st, err := newADMMState(net, p, ADMMConfig{Lambda: 1e-6})
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if err := st.step(); err != nil {
			b.Fatal(err)
		}
		st.writeBack(net)
		if _, err := st.stats(p); err != nil {
			b.Fatal(err)
		}
	}
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
