package solvers

import (
	"slices"
	"testing"
)

func TestFingerprintFiles(t *testing.T) {
	tests := []struct {
		family      Family
		want, never []string
	}{
		{FamilyADMM,
			[]string{"admm.go", "linalg_amd64.s", "elementwise_amd64.s", "elementwise_other.go", "net.go", "fingerprint.go",
				"linalg.go", "backprop_gemm.go", "backprop_gemm_panels_amd64.s", "backprop_gemm_other.go"},
			[]string{"sgd.go", "backprop.go", "admm_test.go"}},
		{FamilySGD,
			[]string{"sgd.go", "backprop.go", "backprop_gemm_panels_amd64.s", "net.go", "elementwise_amd64.s", "blas_native.go", "blas_openblas.go"},
			[]string{"admm.go", "admm_state.go", "sgd_test.go", "internal/genpanels/main.go"}},
	}
	for _, tc := range tests {
		files := fingerprintFiles(tc.family)
		for _, name := range tc.want {
			if !slices.Contains(files, name) {
				t.Errorf("%s fingerprint misses %s (has %v)", tc.family, name, files)
			}
		}
		for _, name := range tc.never {
			if slices.Contains(files, name) {
				t.Errorf("%s fingerprint includes %s", tc.family, name)
			}
		}
	}
	if Fingerprint(FamilyADMM) == Fingerprint(FamilySGD) {
		t.Error("the two families share a fingerprint")
	}
}
