package kernels

import (
	"io/fs"
	"slices"
	"testing"
)

// TestSourceEmbedded checks that the fingerprint covers the assembly and the
// files of every build, not only those of this machine.
func TestSourceEmbedded(t *testing.T) {
	var names []string
	fs.WalkDir(source, ".", func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			names = append(names, p)
		}
		return err
	})
	for _, want := range []string{"gemm.go", "gemm_amd64.s", "gemm_panels_amd64.s", "gemm_other.go",
		"elementwise_amd64.s", "elementwise_other.go", "linalg_amd64.s", "blas_native.go", "blas_openblas.go"} {
		if !slices.Contains(names, want) {
			t.Errorf("the fingerprint misses %s (has %v)", want, names)
		}
	}
}
