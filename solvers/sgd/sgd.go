package sgd

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"

	"github.com/admmlab/admmlab/solvers"
	"github.com/admmlab/admmlab/solvers/kernels"
	"github.com/admmlab/admmlab/solvers/nn"
	"gonum.org/v1/gonum/blas/blas64"
)

// Paper settings (Section 5.1, Table 2).
const (
	DefaultSGDLR    = 0.1  // SGD and SGDM initial learning rate
	DefaultMomentum = 0.5  // SGDM
	DefaultAdamLR   = 1e-3 // Adam
	AdamBeta1       = 0.9
	AdamBeta2       = 0.999
	AdamEps         = 1e-8
	DecayFactor     = 0.95 // step decay: lr·0.95^⌊(epoch−1)/10⌋
	DecayEvery      = 10
)

// SGDConfig configures TrainSGD.
//
// Learning-rate schedule. With Decay set, SGD and SGDM use the paper's step
// ("geometric") decay lr_e = LR·0.95^⌊(e−1)/10⌋ for the 1-based epoch e, so
// epochs 1–10 run at LR, 11–20 at 0.95·LR, and so on. Adam always runs at its
// constant LR: Table 2 of the paper lists the decayed schedule under "SGDs,
// SGDM" only and gives Adam its default settings. The zero value of Decay
// means a constant rate; NewSGDConfig returns the paper's setting (Decay on).
type SGDConfig struct {
	Method   solvers.Algorithm // SGD, SGDM or Adam
	LR       float64           // 0 ⇒ 0.1 for SGD/SGDM, 1e-3 for Adam
	Momentum float64           // SGDM only; 0 ⇒ 0.5
	Batch    int               // minibatch size (> 0); a final short batch takes the remainder
	Epochs   int               // > 0
	Decay    bool              // paper's step decay (SGD, SGDM); see above
	Loss     Loss              // what is minimised; the zero value is Square (see xent.go)
}

// NewSGDConfig returns the paper's configuration for method: default rates,
// momentum 0.5, step decay on.
func NewSGDConfig(method solvers.Algorithm, batch, epochs int) SGDConfig {
	return SGDConfig{Method: method, Batch: batch, Epochs: epochs, Decay: true}
}

func (c SGDConfig) baseLR() float64 {
	if c.LR != 0 {
		return c.LR
	}
	if c.Method == solvers.Adam {
		return DefaultAdamLR
	}
	return DefaultSGDLR
}

// lrAt returns the learning rate of the 1-based epoch e.
func (c SGDConfig) lrAt(e int) float64 {
	lr := c.baseLR()
	if c.Decay && c.Method != solvers.Adam {
		lr *= math.Pow(DecayFactor, float64((e-1)/DecayEvery))
	}
	return lr
}

func (c SGDConfig) validate() error {
	switch c.Method {
	case solvers.SGD, solvers.SGDM, solvers.Adam:
	default:
		return fmt.Errorf("sgd config: Method is %v, want sgd, sgdm or adam", c.Method)
	}
	if c.Batch <= 0 {
		return fmt.Errorf("sgd config: Batch is %d, want > 0", c.Batch)
	}
	if c.Epochs <= 0 {
		return fmt.Errorf("sgd config: Epochs is %d, want > 0", c.Epochs)
	}
	if c.LR < 0 || math.IsNaN(c.LR) || math.IsInf(c.LR, 0) {
		return fmt.Errorf("sgd config: LR is %v, want a finite value ≥ 0 (0 selects the default)", c.LR)
	}
	if c.Momentum < 0 || c.Momentum >= 1 || math.IsNaN(c.Momentum) {
		return fmt.Errorf("sgd config: Momentum is %v, want 0 ≤ momentum < 1 (0 selects 0.5)", c.Momentum)
	}
	return nil
}

// TrainSGD trains net in place on p.X, p.Y by minibatch SGD, SGDM or Adam on
// cfg.Loss: the square loss (see Gradient) or, for classification, the
// cross-entropy of the logits (see CrossEntropy; the reported MSEs are then
// those of the predicted probabilities, see Probabilities). Every epoch visits the training columns in
// a fresh order drawn from rng, in minibatches of cfg.Batch columns (the last
// one shorter when Batch does not divide n). After each epoch obs (if
// non-nil) receives the training MSE of the updated net over the whole
// training set, the test MSE and accuracies when p has a test set, and
// LayerNorms[i] = mean over the epoch's minibatches of ‖∂L/∂W_i‖_F (accumulated
// only when there is an observer to receive them).
//
// Optimiser updates, with g the minibatch gradient and η the epoch's rate
// (the PyTorch formulations, so a torch run with the same draws matches):
//
//	SGD   W ← W − η g
//	SGDM  v ← μ v + g;  W ← W − η v                 (v starts at 0)
//	Adam  m ← β₁m + (1−β₁)g;  s ← β₂s + (1−β₂)g²;  t ← t+1
//	      W ← W − η (m/(1−β₁ᵗ)) / (√(s/(1−β₂ᵗ)) + ε)
//
// TrainSGD returns a *DivergedError when a minibatch loss or an epoch's MSE
// is not finite, ctx.Err() when ctx is done (checked between minibatches),
// the observer's error unchanged, and a descriptive error for an invalid
// configuration or mismatched shapes. The same rng state gives bit-identical
// results. Nothing is allocated per minibatch.
func TrainSGD(ctx context.Context, net *nn.Net, p nn.Problem, cfg SGDConfig, rng *rand.Rand, obs nn.Observer) error {
	if err := cfg.validate(); err != nil {
		return err
	}
	if err := net.Validate(); err != nil {
		return err
	}
	if err := checkProblem(net, p); err != nil {
		return err
	}
	if err := checkLoss(cfg.Loss, p.Task); err != nil {
		return err
	}
	t := newSGDTrainer(net, p, cfg)
	t.norms = obs != nil // nobody else reads the gradient norms
	for e := 1; e <= cfg.Epochs; e++ {
		if err := t.epoch(ctx, e, rng); err != nil {
			return err
		}
		st := nn.EpochStats{Epoch: e, LayerNorms: make([]float64, len(net.W))}
		for i, s := range t.normSum {
			st.LayerNorms[i] = s / float64(t.batches)
		}
		if err := t.evaluate(&st); err != nil {
			return err
		}
		if obs != nil {
			if err := obs(st); err != nil {
				return err
			}
		}
	}
	return nil
}

// checkProblem reports shape mismatches between net and p, naming the field.
func checkProblem(net *nn.Net, p nn.Problem) error {
	sizes := net.Sizes()
	d0, dN := sizes[0], sizes[len(sizes)-1]
	if p.X == nil || p.Y == nil {
		return fmt.Errorf("problem: X and Y must be set")
	}
	xr, n := p.X.Dims()
	yr, ny := p.Y.Dims()
	if xr != d0 || yr != dN || ny != n || n == 0 {
		return fmt.Errorf("problem: X is %d×%d and Y is %d×%d, want %d×n and %d×n (n > 0) for the net's %d inputs and %d outputs", xr, n, yr, ny, d0, dN, d0, dN)
	}
	if (p.TestX == nil) != (p.TestY == nil) {
		return fmt.Errorf("problem: TestX and TestY must both be set or both be nil")
	}
	if p.TestX != nil {
		txr, tn := p.TestX.Dims()
		tyr, tny := p.TestY.Dims()
		if txr != d0 || tyr != dN || tny != tn || tn == 0 {
			return fmt.Errorf("problem: TestX is %d×%d and TestY is %d×%d, want %d×n and %d×n with n > 0", txr, tn, tyr, tny, d0, dN)
		}
	}
	return nil
}

// sgdTrainer owns the workspaces of one training run.
type sgdTrainer struct {
	net   *nn.Net
	p     nn.Problem
	cfg   SGDConfig
	n     int
	perm  []int
	full  *bpWork // Batch columns
	short *bpWork // n mod Batch columns, nil when Batch divides n
	yFull blas64.General
	yShrt blas64.General
	g     *grads
	// Optimiser state, shaped like g: v (SGDM velocity, Adam first moment)
	// and s (Adam second moment).
	v, s  *grads
	steps int // Adam's t

	norms   bool // accumulate ‖∂L/∂W_i‖ per minibatch for LayerNorms
	normSum []float64
	batches int

	evalTrain, evalTest *evalWork // allocated at the first evaluation
}

func newSGDTrainer(net *nn.Net, p nn.Problem, cfg SGDConfig) *sgdTrainer {
	sizes := net.Sizes()
	_, n := p.X.Dims()
	b := min(cfg.Batch, n)
	t := &sgdTrainer{net: net, p: p, cfg: cfg, n: n, perm: make([]int, n),
		full: newBPWork(sizes, b, true), yFull: bpGeneral(sizes[len(sizes)-1], b),
		g: newGrads(sizes), normSum: make([]float64, len(net.W))}
	if r := n % b; r != 0 {
		t.short = newBPWork(sizes, r, true)
		t.yShrt = bpGeneral(sizes[len(sizes)-1], r)
	}
	if cfg.Method != solvers.SGD {
		t.v = newGrads(sizes)
	}
	if cfg.Method == solvers.Adam {
		t.s = newGrads(sizes)
	}
	return t
}

// epoch runs one pass over the shuffled training set.
func (t *sgdTrainer) epoch(ctx context.Context, e int, rng *rand.Rand) error {
	for i := range t.perm {
		t.perm[i] = i
	}
	rng.Shuffle(len(t.perm), func(i, j int) { t.perm[i], t.perm[j] = t.perm[j], t.perm[i] })
	clear(t.normSum)
	t.batches = 0
	lr := t.cfg.lrAt(e)
	for start := 0; start < t.n; start += t.full.m {
		if err := ctx.Err(); err != nil {
			return err
		}
		ws, y := t.full, t.yFull
		if start+ws.m > t.n {
			ws, y = t.short, t.yShrt
		}
		idx := t.perm[start : start+ws.m]
		sgdGatherCols(ws.a[0], t.p.X.RawMatrix(), idx)
		sgdGatherCols(y, t.p.Y.RawMatrix(), idx)
		ws.forward(t.net)
		loss := t.backward(ws, y)
		if math.IsNaN(loss) || math.IsInf(loss, 0) {
			return &nn.DivergedError{Epoch: e, What: "minibatch loss"}
		}
		if t.norms {
			for i, gw := range t.g.w {
				t.normSum[i] += math.Sqrt(kernels.SumSq(gw.Data))
			}
		}
		t.batches++
		t.update(lr)
	}
	return nil
}

// sgdGatherCols copies columns idx of src into dst (len(idx) columns).
func sgdGatherCols(dst, src blas64.General, idx []int) {
	for r := 0; r < src.Rows; r++ {
		s := src.Data[r*src.Stride : r*src.Stride+src.Cols]
		d := dst.Data[r*dst.Stride : r*dst.Stride+len(idx)]
		for j, k := range idx {
			d[j] = s[k]
		}
	}
}
