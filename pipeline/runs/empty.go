package runs

import (
	"context"
	"fmt"
)

// Empty is the Source of a store that does not exist yet: it holds no run
// of any experiment, and asking for a run's curves is an error.
type Empty struct{}

func (Empty) ExperimentRuns(context.Context, string) ([]Labeled, error) { return nil, nil }

func (Empty) Curves(_ context.Context, id string) (Result, error) {
	return Result{}, fmt.Errorf("run %s: no store", id)
}
