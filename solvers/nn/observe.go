package nn

import (
	"fmt"

	"github.com/admmlab/admmlab/solvers"
	"gonum.org/v1/gonum/mat"
)

// EpochStats is what an Observer sees after every epoch (one ADMM iteration
// is one epoch). Slices are indexed by zero-based layer.
type EpochStats struct {
	Epoch    int     // 1-based
	TrainMSE float64 // ‖f(X) − Y‖²_F / n of the net after this epoch

	HasTest    bool
	TestMSE    float64 // ‖f(Xtest) − Ytest‖²_F / n_test
	TestAcc    float64 // fraction correct, for classification problems
	TrainAcc   float64 // fraction correct, for classification problems
	IsClassify bool

	// ADMM only.
	AugLagrangian float64   // equation (6), after the update
	KKT           []float64 // the residuals of (24), one per block as the ADMM file documents
	Violation     []float64 // ‖σ(W_i V_{i−1}) − V_i‖_F per layer (last: linear layer)

	// LayerNorms are per-layer gradient norms ‖∂loss/∂W_i‖_F averaged over the
	// epoch's minibatches (SGD family) or update norms ‖W_i^k − W_i^{k−1}‖_F (ADMM).
	LayerNorms []float64
}

// Observer receives statistics after each epoch. Returning a non-nil error
// stops training and is returned by the solver unchanged (used for
// cancellation).
type Observer func(EpochStats) error

// Problem is a training set and an optional test set, column per sample.
type Problem struct {
	X, Y         *mat.Dense
	TestX, TestY *mat.Dense // nil when there is no test set
	Task         solvers.Task
}

// DivergedError reports that a run produced NaN or Inf.
type DivergedError struct {
	Epoch int
	What  string // which quantity became non-finite
}

func (e *DivergedError) Error() string {
	return fmt.Sprintf("diverged at epoch %d: %s is not finite", e.Epoch, e.What)
}
