//go:build !(openblas && cgo)

package kernels

// BLASBackend names the BLAS implementation this binary uses: gonum's pure-Go
// BLAS unless built with -tags openblas (and cgo). gonum's Dgemm spreads large
// products over goroutines, bounded by GOMAXPROCS.
const BLASBackend = "gonum"
