package solvers_test

import (
	"bufio"
	"context"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"flag"
	"fmt"
	"hash"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/admmlab/admmlab/solvers"
	"github.com/admmlab/admmlab/solvers/admm"
	"github.com/admmlab/admmlab/solvers/internal/fixture"
	"github.com/admmlab/admmlab/solvers/kernels"
	"github.com/admmlab/admmlab/solvers/nn"
	"github.com/admmlab/admmlab/solvers/sgd"
	"gonum.org/v1/gonum/mat"
)

var updateBits = flag.Bool("update-bits", false, "rewrite testdata/solver-bits.golden from this machine's results")

const bitsGolden = "testdata/solver-bits.golden"

// bitsCase is one ADMM run whose every reported number is hashed.
type bitsCase struct {
	name  string
	setup func(t *testing.T) (*nn.Net, nn.Problem, admm.ADMMConfig)
}

// sgdBitsCase is one SGD-family run whose every reported number is hashed.
type sgdBitsCase struct {
	name   string
	hidden solvers.Activation
	cfg    sgd.SGDConfig
	task   solvers.Task
}

func fixtureCase(name string, act solvers.Activation, lla solvers.LLA) bitsCase {
	return bitsCase{
		name: fmt.Sprintf("admm/%s/%v/%v", name, act, lla),
		setup: func(t *testing.T) (*nn.Net, nn.Problem, admm.ADMMConfig) {
			f := fixture.Load(t, name)
			net := f.Init.Clone()
			net.Hidden = act
			return net, nn.Problem{X: f.X, Y: f.Y}, admm.ADMMConfig{Lambda: 1e-6, LLA: lla, Iters: 50}
		},
	}
}

// wideOutputCase has an output wider than the last hidden layer (the
// V-update (56) without Woodbury), three hidden layers (two (57) updates),
// per-layer β (not powers of two, so that every product with β rounds), a
// test set and argmax classification.
var wideOutputCase = bitsCase{
	name: "admm/synthetic-4-7-6-5-9/argmax",
	setup: func(t *testing.T) (*nn.Net, nn.Problem, admm.ADMMConfig) {
		rng := rand.New(rand.NewPCG(14, 2026))
		sizes := []int{4, 7, 6, 5, 9}
		net := &nn.Net{Hidden: solvers.Sigmoid}
		for i := 0; i+1 < len(sizes); i++ {
			w := mat.NewDense(sizes[i+1], sizes[i], nil)
			for k := range w.RawMatrix().Data {
				w.RawMatrix().Data[k] = 2*rng.Float64() - 1
			}
			net.W = append(net.W, w)
			net.B = append(net.B, mat.NewVecDense(sizes[i+1], nil))
		}
		data := func(n int) (*mat.Dense, *mat.Dense) {
			x, y := mat.NewDense(4, n, nil), mat.NewDense(9, n, nil)
			for j := 0; j < n; j++ {
				for i := 0; i < 4; i++ {
					x.Set(i, j, rng.NormFloat64())
				}
				y.Set(rng.IntN(9), j, 1)
			}
			return x, y
		}
		x, y := data(300)
		tx, ty := data(100)
		p := nn.Problem{X: x, Y: y, TestX: tx, TestY: ty, Task: solvers.ClassifyArgmax}
		return net, p, admm.ADMMConfig{Lambda: 1e-3, Beta: []float64{1.3, 0.7, 2.9, 1.1}, LLA: solvers.LLAPaper, Iters: 30}
	},
}

func bitsCases() []bitsCase {
	return []bitsCase{
		fixtureCase("square-L2-w100", solvers.Sigmoid, solvers.LLAReference),
		fixtureCase("square-L3-w20", solvers.Sigmoid, solvers.LLAReference),
		fixtureCase("square-L3-w20", solvers.Sigmoid, solvers.LLAPaper),
		// tanh nets are chaotic under ADMM: a last-bit difference anywhere
		// grows to a visible one within 50 iterations.
		fixtureCase("square-L3-w20", solvers.Tanh, solvers.LLAReference),
		wideOutputCase,
	}
}

func sgdBitsCases() []sgdBitsCase {
	return []sgdBitsCase{
		{"sgd/relu/sgd-decay", solvers.ReLU, sgd.SGDConfig{Method: solvers.SGD, Batch: 50, Epochs: 6, Decay: true}, solvers.Regression},
		{"sgd/relu/sgdm", solvers.ReLU, sgd.SGDConfig{Method: solvers.SGDM, LR: 0.05, Momentum: 0.7, Batch: 64, Epochs: 4}, solvers.Regression},
		{"sgd/relu/adam", solvers.ReLU, sgd.SGDConfig{Method: solvers.Adam, Batch: 50, Epochs: 4}, solvers.Regression},
		{"sgd/sigmoid/adam-argmax", solvers.Sigmoid, sgd.SGDConfig{Method: solvers.Adam, LR: 3e-3, Batch: 32, Epochs: 4}, solvers.ClassifyArgmax},
		{"sgd/tanh/sgdm", solvers.Tanh, sgd.SGDConfig{Method: solvers.SGDM, LR: 0.03, Batch: 50, Epochs: 4}, solvers.Regression},
	}
}

// runSGDBits trains a 3-18-11-4 net (a 3-output regression, or argmax over
// 4 classes) on synthetic data from a fixed PCG stream and hashes every
// statistic of every epoch and the final weights.
func runSGDBits(t *testing.T, c sgdBitsCase) string {
	rng := rand.New(rand.NewPCG(9, 2021))
	sizes := []int{3, 18, 11, 4}
	net := nn.Init(solvers.MSRA, sizes, c.hidden, 1, rng)
	data := func(n int) (*mat.Dense, *mat.Dense) {
		x, y := mat.NewDense(3, n, nil), mat.NewDense(4, n, nil)
		for j := 0; j < n; j++ {
			for i := 0; i < 3; i++ {
				x.Set(i, j, 2*rng.Float64()-1)
			}
			if c.task == solvers.ClassifyArgmax {
				y.Set(rng.IntN(4), j, 1)
				continue
			}
			// Products rounded on their own: the data must not depend on
			// the compiler's FMA fusion either.
			for i := 0; i < 4; i++ {
				u := float64(float64(float64(i+1)*x.At(0, j)) * x.At(1, j))
				y.Set(i, j, u-float64(0.5*x.At(2, j))+float64(0.1*rng.NormFloat64()))
			}
		}
		return x, y
	}
	x, y := data(400)
	tx, ty := data(100)
	h := sha256.New()
	p := nn.Problem{X: x, Y: y, TestX: tx, TestY: ty, Task: c.task}
	err := sgd.TrainSGD(context.Background(), net, p, c.cfg, rng, func(es nn.EpochStats) error {
		putFloats(h, es.TrainMSE, es.TestMSE, es.TrainAcc, es.TestAcc)
		putFloats(h, es.LayerNorms...)
		return nil
	})
	if err != nil {
		t.Fatalf("%s: %v", c.name, err)
	}
	return hashNet(h, net)
}

// hashNet adds the net's weights and biases to h and returns its hex sum.
func hashNet(h hash.Hash, net *nn.Net) string {
	for i := range net.W {
		putFloats(h, net.W[i].RawMatrix().Data...)
		putFloats(h, net.B[i].RawVector().Data...)
	}
	return hex.EncodeToString(h.Sum(nil))
}

func putFloats(h hash.Hash, xs ...float64) {
	var b [8]byte
	for _, x := range xs {
		binary.LittleEndian.PutUint64(b[:], math.Float64bits(x))
		h.Write(b[:])
	}
}

// runBits trains the case and returns a SHA-256 over every statistic of
// every iteration and the final weights, as raw float64 bits.
func runBits(t *testing.T, c bitsCase) string {
	net, p, cfg := c.setup(t)
	h := sha256.New()
	err := admm.TrainADMM(context.Background(), net, p, cfg, func(es nn.EpochStats) error {
		putFloats(h, es.TrainMSE, es.TestMSE, es.TrainAcc, es.TestAcc, es.AugLagrangian)
		putFloats(h, es.KKT...)
		putFloats(h, es.Violation...)
		putFloats(h, es.LayerNorms...)
		return nil
	})
	if err != nil {
		t.Fatalf("%s: %v", c.name, err)
	}
	return hashNet(h, net)
}

func readBitsGolden(t *testing.T) map[string]string {
	f, err := os.Open(bitsGolden)
	if err != nil {
		t.Fatalf("%v (run go test ./solvers/ -run SolverBits -update-bits to create it)", err)
	}
	defer f.Close()
	want := map[string]string{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		name, sum, ok := strings.Cut(line, " ")
		if !ok {
			t.Fatalf("%s: malformed line %q, want NAME SHA256", bitsGolden, line)
		}
		want[name] = sum
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return want
}

// TestSolverBits pins the exact bits of ADMM and SGD-family runs. The
// golden hashes hold on every machine and build: with the AVX2 kernels and
// without (-tags purego), with FMA fusion allowed to the compiler
// (GOAMD64=v3), on arm64, and whatever BLAS is linked or which kernels it
// picks (OPENBLAS_CORETYPE); make bits runs the variants. A change to the
// solvers' arithmetic changes them on purpose: rerun with -update-bits and
// say so in the commit.
func TestSolverBits(t *testing.T) {
	got := map[string]string{}
	for _, c := range bitsCases() {
		got[c.name] = runBits(t, c)
	}
	for _, c := range sgdBitsCases() {
		got[c.name] = runSGDBits(t, c)
	}
	if *updateBits {
		names := make([]string, 0, len(got))
		for n := range got {
			names = append(names, n)
		}
		sort.Strings(names)
		var b strings.Builder
		b.WriteString("# SHA-256 of every statistic and the final weights of solver runs (TestSolverBits).\n")
		for _, n := range names {
			fmt.Fprintf(&b, "%s %s\n", n, got[n])
		}
		if err := os.MkdirAll(filepath.Dir(bitsGolden), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(bitsGolden, []byte(b.String()), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want := readBitsGolden(t)
	for name, sum := range got {
		w, ok := want[name]
		switch {
		case !ok:
			t.Errorf("%s: no golden hash in %s", name, bitsGolden)
		case w != sum:
			t.Errorf("%s: bits differ from %s (got %s, want %s; build %s, vector kernels %v)", name, bitsGolden, sum[:16], w[:16], kernels.BLASBackend, kernels.VectorKernels)
		}
	}
	for name := range want {
		if _, ok := got[name]; !ok {
			t.Errorf("%s: golden hash with no case", name)
		}
	}
}
