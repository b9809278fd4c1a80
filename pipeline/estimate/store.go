package estimate

import (
	"context"
	"fmt"

	"github.com/admmlab/admmlab/datasets"
	"github.com/admmlab/admmlab/pipeline"
	"github.com/admmlab/admmlab/pipeline/runs"
	"github.com/admmlab/admmlab/pipeline/store"
)

// CalibrateStore reads the store at path (read-only; a missing one has no
// runs) and calibrates the cost model on its runs of the profile that ran
// on host ("": any host), with the real data sets sized by shapes (see
// Calibrate).
func CalibrateStore(path, profile, host string, shapes map[string]datasets.Shape) (Calibration, error) {
	st, err := store.OpenExisting(path)
	if err != nil {
		return Calibration{}, err
	}
	var ix *store.Index
	var planned map[string]bool
	if st != nil {
		defer st.Close()
		ctx := context.Background()
		if ix, err = st.Index(ctx); err != nil {
			return Calibration{}, fmt.Errorf("store %s: %w", path, err)
		}
		if planned, err = st.ProfileRuns(ctx, profile); err != nil {
			return Calibration{}, fmt.Errorf("store %s: %w", path, err)
		}
	}
	return Calibrate(ix, planned, profile, host, shapes), nil
}

// StoreCPUSeconds is the CPU-seconds of the pending runs by the cost model,
// calibrated on the store's runs of the profile from any host (on a
// cluster, its nodes ran the earlier rounds), and the calibration used.
// It is the Slurm executor's round sizing, which takes the real data sets
// at their full copies' sizes: an upper bound, so a round is never
// planned longer than it was sized for.
func StoreCPUSeconds(path, profile string, pending []runs.Spec) (float64, string, error) {
	c, err := CalibrateStore(path, profile, "", nil)
	if err != nil {
		return 0, "", err
	}
	return c.CPUSeconds(pending), c.String(), nil
}

// StoredRefits reads, from the store at path (read-only; a missing one has
// none), the runs each refit stage of p keeps from its latest resolution
// under p's profile, by stage name: what GuessRuns takes a waiting refit
// stage's choices from.
func StoredRefits(path string, p *pipeline.Plan) (map[string][]runs.Labeled, error) {
	st, err := store.OpenExisting(path)
	if err != nil || st == nil {
		return nil, err
	}
	defer st.Close()
	out := map[string][]runs.Labeled{}
	view := st.Results(p.Profile)
	for _, e := range p.Experiments {
		if e.RefitOf == "" {
			continue
		}
		got, err := view.ExperimentRuns(context.Background(), e.Def.Name)
		if err != nil {
			return nil, fmt.Errorf("store %s: %s: %w", path, e.Def.Name, err)
		}
		if len(got) > 0 {
			out[e.Def.Name] = got
		}
	}
	return out, nil
}
