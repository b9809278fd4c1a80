// Package floor computes noise floors: the clean-test MSE of reference
// estimators that need no net, against which the nets' errors on the toy
// learning tasks are read. An error below the floor of an estimator that
// knows the target's form is out of reach for any method trained on the same
// noisy samples (up to the estimator's own variance).
//
//   - Linear is ordinary least squares on the features (with intercept); it
//     is the exact model where the target is linear in them, as the L1
//     radial target is on the paper's domain.
//   - RadialPoly fits a polynomial in t = ‖x‖² by least squares, its degree
//     chosen on a validation split the caller holds out (the run's
//     select.fraction, runs.Spec.Validation) and the chosen
//     degree refitted on all training samples; it approximates any smooth
//     radial target, such as the L2 radial (Wendland) function.
//
// Least squares is solved by Householder QR (gonum), never by the normal
// equations or an inverse; polynomials use the Chebyshev basis on the
// training range of t, so high degrees stay well conditioned.
package floor
