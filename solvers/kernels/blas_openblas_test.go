//go:build openblas && cgo

package kernels

import (
	"strings"
	"testing"

	"gonum.org/v1/gonum/blas/blas64"
	"gonum.org/v1/netlib/blas/netlib"
)

func TestOpenBLASActive(t *testing.T) {
	if _, ok := blas64.Implementation().(netlib.Implementation); !ok {
		t.Errorf("blas64 implementation is %T, want netlib.Implementation", blas64.Implementation())
	}
	if !strings.HasPrefix(BLASBackend, "openblas OpenBLAS ") || !strings.Contains(BLASBackend, " core=") {
		t.Errorf("BLASBackend = %q, want the OpenBLAS version and core type", BLASBackend)
	}
	if n := blasThreads(); n != 1 {
		t.Errorf("OpenBLAS uses %d threads, want 1", n)
	}
}
