package main

import (
	"bufio"
	"context"
	"fmt"
	"io"

	"github.com/admmlab/admmlab/internal/fixturetrace"
	"github.com/admmlab/admmlab/solvers"
	"github.com/admmlab/admmlab/solvers/fixture"
)

func init() {
	register(&command{
		name:    "trace",
		summary: "replay an ADMM reference fixture and print k,train_mse,aug_lagrangian",
		run:     runTrace,
	})
}

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
	f, err := fixture.ReadInit(*dir)
	if err != nil {
		return inputErrorf("%v", err) // names the file
	}
	w := bufio.NewWriter(stdout)
	defer w.Flush()
	fmt.Fprintln(w, "k,train_mse,aug_lagrangian")
	err = fixturetrace.Replay(context.Background(), f, lla, *iters, func(k int, mse, aug float64) error {
		_, err := fmt.Fprintf(w, "%d,%.17g,%.17g\n", k, mse, aug)
		return err
	})
	if err != nil {
		return fmt.Errorf("fixture %s: %w", *dir, err)
	}
	return w.Flush()
}
