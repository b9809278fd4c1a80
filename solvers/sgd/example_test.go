package sgd_test

import (
	"context"
	"fmt"
	"math/rand/v2"

	"github.com/admmlab/admmlab/solvers"
	"github.com/admmlab/admmlab/solvers/nn"
	"github.com/admmlab/admmlab/solvers/sgd"
	"gonum.org/v1/gonum/mat"
)

// ExampleTrainSGD fits y = x² on 200 points with a small ReLU net, plain SGD
// and the paper's learning-rate schedule.
func ExampleTrainSGD() {
	const n = 200
	X, Y := mat.NewDense(1, n, nil), mat.NewDense(1, n, nil)
	for j := 0; j < n; j++ {
		x := -1 + 2*float64(j)/(n-1) // a deterministic grid on [−1, 1]
		X.Set(0, j, x)
		Y.Set(0, j, x*x)
	}
	p := nn.Problem{X: X, Y: Y}

	rng := rand.New(rand.NewPCG(1, 2)) // one stream for init and shuffling
	net := nn.Init(solvers.MSRA, []int{1, 20, 20, 1}, solvers.ReLU, 1, rng)
	var first, last float64
	cfg := sgd.NewSGDConfig(solvers.SGD, 50, 100)
	err := sgd.TrainSGD(context.Background(), net, p, cfg, rng, func(s nn.EpochStats) error {
		if s.Epoch == 1 {
			first = s.TrainMSE
		}
		last = s.TrainMSE
		return nil
	})
	fmt.Println("error:", err)
	fmt.Println("loss decreased:", last < first)
	fmt.Println("final MSE below 1e-2:", last < 1e-2)
	// Output:
	// error: <nil>
	// loss decreased: true
	// final MSE below 1e-2: true
}
