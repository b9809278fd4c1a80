//go:build openblas && cgo

package solvers

import (
	"testing"

	"gonum.org/v1/gonum/blas/blas64"
	"gonum.org/v1/netlib/blas/netlib"
)

func TestOpenBLASActive(t *testing.T) {
	if _, ok := blas64.Implementation().(netlib.Implementation); !ok {
		t.Errorf("blas64 implementation is %T, want netlib.Implementation", blas64.Implementation())
	}
	if BLASBackend != "openblas" {
		t.Errorf("BLASBackend = %q", BLASBackend)
	}
	if n := blasThreads(); n != 1 {
		t.Errorf("OpenBLAS uses %d threads, want 1", n)
	}
}
