package sgd

import (
	"context"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/admmlab/admmlab/solvers"
	"github.com/admmlab/admmlab/solvers/internal/fixture"
	"github.com/admmlab/admmlab/solvers/nn"
	"gonum.org/v1/gonum/mat"
)

func TestLearningRateSchedule(t *testing.T) {
	sgd := NewSGDConfig(solvers.SGD, 50, 100)
	for _, tc := range []struct {
		cfg   SGDConfig
		epoch int
		want  float64
	}{
		{sgd, 1, 0.1},
		{sgd, 10, 0.1},
		{sgd, 11, 0.1 * 0.95},
		{sgd, 20, 0.1 * 0.95},
		{sgd, 21, 0.1 * 0.95 * 0.95},
		{sgd, 2000, 0.1 * math.Pow(0.95, 199)},
		{NewSGDConfig(solvers.SGDM, 50, 100), 31, 0.1 * 0.95 * 0.95 * 0.95},
		{NewSGDConfig(solvers.Adam, 50, 100), 1, 1e-3},
		{NewSGDConfig(solvers.Adam, 50, 100), 500, 1e-3},    // Adam: constant
		{SGDConfig{Method: solvers.SGD, LR: 0.3}, 500, 0.3}, // Decay off
		{SGDConfig{Method: solvers.SGD, LR: 0.3, Decay: true}, 11, 0.3 * 0.95},
	} {
		if got := tc.cfg.lrAt(tc.epoch); math.Abs(got-tc.want) > 1e-15*tc.want {
			t.Errorf("%+v epoch %d: lr %v, want %v", tc.cfg, tc.epoch, got, tc.want)
		}
	}
}

// sgdSmallProblem is y = x² on 60 points of [−1, 1] plus a test set.
func sgdSmallProblem(rng *rand.Rand) nn.Problem {
	p := fixture.SquareProblem(60, rng)
	q := fixture.SquareProblem(25, rng)
	p.TestX, p.TestY = q.X, q.Y
	return p
}

// sgdTrain runs TrainSGD and collects every epoch's statistics.
func sgdTrain(t *testing.T, net *nn.Net, p nn.Problem, cfg SGDConfig, seed uint64) []nn.EpochStats {
	t.Helper()
	var stats []nn.EpochStats
	err := TrainSGD(context.Background(), net, p, cfg, rand.New(rand.NewPCG(seed, 0)), func(s nn.EpochStats) error {
		stats = append(stats, s)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return stats
}

func TestTrainSGDDecreasesLossAndReports(t *testing.T) {
	for _, tc := range []struct {
		method solvers.Algorithm
		act    solvers.Activation
		factor float64 // the final MSE must be below factor × the initial
	}{{solvers.SGD, solvers.ReLU, 0.5}, {solvers.SGDM, solvers.ReLU, 0.5}, {solvers.Adam, solvers.ReLU, 0.5}, {solvers.SGD, solvers.Sigmoid, 0.95}, {solvers.Adam, solvers.Tanh, 0.5}} {
		t.Run(tc.method.String()+"/"+tc.act.String(), func(t *testing.T) {
			rng := rand.New(rand.NewPCG(1, 1))
			p := sgdSmallProblem(rng)
			net := nn.Init(solvers.LeCunGauss, []int{1, 16, 16, 1}, tc.act, 1, rng)
			before := nn.MSE(net.Forward(p.X), p.Y)
			cfg := NewSGDConfig(tc.method, 7, 40) // 7 ∤ 60: a short last batch
			if tc.method == solvers.Adam {
				cfg.LR = 0.01
			}
			stats := sgdTrain(t, net, p, cfg, 9)
			if len(stats) != 40 {
				t.Fatalf("observer called %d times, want 40", len(stats))
			}
			last := stats[len(stats)-1]
			if !(last.TrainMSE < tc.factor*before) {
				t.Errorf("training MSE %g after 40 epochs, initially %g", last.TrainMSE, before)
			}
			// Reported MSEs are those of the returned net, computed by the
			// lead's Forward and MSE.
			if want := nn.MSE(net.Forward(p.X), p.Y); math.Abs(last.TrainMSE-want) > 1e-12*want {
				t.Errorf("reported TrainMSE %g, Forward gives %g", last.TrainMSE, want)
			}
			if want := nn.MSE(net.Forward(p.TestX), p.TestY); !last.HasTest || math.Abs(last.TestMSE-want) > 1e-12*want {
				t.Errorf("reported test MSE %g (HasTest %v), Forward gives %g", last.TestMSE, last.HasTest, want)
			}
			for i, s := range stats {
				if s.Epoch != i+1 || len(s.LayerNorms) != 3 || s.IsClassify {
					t.Fatalf("epoch %d stats malformed: %+v", i+1, s)
				}
				for l, g := range s.LayerNorms {
					if !(g > 0) || math.IsInf(g, 0) {
						t.Fatalf("epoch %d layer %d gradient norm %v", i+1, l, g)
					}
				}
			}
		})
	}
}

// TestTrainSGDUpdates checks the three update rules against hand-computed
// full-batch steps (batch = n, so the shuffle only permutes the columns of a
// sum and the gradient is the Gradient of the whole set).
func TestTrainSGDUpdates(t *testing.T) {
	rng := rand.New(rand.NewPCG(2, 2))
	p := fixture.SquareProblem(30, rng)
	net0 := nn.Init(solvers.LeCunUnif, []int{1, 5, 4, 1}, solvers.Tanh, 1, rng)
	lr := 0.05

	// g(net) returns the flattened full-batch gradient.
	g := func(n *nn.Net) []float64 {
		_, gW, gB := Gradient(n, p.X, p.Y)
		var out []float64
		for i := range gW {
			out = append(out, gW[i].RawMatrix().Data...)
			out = append(out, gB[i].RawVector().Data...)
		}
		return out
	}
	flat := func(n *nn.Net) []float64 {
		var out []float64
		for i := range n.W {
			out = append(out, mat.DenseCopyOf(n.W[i]).RawMatrix().Data...)
			out = append(out, mat.VecDenseCopyOf(n.B[i]).RawVector().Data...)
		}
		return out
	}
	w0 := flat(net0)
	g1 := g(net0)
	// Two plain SGD steps (epochs 1, 2 at the same rate).
	mid := net0.Clone()
	sgdTrain(t, mid, p, SGDConfig{Method: solvers.SGD, LR: lr, Batch: 30, Epochs: 1}, 1)
	g2 := g(mid)

	want := map[solvers.Algorithm][]float64{solvers.SGD: make([]float64, len(w0)), solvers.SGDM: make([]float64, len(w0)), solvers.Adam: make([]float64, len(w0))}
	for k := range w0 {
		w1 := w0[k] - lr*g1[k]
		want[solvers.SGD][k] = w1 - lr*g2[k]
		// SGDM, μ = 0.5: v1 = g1, v2 = μ g1 + g2; the first step equals SGD's.
		want[solvers.SGDM][k] = w1 - lr*(0.5*g1[k]+g2[k])
		// Adam, one step: m̂ = g, ŝ = g², so the step is lr·g/(|g|+ε).
		want[solvers.Adam][k] = w0[k] - lr*g1[k]/(math.Abs(g1[k])+1e-8)
	}
	for method, epochs := range map[solvers.Algorithm]int{solvers.SGD: 2, solvers.SGDM: 2, solvers.Adam: 1} {
		n := net0.Clone()
		sgdTrain(t, n, p, SGDConfig{Method: method, LR: lr, Batch: 30, Epochs: epochs}, 1)
		got := flat(n)
		for k := range got {
			if math.Abs(got[k]-want[method][k]) > 1e-12*(1+math.Abs(want[method][k])) {
				t.Errorf("%v parameter %d: %.15g, want %.15g", method, k, got[k], want[method][k])
				break
			}
		}
	}
}

func TestTrainSGDDeterministic(t *testing.T) {
	for _, m := range []solvers.Algorithm{solvers.SGD, solvers.SGDM, solvers.Adam} {
		run := func() (*nn.Net, []nn.EpochStats) {
			rng := rand.New(rand.NewPCG(4, 4))
			p := sgdSmallProblem(rng)
			net := nn.Init(solvers.MSRA, []int{1, 12, 12, 1}, solvers.ReLU, 1, rng)
			return net, sgdTrain(t, net, p, NewSGDConfig(m, 10, 5), 77)
		}
		a, sa := run()
		b, sb := run()
		for i := range a.W {
			if !mat.Equal(a.W[i], b.W[i]) || !mat.Equal(a.B[i], b.B[i]) {
				t.Errorf("%v: layer %d differs between identical runs", m, i)
			}
		}
		for e := range sa {
			if sa[e].TrainMSE != sb[e].TrainMSE || sa[e].TestMSE != sb[e].TestMSE {
				t.Errorf("%v epoch %d: MSE differs between identical runs", m, e+1)
			}
		}
		c := nn.Init(solvers.MSRA, []int{1, 12, 12, 1}, solvers.ReLU, 1, rand.New(rand.NewPCG(4, 4)))
		p := sgdSmallProblem(rand.New(rand.NewPCG(4, 4)))
		sgdTrain(t, c, p, NewSGDConfig(m, 10, 5), 78) // another shuffle seed
		if mat.Equal(a.W[1], c.W[1]) {
			t.Errorf("%v: a different shuffle seed gave the same weights", m)
		}
	}
}

func TestTrainSGDClassification(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 5))
	// Two Gaussian blobs in 2-D, labels ±1.
	blobs := func(n int) (*mat.Dense, *mat.Dense) {
		X, Y := mat.NewDense(2, n, nil), mat.NewDense(1, n, nil)
		for j := 0; j < n; j++ {
			y := float64(2*(j%2) - 1)
			X.Set(0, j, y+0.5*rng.NormFloat64())
			X.Set(1, j, -y+0.5*rng.NormFloat64())
			Y.Set(0, j, y)
		}
		return X, Y
	}
	X, Y := blobs(100)
	TX, TY := blobs(50)
	p := nn.Problem{X: X, Y: Y, TestX: TX, TestY: TY, Task: solvers.ClassifySign}
	net := nn.Init(solvers.Xavier, []int{2, 8, 1}, solvers.Sigmoid, 1, rng)
	stats := sgdTrain(t, net, p, NewSGDConfig(solvers.SGD, 10, 20), 3)
	last := stats[len(stats)-1]
	if !last.IsClassify || !last.HasTest {
		t.Fatalf("classification stats not flagged: %+v", last)
	}
	if want := nn.Accuracy(net.Forward(TX), TY, solvers.ClassifySign); last.TestAcc != want {
		t.Errorf("TestAcc %v, Accuracy of the final net %v", last.TestAcc, want)
	}
	if want := nn.Accuracy(net.Forward(X), Y, solvers.ClassifySign); last.TrainAcc != want {
		t.Errorf("TrainAcc %v, Accuracy of the final net %v", last.TrainAcc, want)
	}
	if last.TestAcc < 0.9 {
		t.Errorf("test accuracy %v on separable blobs, want ≥ 0.9", last.TestAcc)
	}
}

// TestVanishingGradients is the property Figure 4(a) shows: on a deep
// sigmoid net the gradient norms of the lower layers are orders of magnitude
// below the top layer's.
func TestVanishingGradients(t *testing.T) {
	rng := rand.New(rand.NewPCG(6, 6))
	p := fixture.SquareProblem(100, rng)
	sizes := []int{1, 20, 20, 20, 20, 20, 20, 20, 20, 1}
	net := nn.Init(solvers.LeCunGauss, sizes, solvers.Sigmoid, 1, rng)
	stats := sgdTrain(t, net, p, NewSGDConfig(solvers.SGD, 50, 2), 1)
	g := stats[len(stats)-1].LayerNorms
	if ratio := g[1] / g[len(g)-1]; !(ratio < 1e-2) {
		t.Errorf("‖∂L/∂W_2‖ / ‖∂L/∂W_top‖ = %g, want < 1e-2 (norms %v)", ratio, g)
	}
}

// TestEvalChunks checks the chunked full-set evaluation against Net.Forward
// on a set spanning several chunks with a short last one.
func TestEvalChunks(t *testing.T) {
	rng := rand.New(rand.NewPCG(12, 12))
	sizes := []int{3, 7, 5, 2}
	net := nn.Init(solvers.LeCunGauss, sizes, solvers.Tanh, 1, rng)
	X := bpRandDense(3, 2*evalChunk+37, -1, 1, rng)
	got := newEvalWork(sizes, X).run(net)
	if !mat.EqualApprox(got, net.Forward(X), 1e-13) {
		t.Error("chunked evaluation differs from Net.Forward")
	}
}
