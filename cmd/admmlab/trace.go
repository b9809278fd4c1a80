package main

import (
	"bufio"
	"context"
	"fmt"
	"io"

	"github.com/admmlab/admmlab/solvers"
	"github.com/admmlab/admmlab/solvers/admm"
	"github.com/admmlab/admmlab/solvers/fixture"
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

// loadTraceFixture reads a fixture's data and initial net through the one
// fixture reader; every problem is an input error naming the file.
func loadTraceFixture(dir string) (*nn.Net, *mat.Dense, *mat.Dense, error) {
	f, err := fixture.ReadInit(dir)
	if err != nil {
		return nil, nil, nil, inputErrorf("%v", err)
	}
	return f.Init, f.X, f.Y, nil
}
