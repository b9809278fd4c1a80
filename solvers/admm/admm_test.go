package admm

import (
	"context"
	"errors"
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/admmlab/admmlab/solvers"
	"github.com/admmlab/admmlab/solvers/internal/fixture"
	"github.com/admmlab/admmlab/solvers/nn"
	"gonum.org/v1/gonum/mat"
)

// admmTestNet returns a net with the given sizes and N(0, scale²/fan-in) weights.
func admmTestNet(sizes []int, act solvers.Activation, scale float64, rng *rand.Rand) *nn.Net {
	net := &nn.Net{Hidden: act}
	for i := 1; i < len(sizes); i++ {
		w := mat.NewDense(sizes[i], sizes[i-1], nil)
		raw := w.RawMatrix().Data
		for k := range raw {
			raw[k] = scale * rng.NormFloat64() / math.Sqrt(float64(sizes[i-1]))
		}
		net.W = append(net.W, w)
		net.B = append(net.B, mat.NewVecDense(sizes[i], nil))
	}
	return net
}

// TestADMMLemma8 checks (47), Λ_N^k = V_N^k − Y, after every iteration, for
// several depths and both activations. It holds only because the V_N-update
// is the exact minimiser (12); it is a real check of that update.
func TestADMMLemma8(t *testing.T) {
	for _, tc := range []struct {
		name  string
		sizes []int
		act   solvers.Activation
	}{
		{"depth1-sigmoid", []int{1, 15, 1}, solvers.Sigmoid},
		{"depth2-sigmoid", []int{1, 12, 10, 1}, solvers.Sigmoid},
		{"depth3-tanh", []int{2, 8, 8, 8, 2}, solvers.Tanh},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rng := rand.New(rand.NewPCG(1, 2))
			p := fixture.SquareProblem(200, rng)
			if tc.sizes[0] == 2 {
				p.X = mat.NewDense(2, 200, nil)
				p.Y = mat.NewDense(2, 200, nil)
				for j := 0; j < 200; j++ {
					a, b := 2*rng.Float64()-1, 2*rng.Float64()-1
					p.X.Set(0, j, a)
					p.X.Set(1, j, b)
					p.Y.Set(0, j, a*b)
					p.Y.Set(1, j, a*a-b)
				}
			}
			st, err := newADMMState(admmTestNet(tc.sizes, tc.act, 2, rng), p, ADMMConfig{Lambda: 1e-6, Beta: nil})
			if err != nil {
				t.Fatal(err)
			}
			var worst float64
			for k := 1; k <= 30; k++ {
				if err := st.step(); err != nil {
					t.Fatal(err)
				}
				lf, vf, yf := flat(st.lm[st.nl-1]), flat(st.v[st.nl-1]), flat(st.y)
				for i := range lf {
					worst = math.Max(worst, math.Abs(lf[i]-(vf[i]-yf[i])))
				}
			}
			t.Logf("max |Λ_N − (V_N − Y)| over 30 iterations: %.3g", worst)
			if worst > 1e-10 {
				t.Errorf("Lemma 8 (47) violated: max |Λ_N − (V_N − Y)| = %.3g, want ≤ 1e-10", worst)
			}
		})
	}
}

// errReached stops training once the target is met.
var errReached = errors.New("target reached")

// itersTo runs ADMM until the training MSE is ≤ target and returns the
// iteration count and the best MSE seen (iters = -1 if never reached).
func itersTo(t *testing.T, net *nn.Net, p nn.Problem, cfg ADMMConfig, target float64) (iters int, best float64) {
	t.Helper()
	iters, best = -1, math.Inf(1)
	err := TrainADMM(context.Background(), net, p, cfg, func(es nn.EpochStats) error {
		best = math.Min(best, es.TrainMSE)
		if es.TrainMSE <= target {
			iters = es.Epoch
			return errReached
		}
		return nil
	})
	if err != nil && !errors.Is(err, errReached) {
		t.Fatal(err)
	}
	return iters, best
}

// TestADMMSquareAcceptance: n = 1000, depth 2, width 100, MSRA×8, λ = 1e-6,
// β = 1 must reach training MSE ≤ 1e-8 within 200 iterations.
func TestADMMSquareAcceptance(t *testing.T) {
	f := fixture.Load(t, "square-L2-w100")
	p := nn.Problem{X: f.X, Y: f.Y}
	inits := []struct {
		name string
		net  func() *nn.Net
	}{{"fixture-init", f.Init.Clone}}
	inits = append(inits, struct {
		name string
		net  func() *nn.Net
	}{"Init-msra×8", func() *nn.Net {
		return nn.Init(solvers.MSRA, []int{1, 100, 100, 1}, solvers.Sigmoid, 8, rand.New(rand.NewPCG(2021, 7)))
	}})
	for _, in := range inits {
		for _, lla := range []solvers.LLA{solvers.LLAReference, solvers.LLAPaper} {
			t.Run(in.name+"/"+lla.String(), func(t *testing.T) {
				iters, best := itersTo(t, in.net(), p, ADMMConfig{Lambda: 1e-6, LLA: lla, Iters: 200}, 1e-8)
				t.Logf("%s, LLA %v: MSE ≤ 1e-8 after %d iterations (best %.3g)", in.name, lla, iters, best)
				if iters < 0 {
					t.Errorf("training MSE never reached 1e-8 in 200 iterations (best %.3g)", best)
				}
			})
		}
	}
}

// TestADMMDeterministic: two runs from the same start are bit-identical.
func TestADMMDeterministic(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	p := fixture.SquareProblem(300, rng)
	net0 := admmTestNet([]int{1, 20, 20, 20, 1}, solvers.Sigmoid, 8, rng)
	var traces [2][]float64
	nets := [2]*nn.Net{net0.Clone(), net0.Clone()}
	for r := range nets {
		err := TrainADMM(context.Background(), nets[r], p, ADMMConfig{Lambda: 1e-6, Iters: 15}, func(es nn.EpochStats) error {
			traces[r] = append(traces[r], es.TrainMSE, es.AugLagrangian)
			traces[r] = append(traces[r], es.KKT...)
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	for i := range traces[0] {
		if math.Float64bits(traces[0][i]) != math.Float64bits(traces[1][i]) {
			t.Fatalf("stat %d differs between runs: %v vs %v", i, traces[0][i], traces[1][i])
		}
	}
	for i := range nets[0].W {
		if !mat.Equal(nets[0].W[i], nets[1].W[i]) || !mat.Equal(nets[0].B[i], nets[1].B[i]) {
			t.Fatalf("layer %d weights differ between runs", i+1)
		}
	}
}

func TestADMMDiverges(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	for _, tc := range []struct {
		name  string
		setup func(p *nn.Problem, cfg *ADMMConfig)
	}{
		{"NaN input", func(p *nn.Problem, _ *ADMMConfig) { p.X.Set(0, 7, math.NaN()) }},
		{"Inf target", func(p *nn.Problem, _ *ADMMConfig) { p.Y.Set(0, 3, math.Inf(1)) }},
		{"overflowing loss", func(p *nn.Problem, _ *ADMMConfig) { p.Y.Scale(1e200, p.Y) }},
		{"singular system", func(p *nn.Problem, cfg *ADMMConfig) {
			// λ = 0 and X = 0 make λI + (βh/2)[X;1][X;1]ᵀ exactly singular.
			p.X.Zero()
			cfg.Lambda = 0
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := fixture.SquareProblem(100, rng)
			cfg := ADMMConfig{Lambda: 1e-6, Iters: 20}
			tc.setup(&p, &cfg)
			net := admmTestNet([]int{1, 10, 10, 1}, solvers.Sigmoid, 8, rng)
			err := TrainADMM(context.Background(), net, p, cfg, func(nn.EpochStats) error { return nil })
			var de *nn.DivergedError
			if !errors.As(err, &de) {
				t.Fatalf("err = %v, want a *DivergedError", err)
			}
			t.Logf("%v", err)
			if de.What == "" {
				t.Errorf("DivergedError does not say what diverged")
			}
			for i := range net.W {
				if !allFinite(net.W[i]) {
					t.Errorf("net layer %d holds non-finite weights after divergence", i+1)
				}
			}
		})
	}
}

func TestADMMCancel(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	p := fixture.SquareProblem(100, rng)
	ctx, cancel := context.WithCancel(context.Background())
	epochs := 0
	err := TrainADMM(ctx, admmTestNet([]int{1, 10, 1}, solvers.Sigmoid, 1, rng), p, ADMMConfig{Lambda: 1e-6, Iters: 1000},
		func(nn.EpochStats) error {
			epochs++
			if epochs == 3 {
				cancel()
			}
			return nil
		})
	if !errors.Is(err, context.Canceled) || epochs != 3 {
		t.Fatalf("err = %v after %d epochs, want context.Canceled after 3", err, epochs)
	}
}

func TestADMMRejects(t *testing.T) {
	rng := rand.New(rand.NewPCG(9, 10))
	p := fixture.SquareProblem(50, rng)
	for _, tc := range []struct {
		name string
		net  *nn.Net
		cfg  ADMMConfig
		want string
	}{
		{"relu", admmTestNet([]int{1, 5, 1}, solvers.ReLU, 1, rng), ADMMConfig{Lambda: 1e-6}, "relu is not supported"},
		{"no hidden layer", admmTestNet([]int{1, 1}, solvers.Sigmoid, 1, rng), ADMMConfig{Lambda: 1e-6}, "at least one hidden layer"},
		{"beta length", admmTestNet([]int{1, 5, 1}, solvers.Sigmoid, 1, rng), ADMMConfig{Beta: []float64{1}}, "1 penalties Beta, want 2"},
		{"negative beta", admmTestNet([]int{1, 5, 1}, solvers.Sigmoid, 1, rng), ADMMConfig{Beta: []float64{1, -1}}, "Beta[1] = -1"},
		{"input dim", admmTestNet([]int{2, 5, 1}, solvers.Sigmoid, 1, rng), ADMMConfig{}, "X has 1 rows, want 2"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := TrainADMM(context.Background(), tc.net, p, tc.cfg, nil)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("err = %v, want one containing %q", err, tc.want)
			}
		})
	}
}

// TestADMMStats checks the EpochStats against direct evaluations: Violation
// against a forward pass through V, KKT sizes, LayerNorms of the first step,
// and classification accuracy fields.
func TestADMMStats(t *testing.T) {
	rng := rand.New(rand.NewPCG(11, 12))
	p := fixture.SquareProblem(120, rng)
	for j := 0; j < 120; j++ { // a ±1 labelling for ClassifySign
		if p.Y.At(0, j) > 0.3 {
			p.Y.Set(0, j, 1)
		} else {
			p.Y.Set(0, j, -1)
		}
	}
	p.Task = solvers.ClassifySign
	p.TestX, p.TestY = p.X, p.Y
	net := admmTestNet([]int{1, 9, 7, 1}, solvers.Tanh, 2, rng)
	start := net.Clone()
	var got []nn.EpochStats
	if err := TrainADMM(context.Background(), net, p, ADMMConfig{Lambda: 1e-4, Iters: 2}, func(es nn.EpochStats) error {
		got = append(got, es)
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || got[1].Epoch != 2 {
		t.Fatalf("got %d stats, want 2 with epochs 1, 2", len(got))
	}
	es := got[1]
	if len(es.KKT) != 6 || len(es.Violation) != 3 || len(es.LayerNorms) != 3 {
		t.Fatalf("len KKT, Violation, LayerNorms = %d, %d, %d; want 6, 3, 3", len(es.KKT), len(es.Violation), len(es.LayerNorms))
	}
	pred := net.Forward(p.X)
	if mse := nn.MSE(pred, p.Y); math.Abs(mse-es.TrainMSE) > 1e-12*mse {
		t.Errorf("TrainMSE = %v, forward pass gives %v", es.TrainMSE, mse)
	}
	if !es.IsClassify || !es.HasTest || es.TrainAcc != nn.Accuracy(pred, p.Y, solvers.ClassifySign) || es.TestAcc != es.TrainAcc {
		t.Errorf("classification fields wrong: %+v", es)
	}
	// Sum of layer-1 update norms over both epochs bounds the total change.
	var d mat.Dense
	d.Sub(net.W[0], start.W[0])
	if total := mat.Norm(&d, 2); total > got[0].LayerNorms[0]+got[1].LayerNorms[0]+1e-12 {
		t.Errorf("‖ΔW_1‖ = %v exceeds the sum of LayerNorms %v", total, got[0].LayerNorms[0]+got[1].LayerNorms[0])
	}
	for i, v := range es.KKT {
		if !(v >= 0) || math.IsInf(v, 0) {
			t.Errorf("KKT[%d] = %v", i, v)
		}
	}
}
