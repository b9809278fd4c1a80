// Package admm trains sigmoid (and tanh) nets by the gradient-free ADMM of
// Algorithm 1 of Zeng, Lin, Yao and Zhou (JMLR 2021), in the variant pinned
// down by the authors' code (TrainADMM documents it), with the LLA constants
// of solvers.LLA.
//
// Every product, Cholesky factorisation and triangular solve runs on this
// module's own kernels (package kernels and linalg.go here), never on the
// linked BLAS, so that a run gives the same bits on every machine.
//
// Fingerprint names the code behind an ADMM run: this package's source and
// the fingerprints of nn, kernels and the solvers vocabulary.
package admm
