package fixturetrace

import (
	"context"

	"github.com/admmlab/admmlab/solvers"
	"github.com/admmlab/admmlab/solvers/admm"
	"github.com/admmlab/admmlab/solvers/fixture"
	"github.com/admmlab/admmlab/solvers/nn"
	"gonum.org/v1/gonum/mat"
)

// Lambda is the λ of the reference fixtures (README: λ = 1e-6, β_i = 1).
const Lambda = 1e-6

// Replay trains the fixture's initial net on its data with ADMM for iters
// iterations (LLA constant lla) and calls row for each, as trace.csv has
// it: row k's train_mse is the MSE of the iterate before update k (row 1
// the initial net, row k > 1 the net after update k−1), and its
// aug_lagrangian is (6) with λ/2‖W_i‖² over the weights only (the
// fixtures' README says biases are included; the numbers say not), so the
// bias part of nn.EpochStats.AugLagrangian is taken out. An error of row
// stops the replay.
func Replay(ctx context.Context, f *fixture.Fixture, lla solvers.LLA, iters int, row func(k int, trainMSE, augLagrangian float64) error) error {
	net, x, y := f.Init, f.X, f.Y
	prev := nn.MSE(net.Forward(x), y)
	return admm.TrainADMM(ctx, net, nn.Problem{X: x, Y: y},
		admm.ADMMConfig{Lambda: Lambda, LLA: lla, Iters: iters},
		func(es nn.EpochStats) error {
			var bb float64
			for _, b := range net.B {
				bb += mat.Dot(b, b)
			}
			err := row(es.Epoch, prev, es.AugLagrangian-Lambda/2*bb)
			prev = es.TrainMSE
			return err
		})
}
