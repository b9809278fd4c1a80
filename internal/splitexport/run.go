package splitexport

import (
	"context"
	"math"
	"strings"

	"github.com/admmlab/admmlab/datasets"
	"github.com/admmlab/admmlab/internal/inputerr"
	"github.com/admmlab/admmlab/pipeline/runs"
	"github.com/admmlab/admmlab/pipeline/store"
)

// Run is the run an export was taken for, as split.json records it.
type Run struct {
	ID            string           `json:"id"`
	Spec          runs.Spec        `json:"spec"`
	Status        string           `json:"status"`
	DataDigest    string           `json:"data_digest"`
	Diverged      bool             `json:"diverged,omitempty"`
	DivergedEpoch int              `json:"diverged_epoch,omitempty"`
	Metrics       map[string]any   `json:"metrics"`
	Curves        map[string][]any `json:"curves"` // a value that was not finite is null
}

// FindRun reads run arg (an ID or unique prefix) from the store at path,
// which it opens read-only.
func FindRun(ctx context.Context, path, arg string) (*Run, error) {
	st, err := store.OpenExisting(path)
	if err != nil {
		return nil, inputerr.Inputf("%v", err)
	}
	if st == nil {
		return nil, inputerr.Usagef("flag --store: store %s does not exist (or is empty)", path)
	}
	defer st.Close()
	ids, err := st.MatchPrefix(ctx, strings.ToLower(arg))
	if err != nil {
		return nil, inputerr.Inputf("store %s: %v", path, err)
	}
	switch {
	case len(ids) == 0:
		return nil, inputerr.Usagef("no run ID (prefix) %q in %s", arg, path)
	case len(ids) > 1:
		return nil, inputerr.Usagef("run ID prefix %q is ambiguous: %d runs match (%s…)", arg, len(ids), strings.Join(ids[:min(3, len(ids))], ", "))
	}
	rec, _, err := st.Get(ctx, ids[0])
	if err != nil {
		return nil, inputerr.Inputf("store %s: run %s: %v", path, ids[0], err)
	}
	return RunOf(rec), nil
}

// RunOf is the record as split.json gives it: its values that are not
// finite become JSON null.
func RunOf(rec runs.Record) *Run {
	r := &Run{ID: rec.ID, Spec: rec.Spec, Status: rec.Status, DataDigest: rec.Key.DataDigest,
		Diverged: rec.Result.Diverged, DivergedEpoch: rec.Result.DivergedEpoch,
		Metrics: map[string]any{}, Curves: map[string][]any{}}
	for k, v := range rec.Result.Metrics {
		r.Metrics[k] = finiteOrNil(v)
	}
	for k, c := range rec.Result.Curves {
		vs := make([]any, len(c))
		for i, v := range c {
			vs[i] = finiteOrNil(v)
		}
		r.Curves[k] = vs
	}
	return r
}

// finiteOrNil is v, or nil (JSON null) when v is NaN or ±Inf.
func finiteOrNil(v float64) any {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return nil
	}
	return v
}

// CheckSpec checks the data fields of a spec given as data export's flags
// (--data, --variant, --samples, --noise, --trial, --validation).
func CheckSpec(spec runs.Spec) error {
	switch {
	case !datasets.Name(spec.Data).Known():
		var names []string
		for _, n := range datasets.Names() {
			names = append(names, string(n))
		}
		return inputerr.Usagef("flag --data: unknown data set %q, want one of %s", spec.Data, strings.Join(names, ", "))
	case spec.Trial < 0 || spec.Samples < 0 || !(spec.Noise >= 0) || math.IsInf(spec.Noise, 0):
		return inputerr.Usagef("flags --trial, --samples, --noise: want values ≥ 0")
	case !(spec.Validation >= 0 && spec.Validation < 1):
		return inputerr.Usagef("flag --validation: %v, want 0 (no hold-out) or a share in (0, 1)", spec.Validation)
	}
	if err := datasets.Name(spec.Data).CheckVariant(spec.DataVariant); err != nil {
		return inputerr.Usagef("flag --variant: %v", err)
	}
	return nil
}
