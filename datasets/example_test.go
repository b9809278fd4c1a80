package datasets_test

import (
	"context"
	"fmt"

	"github.com/admmlab/admmlab/datasets"
)

// Toy tasks need no files: the L1 radial learning task with the paper's
// noise variance 0.1.
func ExampleLoad() {
	ds, err := datasets.Load(context.Background(), "l1radial", datasets.Options{Seed: 1, Noise: 0.1})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(ds.Counts)
	fmt.Println(ds.Train.DIn, ds.Train.N, ds.Test.N)
	// Output:
	// 1000 train on [0.75,1.125]² with noise variance 0.1, 1000 clean test
	// 2 1000 1000
}
