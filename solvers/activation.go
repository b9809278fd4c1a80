package solvers

import (
	"fmt"
	"math"
)

// Activation is a hidden-layer nonlinearity.
type Activation int

const (
	Sigmoid Activation = iota + 1
	ReLU
	Tanh
)

// ParseActivation maps "sigmoid", "relu" or "tanh" to an Activation.
func ParseActivation(s string) (Activation, error) {
	switch s {
	case "sigmoid":
		return Sigmoid, nil
	case "relu":
		return ReLU, nil
	case "tanh":
		return Tanh, nil
	}
	return 0, fmt.Errorf("unknown activation %q, want sigmoid, relu or tanh", s)
}

func (a Activation) String() string {
	switch a {
	case Sigmoid:
		return "sigmoid"
	case ReLU:
		return "relu"
	case Tanh:
		return "tanh"
	}
	return fmt.Sprintf("Activation(%d)", int(a))
}

// F evaluates the activation.
func (a Activation) F(u float64) float64 {
	switch a {
	case Sigmoid:
		return sigmoidOne(u) // the solvers' own kernel, accurate to 3 ulp
	case ReLU:
		if u > 0 {
			return u
		}
		return 0
	case Tanh:
		return tanhOne(u) // not math.Tanh, whose bits depend on the CPU (see tanhInto)
	}
	panic("solvers: invalid activation")
}

// D evaluates the derivative of the activation (ReLU′(0) is taken as 0).
func (a Activation) D(u float64) float64 {
	switch a {
	case Sigmoid:
		s := sigmoidOne(u)
		return s * (1 - s)
	case ReLU:
		if u > 0 {
			return 1
		}
		return 0
	case Tanh:
		t := tanhOne(u)
		return 1 - float64(t*t)
	}
	panic("solvers: invalid activation")
}

// Bounds returns the constants L0 = sup|σ|, L1 = sup|σ′| and L2 = sup|σ″| used
// by the paper's LLA constant 𝕃 of equation (18). ok is false for activations
// ADMM does not support (ReLU is unbounded and not twice differentiable).
func (a Activation) Bounds() (l0, l1, l2 float64, ok bool) {
	switch a {
	case Sigmoid:
		// The paper states L0 = 1, L1 = 1/4, L2 = 1/4 (sup|σ″| is 1/(6√3) ≈ 0.096,
		// the paper's 1/4 is the looser bound it uses; we follow the paper).
		return 1, 0.25, 0.25, true
	case Tanh:
		// sup|tanh| = 1, sup|tanh′| = 1, sup|tanh″| = 4/(3√3).
		return 1, 1, 4 / (3 * math.Sqrt(3)), true
	}
	return 0, 0, 0, false
}
