package engine

import (
	"strings"
	"testing"

	"github.com/admmlab/admmlab/pipeline/runs"
	"github.com/admmlab/admmlab/solvers"
	"github.com/admmlab/admmlab/solvers/sgd"
)

// TestLossOf checks the binding of a spec's loss to the solver's: the
// square loss for "" (every run made before the loss was a setting), xent
// for the SGD family only, and an error naming the field otherwise.
func TestLossOf(t *testing.T) {
	for _, tc := range []struct {
		loss string
		alg  solvers.Algorithm
		want sgd.Loss
		err  string
	}{
		{"", solvers.SGD, sgd.Square, ""},
		{"", solvers.ADMM, sgd.Square, ""},
		{runs.LossXent, solvers.Adam, sgd.CrossEntropy, ""},
		{runs.LossXent, solvers.SGDM, sgd.CrossEntropy, ""},
		{runs.LossXent, solvers.ADMM, 0, `spec field loss: "xent" is for the SGD family, not admm`},
		{"square", solvers.SGD, 0, `spec field loss: unknown "square"`}, // specs store the square loss as ""
		{"hinge", solvers.SGD, 0, `spec field loss: unknown "hinge"`},
	} {
		got, err := lossOf(runs.Spec{Algorithm: tc.alg.String(), Loss: tc.loss}, tc.alg)
		switch {
		case tc.err != "" && (err == nil || !strings.Contains(err.Error(), tc.err)):
			t.Errorf("%q for %v: err %v, want %s", tc.loss, tc.alg, err, tc.err)
		case tc.err == "" && (err != nil || got != tc.want):
			t.Errorf("%q for %v: %v, %v; want %v", tc.loss, tc.alg, got, err, tc.want)
		}
	}
}
