package main

import (
	"fmt"
	"io"

	"github.com/admmlab/admmlab/pipeline"
	"github.com/admmlab/admmlab/pipeline/archive"
	"github.com/admmlab/admmlab/pipeline/estimate"
	"github.com/admmlab/admmlab/pipeline/runs"
	"github.com/admmlab/admmlab/pipeline/store"
)

func init() {
	register(&command{name: "plan", summary: "list what run would do, and why each pending run would run", run: runPlan})
}

func runPlan(args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("plan", stderr)
	var sel selection
	sel.register(fs, stderr)
	quiet := fs.Bool("q", false, "only the per-experiment counts, not each pending run")
	jobs := fs.Int("j", 2, "parallel runs assumed for the wall-time estimate")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usageErrorf("unexpected arguments %q", fs.Args())
	}
	if err := boundJobs(jobs, stderr); err != nil {
		return err
	}
	p, err := sel.plan()
	if err != nil {
		return err
	}
	archived, err := archive.ReadArchived(sel.archive)
	if err != nil {
		return inputErrorf("flag --archive: %v", err)
	}
	states, unusable, err := resolveWithData(sel, p, archived.Why)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "profile %s, store %s%s\n", p.Profile, sel.store, shardNote(sel))
	for _, name := range p.Skipped {
		fmt.Fprintf(stdout, "%s: left out by profile %s\n", name, p.Profile)
	}
	c := pipeline.Count(states, sel.shardI, sel.shardN)
	stored, err := estimate.StoredRefits(sel.store, p)
	if err != nil {
		return inputErrorf("%v", err)
	}
	var later []runs.Spec
	resolved := map[string]*runs.Spec{}
	for _, st := range states {
		if st.Best != nil {
			resolved[st.Def.Name] = st.Best
		}
	}
	for _, st := range states {
		if st.Unavailable {
			fmt.Fprintf(stdout, "%s: %d runs skipped: %s\n", st.Def.Name, st.Expected, st.Waiting)
			continue
		}
		if st.Waiting != "" {
			fmt.Fprintf(stdout, "%s: %d runs once its dependency is done: %s\n", st.Def.Name, st.Expected, st.Waiting)
			later = append(later, estimate.GuessRuns(p, st.Experiment, stored[st.Def.Name], resolved)...)
			continue
		}
		counts, reasons := st.Tally(sel.shardI, sel.shardN)
		fmt.Fprintf(stdout, "%s: %d runs: %d cached, %d pending, %d skipped", st.Def.Name, len(st.Runs),
			counts[pipeline.StateCached], counts[pipeline.StatePending], counts[pipeline.StateSkipped])
		if counts[pipeline.StateOtherShard] > 0 {
			fmt.Fprintf(stdout, ", %d in other shards", counts[pipeline.StateOtherShard])
		}
		fmt.Fprintln(stdout)
		if st.Best != nil {
			fmt.Fprintf(stdout, "  best of %s %q: %s\n", st.Def.DependsOn.Experiment, st.Def.DependsOn.Algorithm, runs.Describe(*st.Best))
		}
		for _, c := range st.Chosen {
			fmt.Fprintf(stdout, "  %s\n", c.Why(st.RefitOf))
		}
		for _, why := range st.Unchosen {
			fmt.Fprintf(stdout, "  %s\n", why)
		}
		for _, r := range reasons {
			fmt.Fprintf(stdout, "  skipped %d runs: %s\n", r.N, r.Why)
		}
		if *quiet {
			continue
		}
		for _, run := range st.Runs {
			if run.StateIn(sel.shardI, sel.shardN) == pipeline.StatePending && run.Members[0].Experiment == st.Def.Name {
				fmt.Fprintf(stdout, "  pending %s  %-17s %s\n", run.ID[:12], run.Why, runs.Describe(run.Spec))
			}
		}
	}
	fmt.Fprintf(stdout, "total: %d distinct runs: %d cached, %d pending, %d skipped, %d waiting on dependencies",
		c.Listed+c.Unavailable+c.Waiting, c.ByState[pipeline.StateCached], c.ByState[pipeline.StatePending], c.ByState[pipeline.StateSkipped]+c.Unavailable, c.Waiting)
	if n := c.ByState[pipeline.StateOtherShard]; n > 0 {
		fmt.Fprintf(stdout, ", %d pending in other shards", n)
	}
	fmt.Fprintln(stdout)
	if c.Waiting > 0 {
		fmt.Fprintf(stdout, "%d runs wait for a later stage: they are planned once the runs they depend on are done in this store; "+
			"admmlab run does the stages in order (--executor slurm in rounds of jobs; with --shard, merge the shards and run again)\n", c.Waiting)
	}
	if err := printCost(stdout, sel, p, c, later, *jobs); err != nil || unusable == nil {
		return err
	}
	// As run does: the plan is complete, but a data file failed
	// verification, which is exit 3 as data verify says.
	return &exitError{exitInput, unusable}
}

// resolve keys and classifies the plan's runs against the store, which it
// only reads.
func resolve(sel selection, p *pipeline.Plan) ([]*pipeline.ExperimentState, error) {
	states, _, err := resolveWithData(sel, p, nil)
	return states, err
}

// resolveWithData is resolve that also returns, when the files of some data
// set could not be used, pipeline.ErrDataUnusable saying why; elsewhere,
// when set, says why a spec the store never held is not cached from the
// archive either.
func resolveWithData(sel selection, p *pipeline.Plan, elsewhere func(runs.Key) string) (states []*pipeline.ExperimentState, unusable, err error) {
	ix, closeStore, err := store.OpenIndex(sel.store)
	if err != nil {
		return nil, nil, inputErrorf("%v", err)
	}
	defer closeStore()
	r := pipeline.NewResolver(sel.executor(), "", ix)
	r.Elsewhere = elsewhere
	states, err = r.ResolveAll(p)
	return states, r.UnusableErr(), err
}
