//go:build amd64 && !purego

package admm

// linGradBlocks does linGrad's work on the first len(s)&^3 elements (tanh
// selects the tanh derivative, else the sigmoid's), with update preceded by
// updateMultipliers' (res = s − v, Λ += β·res) so that linGrad's is at the
// updated Λ. It returns the number of elements done, a sum that is 0 when
// every updated Λ and v among them is finite and NaN otherwise (0 without
// update), and the maximum of |V − Λ/β| over them. len(e), len(lam), len(v)
// ≥ len(s), and len(res) too with update.
//
//go:noescape
func linGradBlocks(e, lam, s, v, res []float64, beta, inv float64, tanh, update bool) (n int, check, maxB float64)

// vRHSBlocks does vRHS's work on the first len(r)&^3 elements and returns
// their number. len(lam), len(s) ≥ len(r).
//
//go:noescape
func vRHSBlocks(r, lam, s []float64, beta float64, sub bool) int

// subDivBlocks does subDivInto's work on the first len(v)&^3 elements and
// returns their number. len(r) ≥ len(v).
//
//go:noescape
func subDivBlocks(v, r []float64, d float64) int

// shiftScaleSubBlocks does shiftScaleSub's work on one row, the first
// len(z)&^3 elements, and returns their number. len(e) ≥ len(z).
//
//go:noescape
func shiftScaleSubBlocks(z, e []float64, nb, c float64) int
