// Package admm trains sigmoid (and tanh) nets by the gradient-free ADMM of
// Algorithm 1 of Zeng, Lin, Yao and Zhou (JMLR 2021), in the variant pinned
// down by the authors' code (TrainADMM documents it), with the LLA constants
// of solvers.LLA.
//
// Every product, Cholesky factorisation and triangular solve runs on this
// module's own kernels (package kernels and linalg.go here), never on the
// linked BLAS, so that a run gives the same bits on every machine. The
// iteration's own elementwise passes and the work within the triangular
// blocks have AVX2 kernels of their own on amd64 (kernels_amd64.s,
// triangular.go), each with a Go path computing the same operations in the
// same order.
//
// Fingerprint names the code behind an ADMM run: this package's source and
// the fingerprints of nn, kernels and the solvers vocabulary.
package admm
