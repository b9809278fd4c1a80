package verdict

import "math"

// Baselines are the accuracies a classifier reaches without learning
// anything, on a test split with the given counts per class: always
// predicting the most frequent class (Majority, its index MajorityClass)
// and guessing uniformly (Chance, one over the number of classes).
type Baselines struct {
	Majority, Chance float64
	MajorityClass    int
	shares           []float64
	n                int
}

// BaselinesOf computes them from a test split's class counts; ok is false
// without at least two classes and one sample.
func BaselinesOf(counts []int) (b Baselines, ok bool) {
	for _, c := range counts {
		b.n += c
	}
	if len(counts) < 2 || b.n == 0 {
		return b, false
	}
	b.shares = make([]float64, len(counts))
	for i, c := range counts {
		b.shares[i] = float64(c) / float64(b.n)
		if c > counts[b.MajorityClass] {
			b.MajorityClass = i
		}
	}
	b.Majority, b.Chance = b.shares[b.MajorityClass], 1/float64(len(counts))
	return b, true
}

// OneClass reports whether a mean test accuracy (with its spread over
// trials) is what predicting one class everywhere scores: within three
// standard errors of that class's share of the split (a binomial share of
// n samples; the trials' splits are other draws of the same proportions,
// so the share itself moves by about one standard error), with a spread no
// larger. class is the class whose share it matches.
func (b Baselines) OneClass(mean, std float64) (class int, ok bool) {
	for i, p := range b.shares {
		tol := 3 * math.Sqrt(p*(1-p)/float64(b.n))
		if math.Abs(mean-p) <= tol && !(std > tol) {
			return i, true
		}
	}
	return 0, false
}
