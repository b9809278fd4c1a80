package datasets

import (
	"math"
	"math/rand/v2"
	"slices"
)

// Stream selectors for rand.NewPCG(seed, stream): one independent stream per
// purpose, so that e.g. changing the noise variance never moves the inputs.
const (
	streamTrainX uint64 = 0x9e3779b97f4a7c15
	streamNoise  uint64 = 0xbf58476d1ce4e5b9
	streamTestX  uint64 = 0x94d049bb133111eb
	streamSplit  uint64 = 0x2545f4914f6cdd1d
)

func newRNG(seed, stream uint64) *rand.Rand { return rand.New(rand.NewPCG(seed, stream)) }

// splitIndices draws nTrain of n indices (without replacement) for training;
// both halves come back sorted, so sample order follows the source file.
func splitIndices(rng *rand.Rand, n, nTrain int) (train, test []int) {
	perm := rng.Perm(n)
	train = append([]int(nil), perm[:nTrain]...)
	test = append([]int(nil), perm[nTrain:]...)
	slices.Sort(train)
	slices.Sort(test)
	return train, test
}

// gather builds a feature-major Part from sample-major rows (row i of rows
// is sample i with d features) and targets (row i of ys has dOut entries).
func gather(idx []int, rows [][]float64, ys [][]float64) Part {
	n := len(idx)
	p := Part{N: n}
	if n > 0 {
		p.DIn, p.DOut = len(rows[idx[0]]), len(ys[idx[0]])
	}
	p.X = make([]float64, p.DIn*n)
	p.Y = make([]float64, p.DOut*n)
	for j, i := range idx {
		for f, v := range rows[i] {
			p.X[f*n+j] = v
		}
		for o, v := range ys[i] {
			p.Y[o*n+j] = v
		}
	}
	return p
}

// meanStd is the mean and the population standard deviation (divisor n).
// A constant input gets std 1 so that z-scoring leaves it centred at 0
// instead of dividing by zero.
func meanStd(v []float64) (mean, std float64) {
	for _, x := range v {
		mean += x
	}
	mean /= float64(len(v))
	for _, x := range v {
		d := x - mean
		std += d * d
	}
	std = math.Sqrt(std / float64(len(v)))
	if std == 0 || math.IsNaN(std) {
		std = 1
	}
	return mean, std
}

// zscoreFeatures standardises each feature (row of the feature-major X) of
// train and test with the training split's mean and standard deviation.
func zscoreFeatures(train, test *Part) {
	for f := 0; f < train.DIn; f++ {
		row := train.X[f*train.N : (f+1)*train.N]
		mu, sd := meanStd(row)
		for j := range row {
			row[j] = (row[j] - mu) / sd
		}
		trow := test.X[f*test.N : (f+1)*test.N]
		for j := range trow {
			trow[j] = (trow[j] - mu) / sd
		}
	}
}
