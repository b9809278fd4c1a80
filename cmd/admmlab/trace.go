package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/admmlab/admmlab/internal/csvmat"
	"github.com/admmlab/admmlab/solvers"
	"github.com/admmlab/admmlab/solvers/admm"
	"github.com/admmlab/admmlab/solvers/nn"
	"gonum.org/v1/gonum/mat"
)

func init() {
	register(&command{
		name:    "trace",
		summary: "replay an ADMM reference fixture and print k,train_mse,aug_lagrangian",
		run:     runTrace,
	})
}

// traceLambda is the λ of the reference fixtures (README: λ = 1e-6, β_i = 1).
const traceLambda = 1e-6

func runTrace(args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("trace", stderr)
	dir := fs.String("fixture", "", "fixture `directory` holding x.csv, y.csv, W{i}_init.csv, b{i}_init.csv")
	variant := fs.String("variant", solvers.LLAReference.String(), "LLA constant: reference (h = max|B|) or paper (𝕃 of eq. 18)")
	iters := fs.Int("iters", 50, "number of ADMM iterations K (rows printed)")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usageErrorf("unexpected arguments %q", fs.Args())
	}
	if *dir == "" {
		return usageErrorf("--fixture is required")
	}
	lla, err := solvers.ParseLLA(*variant)
	if err != nil {
		return usageErrorf("--variant: %v", err)
	}
	if *iters < 1 {
		return usageErrorf("--iters = %d, want ≥ 1", *iters)
	}
	net, x, y, err := loadTraceFixture(*dir)
	if err != nil {
		return err
	}
	w := bufio.NewWriter(stdout)
	defer w.Flush()
	fmt.Fprintln(w, "k,train_mse,aug_lagrangian")
	// trace.csv's train_mse at row k is the MSE of the iterate before update
	// k: row 1 is the initial net, row k > 1 the net after update k−1.
	prev := nn.MSE(net.Forward(x), y)
	err = admm.TrainADMM(context.Background(), net, nn.Problem{X: x, Y: y},
		admm.ADMMConfig{Lambda: traceLambda, LLA: lla, Iters: *iters},
		func(es nn.EpochStats) error {
			// trace.csv's aug_lagrangian is (6) with λ/2‖W_i‖² over the weights
			// only (its README says biases are included; the numbers say not),
			// so the bias part of EpochStats.AugLagrangian is taken out.
			var bb float64
			for _, b := range net.B {
				bb += mat.Dot(b, b)
			}
			_, err := fmt.Fprintf(w, "%d,%.17g,%.17g\n", es.Epoch, prev, es.AugLagrangian-traceLambda/2*bb)
			prev = es.TrainMSE
			return err
		})
	if err != nil {
		return fmt.Errorf("fixture %s: %w", *dir, err)
	}
	return w.Flush()
}

// loadTraceFixture reads x.csv, y.csv and the layers W{i}_init.csv,
// b{i}_init.csv for i = 1, 2, … as long as W{i}_init.csv exists, and checks
// that the shapes chain. Every problem is an input error naming the file.
func loadTraceFixture(dir string) (*nn.Net, *mat.Dense, *mat.Dense, error) {
	read := func(name string) (*mat.Dense, error) {
		m, err := csvmat.ReadFile(filepath.Join(dir, name))
		if err != nil {
			return nil, inputErrorf("%v", err)
		}
		return m, nil
	}
	x, err := read("x.csv")
	if err != nil {
		return nil, nil, nil, err
	}
	y, err := read("y.csv")
	if err != nil {
		return nil, nil, nil, err
	}
	d0, n := x.Dims()
	net := &nn.Net{Hidden: solvers.Sigmoid}
	prev := d0
	for i := 1; ; i++ {
		wname := fmt.Sprintf("W%d_init.csv", i)
		if _, err := os.Stat(filepath.Join(dir, wname)); errors.Is(err, fs.ErrNotExist) {
			if i <= 2 {
				return nil, nil, nil, inputErrorf("%s: missing; a fixture needs W1_init.csv and W2_init.csv at least (one hidden layer and the output layer)", filepath.Join(dir, wname))
			}
			break
		}
		w, err := read(wname)
		if err != nil {
			return nil, nil, nil, err
		}
		r, c := w.Dims()
		if c != prev {
			return nil, nil, nil, inputErrorf("%s: shape %d×%d, want %d columns (d_%d×%d, to chain with the previous layer)", filepath.Join(dir, wname), r, c, prev, i, prev)
		}
		bname := fmt.Sprintf("b%d_init.csv", i)
		b, err := read(bname)
		if err != nil {
			return nil, nil, nil, err
		}
		if br, bc := b.Dims(); br != r || bc != 1 {
			return nil, nil, nil, inputErrorf("%s: shape %d×%d, want %d×1 (one bias per row of %s)", filepath.Join(dir, bname), br, bc, r, wname)
		}
		net.W = append(net.W, w)
		net.B = append(net.B, mat.VecDenseCopyOf(b.ColView(0)))
		prev = r
	}
	yr, yc := y.Dims()
	if yr != prev || yc != n {
		return nil, nil, nil, inputErrorf("%s: shape %d×%d, want %d×%d (output dimension × the %d columns of x.csv)", filepath.Join(dir, "y.csv"), yr, yc, prev, n, n)
	}
	return net, x, y, nil
}
