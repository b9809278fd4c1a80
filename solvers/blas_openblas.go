//go:build openblas && cgo

package solvers

import (
	"gonum.org/v1/gonum/blas/blas64"
	"gonum.org/v1/netlib/blas/netlib"

	"github.com/admmlab/admmlab/solvers/internal/openblas"
)

// With the openblas build tag every gonum BLAS call of the process (ours and
// mat's) goes to OpenBLAS through cgo. OpenBLAS is pinned to one thread: the
// machine is shared, runs are parallelised across processes by the pipeline,
// and the speed comparison with PyTorch is single-threaded on both sides.
func init() {
	openblas.SetThreads(1)
	blas64.Use(netlib.Implementation{})
}

// BLASBackend names the BLAS implementation this binary uses.
const BLASBackend = "openblas"

// blasThreads reports OpenBLAS's thread count (tested to be 1).
func blasThreads() int { return openblas.Threads() }
