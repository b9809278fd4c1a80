package runs

import (
	"strings"

	"github.com/admmlab/admmlab/experiments"
)

// NoiseFloorLabel is the column label of a definition's noise-floor runs.
const NoiseFloorLabel = "noise floor"

// FloorAlgorithm is the Spec algorithm of a noise-floor estimator, e.g.
// "floor:linear".
func FloorAlgorithm(estimator string) string { return "floor:" + estimator }

// IsFloor reports whether alg names a noise-floor estimator.
func IsFloor(alg string) bool { return strings.HasPrefix(alg, "floor:") }

// DefaultValidation is the share of the training set held out when a
// choice must be made without the test set and the definition declares no
// select.fraction: the radial noise floor's polynomial degree.
const DefaultValidation = 0.2

// FloorValidation is the validation share of d's noise-floor runs: the
// split the estimator chooses its settings on, made like any run's
// (Spec.Validation). Only "radial-poly" chooses anything; "linear" gets
// none. A definition that selects on validation lends its fraction;
// otherwise DefaultValidation applies.
func FloorValidation(d experiments.Definition) float64 {
	if d.NoiseFloor != "radial-poly" {
		return 0
	}
	if SelectsOnValidation(d) {
		return d.Select.Fraction
	}
	return DefaultValidation
}
