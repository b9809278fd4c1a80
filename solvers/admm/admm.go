package admm

import (
	"context"
	"fmt"
	"math"

	"github.com/admmlab/admmlab/solvers"
	"github.com/admmlab/admmlab/solvers/nn"
)

// ADMMConfig holds the parameters of Algorithm 1.
type ADMMConfig struct {
	Lambda float64     // regularisation λ of (5); it penalises weights and biases
	Beta   []float64   // penalty β_i per layer, len = number of layers; nil ⇒ all 1
	LLA    solvers.LLA // zero means LLAReference
	Iters  int         // number of iterations (one iteration is one epoch)
}

// TrainADMM trains net in place by Algorithm 1 of the paper, in the variant
// pinned down by the authors' code (see shared/fixtures/admm-reference):
// biases are an extra weight column acting on [V; 1ᵀ], λ regularises them
// too, W-updates run backward (output layer by (50), hidden layers by (51)),
// V-updates forward ((57) for V_1..V_{N−2}, (56) for V_{N−1}, (12) for V_N),
// then all multipliers by (13). With one hidden layer the V₁-update is (56),
// as in Algorithm 1.
//
// After each iteration obs (if non-nil) receives EpochStats. Their ADMM fields
// mean, with Ṽ_{i−1} = [V_{i−1}; 1ᵀ], [W_i b_i] the augmented weights and all
// quantities at the iterate after the update:
//
//   - AugLagrangian: (6) including λ/2‖[W_i b_i]‖²_F of every layer.
//   - KKT: 2N entries. KKT[i], i < N, is the W_i-stationarity residual of
//     (24), ‖λ[W_i b_i] + (Λ_i ⊙ σ′(W_iṼ_{i−1}))Ṽ_{i−1}ᵀ‖_F for hidden layers and
//     ‖λ[W_N b_N] + Λ_N Ṽ_{N−1}ᵀ‖_F for the output layer. KKT[N+i] is the
//     V_{i+1}-stationarity residual: ‖−Λ_i + W_{i+1}ᵀ(Λ_{i+1} ⊙ σ′(W_{i+1}Ṽ_i))‖_F
//     for i ≤ N−2, ‖−Λ_{N−1} + W_NᵀΛ_N‖_F, and ‖−Λ_N + V_N − Y‖_F last
//     (W without its bias column). The feasibility rows of (24) are Violation.
//   - Violation: ‖σ(W_iṼ_{i−1}) − V_i‖_F per layer (linear for the last).
//   - LayerNorms: ‖[W_i b_i]^k − [W_i b_i]^{k−1}‖_F.
//
// TrainADMM returns ctx.Err() when ctx is cancelled between iterations, the
// observer's error unchanged, and a *DivergedError when any weight, response,
// multiplier or the loss stops being finite or a subproblem's system is not
// positive definite. On error, net holds the last finite iterate.
func TrainADMM(ctx context.Context, net *nn.Net, p nn.Problem, cfg ADMMConfig, obs nn.Observer) error {
	st, err := newADMMState(net, p, cfg)
	if err != nil {
		return err
	}
	for k := 1; k <= cfg.Iters; k++ {
		if err := ctx.Err(); err != nil {
			return err
		}
		if err := st.step(); err != nil {
			return err
		}
		st.writeBack(net)
		if obs == nil {
			continue
		}
		es, err := st.stats(p)
		if err != nil {
			return err
		}
		if err := obs(es); err != nil {
			return err
		}
	}
	return nil
}

// checkADMMInputs validates everything TrainADMM is handed and returns the
// per-layer β (defaults filled in).
func checkADMMInputs(net *nn.Net, p nn.Problem, cfg ADMMConfig) ([]float64, error) {
	if net == nil {
		return nil, fmt.Errorf("admm: nil net")
	}
	if err := net.Validate(); err != nil {
		return nil, err
	}
	if net.Hidden != solvers.Sigmoid && net.Hidden != solvers.Tanh {
		return nil, fmt.Errorf("admm: hidden activation %v is not supported, want sigmoid or tanh (ADMM needs a bounded, twice differentiable activation)", net.Hidden)
	}
	if len(net.W) < 2 {
		return nil, fmt.Errorf("admm: net has %d layer(s), want at least one hidden layer and an output layer", len(net.W))
	}
	if p.X == nil || p.Y == nil {
		return nil, fmt.Errorf("admm: problem needs both X and Y")
	}
	sizes := net.Sizes()
	xr, xc := p.X.Dims()
	yr, yc := p.Y.Dims()
	if xr != sizes[0] {
		return nil, fmt.Errorf("admm: X has %d rows, want %d (the net's input dimension)", xr, sizes[0])
	}
	if yr != sizes[len(sizes)-1] {
		return nil, fmt.Errorf("admm: Y has %d rows, want %d (the net's output dimension)", yr, sizes[len(sizes)-1])
	}
	if xc != yc {
		return nil, fmt.Errorf("admm: X has %d columns and Y %d, want one column per sample in both", xc, yc)
	}
	if p.TestX != nil {
		if p.TestY == nil {
			return nil, fmt.Errorf("admm: TestX given without TestY")
		}
		tr, tc := p.TestX.Dims()
		ur, uc := p.TestY.Dims()
		if tr != sizes[0] || ur != yr || tc != uc {
			return nil, fmt.Errorf("admm: test set is %d×%d and %d×%d, want %d×m and %d×m", tr, tc, ur, uc, sizes[0], yr)
		}
	}
	if !(cfg.Lambda >= 0) || math.IsInf(cfg.Lambda, 0) {
		return nil, fmt.Errorf("admm: Lambda = %v, want a finite value ≥ 0", cfg.Lambda)
	}
	if cfg.Iters < 0 {
		return nil, fmt.Errorf("admm: Iters = %d, want ≥ 0", cfg.Iters)
	}
	switch cfg.LLA {
	case 0, solvers.LLAReference, solvers.LLAPaper:
	default:
		return nil, fmt.Errorf("admm: unknown LLA %v", cfg.LLA)
	}
	beta := cfg.Beta
	if beta == nil {
		beta = make([]float64, len(net.W))
		for i := range beta {
			beta[i] = 1
		}
	}
	if len(beta) != len(net.W) {
		return nil, fmt.Errorf("admm: %d penalties Beta, want %d (one per layer)", len(beta), len(net.W))
	}
	for i, b := range beta {
		if !(b > 0) || math.IsInf(b, 0) {
			return nil, fmt.Errorf("admm: Beta[%d] = %v, want a finite value > 0", i, b)
		}
	}
	return beta, nil
}

// llaConstant returns h (or μ) for a subproblem whose target B has largest
// absolute entry maxB.
func llaConstant(l solvers.LLA, act solvers.Activation, maxB float64) float64 {
	if l == solvers.LLAPaper {
		l0, l1, l2, _ := bounds(act)
		return float64(2*l2*(l0+maxB)) + float64(2*l1*l1)
	}
	return maxB
}

// bounds returns the constants L0 = sup|σ|, L1 = sup|σ′| and L2 = sup|σ″| used
// by the paper's LLA constant 𝕃 of equation (18). ok is false for activations
// ADMM does not support (ReLU is unbounded and not twice differentiable).
func bounds(a solvers.Activation) (l0, l1, l2 float64, ok bool) {
	switch a {
	case solvers.Sigmoid:
		// The paper states L0 = 1, L1 = 1/4, L2 = 1/4 (sup|σ″| is 1/(6√3) ≈ 0.096,
		// the paper's 1/4 is the looser bound it uses; we follow the paper).
		return 1, 0.25, 0.25, true
	case solvers.Tanh:
		// sup|tanh| = 1, sup|tanh′| = 1, sup|tanh″| = 4/(3√3).
		return 1, 1, 4 / (3 * math.Sqrt(3)), true
	}
	return 0, 0, 0, false
}
