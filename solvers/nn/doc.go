// Package nn is the fully connected network the solvers train: Net (layers,
// shapes, cloning), the hidden activations of solvers.Activation (Activate,
// Deriv), the paper's weight initialisations (Init), the forward pass, the
// square loss and accuracy (MSE, Accuracy), and what a solver reports to its
// caller (Problem, EpochStats, Observer, DivergedError).
//
// Data are column-major in the paper's sense: X is d₀×n and Y is d_N×n, one
// column per sample. The package knows nothing of files, databases or
// experiment definitions.
package nn
