package pipeline

import (
	"fmt"
	"io"
	"maps"
	"slices"
	"strings"

	"github.com/admmlab/admmlab/pipeline/runs"
	"github.com/admmlab/admmlab/pipeline/store"
)

// Recheck plans a stored run as plan would today, against this run alone,
// and says what would become of it: "" when it is cached (its key is
// today's), else "cannot rerun: …", "superseded: …" (today's key differs)
// or "would run again: …", with the reason.
func Recheck(exec Executor, rec runs.Record) (string, error) {
	ix := &store.Index{ByID: map[string]runs.Record{rec.ID: rec}, Latest: map[string]runs.Record{rec.Key.SpecHash: rec}}
	now, err := NewResolver(exec, "", ix).Classify(rec.Spec)
	if err != nil {
		return "", err
	}
	switch {
	case now.State == StateSkipped:
		return "cannot rerun: " + now.Why, nil
	case now.ID != rec.ID:
		return "superseded: " + now.Why, nil
	case now.State == StatePending:
		return "would run again: " + now.Why, nil
	}
	return "", nil
}

// Explain writes the experiment as `admmlab explain` shows it under the
// profile: its definition's essentials, its dependency, and its runs'
// states by label as shard i of n sees them (or, while it waits on its
// dependency, why).
func (st *ExperimentState) Explain(w io.Writer, profile string, i, n int) {
	fmt.Fprintf(w, "experiment %s (profile %s): %s\n", st.Def.Name, profile, st.Def.Title)
	fmt.Fprintf(w, "  data %s, metric %s, %d epochs, %d trials, stage %d\n", st.Def.Data, st.Def.Metric, st.Def.Epochs, st.Def.Trials, st.Stage)
	if d := st.Def.DependsOn; d != nil {
		fmt.Fprintf(w, "  depends on the best %q of %s for %s\n", d.Algorithm, d.Experiment, strings.Join(d.Axes, ", "))
	}
	if st.RefitOf != "" {
		what := "each algorithm's configuration chosen"
		if runs.RefitsEach(st.Def) {
			what = "every configuration, each at the epoch chosen"
		}
		fmt.Fprintf(w, "  refits %s on %s's validation split on the whole training split, once per trial\n", what, st.RefitOf)
	}
	if st.Waiting != "" {
		fmt.Fprintf(w, "  %d runs once resolved; %s\n", st.Expected, st.Waiting)
		return
	}
	if st.Best != nil {
		fmt.Fprintf(w, "  best: %s\n", runs.Describe(*st.Best))
	}
	for _, c := range st.Chosen {
		fmt.Fprintf(w, "  %s\n", c.Why(st.RefitOf))
	}
	for _, why := range st.Unchosen {
		fmt.Fprintf(w, "  %s\n", why)
	}
	labels, byLabel := st.ByLabel(i, n)
	for _, l := range labels {
		var parts []string
		for _, s := range slices.Sorted(maps.Keys(byLabel[l])) {
			parts = append(parts, fmt.Sprintf("%d %s", byLabel[l][s], s))
		}
		fmt.Fprintf(w, "  %-16s %s\n", l, strings.Join(parts, "; "))
	}
}
