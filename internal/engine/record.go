package engine

import (
	"math"

	"gonum.org/v1/gonum/mat"

	"github.com/admmlab/admmlab/pipeline/runs"
	"github.com/admmlab/admmlab/solvers"
	"github.com/admmlab/admmlab/solvers/nn"
	"github.com/admmlab/admmlab/solvers/sgd"
)

// recorder turns the solver's per-epoch statistics into curves. Every curve
// has one value per epoch; a quantity a solver does not report is absent.
type recorder struct {
	// net, when set, is the net being trained; the solvers write their
	// weights into it before each observation, and the recorder keeps
	// ‖W_i‖_F per layer (runs.LayerWeight) so that update norms can be read
	// relative to the weights they change.
	net    *nn.Net
	curves map[string][]float64
	layers map[string][][]float64
	epochs int
	sizes  map[string]float64 // fit_n and validation_n when a validation split is held out
}

func newRecorder() *recorder {
	return &recorder{curves: map[string][]float64{}, layers: map[string][][]float64{}}
}

func (r *recorder) add(name string, v float64) { r.curves[name] = append(r.curves[name], v) }

// addLayers appends this epoch's value of each layer to the per-layer curve
// name (vs[i] is layer i+1's).
func (r *recorder) addLayers(name string, vs []float64) {
	ls := r.layers[name]
	for len(ls) < len(vs) {
		ls = append(ls, nil)
	}
	for i, v := range vs {
		ls[i] = append(ls[i], v)
	}
	r.layers[name] = ls
}

func (r *recorder) observe(s nn.EpochStats) error {
	r.epochs = s.Epoch
	r.add("train_mse", s.TrainMSE)
	if s.IsClassify {
		r.add("train_acc", s.TrainAcc)
	}
	if s.HasTest {
		r.add("test_mse", s.TestMSE)
		if s.IsClassify {
			r.add("test_acc", s.TestAcc)
		}
	}
	if s.AugLagrangian != 0 || len(s.KKT) > 0 {
		r.add("aug_lagrangian", s.AugLagrangian)
	}
	if len(s.KKT) > 0 {
		// "kkt" is the Euclidean norm of all residual blocks of (24), the
		// quantity Theorem 4 bounds; the blocks are kept per layer too: the
		// first half are the W_i-stationarity residuals, the second the
		// V_i-stationarity ones (solvers/admm documents both).
		var ss float64
		for _, v := range s.KKT {
			ss += v * v
		}
		r.add("kkt", math.Sqrt(ss))
		half := len(s.KKT) / 2
		r.addLayers(runs.LayerKKTW, s.KKT[:half])
		r.addLayers(runs.LayerKKTV, s.KKT[half:])
	}
	if len(s.Violation) > 0 {
		r.addLayers(runs.LayerViolation, s.Violation)
	}
	if len(s.LayerNorms) > 0 {
		r.addLayers(runs.LayerNorm, s.LayerNorms)
	}
	if r.net != nil {
		ws := make([]float64, len(r.net.W))
		for i, w := range r.net.W {
			ws[i] = mat.Norm(w, 2)
		}
		r.addLayers(runs.LayerWeight, ws)
	}
	return nil
}

// validating returns an observer that records like observe and then
// scores the net (which the solvers update in place before they call the
// observer) on the held-out validation samples: val_mse and, for
// classification, val_acc. Only the validation data enter these curves.
// As the solver's own train and test MSEs, val_mse is read on what the
// loss predicts (sgd.Probabilities: the outputs themselves under the square
// loss) and val_acc on the outputs.
func (r *recorder) validating(net *nn.Net, vx, vy *mat.Dense, t solvers.Task, loss sgd.Loss) nn.Observer {
	return func(s nn.EpochStats) error {
		if err := r.observe(s); err != nil {
			return err
		}
		p := net.Forward(vx)
		var acc float64
		if t != solvers.Regression {
			acc = nn.Accuracy(p, vy, t)
		}
		sgd.Probabilities(loss, t, p)
		r.add("val_mse", nn.MSE(p, vy))
		if t != solvers.Regression {
			r.add("val_acc", acc)
		}
		return nil
	}
}

// result summarises the curves: for each error curve its final value and its
// best over the epochs (the authors' code reports the best; the paper's
// tables follow it), skipping non-finite values so a diverged run still
// reports what it reached before diverging. The curves are kept as
// recorded, NaN and ±Inf included (the store keeps their bits).
func (r *recorder) result() runs.Result {
	res := runs.Result{Metrics: map[string]float64{"epochs_run": float64(r.epochs)}, Curves: r.curves}
	if len(r.layers) > 0 {
		res.Layers = r.layers
	}
	summarise := func(name string, lowerIsBetter bool) {
		c, ok := r.curves[name]
		if !ok {
			return
		}
		final, best, found := math.NaN(), math.NaN(), false
		for _, v := range c {
			if math.IsNaN(v) || math.IsInf(v, 0) {
				continue
			}
			final = v
			if !found || (lowerIsBetter && v < best) || (!lowerIsBetter && v > best) {
				best = v
			}
			found = true
		}
		if found {
			res.Metrics[name+"_final"] = final
			res.Metrics[name+"_best"] = best
		}
	}
	summarise("train_mse", true)
	summarise("test_mse", true)
	summarise("train_acc", false)
	summarise("test_acc", false)
	summarise("val_mse", true)
	summarise("val_acc", false)
	for k, v := range r.sizes {
		res.Metrics[k] = v
	}
	return res
}
