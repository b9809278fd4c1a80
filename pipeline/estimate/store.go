package estimate

import (
	"context"
	"fmt"
	"time"

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

// Recorded is what a store recorded of the cost of some runs it holds.
type Recorded struct {
	Runs int           // the runs the store holds
	CPU  time.Duration // their CPU time, of those that measured it
	// Unmeasured runs (recorded before CPU time was, or where the system
	// does not give it) count at their wall time, Wall, an upper bound.
	Unmeasured int
	Wall       time.Duration
	Missing    int // IDs the store does not hold
}

// Hours is the recorded cost in CPU-hours, unmeasured runs at wall time.
func (r Recorded) Hours() float64 { return (r.CPU + r.Wall).Hours() }

// StoredCost sums what the store at path (read-only; a missing one holds
// nothing) recorded of the runs with the given IDs: what the cached part of
// a plan cost when it ran, beside the estimate of the part still to run.
func StoredCost(path string, ids []string) (Recorded, error) {
	var r Recorded
	st, err := store.OpenExisting(path)
	if err != nil {
		return r, err
	}
	if st == nil {
		r.Missing = len(ids)
		return r, nil
	}
	defer st.Close()
	ix, err := st.Index(context.Background())
	if err != nil {
		return r, fmt.Errorf("store %s: %w", path, err)
	}
	for _, id := range ids {
		rec, ok := ix.ByID[id]
		switch {
		case !ok:
			r.Missing++
		case rec.CPU > 0:
			r.Runs++
			r.CPU += rec.CPU
		default:
			r.Runs++
			r.Unmeasured++
			r.Wall += rec.Duration
		}
	}
	return r, nil
}
