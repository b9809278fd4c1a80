// Package validation carves a validation split out of training data, one rule
// for every selection made without the test set (the noise floor's
// polynomial degree, and any setting chosen "on validation").
//
// The rule is deterministic and needs no random stream: the last Fraction of
// the training samples, in their stored order, are held out. Toy training
// inputs are drawn i.i.d., so the tail is a uniform random subset; data sets
// whose stored order is not random must be shuffled by their loader first.
package validation

// Fraction of the training samples held out for validation.
const Fraction = 0.2

// Split returns how many of n training samples are fitted on (the first
// fit) and how many are held out (the last val). With n ≥ 2 both parts are
// non-empty.
func Split(n int) (fit, val int) {
	val = int(Fraction*float64(n) + 0.5)
	if val < 1 && n >= 2 {
		val = 1
	}
	if val >= n {
		val = n - 1
	}
	if val < 0 {
		val = 0
	}
	return n - val, val
}
