package engine

import (
	"fmt"
	"math"

	"gonum.org/v1/gonum/mat"

	"github.com/admmlab/admmlab/pipeline/runs"
	"github.com/admmlab/admmlab/solvers"
	"github.com/admmlab/admmlab/solvers/nn"
)

// recorder turns the solver's per-epoch statistics into curves. Every curve
// has one value per epoch; a quantity a solver does not report is absent.
type recorder struct {
	// net, when set, is the net being trained; the solvers write their
	// weights into it before each observation, and the recorder keeps
	// ‖W_i‖_F per layer ("weight_layer<i>") so that update norms can be read
	// relative to the weights they change.
	net    *nn.Net
	curves map[string][]float64
	order  []string
	epochs int
	sizes  map[string]float64 // fit_n and validation_n when a validation split is held out
}

func newRecorder() *recorder { return &recorder{curves: map[string][]float64{}} }

func (r *recorder) add(name string, v float64) {
	if _, ok := r.curves[name]; !ok {
		r.order = append(r.order, name)
	}
	r.curves[name] = append(r.curves[name], v)
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
		// quantity Theorem 4 bounds; the blocks are kept too.
		var ss float64
		for i, v := range s.KKT {
			r.add(fmt.Sprintf("kkt_%d", i+1), v)
			ss += v * v
		}
		r.add("kkt", math.Sqrt(ss))
	}
	for i, v := range s.Violation {
		r.add(fmt.Sprintf("violation_layer%d", i+1), v)
	}
	for i, v := range s.LayerNorms {
		r.add(fmt.Sprintf("norm_layer%d", i+1), v)
	}
	if r.net != nil {
		for i, w := range r.net.W {
			r.add(fmt.Sprintf("weight_layer%d", i+1), mat.Norm(w, 2))
		}
	}
	return nil
}

// validating returns an observer that records like observe and then
// scores the net (which the solvers update in place before they call the
// observer) on the held-out validation samples: val_mse and, for
// classification, val_acc. Only the validation data enter these curves.
func (r *recorder) validating(net *nn.Net, vx, vy *mat.Dense, t solvers.Task) nn.Observer {
	return func(s nn.EpochStats) error {
		if err := r.observe(s); err != nil {
			return err
		}
		p := net.Forward(vx)
		r.add("val_mse", nn.MSE(p, vy))
		if t != solvers.Regression {
			r.add("val_acc", nn.Accuracy(p, vy, t))
		}
		return nil
	}
}

// result summarises the curves: for each error curve its final value and its
// best over the epochs (the authors' code reports the best; the paper's
// tables follow it), skipping non-finite values so a diverged run still
// reports what it reached before diverging.
func (r *recorder) result() runs.Result {
	res := runs.Result{Metrics: map[string]float64{"epochs_run": float64(r.epochs)}, Curves: map[string][]float64{}}
	for _, name := range r.order {
		c := r.curves[name]
		res.Curves[name] = finiteCurve(c)
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

// finiteCurve copies c, replacing NaN and ±Inf (which JSON cannot carry)
// by the largest float64 with the sign kept, so a curve keeps its length and
// a plot shows the blow-up.
func finiteCurve(c []float64) []float64 {
	out := make([]float64, len(c))
	for i, v := range c {
		switch {
		case math.IsNaN(v), math.IsInf(v, 1):
			out[i] = math.MaxFloat64
		case math.IsInf(v, -1):
			out[i] = -math.MaxFloat64
		default:
			out[i] = v
		}
	}
	return out
}
