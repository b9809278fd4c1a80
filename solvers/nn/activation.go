package nn

import (
	"github.com/admmlab/admmlab/solvers"
	"github.com/admmlab/admmlab/solvers/kernels"
)

// Activate evaluates the activation a at u.
func Activate(a solvers.Activation, u float64) float64 {
	switch a {
	case solvers.Sigmoid:
		return kernels.SigmoidOne(u) // the solvers' own kernel, accurate to 3 ulp
	case solvers.ReLU:
		if u > 0 {
			return u
		}
		return 0
	case solvers.Tanh:
		return kernels.TanhOne(u) // not math.Tanh, whose bits depend on the CPU (see kernels.TanhInto)
	}
	panic("nn: invalid activation " + a.String())
}

// Deriv evaluates the derivative of the activation a at u (ReLU′(0) is
// taken as 0).
func Deriv(a solvers.Activation, u float64) float64 {
	switch a {
	case solvers.Sigmoid:
		s := kernels.SigmoidOne(u)
		return s * (1 - s)
	case solvers.ReLU:
		if u > 0 {
			return 1
		}
		return 0
	case solvers.Tanh:
		t := kernels.TanhOne(u)
		return 1 - float64(t*t)
	}
	panic("nn: invalid activation " + a.String())
}
