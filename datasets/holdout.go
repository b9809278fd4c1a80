package datasets

import (
	"fmt"
	"math"
	"slices"

	"github.com/admmlab/admmlab/solvers"
)

// streamValidation selects the validation hold-out's stream.
const streamValidation uint64 = 0x61c8864680b583eb

// HoldOut splits a training part into a part to fit and a validation part
// of about fraction of its samples, stratified by class: each class (the
// target's sign for ClassifySign, its argmax for ClassifyArgmax, one class
// for Regression) gives round(fraction·count) of its samples, drawn from
// seed, so that the split depends on nothing but the data, the fraction
// and the seed. Both parts keep the source order. A class too small to give
// a sample gives none; fraction must lie in (0, 1).
func HoldOut(p Part, task solvers.Task, fraction float64, seed uint64) (fit, val Part, err error) {
	if !(fraction > 0 && fraction < 1) {
		return Part{}, Part{}, fmt.Errorf("datasets: validation fraction %v, want one in (0, 1)", fraction)
	}
	classes := map[int][]int{}
	var order []int
	for j := 0; j < p.N; j++ {
		c := classOf(p, task, j)
		if _, ok := classes[c]; !ok {
			order = append(order, c)
		}
		classes[c] = append(classes[c], j)
	}
	slices.Sort(order)
	rng := newRNG(seed, streamValidation)
	var fitIdx, valIdx []int
	for _, c := range order {
		idx := classes[c]
		k := int(math.Round(fraction * float64(len(idx))))
		perm := rng.Perm(len(idx))
		for i, q := range perm {
			if i < k {
				valIdx = append(valIdx, idx[q])
			} else {
				fitIdx = append(fitIdx, idx[q])
			}
		}
	}
	if len(fitIdx) == 0 || len(valIdx) == 0 {
		return Part{}, Part{}, fmt.Errorf("datasets: holding out %v of %d samples leaves %d to fit and %d to validate", fraction, p.N, len(fitIdx), len(valIdx))
	}
	slices.Sort(fitIdx)
	slices.Sort(valIdx)
	return pick(p, fitIdx), pick(p, valIdx), nil
}

// classOf is sample j's class for stratification.
func classOf(p Part, task solvers.Task, j int) int {
	switch task {
	case solvers.ClassifySign:
		if p.Y[j] >= 0 {
			return 1
		}
		return 0
	case solvers.ClassifyArgmax:
		best := 0
		for o := 1; o < p.DOut; o++ {
			if p.Y[o*p.N+j] > p.Y[best*p.N+j] {
				best = o
			}
		}
		return best
	}
	return 0
}

// pick gathers the samples idx of a feature-major part.
func pick(p Part, idx []int) Part {
	n := len(idx)
	out := Part{N: n, DIn: p.DIn, DOut: p.DOut, X: make([]float64, p.DIn*n), Y: make([]float64, p.DOut*n)}
	for f := 0; f < p.DIn; f++ {
		for k, j := range idx {
			out.X[f*n+k] = p.X[f*p.N+j]
		}
	}
	for o := 0; o < p.DOut; o++ {
		for k, j := range idx {
			out.Y[o*n+k] = p.Y[o*p.N+j]
		}
	}
	return out
}

// ClassCounts counts the samples of p per class of a classification task
// (index 0 … DOut−1 for argmax, 0 and 1 for the sign's −1 and +1); nil for
// a regression task. The report's majority-class and chance lines come
// from a test part's counts.
func ClassCounts(p Part, task solvers.Task) []int {
	var k int
	switch task {
	case solvers.ClassifySign:
		k = 2
	case solvers.ClassifyArgmax:
		k = p.DOut
	default:
		return nil
	}
	counts := make([]int, k)
	for j := 0; j < p.N; j++ {
		counts[classOf(p, task, j)]++
	}
	return counts
}

// Subsample keeps about fraction of p's samples, stratified by class as
// HoldOut draws its held-out part (round(fraction·count) per class, from
// seed, in source order): the training split of a learning curve's point.
// fraction must lie in (0, 1).
func Subsample(p Part, task solvers.Task, fraction float64, seed uint64) (Part, error) {
	if !(fraction > 0 && fraction < 1) {
		return Part{}, fmt.Errorf("datasets: training fraction %v, want one in (0, 1)", fraction)
	}
	_, kept, err := HoldOut(p, task, fraction, seed)
	return kept, err
}
