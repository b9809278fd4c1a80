package kernels

import (
	"embed"
	"sync"

	"github.com/admmlab/admmlab/solvers"
)

// source holds this package's own code, Go and assembly, so that a run's
// cache key can name exactly the code that computed it.
//
//go:embed *.go *.s
var source embed.FS

var fingerprint = sync.OnceValue(func() string {
	return solvers.SourceFingerprint(source)
})

// Fingerprint returns the hex SHA-256 that names the code behind the
// vector kernels, GEMM and linear algebra every solver computes with: this
// package's non-test source, the files of every architecture included. It
// is computed once per process.
func Fingerprint() string { return fingerprint() }
