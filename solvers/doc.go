// Package solvers trains fully connected networks the way Zeng, Lin, Yao and
// Zhou (JMLR 2021) do: the gradient-free ADMM of their Algorithm 1 on sigmoid
// (and tanh) nets, and SGD, SGD with momentum and Adam by backpropagation.
//
// Data are column-major in the paper's sense: X is d₀×n and Y is d_N×n, one
// column per sample. The package knows nothing of files, databases or
// experiment definitions; callers hand it matrices and an Observer and get
// per-epoch statistics back.
//
// Source files are grouped by the algorithm family they belong to, and the
// grouping is load-bearing: Fingerprint hashes admm*.go for ADMM, sgd*.go
// and backprop*.go for the SGD family, and every other non-test file, Go or
// assembly, for both (the vector kernels of elementwise*.go serve both, and
// so does the GEMM of backprop_gemm*.go, which is shared despite its name).
//
// Results do not depend on the machine: every product, factorisation and
// solve runs on this package's own kernels (linalg.go, admm_linalg.go,
// backprop_gemm*.go), never on the linked BLAS, and every vector kernel has
// a Go twin that computes the same correctly rounded operations in the same
// order. TestSolverBits pins the bits; make test checks them with and without
// the vector kernels, on arm64 (under qemu), and under every OpenBLAS core type.
// Changing SGD therefore never invalidates cached ADMM runs.
package solvers
