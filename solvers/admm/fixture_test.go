package admm

import (
	"context"
	"math"
	"testing"

	"github.com/admmlab/admmlab/solvers"
	"github.com/admmlab/admmlab/solvers/internal/fixture"
	"github.com/admmlab/admmlab/solvers/nn"
	"gonum.org/v1/gonum/mat"
)

func relErr(got, want float64) float64 {
	return math.Abs(got-want) / math.Abs(want)
}

// netDist returns ‖[W b] − [W' b']‖_F / ‖[W' b']‖_F for the worst layer.
func netDist(a, b *nn.Net) float64 {
	var worst float64
	for i := range a.W {
		var d mat.Dense
		d.Sub(a.W[i], b.W[i])
		var db mat.VecDense
		db.SubVec(a.B[i], b.B[i])
		num := math.Hypot(mat.Norm(&d, 2), mat.Norm(&db, 2))
		den := math.Hypot(mat.Norm(b.W[i], 2), mat.Norm(b.B[i], 2))
		worst = math.Max(worst, num/den)
	}
	return worst
}

// TestADMMFixtures replays the authors' golden trajectories. train_mse in
// trace.csv is the MSE of the iterate before update k, so row 1 is the initial
// net and row k+1 is our EpochStats.TrainMSE after update k.
func TestADMMFixtures(t *testing.T) {
	for _, name := range []string{"square-L2-w100", "square-L3-w20"} {
		t.Run(name, func(t *testing.T) {
			f := fixture.Load(t, name)
			net := f.Init.Clone()
			K := len(f.Trace)
			mse := []float64{nn.MSE(net.Forward(f.X), f.Y)}
			var aug []float64
			err := TrainADMM(context.Background(), net, nn.Problem{X: f.X, Y: f.Y},
				ADMMConfig{Lambda: 1e-6, LLA: solvers.LLAReference, Iters: K},
				func(es nn.EpochStats) error {
					mse = append(mse, es.TrainMSE)
					// trace.csv's aug_lagrangian leaves out λ/2‖b_i‖² (see admmAugTol).
					aug = append(aug, es.AugLagrangian-1e-6/2*biasSq(net))
					return nil
				})
			if err != nil {
				t.Fatal(err)
			}
			var max10, maxAll, maxAug10, maxAug float64
			for k := 0; k < K; k++ {
				e := relErr(mse[k], f.Trace[k][1])
				if k < 10 {
					max10 = math.Max(max10, e)
				}
				maxAll = math.Max(maxAll, e)
				ea := relErr(aug[k], f.Trace[k][2])
				if k < 10 {
					maxAug10 = math.Max(maxAug10, ea)
				}
				maxAug = math.Max(maxAug, ea)
			}
			wd := netDist(net, f.Final)
			t.Logf("%s: train_mse max rel err %.3g (k≤10), %.3g (all %d); aug_lagrangian %.3g (k≤10), %.3g (all); final weights %.3g",
				name, max10, maxAll, K, maxAug10, maxAug, wd)
			if max10 > 1e-6 {
				t.Errorf("train_mse max rel err over the first 10 iterations = %.3g, want ≤ 1e-6", max10)
			}
			if maxAll > 1e-3 {
				t.Errorf("train_mse max rel err over all %d iterations = %.3g, want ≤ 1e-3", K, maxAll)
			}
			if maxAug10 > admmAugTol10 {
				t.Errorf("aug_lagrangian max rel err over the first 10 iterations = %.3g, want ≤ %g", maxAug10, admmAugTol10)
			}
			if maxAug > admmAugTol {
				t.Errorf("aug_lagrangian max rel err over all iterations = %.3g, want ≤ %g", maxAug, admmAugTol)
			}
			if wd > 5e-2 {
				t.Errorf("final weights rel err (Frobenius, [W b], worst layer) = %.3g, want ≤ 5e-2", wd)
			}
		})
	}
}

// admmAugTol10 and admmAugTol are the relative tolerances on aug_lagrangian
// over the first 10 and over all iterations, set from the measured agreement
// (TestADMMFixtures logs it: at most 7.4e-7 resp. 2.3e-3, the latter on
// square-L3-w20 where the trajectory drifts as train_mse does) with headroom.
//
// Although the fixture README says trace.csv's aug_lagrangian includes the
// biases in λ/2‖W‖², the numbers are (6) with λ/2‖W_i‖² over the weights only:
// with biases included every row is off by exactly λ/2·Σ‖b_i‖² (1.87e-6 on
// square-L2-w100, i.e. 0.5%; 1.5e-5 on square-L3-w20). EpochStats.AugLagrangian
// keeps the biases, as TrainADMM documents; the comparison removes them.
const (
	admmAugTol10 = 1e-5
	admmAugTol   = 1e-2
)

// biasSq returns Σ‖b_i‖².
func biasSq(net *nn.Net) float64 {
	var s float64
	for _, b := range net.B {
		s += mat.Dot(b, b)
	}
	return s
}
