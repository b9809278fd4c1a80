//go:build openblas && cgo

package solvers

/*
#cgo LDFLAGS: -lopenblas
void openblas_set_num_threads(int num_threads);
int openblas_get_num_threads(void);
*/
import "C"

import (
	"gonum.org/v1/gonum/blas/blas64"
	"gonum.org/v1/netlib/blas/netlib"
)

// With the openblas build tag every gonum BLAS call of the process (ours and
// mat's) goes to OpenBLAS through cgo. OpenBLAS is pinned to one thread: the
// machine is shared, runs are parallelised across processes by the pipeline,
// and the speed comparison with PyTorch is single-threaded on both sides.
func init() {
	C.openblas_set_num_threads(1)
	blas64.Use(netlib.Implementation{})
}

// BLASBackend names the BLAS implementation this binary uses.
const BLASBackend = "openblas"

// blasThreads reports OpenBLAS's thread count (tested to be 1).
func blasThreads() int { return int(C.openblas_get_num_threads()) }
