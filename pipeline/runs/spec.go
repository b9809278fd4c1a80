package runs

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
)

// Spec is the canonical description of one training run. Two experiments
// that ask for the same Spec share one run. Every field that changes the
// numbers a run produces belongs here; nothing that does not (the experiment's
// name, the report item) does.
type Spec struct {
	Data      string  `json:"data"`       // toy task or data set name: square, product, l1radial, l2radial, earthquake, eyb, ptb
	Noise     float64 `json:"noise"`      // noise variance of the training targets (toy learning tasks)
	Algorithm string  `json:"algorithm"`  // admm, sgd, sgdm, adam; floor:<estimator> for a noise-floor run
	Act       string  `json:"act"`        // hidden activation: sigmoid, relu, tanh
	Depth     int     `json:"depth"`      // hidden layers
	Width     int     `json:"width"`      // units per hidden layer
	Init      string  `json:"init"`       // lecun-unif, lecun-gauss, orth-unif, orth-gauss, xavier, msra
	InitScale float64 `json:"init_scale"` // multiplies the initial weights
	Epochs    int     `json:"epochs"`     // ADMM iterations or SGD epochs
	// FullEpochs, when set (> Epochs), makes the run the first Epochs epochs
	// of the same spec trained FullEpochs: it is seeded as that run (Seed),
	// and nothing a run does at epoch k depends on how many epochs follow
	// (the SGD family's learning-rate schedule reads the epoch index alone;
	// ADMM has none), so its curves are that run's, stopped early. A refit
	// stage sets it to train only to the epoch chosen on validation
	// (RefitSpec). 0 for every other run, so their keys are unchanged.
	FullEpochs int     `json:"full_epochs,omitempty"`
	Batch      int     `json:"batch,omitempty"`     // SGD family only
	LR         float64 `json:"lr,omitempty"`        // SGD family only: initial learning rate
	Lambda     float64 `json:"lambda,omitempty"`    // ADMM only
	Beta       float64 `json:"beta,omitempty"`      // ADMM only: β_i for every layer
	LLA        string  `json:"lla,omitempty"`       // ADMM only: paper or reference
	BetaRule   string  `json:"beta_rule,omitempty"` // ADMM only: "" (β for every layer) or "theorem4" (β_N = β, grown per (23))
	Samples    int     `json:"samples,omitempty"`   // toy tasks: training samples
	Trial      int     `json:"trial"`               // 0-based trial index; with the rest of the spec it seeds the run
	// DataVariant selects a declared variant of the data set ("" = default).
	DataVariant string `json:"data_variant,omitempty"`
	// Validation is the share of the training set held out for selection
	// (0: none). The held-out samples are not trained on; the run reports
	// val_mse (and val_acc) curves on them. A noise-floor run chooses its
	// own settings (the radial polynomial's degree) on this split.
	Validation float64 `json:"validation,omitempty"`
	// Loss is what an SGD-family run minimises: "" for the square loss
	// (every run before the loss was a setting; omitted from the canonical
	// JSON, so their keys are unchanged) or LossXent.
	Loss string `json:"loss,omitempty"`
	// TrainFraction, in (0, 1), keeps that share of a real data set's
	// training split (stratified by class, drawn per trial) before the
	// validation hold-out: a learning curve's x. 0 keeps it whole, so every
	// spec without it keeps its key.
	TrainFraction float64 `json:"train_fraction,omitempty"`
	Extra         string  `json:"extra,omitempty"` // reserved for future axes; part of the key
}

// Canonical returns the spec's canonical JSON encoding (fixed field order,
// omitted zero optionals), the input to every hash.
func (s Spec) Canonical() []byte {
	b, err := json.Marshal(s)
	if err != nil {
		panic(err) // a struct of plain fields always marshals
	}
	return b
}

// SpecHash is the hex SHA-256 of the canonical encoding.
func (s Spec) SpecHash() string {
	h := sha256.Sum256(s.Canonical())
	return hex.EncodeToString(h[:])
}

// Seed derives the run's RNG seed from its spec, so that a run's random
// stream depends on nothing but what it is. A run stopped early
// (FullEpochs) is seeded as its full-length run.
func (s Spec) Seed() uint64 {
	h := sha256.Sum256(s.FullLength().Canonical())
	var v uint64
	for _, c := range h[:8] {
		v = v<<8 | uint64(c)
	}
	return v
}

// FullLength is the run s is the first epochs of (FullEpochs set), or s.
func (s Spec) FullLength() Spec {
	if s.FullEpochs > 0 {
		s.Epochs, s.FullEpochs = s.FullEpochs, 0
	}
	return s
}

// Result is what a run reports back.
type Result struct {
	// Metrics are scalar results, e.g. "train_mse_final", "train_mse_best",
	// "test_mse_final", "test_acc_final", "test_acc_best", "epochs_run".
	Metrics map[string]float64 `json:"metrics"`
	// Curves are per-epoch series of the whole net, e.g. "train_mse",
	// "test_acc", "val_mse", "aug_lagrangian", "kkt"; all the same length.
	// A value that was not finite (a blow-up) is kept as NaN or ±Inf.
	Curves map[string][]float64 `json:"curves"`
	// Layers are per-epoch series of each layer: Layers[name][i] is layer
	// i+1's, as long as the Curves. The names are the Layer… constants.
	Layers map[string][][]float64 `json:"layers,omitempty"`
	// Diverged is set when the solver stopped on NaN/Inf; the run still counts
	// as done (a diverged run is a result, not a failure).
	Diverged      bool `json:"diverged,omitempty"`
	DivergedEpoch int  `json:"diverged_epoch,omitempty"`
}

// The per-layer curves a run may record (Result.Layers), each indexed by
// layer. Which a run has depends on its solver.
const (
	// LayerNorm is, per layer, the gradient norm ‖∂L/∂W_i‖_F (SGD family) or
	// the update norm ‖W_i(k) − W_i(k−1)‖_F (ADMM).
	LayerNorm = "norm"
	// LayerWeight is ‖W_i‖_F, so that LayerNorm can be read relative to the
	// weights it changes.
	LayerWeight = "weight"
	// LayerViolation is ADMM's constraint violation ‖σ(W_iṼ_{i−1}) − V_i‖_F.
	LayerViolation = "violation"
	// LayerKKTW and LayerKKTV are ADMM's W_i- and V_i-stationarity residuals
	// of (24); the whole-net curve "kkt" is the Euclidean norm of all of them.
	LayerKKTW = "kkt_w"
	LayerKKTV = "kkt_v"
)
