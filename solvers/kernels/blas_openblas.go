//go:build openblas && cgo

package kernels

import (
	"gonum.org/v1/gonum/blas/blas64"
	"gonum.org/v1/netlib/blas/netlib"

	"github.com/admmlab/admmlab/solvers/internal/openblas"
)

// With the openblas build tag every gonum BLAS call of the process goes to
// OpenBLAS through cgo, pinned to one thread. The solvers make none for
// their results (their products and solves are their own kernels, see
// linalg.go), so the tag only affects gonum calls elsewhere in the process.
func init() {
	openblas.SetThreads(1)
	blas64.Use(netlib.Implementation{})
}

// BLASBackend names the BLAS implementation this binary uses: OpenBLAS's
// build configuration and the core type it picked for this CPU, since its
// results may depend on both.
var BLASBackend = "openblas " + openblas.Config() + " core=" + openblas.CoreName()

// blasThreads reports OpenBLAS's thread count (tested to be 1).
func blasThreads() int { return openblas.Threads() }
