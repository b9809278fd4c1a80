package pipeline

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/admmlab/admmlab/experiments"
	"github.com/admmlab/admmlab/pipeline/runs"
	"github.com/admmlab/admmlab/pipeline/store"
)

// refitCatalogue is the toy catalogue's sweep choosing on validation and
// refitting its choices.
func refitCatalogue() *experiments.Catalogue {
	c := toyCatalogue()
	c.Definitions = c.Definitions[:1]
	c.Definitions[0].Select = &experiments.Selection{On: runs.SelectOnValidation, Fraction: 0.2, Refit: true}
	return c
}

// TestRefitStagePlanning checks the refit stage through the dependency
// machinery: waiting (with its expected count and guessed runs) until the
// choice can be made, then one run per algorithm and trial at the chosen
// configuration with Validation 0, run only after every run it chooses
// from, and cached the next time.
func TestRefitStagePlanning(t *testing.T) {
	p, err := NewPlan(refitCatalogue(), "full", nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Experiments) != 2 || p.Experiments[1].Def.Name != "sweep/refit" || p.Experiments[1].Stage != 1 || p.Experiments[1].RefitOf != "sweep" {
		t.Fatalf("plan: want sweep then its refit stage at stage 1, got %+v", p.Experiments)
	}
	f := newFake()
	states, err := NewResolver(f, "", nil).ResolveAll(p)
	if err != nil {
		t.Fatal(err)
	}
	refit := states[1]
	if !strings.Contains(refit.Waiting, "waiting on sweep") || refit.Expected != 4 || len(refit.Runs) != 0 {
		t.Errorf("before the sweep ran: waiting %q, expected %d, %d runs; want waiting on sweep, 4 expected, none listed", refit.Waiting, refit.Expected, len(refit.Runs))
	}
	// The cost model's guess: each algorithm's first grid point, whole split.
	guess := map[string]bool{}
	for _, s := range p.Experiments[1].ExpandRefit(p.Experiments[1].GuessChoices(nil, p.Experiments[0].Expand(nil))) {
		guess[runs.Describe(s.Spec)] = s.Spec.Validation == 0
	}
	if len(guess) != 4 {
		t.Errorf("guessed refit runs: %v, want 4 distinct, all with validation 0", guess)
	}

	path := filepath.Join(t.TempDir(), "runs.db")
	f.started = make(chan runs.Spec, 100)
	sum, out, err := runOnce(t, path, f, p, Options{Jobs: 2})
	if err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	close(f.started)
	// sweep: 8 ADMM + 4 SGD runs; refit: 2 algorithms × 2 trials.
	if sum.Total.Ran != 16 {
		t.Fatalf("ran %d, want 16\n%s", sum.Total.Ran, out)
	}
	held := 0
	for s := range f.started {
		switch {
		case s.Validation > 0:
			held++
		case held < 12:
			t.Errorf("refit run %s started after only %d of the 12 runs it chooses from", runs.Describe(s), held)
		}
	}
	st, _ := store.Open(path)
	got, err := st.Results("full").ExperimentRuns(context.Background(), "sweep/refit")
	st.Close()
	if err != nil || len(got) != 4 {
		t.Fatalf("refit runs stored: %d, %v; want 4", len(got), err)
	}
	// The fake fits best at the largest depth·width: ADMM (2, 5), SGD (2, 3).
	want := map[string][2]int{"ADMM (sigmoid)": {2, 5}, "SGD (ReLU)": {2, 3}}
	trials, stoppedAt := map[string]int{}, map[string]int{}
	for _, r := range got {
		w := want[r.Label]
		if r.Spec.Validation != 0 || r.Spec.Depth != w[0] || r.Spec.Width != w[1] || r.Spec.FullLength().Epochs != 5 {
			t.Errorf("refit run %q: %s; want the chosen (%d, %d) on the whole split, of 5 epochs", r.Label, runs.Describe(r.Spec), w[0], w[1])
		}
		stoppedAt[r.Label] = r.Spec.Epochs
		trials[r.Label] += 1 + r.Spec.Trial
	}
	if trials["ADMM (sigmoid)"] != 3 || trials["SGD (ReLU)"] != 3 {
		t.Errorf("trials per label %v, want trials 0 and 1 of each", trials)
	}

	// Resolved again, the choice is stated and everything is cached.
	st, _ = store.Open(path)
	defer st.Close() // the index reads validation curves from it
	ix, _ := st.Index(context.Background())
	states, err = NewResolver(f, "", ix).ResolveAll(p)
	if err != nil {
		t.Fatal(err)
	}
	refit = states[1]
	if refit.Waiting != "" || len(refit.Runs) != 4 || len(refit.Chosen) != 2 {
		t.Fatalf("after the run: waiting %q, %d runs, %d choices", refit.Waiting, len(refit.Runs), len(refit.Chosen))
	}
	// Each refit stops at the epoch chosen on validation (runs.RefitSpec).
	for _, c := range refit.Chosen {
		if c.Choice.Epoch < 1 || c.Choice.Epoch >= 5 || stoppedAt[c.Label] != c.Choice.Epoch {
			t.Errorf("%q chosen at epoch %d, its refit stopped at %d; want a stop at the chosen epoch, before the 5th", c.Label, c.Choice.Epoch, stoppedAt[c.Label])
		}
	}
	for _, r := range refit.Runs {
		if r.State != StateCached {
			t.Errorf("refit run %s is %s (%s), want cached", r.ID[:12], r.State, r.Why)
		}
	}
	c := refit.Chosen[0]
	if c.Choice.Epoch != 3 || !strings.Contains(c.Why("sweep"), `refits "ADMM (sigmoid)" as chosen on sweep's validation split (epoch 3`) {
		t.Errorf("choice %+v: %s; want epoch 3, where the validation curve is lowest", c.Choice, c.Why("sweep"))
	}
}

// TestRefitOnlyWithItsExperiment checks that --only brings the refit
// stage along with its experiment, and that a profile skipping the
// experiment skips its refit too.
func TestRefitOnlyWithItsExperiment(t *testing.T) {
	c := refitCatalogue()
	c.Definitions = append(c.Definitions, toyCatalogue().Definitions[2])
	for _, only := range []string{"sweep", "sweep/refit"} {
		p, err := NewPlan(c, "full", []string{only})
		if err != nil {
			t.Fatal(err)
		}
		if len(p.Experiments) != 2 || p.Find("sweep/refit") == nil || p.Find("sweep") == nil {
			t.Errorf("--only %s: %d experiments, want sweep and sweep/refit", only, len(p.Experiments))
		}
	}
	if _, err := NewPlan(c, "full", []string{"twin/refit"}); err == nil {
		t.Errorf("--only twin/refit accepted, but twin does not refit")
	}
	c.Definitions[0].Profiles = map[string]experiments.Scale{"full": {Skip: true}}
	p, err := NewPlan(c, "full", nil)
	if err != nil {
		t.Fatal(err)
	}
	if p.Find("sweep/refit") != nil || p.Find("sweep") != nil {
		t.Errorf("a skipped experiment's refit stage is planned")
	}
}

// TestRefitWithoutChoice checks that an algorithm whose every run diverged
// is not refitted, says why, and holds up neither the other algorithms'
// refits nor the run.
func TestRefitWithoutChoice(t *testing.T) {
	p, err := NewPlan(refitCatalogue(), "full", nil)
	if err != nil {
		t.Fatal(err)
	}
	f := newFake()
	f.diverge = func(s runs.Spec) bool { return s.Algorithm == "sgd" }
	path := filepath.Join(t.TempDir(), "runs.db")
	sum, out, err := runOnce(t, path, f, p, Options{Jobs: 2})
	if err != nil || sum.Total.Ran != 14 {
		t.Fatalf("ran %d (%v), want the 12 runs of the sweep and the 2 ADMM refits\n%s", sum.Total.Ran, err, out)
	}
	st, _ := store.Open(path)
	defer st.Close()
	ix, _ := st.Index(context.Background())
	states, err := NewResolver(f, "", ix).ResolveAll(p)
	if err != nil {
		t.Fatal(err)
	}
	refit := states[1]
	if len(refit.Runs) != 2 || len(refit.Chosen) != 1 || len(refit.Unchosen) != 1 || !strings.Contains(refit.Unchosen[0], `"SGD (ReLU)" is not refitted: no run has a val_mse curve`) {
		t.Errorf("refit: %d runs, chosen %v, unchosen %q; want the ADMM choice alone and why SGD has none", len(refit.Runs), refit.Chosen, refit.Unchosen)
	}
}

// TestRefitEachConfiguration checks a study's refit stage (select.each):
// every configuration of the sweep is refitted, once per trial, each with
// Validation 0, not only each algorithm's best; the choice it states per
// configuration is the epoch of that configuration's own validation curve.
func TestRefitEachConfiguration(t *testing.T) {
	c := refitCatalogue()
	c.Definitions[0].Select.Each = true
	p, err := NewPlan(c, "full", nil)
	if err != nil {
		t.Fatal(err)
	}
	f := newFake()
	states, err := NewResolver(f, "", nil).ResolveAll(p)
	if err != nil {
		t.Fatal(err)
	}
	// Before the sweep ran: as many as the sweep's algorithm runs, 12.
	if refit := states[1]; refit.Expected != 12 || !strings.Contains(refit.Waiting, "waiting on sweep") {
		t.Errorf("before the sweep: expected %d, waiting %q; want 12 waiting on sweep", refit.Expected, refit.Waiting)
	}
	path := filepath.Join(t.TempDir(), "runs.db")
	sum, out, err := runOnce(t, path, f, p, Options{Jobs: 2})
	if err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	// sweep: 8 ADMM + 4 SGD runs; refit: the same 12 configurations × trials
	// on the whole split.
	if sum.Total.Ran != 24 {
		t.Fatalf("ran %d, want 24\n%s", sum.Total.Ran, out)
	}
	st, _ := store.Open(path)
	defer st.Close()
	ix, _ := st.Index(context.Background())
	states, err = NewResolver(f, "", ix).ResolveAll(p)
	if err != nil {
		t.Fatal(err)
	}
	refit := states[1]
	if len(refit.Runs) != 12 || len(refit.Chosen) != 6 || refit.Expected != 12 {
		t.Fatalf("refit: %d runs, %d choices, expected %d; want 12 runs of 6 configurations", len(refit.Runs), len(refit.Chosen), refit.Expected)
	}
	seen := map[runs.Spec]int{}
	for _, r := range refit.Runs {
		if r.Spec.Validation != 0 || r.State != StateCached {
			t.Errorf("refit run %s: validation %v, %s; want the whole split, cached", runs.Describe(r.Spec), r.Spec.Validation, r.State)
		}
		cfg := r.Spec
		cfg.Trial = 0
		seen[cfg]++
	}
	for cfg, n := range seen {
		if n != 2 {
			t.Errorf("%s refitted %d times, want once per trial (2)", runs.Describe(cfg), n)
		}
	}
	for _, ch := range refit.Chosen {
		if ch.Choice.Epoch < 1 || ch.Choice.Trials != 2 {
			t.Errorf("choice %+v: want an epoch chosen on the configuration's 2 trials", ch.Choice)
		}
	}
}
