package sgd

import (
	"context"
	"errors"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/admmlab/admmlab/solvers"
	"github.com/admmlab/admmlab/solvers/internal/fixture"
	"github.com/admmlab/admmlab/solvers/nn"
	"gonum.org/v1/gonum/mat"
)

func TestTrainSGDDiverges(t *testing.T) {
	for _, m := range []solvers.Algorithm{solvers.SGD, solvers.SGDM} {
		rng := rand.New(rand.NewPCG(8, 8))
		p := fixture.SquareProblem(100, rng)
		net := nn.Init(solvers.MSRA, []int{1, 30, 30, 30, 1}, solvers.ReLU, 1, rng)
		calls := 0
		err := TrainSGD(context.Background(), net, p, SGDConfig{Method: m, LR: 1e8, Batch: 10, Epochs: 1000}, rng,
			func(nn.EpochStats) error { calls++; return nil })
		var de *nn.DivergedError
		if !errors.As(err, &de) {
			t.Fatalf("%v: error %v, want a *DivergedError", m, err)
		}
		if de.Epoch != calls+1 || de.What == "" {
			t.Errorf("%v: diverged at epoch %d (%q) after %d observed epochs", m, de.Epoch, de.What, calls)
		}
	}
}

func TestTrainSGDStops(t *testing.T) {
	rng := rand.New(rand.NewPCG(9, 9))
	p := fixture.SquareProblem(100, rng)
	net := nn.Init(solvers.MSRA, []int{1, 10, 1}, solvers.ReLU, 1, rng)
	cfg := NewSGDConfig(solvers.SGD, 10, 1000)

	ctx, cancel := context.WithCancel(context.Background())
	calls := 0
	err := TrainSGD(ctx, net, p, cfg, rng, func(s nn.EpochStats) error {
		calls++
		if s.Epoch == 3 {
			cancel()
		}
		return nil
	})
	if !errors.Is(err, context.Canceled) || calls != 3 {
		t.Errorf("cancelled at epoch 3: error %v after %d epochs, want context.Canceled after 3", err, calls)
	}

	stop := errors.New("enough")
	calls = 0
	err = TrainSGD(context.Background(), net, p, cfg, rng, func(s nn.EpochStats) error {
		calls++
		if s.Epoch == 2 {
			return stop
		}
		return nil
	})
	if err != stop || calls != 2 {
		t.Errorf("observer stop: error %v after %d epochs, want the observer's error after 2", err, calls)
	}
}

func TestTrainSGDInvalid(t *testing.T) {
	rng := rand.New(rand.NewPCG(10, 10))
	p := fixture.SquareProblem(20, rng)
	net := nn.Init(solvers.LeCunGauss, []int{1, 4, 1}, solvers.ReLU, 1, rng)
	good := NewSGDConfig(solvers.SGD, 5, 2)
	for _, tc := range []struct {
		name string
		net  *nn.Net
		p    nn.Problem
		cfg  SGDConfig
		want string
	}{
		{"batch", net, p, SGDConfig{Method: solvers.SGD, Epochs: 1}, "Batch"},
		{"epochs", net, p, SGDConfig{Method: solvers.SGD, Batch: 5}, "Epochs"},
		{"method", net, p, SGDConfig{Batch: 5, Epochs: 1}, "Method"},
		{"admm is not an SGD method", net, p, SGDConfig{Method: solvers.ADMM, Batch: 5, Epochs: 1}, "Method"},
		{"lr", net, p, SGDConfig{Method: solvers.SGD, LR: -1, Batch: 5, Epochs: 1}, "LR"},
		{"momentum", net, p, SGDConfig{Method: solvers.SGDM, Momentum: 1, Batch: 5, Epochs: 1}, "Momentum"},
		{"shape", nn.Init(solvers.LeCunGauss, []int{2, 4, 1}, solvers.ReLU, 1, rng), p, good, "X is 1×20"},
		{"test half", net, nn.Problem{X: p.X, Y: p.Y, TestX: p.X}, good, "TestX and TestY"},
		{"no data", net, nn.Problem{}, good, "X and Y"},
		{"no samples", net, nn.Problem{X: &mat.Dense{}, Y: &mat.Dense{}}, good, "n > 0"},
		{"bad net", &nn.Net{Hidden: solvers.ReLU}, p, good, "net:"},
		{"test shape", net, nn.Problem{X: p.X, Y: p.Y, TestX: mat.NewDense(2, 3, nil), TestY: mat.NewDense(1, 3, nil)}, good, "TestX is 2×3"},
	} {
		err := TrainSGD(context.Background(), net.Clone(), tc.p, tc.cfg, rng, nil)
		if tc.net != net {
			err = TrainSGD(context.Background(), tc.net, tc.p, tc.cfg, rng, nil)
		}
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: error %v, want one mentioning %q", tc.name, err, tc.want)
		}
	}
}

// TestTrainSGDAllocations checks that the per-minibatch loop allocates
// nothing: the allocations of an epoch do not grow with its minibatch count.
func TestTrainSGDAllocations(t *testing.T) {
	rng := rand.New(rand.NewPCG(11, 11))
	p := fixture.SquareProblem(200, rng)
	net := nn.Init(solvers.MSRA, []int{1, 20, 20, 1}, solvers.ReLU, 0.5, rng)
	perEpoch := func(batch int) float64 {
		run := func(epochs int) float64 {
			return testing.AllocsPerRun(3, func() {
				cfg := SGDConfig{Method: solvers.Adam, Batch: batch, Epochs: epochs}
				if err := TrainSGD(context.Background(), net.Clone(), p, cfg, rand.New(rand.NewPCG(1, 1)), nil); err != nil {
					t.Fatal(err)
				}
			})
		}
		return (run(6) - run(2)) / 4
	}
	few, many := perEpoch(100), perEpoch(5) // 2 vs 40 minibatches per epoch
	// The per-epoch constant (statistics, and goroutines of gonum's parallel
	// Dgemm in the full-set evaluation) must not scale with minibatches.
	if many > few+1 {
		t.Errorf("allocations per epoch: %v with 40 minibatches, %v with 2", many, few)
	}
}
