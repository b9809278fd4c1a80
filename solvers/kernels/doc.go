// Package kernels holds the numerical kernels every solver computes with:
// the blocked GEMM (gemm*.go), the fused dot products, axpy and divisions of
// the linear algebra (linalg*.go), and the elementwise sigmoid, tanh and ReLU
// kernels (elementwise*.go). On amd64 (without the purego tag) the hot loops
// are AVX2/FMA assembly, used when the CPU has both (VectorKernels), and Gemm
// adds a 16-column AVX-512 panel where the CPU has AVX-512F; every
// assembly kernel has a Go twin (the *_other.go files and the Go fallbacks)
// computing the same correctly rounded operations in the same order, so
// results are bit-identical on every machine and build.
//
// BLASBackend names the BLAS linked for the gonum calls outside these
// kernels: gonum's pure Go by default, OpenBLAS under the openblas tag.
//
// Fingerprint hashes this package's source, every architecture's files and
// the assembly included.
package kernels
