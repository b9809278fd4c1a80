// Package sgd trains nets by backpropagation with minibatch SGD, SGD with
// momentum or Adam (the SGD family of solvers.Algorithm), at the paper's
// settings (Section 5.1, Table 2) unless told otherwise.
//
// Fingerprint names the code behind an SGD-family run: this package's source
// and the fingerprints of nn, kernels and the solvers vocabulary.
package sgd
