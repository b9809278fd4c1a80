package estimate

import (
	"context"

	"github.com/admmlab/admmlab/datasets"
	"github.com/admmlab/admmlab/pipeline"
)

// DataShapes loads each real data set the plan's experiments use that the
// data directory holds, and returns its shape as loaded, by name: the cost
// model's sample count for a data set of which the mirror holds a subset
// (PTB's 5,237 of 14,552 beats give 2,519 training beats, where the full
// copy's 7,000 would overestimate every PTB run 2.8×). A data set that is
// absent or cannot be loaded is left out, so the model takes its full
// copy's size (datasets.ShapeOf); so is every toy task, generated at the
// size its spec asks for. Loading is what a run does first, and the
// loaders keep what they read, so a later run in the same process does
// not read it again.
func DataShapes(ctx context.Context, p *pipeline.Plan, dataDir string) map[string]datasets.Shape {
	out := map[string]datasets.Shape{}
	if dataDir == "" {
		return out
	}
	pipeline.EachPresentDataSet(ctx, p, dataDir, func(name, _ string, ds *datasets.Dataset, err error) error {
		if _, seen := out[name]; !seen && err == nil {
			out[name] = datasets.Shape{Train: ds.Train.N, Test: ds.Test.N, DIn: ds.Train.DIn, DOut: ds.Train.DOut}
		}
		return nil
	})
	return out
}
