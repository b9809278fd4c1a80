package main

import (
	"context"
	"fmt"
	"io"
	"strings"

	"github.com/admmlab/admmlab/pipeline"
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
	rec.Explain(w)
	members, err := st.Memberships(ctx, rec.ID)
	if err != nil {
		return err
	}
	for _, m := range members {
		fmt.Fprintf(w, "  member of        %s\n", m)
	}
	// Would it run again now? Planned as plan would, against this run alone.
	now, err := pipeline.Recheck(sel.executor(), rec)
	if err != nil {
		return err
	}
	if now != "" {
		fmt.Fprintf(w, "  now              %s\n", now)
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
		st.Explain(w, p.Profile, sel.shardI, sel.shardN)
		return nil
	}
	return fmt.Errorf("experiment %q not in the plan", name)
}
