package admm

import (
	"embed"
	"sync"

	"github.com/admmlab/admmlab/solvers"
	"github.com/admmlab/admmlab/solvers/nn"
)

// source holds this package's own code, Go and assembly, so that a run's
// cache key can name exactly the code that computed it.
//
//go:embed *.go
var source embed.FS

var fingerprint = sync.OnceValue(func() string {
	return solvers.SourceFingerprint(source, nn.Fingerprint())
})

// Fingerprint returns the hex SHA-256 that names the code behind ADMM's
// runs: this package's non-test source combined with nn's fingerprint,
// which covers kernels and the solvers vocabulary. It is computed once per
// process.
func Fingerprint() string { return fingerprint() }
