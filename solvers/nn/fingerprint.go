package nn

import (
	"embed"
	"sync"

	"github.com/admmlab/admmlab/solvers"
	"github.com/admmlab/admmlab/solvers/kernels"
)

// source holds this package's own code, Go and assembly, so that a run's
// cache key can name exactly the code that computed it.
//
//go:embed *.go
var source embed.FS

var fingerprint = sync.OnceValue(func() string {
	return solvers.SourceFingerprint(source, kernels.Fingerprint(), solvers.Fingerprint())
})

// Fingerprint returns the hex SHA-256 that names the code behind the net,
// its activations, initialisation and forward pass: this package's non-test
// source combined with the fingerprints of kernels and the solvers
// vocabulary. It is computed once per process.
func Fingerprint() string { return fingerprint() }
