package sgd

import (
	"fmt"
	"math"

	"github.com/admmlab/admmlab/solvers"
	"github.com/admmlab/admmlab/solvers/nn"
	"gonum.org/v1/gonum/blas/blas64"
	"gonum.org/v1/gonum/mat"
)

// Loss is what the SGD family minimises. The zero value is the square loss,
// so that a configuration that does not name a loss trains as it always has.
type Loss int

const (
	// Square is ‖f(X) − Y‖²_F/(m·d_N) (see backprop.go): the loss the
	// paper's problem (2) states and ADMM minimises.
	Square Loss = iota
	// CrossEntropy is Keras's classification convention, the one the
	// paper's SGD baselines cite: the output layer stays linear and its
	// outputs z are logits. With d_N > 1 outputs (one-hot targets, argmax
	// classification) it is categorical_crossentropy on softmax(z):
	//
	//	L = (1/m) Σ_j −log softmax(z_j)_{c_j},   ∂L/∂z_j = (softmax(z_j) − e_{c_j})/m,
	//
	// c_j the target's argmax. With one output and ±1 targets (sign
	// classification) it is binary_crossentropy on σ(z), which is the
	// two-class softmax of the logits (z, 0):
	//
	//	L = (1/m) Σ_j log(1 + e^{−y_j z_j}),      ∂L/∂z_j = −y_j σ(−y_j z_j)/m.
	//
	// Both are computed without overflow (log-sum-exp, softplus).
	CrossEntropy
)

func (l Loss) String() string {
	switch l {
	case Square:
		return "square"
	case CrossEntropy:
		return "cross-entropy"
	}
	return fmt.Sprintf("Loss(%d)", int(l))
}

// checkLoss refuses a loss the task cannot have: cross-entropy needs
// classes.
func checkLoss(l Loss, task solvers.Task) error {
	switch {
	case l == Square:
		return nil
	case l != CrossEntropy:
		return fmt.Errorf("sgd config: Loss is %v, want square or cross-entropy", l)
	case task == solvers.Regression:
		return fmt.Errorf("sgd config: Loss is cross-entropy, which needs a classification problem, and the problem is regression")
	}
	return nil
}

// backwardXent is backward for CrossEntropy: it sets the output layer's
// ∂L/∂z, propagates it into g and returns L.
func (ws *bpWork) backwardXent(n *nn.Net, y blas64.General, g *grads, task solvers.Task) float64 {
	loss := xentDelta(ws.a[len(n.W)], y, ws.d[len(n.W)-1], task)
	ws.propagate(n, g)
	return loss
}

// xentDelta writes ∂L/∂z of the logits z (d_N×m) for targets y into d and
// returns L, both as CrossEntropy defines them.
func xentDelta(z, y, d blas64.General, task solvers.Task) float64 {
	m := float64(z.Cols)
	var loss float64
	for j := 0; j < z.Cols; j++ {
		if task == solvers.ClassifySign {
			zj, yj := z.Data[j], 1.0
			if y.Data[j] < 0 {
				yj = -1
			}
			loss += softplus(-yj * zj)
			d.Data[j] = -yj * logistic(-yj*zj) / m
			continue
		}
		c, zmax := 0, z.Data[j]
		for r := 1; r < z.Rows; r++ {
			if y.Data[r*y.Stride+j] > y.Data[c*y.Stride+j] {
				c = r
			}
			zmax = max(zmax, z.Data[r*z.Stride+j])
		}
		var sum float64
		for r := 0; r < z.Rows; r++ {
			sum += math.Exp(z.Data[r*z.Stride+j] - zmax)
		}
		lse := zmax + math.Log(sum)
		loss += lse - z.Data[c*z.Stride+j]
		for r := 0; r < z.Rows; r++ {
			p := math.Exp(z.Data[r*z.Stride+j] - lse)
			if r == c {
				p--
			}
			d.Data[r*d.Stride+j] = p / m
		}
	}
	return loss / m
}

// softplus is log(1 + e^a) without overflow.
func softplus(a float64) float64 {
	return max(a, 0) + math.Log1p(math.Exp(-math.Abs(a)))
}

// logistic is 1/(1 + e^{−a}) without overflow.
func logistic(a float64) float64 {
	if a >= 0 {
		return 1 / (1 + math.Exp(-a))
	}
	e := math.Exp(a)
	return e / (1 + e)
}

// Probabilities maps a net's outputs P (d_N×n), in place, to what its loss
// predicts, so that an MSE read against the targets means the same for
// either loss: nothing under Square; under CrossEntropy each column's
// softmax (argmax tasks) or 2σ(z) − 1 (sign tasks, on the ±1 scale of the
// targets). Either keeps the predicted class, but accuracy is read on the
// outputs before this map, as under Square, so that rounding cannot tie
// two classes.
func Probabilities(l Loss, task solvers.Task, P *mat.Dense) {
	if l != CrossEntropy {
		return
	}
	probabilities(task, P.RawMatrix())
}

func probabilities(task solvers.Task, z blas64.General) {
	for j := 0; j < z.Cols; j++ {
		if task == solvers.ClassifySign {
			z.Data[j] = 2*logistic(z.Data[j]) - 1
			continue
		}
		zmax := z.Data[j]
		for r := 1; r < z.Rows; r++ {
			zmax = max(zmax, z.Data[r*z.Stride+j])
		}
		var sum float64
		for r := 0; r < z.Rows; r++ {
			e := math.Exp(z.Data[r*z.Stride+j] - zmax)
			z.Data[r*z.Stride+j] = e
			sum += e
		}
		for r := 0; r < z.Rows; r++ {
			z.Data[r*z.Stride+j] /= sum
		}
	}
}

// GradientXent is Gradient for CrossEntropy on task: the loss of the m
// columns of X and Y and its gradients with respect to every W_i and b_i.
// It panics if the shapes do not chain.
func GradientXent(n *nn.Net, X, Y *mat.Dense, task solvers.Task) (loss float64, gW []*mat.Dense, gB []*mat.VecDense) {
	return gradientOf(n, X, Y, func(ws *bpWork, n *nn.Net, y blas64.General, g *grads) float64 {
		return ws.backwardXent(n, y, g, task)
	})
}

// backward runs the backward pass of the configured loss.
func (t *sgdTrainer) backward(ws *bpWork, y blas64.General) float64 {
	if t.cfg.Loss == CrossEntropy {
		return ws.backwardXent(t.net, y, t.g, t.p.Task)
	}
	return ws.backward(t.net, y, t.g)
}
