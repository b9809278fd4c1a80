package sgd

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/admmlab/admmlab/solvers"
	"github.com/admmlab/admmlab/solvers/nn"
	"gonum.org/v1/gonum/mat"
)

// xentRef is the cross-entropy written from its definition, independently
// of xentDelta: −log of the target class's softmax probability (argmax
// tasks), or −log σ(y z) (sign tasks), averaged over the columns.
func xentRef(z, y *mat.Dense, task solvers.Task) float64 {
	r, m := z.Dims()
	var s float64
	for j := 0; j < m; j++ {
		if task == solvers.ClassifySign {
			yj := 1.0
			if y.At(0, j) < 0 {
				yj = -1
			}
			s -= math.Log(1 / (1 + math.Exp(-yj*z.At(0, j))))
			continue
		}
		c := 0
		var den float64
		for i := 0; i < r; i++ {
			if y.At(i, j) > y.At(c, j) {
				c = i
			}
			den += math.Exp(z.At(i, j))
		}
		s -= math.Log(math.Exp(z.At(c, j)) / den)
	}
	return s / float64(m)
}

// xentTargets returns m targets of task: one-hot columns (argmax) or ±1.
func xentTargets(task solvers.Task, dOut, m int, rng *rand.Rand) *mat.Dense {
	y := mat.NewDense(dOut, m, nil)
	for j := 0; j < m; j++ {
		if task == solvers.ClassifySign {
			y.Set(0, j, float64(2*rng.IntN(2)-1))
			continue
		}
		y.Set(rng.IntN(dOut), j, 1)
	}
	return y
}

func TestGradientXentFiniteDifferences(t *testing.T) {
	const h = 1e-5
	cases := []struct {
		task  solvers.Task
		act   solvers.Activation
		sizes []int
	}{
		{solvers.ClassifyArgmax, solvers.Sigmoid, []int{3, 5, 4}},
		{solvers.ClassifyArgmax, solvers.Tanh, []int{2, 6, 6, 3}},
		{solvers.ClassifyArgmax, solvers.ReLU, []int{4, 8, 5}},
		{solvers.ClassifySign, solvers.Sigmoid, []int{3, 5, 1}},
		{solvers.ClassifySign, solvers.ReLU, []int{2, 7, 7, 1}},
	}
	for _, c := range cases {
		t.Run(fmt.Sprintf("%v/%v/%v", c.task, c.act, c.sizes), func(t *testing.T) {
			rng := rand.New(rand.NewPCG(5, uint64(len(c.sizes))))
			net := nn.Init(solvers.LeCunGauss, c.sizes, c.act, 1, rng)
			for _, b := range net.B {
				for k := 0; k < b.Len(); k++ {
					b.SetVec(k, 0.3*rng.NormFloat64())
				}
			}
			const m = 7
			X := bpRandDense(c.sizes[0], m, -1, 1, rng)
			Y := xentTargets(c.task, c.sizes[len(c.sizes)-1], m, rng)
			if c.act == solvers.ReLU {
				if ma := bpMinAbsPreAct(net, X); ma < 1e-3 {
					t.Fatalf("test inputs too close to the ReLU kink (min |u| = %g); pick another seed", ma)
				}
			}
			lossOf := func() float64 { return xentRef(net.Forward(X), Y, c.task) }
			loss, gW, gB := GradientXent(net, X, Y, c.task)
			if want := lossOf(); math.Abs(loss-want) > 1e-13*math.Abs(want) {
				t.Fatalf("loss %v, want %v from the definition", loss, want)
			}
			fd := func(p *float64) float64 {
				old := *p
				*p = old + h
				lp := lossOf()
				*p = old - h
				lm := lossOf()
				*p = old
				return (lp - lm) / (2 * h)
			}
			for i := range net.W {
				bpCheckBlock(t, fmt.Sprintf("W%d", i+1), net.W[i].RawMatrix().Data, gW[i].RawMatrix().Data, fd)
				bpCheckBlock(t, fmt.Sprintf("b%d", i+1), net.B[i].RawVector().Data, gB[i].RawVector().Data, fd)
			}
		})
	}
}

// TestXentValues checks the loss and the output gradient on hand-computed
// logits, including logits whose exponentials overflow.
func TestXentValues(t *testing.T) {
	ln2 := math.Ln2
	cases := []struct {
		name     string
		task     solvers.Task
		z, y     []float64 // d_N×m row-major
		rows     int
		loss     float64
		gradient []float64
	}{
		// Equal logits: −log(1/3) per column; ∂L/∂z = (1/3 − onehot)/m.
		{"uniform", solvers.ClassifyArgmax, []float64{0, 5, 0, 5, 0, 5}, []float64{1, 0, 0, 1, 0, 0}, 3,
			math.Log(3), []float64{-1. / 3, 1. / 6, 1. / 6, -1. / 3, 1. / 6, 1. / 6}},
		// Logits of 1000 overflow exp: log-sum-exp keeps L = log 2.
		{"large logits", solvers.ClassifyArgmax, []float64{1000, 1000}, []float64{0, 1}, 2,
			ln2, []float64{0.5, -0.5}},
		// A confidently right column costs nothing; a wrong one its margin.
		{"confident", solvers.ClassifyArgmax, []float64{800, 0, 0, 800}, []float64{1, 1, 0, 0}, 2,
			400, []float64{0, -0.5, 0, 0.5}},
		// Sign: log(1 + e^{−yz}); z = 0 costs log 2 with gradient −y/2/m.
		{"sign at zero", solvers.ClassifySign, []float64{0, 0}, []float64{1, -1}, 1,
			ln2, []float64{-0.25, 0.25}},
		{"sign overflow", solvers.ClassifySign, []float64{-1000, 1000}, []float64{1, 1}, 1,
			500, []float64{-0.5, 0}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			cols := len(c.z) / c.rows
			z := mat.NewDense(c.rows, cols, c.z).RawMatrix()
			y := mat.NewDense(c.rows, cols, c.y).RawMatrix()
			d := bpGeneral(c.rows, cols)
			loss := xentDelta(z, y, d, c.task)
			if math.Abs(loss-c.loss) > 1e-12*math.Max(1, c.loss) {
				t.Errorf("loss %v, want %v", loss, c.loss)
			}
			for k, g := range c.gradient {
				// 1e-12: lse = z_max + log Σ rounds at the scale of z_max.
				if math.Abs(d.Data[k]-g) > 1e-12 {
					t.Errorf("∂L/∂z[%d] = %v, want %v", k, d.Data[k], g)
				}
			}
		})
	}
}

// TestProbabilities checks that the map the MSEs are read through gives
// columns of probabilities (argmax) or values on the ±1 scale (sign), and
// leaves the square loss's outputs alone.
func TestProbabilities(t *testing.T) {
	p := mat.NewDense(2, 2, []float64{0, 1000, 0, -1000})
	Probabilities(CrossEntropy, solvers.ClassifyArgmax, p)
	if want := mat.NewDense(2, 2, []float64{0.5, 1, 0.5, 0}); !mat.EqualApprox(p, want, 1e-15) {
		t.Errorf("softmax: got %v, want %v", mat.Formatted(p), mat.Formatted(want))
	}
	s := mat.NewDense(1, 3, []float64{0, 1000, -1000})
	Probabilities(CrossEntropy, solvers.ClassifySign, s)
	if want := mat.NewDense(1, 3, []float64{0, 1, -1}); !mat.Equal(s, want) {
		t.Errorf("sign: got %v, want %v", mat.Formatted(s), mat.Formatted(want))
	}
	q := mat.NewDense(1, 2, []float64{3, -4})
	Probabilities(Square, solvers.ClassifySign, q)
	if q.At(0, 0) != 3 || q.At(0, 1) != -4 {
		t.Errorf("square loss changed the outputs: %v", mat.Formatted(q))
	}
}

// TestTrainSGDXent checks that cross-entropy is refused for regression and
// that a short run on separable classes learns them.
func TestTrainSGDXent(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	net := nn.Init(solvers.Xavier, []int{2, 8, 1}, solvers.ReLU, 1, rng)
	X := bpRandDense(2, 64, -1, 1, rng)
	Y := mat.NewDense(1, 64, nil)
	for j := 0; j < 64; j++ {
		Y.Set(0, j, math.Copysign(1, X.At(0, j)+X.At(1, j)))
	}
	cfg := NewSGDConfig(solvers.SGD, 8, 30)
	cfg.Loss = CrossEntropy
	err := TrainSGD(context.Background(), net.Clone(), nn.Problem{X: X, Y: Y, Task: solvers.Regression}, cfg, rng, nil)
	if err == nil || !strings.Contains(err.Error(), "regression") {
		t.Errorf("regression with cross-entropy: err %v, want one naming regression", err)
	}
	var last nn.EpochStats
	obs := func(s nn.EpochStats) error { last = s; return nil }
	if err := TrainSGD(context.Background(), net, nn.Problem{X: X, Y: Y, Task: solvers.ClassifySign}, cfg, rng, obs); err != nil {
		t.Fatal(err)
	}
	if last.TrainAcc < 0.9 {
		t.Errorf("training accuracy after 30 epochs %v, want ≥ 0.9 on linearly separable classes", last.TrainAcc)
	}
	if last.TrainMSE >= 1 {
		t.Errorf("training MSE of 2σ(z)−1 is %v, want < 1 (a constant 0 prediction scores 1)", last.TrainMSE)
	}
}
