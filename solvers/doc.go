// Package solvers names what the solvers of Zeng, Lin, Yao and Zhou (JMLR
// 2021) can be asked to do: the algorithms (ADMM, SGD, SGDM, Adam) and their
// families, the hidden-layer activations, the weight initialisations, ADMM's
// LLA variants and β rules, and the tasks a data set poses. Each vocabulary
// is one table; its All… function lists it, its Parse… function reads a
// spelling and names every accepted one when it fails, and String writes it
// back. The spellings are part of every run's cache key and of the
// experiment definitions: never change one.
//
// The package is a leaf (standard library only), so that the planner and
// the data sets can validate against it without linking the numerics. The
// training code lives below it:
//
//   - solvers/kernels: the vector kernels, GEMM and small linear algebra every
//     solver computes with (amd64 assembly with portable Go twins);
//   - solvers/nn: the fully connected net, its activations, initialisation,
//     forward pass and the statistics an Observer receives;
//   - solvers/admm: the gradient-free ADMM of the paper's Algorithm 1;
//   - solvers/sgd: SGD, SGD with momentum and Adam by backpropagation.
//
// Each of those packages embeds its own non-test source and exposes a
// Fingerprint computed once per process; a family's (admm.Fingerprint,
// sgd.Fingerprint) covers its package and the ones it builds on (nn, kernels
// and this one), so changing SGD never invalidates cached ADMM runs.
// SourceFingerprint is the one hash they all use.
//
// Results do not depend on the machine: every product, factorisation and
// solve runs on the solvers' own kernels, never on the linked BLAS, and every
// vector kernel has a Go twin that computes the same correctly rounded
// operations in the same order. TestSolverBits here pins the bits; make test
// checks them with and without the vector kernels, on arm64 (under qemu), and
// under every OpenBLAS core type.
package solvers
