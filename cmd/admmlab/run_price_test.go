package main

import (
	"testing"

	"github.com/admmlab/admmlab/pipeline/runs"
)

// The progress ETA prices a run with no similar run as plan's cost model
// does: by its work, so a wider or longer run costs more, and a store that
// does not exist yet leaves the built-in constants.
func TestModelPrice(t *testing.T) {
	sel, _ := toySelection(t)
	p, err := sel.plan()
	if err != nil {
		t.Fatal(err)
	}
	price := modelPrice(sel, p, "host-a")
	spec := func(width, epochs int) runs.Spec {
		return runs.Spec{Data: "square", Algorithm: "admm", Act: "sigmoid", Depth: 2, Width: width, Epochs: epochs, Samples: 1000}
	}
	narrow, wide, longer := price(spec(10, 200)), price(spec(300, 200)), price(spec(10, 2000))
	if narrow <= 0 || wide <= narrow || longer <= narrow {
		t.Errorf("prices: width 10 %v, width 300 %v, width 10 at 10× the epochs %v; want 0 < the first < each other", narrow, wide, longer)
	}
	if r := float64(longer) / float64(narrow); r < 9.9 || r > 10.1 {
		t.Errorf("10× the epochs priced %.2f× as much, want 10×", r)
	}
}
