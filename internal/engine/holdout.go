package engine

import (
	"fmt"
	"strings"

	"github.com/admmlab/admmlab/datasets"
	"github.com/admmlab/admmlab/internal/validation"
	"github.com/admmlab/admmlab/pipeline"
)

// holdout splits training samples into the part a holdout run fits on and
// the held-out validation part it is scored on (validation.Split).
func holdout(p datasets.Part) (fit, val datasets.Part, err error) {
	nFit, nVal := validation.Split(p.N)
	if nFit < 1 || nVal < 1 {
		return fit, val, fmt.Errorf("%d training samples leave no validation split", p.N)
	}
	cut := func(lo, n, d int, src []float64) []float64 {
		out := make([]float64, 0, d*n)
		for f := 0; f < d; f++ {
			out = append(out, src[f*p.N+lo:f*p.N+lo+n]...)
		}
		return out
	}
	fit = datasets.Part{N: nFit, DIn: p.DIn, DOut: p.DOut, X: cut(0, nFit, p.DIn, p.X), Y: cut(0, nFit, p.DOut, p.Y)}
	val = datasets.Part{N: nVal, DIn: p.DIn, DOut: p.DOut, X: cut(nFit, nVal, p.DIn, p.X), Y: cut(nFit, nVal, p.DOut, p.Y)}
	return fit, val, nil
}

// renameHeldOut names a holdout run's test metrics and curves val_*: they
// were measured on the validation part, not on the test set.
func renameHeldOut(spec pipeline.RunSpec, r pipeline.Result) pipeline.Result {
	if !spec.Holdout {
		return r
	}
	m := make(map[string]float64, len(r.Metrics))
	for k, v := range r.Metrics {
		m[valName(k)] = v
	}
	c := make(map[string][]float64, len(r.Curves))
	for k, v := range r.Curves {
		c[valName(k)] = v
	}
	r.Metrics, r.Curves = m, c
	return r
}

func valName(k string) string {
	if rest, ok := strings.CutPrefix(k, "test_"); ok {
		return "val_" + rest
	}
	return k
}
