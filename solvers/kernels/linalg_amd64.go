//go:build amd64 && !purego

package kernels

// axpyFMABlocks does AxpyFMA's work on the first len(y)&^3 elements and
// returns their number. len(x) ≥ len(y).
//
//go:noescape
func axpyFMABlocks(alpha float64, x, y []float64) int

// divBlocks does DivInto's work on the first len(a)&^3 elements and returns
// their number.
//
//go:noescape
func divBlocks(a []float64, d float64) int
