package nn

import (
	"fmt"

	"github.com/admmlab/admmlab/solvers"
	"gonum.org/v1/gonum/mat"
)

// Net is a fully connected network with len(W) layers. Layers 1..len(W)-1 are
// hidden layers with activation Hidden; the last layer is linear.
// Layer i maps d_{i-1} inputs to d_i outputs: W[i] is d_i×d_{i-1} and B[i] has
// length d_i (zero-based slice index i is the paper's layer i+1).
type Net struct {
	W      []*mat.Dense
	B      []*mat.VecDense
	Hidden solvers.Activation
}

// Sizes returns d_0, d_1, …, d_N.
func (n *Net) Sizes() []int {
	s := make([]int, len(n.W)+1)
	r, c := n.W[0].Dims()
	s[0], s[1] = c, r
	for i := 1; i < len(n.W); i++ {
		r, _ := n.W[i].Dims()
		s[i+1] = r
	}
	return s
}

// Depth is the number of hidden layers (the paper's "depth").
func (n *Net) Depth() int { return len(n.W) - 1 }

// Clone returns a deep copy.
func (n *Net) Clone() *Net {
	c := &Net{Hidden: n.Hidden, W: make([]*mat.Dense, len(n.W)), B: make([]*mat.VecDense, len(n.B))}
	for i := range n.W {
		c.W[i] = mat.DenseCopyOf(n.W[i])
		c.B[i] = mat.VecDenseCopyOf(n.B[i])
	}
	return c
}

// Validate reports whether the layer shapes chain. It returns an error naming
// the first layer whose shape is wrong.
func (n *Net) Validate() error {
	if len(n.W) == 0 || len(n.W) != len(n.B) {
		return fmt.Errorf("net: %d weight matrices and %d bias vectors; want the same non-zero number", len(n.W), len(n.B))
	}
	prev := -1
	for i, w := range n.W {
		r, c := w.Dims()
		if prev >= 0 && c != prev {
			return fmt.Errorf("net: layer %d weight is %d×%d, want %d columns to match layer %d's %d outputs", i+1, r, c, prev, i, prev)
		}
		if n.B[i].Len() != r {
			return fmt.Errorf("net: layer %d bias has length %d, want %d", i+1, n.B[i].Len(), r)
		}
		prev = r
	}
	return nil
}
