package main

import (
	"context"
	"fmt"
	"io"
	"maps"
	"slices"
	"sort"
	"strings"

	"github.com/admmlab/admmlab/pipeline"
	"github.com/admmlab/admmlab/pipeline/runs"
	"github.com/admmlab/admmlab/pipeline/store"
)

func init() {
	register(&command{name: "explain", summary: "show a run (ID or unique prefix) or an experiment: key, status, why it would run",
		args: "[flags] RUN-ID|ID-PREFIX|EXPERIMENT", run: runExplain})
}

func runExplain(args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("explain", stderr)
	var sel selection
	sel.register(fs, stderr)
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return usageErrorf("want one run ID, ID prefix or experiment name, got %d arguments (admmlab help explain)", fs.NArg())
	}
	arg := fs.Arg(0)
	p, err := sel.plan()
	if err != nil {
		return err
	}
	if p.Find(arg) != nil {
		return explainExperiment(stdout, sel, p, arg)
	}
	st, err := store.OpenExisting(sel.store)
	if err != nil {
		return inputErrorf("%v", err)
	}
	if st == nil {
		return usageErrorf("%q is no experiment of profile %s, and store %s does not exist (or is empty)", arg, p.Profile, sel.store)
	}
	defer st.Close()
	ctx := context.Background()
	ids, err := st.MatchPrefix(ctx, strings.ToLower(arg))
	if err != nil {
		return err
	}
	switch {
	case len(ids) == 0:
		return usageErrorf("%q is no experiment of profile %s and no run ID (prefix) in %s", arg, p.Profile, sel.store)
	case len(ids) > 1:
		return usageErrorf("run ID prefix %q is ambiguous: %d runs match (%s…)", arg, len(ids), strings.Join(ids[:min(3, len(ids))], ", "))
	}
	rec, _, err := st.Get(ctx, ids[0])
	if err != nil {
		return err
	}
	w := stdout
	fmt.Fprintf(w, "run %s\n", rec.ID)
	fmt.Fprintf(w, "  spec             %s\n", runs.Describe(rec.Spec))
	fmt.Fprintf(w, "  spec_hash        %s\n", rec.Key.SpecHash)
	fmt.Fprintf(w, "  code_fingerprint %s\n", rec.Key.CodeFingerprint)
	fmt.Fprintf(w, "  data_digest      %s\n", rec.Key.DataDigest)
	fmt.Fprintf(w, "  toolchain        %s\n", rec.Key.Toolchain)
	fmt.Fprintf(w, "  status           %s\n", rec.Status)
	if rec.Error != "" {
		fmt.Fprintf(w, "  error            %s\n", rec.Error)
	}
	fmt.Fprintf(w, "  duration         %s on %q at commit %q, finished %s\n", rec.Duration, rec.Host, rec.Commit, rec.Finished.Format("2006-01-02 15:04:05Z07:00"))
	names := make([]string, 0, len(rec.Result.Metrics))
	for k := range rec.Result.Metrics {
		names = append(names, k)
	}
	sort.Strings(names)
	for _, k := range names {
		fmt.Fprintf(w, "  metric %-20s %g\n", k, rec.Result.Metrics[k])
	}
	if rec.Result.Diverged {
		fmt.Fprintf(w, "  diverged at epoch %d\n", rec.Result.DivergedEpoch)
	}
	members, err := st.Memberships(ctx, rec.ID)
	if err != nil {
		return err
	}
	for _, m := range members {
		fmt.Fprintf(w, "  member of        %s\n", m)
	}
	// Would it run again now? Planned as plan would, against this run
	// alone: cached when its key is today's, else pending with what changed.
	ix := &store.Index{ByID: map[string]runs.Record{rec.ID: rec}, Latest: map[string]runs.Record{rec.Key.SpecHash: rec}}
	now, err := pipeline.NewResolver(sel.executor(), "", ix).Classify(rec.Spec)
	if err != nil {
		return err
	}
	switch {
	case now.State == pipeline.StateSkipped:
		fmt.Fprintf(w, "  now              cannot rerun: %s\n", now.Why)
	case now.ID != rec.ID:
		fmt.Fprintf(w, "  now              superseded: %s\n", now.Why)
	case now.State == pipeline.StatePending:
		fmt.Fprintf(w, "  now              would run again: %s\n", now.Why)
	}
	return nil
}

func explainExperiment(w io.Writer, sel selection, p *pipeline.Plan, name string) error {
	states, err := resolve(sel, p)
	if err != nil {
		return err
	}
	for _, st := range states {
		if st.Def.Name != name {
			continue
		}
		fmt.Fprintf(w, "experiment %s (profile %s): %s\n", name, p.Profile, st.Def.Title)
		fmt.Fprintf(w, "  data %s, metric %s, %d epochs, %d trials, stage %d\n", st.Def.Data, st.Def.Metric, st.Def.Epochs, st.Def.Trials, st.Stage)
		if d := st.Def.DependsOn; d != nil {
			fmt.Fprintf(w, "  depends on the best %q of %s for %s\n", d.Algorithm, d.Experiment, strings.Join(d.Axes, ", "))
		}
		if st.Waiting != "" {
			fmt.Fprintf(w, "  %d runs once resolved; %s\n", st.Expected, st.Waiting)
			return nil
		}
		if st.Best != nil {
			fmt.Fprintf(w, "  best: %s\n", runs.Describe(*st.Best))
		}
		labels, byLabel := st.ByLabel(sel.shardI, sel.shardN)
		for _, l := range labels {
			var parts []string
			for _, s := range slices.Sorted(maps.Keys(byLabel[l])) {
				parts = append(parts, fmt.Sprintf("%d %s", byLabel[l][s], s))
			}
			fmt.Fprintf(w, "  %-16s %s\n", l, strings.Join(parts, "; "))
		}
		return nil
	}
	return fmt.Errorf("experiment %q not in the plan", name)
}
