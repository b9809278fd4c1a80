package pipeline

import (
	"context"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"runtime"
	"strings"

	"github.com/admmlab/admmlab/pipeline/runs"
	"github.com/admmlab/admmlab/pipeline/store"
)

// Run states in a plan.
const (
	StateCached  = "cached"  // a done run with the same key is stored
	StatePending = "pending" // would run; Why says why
	StateSkipped = "skipped" // its data set is not available; Why says what to place
)

// Reasons a pending run would run, from comparing its key with the latest
// stored run of the same spec.
const (
	WhyNew       = "new spec"
	WhyFailed    = "failed before"
	WhyCode      = "code changed"
	WhyData      = "data changed"
	WhyToolchain = "toolchain changed"
)

// DefaultToolchain names the Go toolchain and platform; executors whose
// numerics depend on build tags (an OpenBLAS build) append to it through
// the optional Toolchainer interface.
func DefaultToolchain() string {
	return runtime.Version() + " " + runtime.GOOS + "/" + runtime.GOARCH
}

// Toolchainer is implemented by executors that know more of the toolchain
// than the Go version, e.g. which BLAS is linked.
type Toolchainer interface {
	Toolchain() string
}

// InShard reports whether the run belongs to shard i of n (1-based). It
// depends on the ID alone, so every shard agrees whatever the run order.
func InShard(id string, i, n int) bool { return ShardOf(id, n) == i }

// ShardOf is the shard (1 to n) that the run with this ID belongs to.
func ShardOf(id string, n int) int {
	b, err := hex.DecodeString(id[:16])
	if err != nil {
		panic("pipeline: run ID is not hex: " + id)
	}
	return int(binary.BigEndian.Uint64(b)%uint64(n)) + 1
}

// ParseShard reads "i/n" with 1 ≤ i ≤ n.
func ParseShard(s string) (i, n int, err error) {
	if _, err := fmt.Sscanf(s, "%d/%d", &i, &n); err != nil || n < 1 || i < 1 || i > n || fmt.Sprintf("%d/%d", i, n) != s {
		return 0, 0, fmt.Errorf("shard %q: want i/n with 1 ≤ i ≤ n, e.g. 2/3", s)
	}
	return i, n, nil
}

// PlannedRun is one distinct run of an invocation, shared by every
// experiment that asks for it.
type PlannedRun struct {
	ID      string
	Key     runs.Key
	Spec    runs.Spec
	State   string
	Why     string // pending: why it runs; skipped: the reason
	Members []Membership
}

// ExperimentState is an experiment's share of the invocation.
type ExperimentState struct {
	*Experiment
	Runs   []*PlannedRun // in expansion order, parallel to Labels
	Labels []string
	// Best is the configuration taken from the dependency, when resolved.
	Best *runs.Spec
	// Waiting, when not empty, says why the runs cannot be listed yet (the
	// dependency is not complete); Expected is how many there will be.
	Waiting  string
	Expected int
	// Unavailable marks a dependent whose dependency's data set is missing:
	// its runs will not become runnable by waiting, so they count as skipped.
	Unavailable bool
	// Chosen, for a refit stage, is each algorithm's choice on validation
	// that its runs refit, in the definition's column order.
	Chosen []LabeledChoice
	// Unchosen says, per algorithm a refit stage has no choice for (every
	// run diverged before a validation value), why it lists no runs.
	Unchosen []string
}

// UnusableDataError is what Executor.DataDigest returns when a data set's
// files are present but cannot be used (a checksum mismatch, a file that
// does not parse). Only the runs on that data set are affected: they are
// skipped with the error as their reason, everything else runs, and Run
// returns ErrDataUnusable at the end.
type UnusableDataError struct {
	Data string
	Err  error
}

func (e *UnusableDataError) Error() string {
	return fmt.Sprintf("data set %s unusable: %v", e.Data, e.Err)
}
func (e *UnusableDataError) Unwrap() error { return e.Err }

// ErrDataUnusable is returned (wrapped) by Run when some runs were skipped
// because their data set's files failed verification or parsing.
var ErrDataUnusable = errors.New("data files failed verification; their runs were skipped")

// Resolver keys specs and classifies them against a store's index.
type Resolver struct {
	Exec      Executor
	Toolchain string
	Index     *store.Index
	// Unusable maps each data set whose files could not be used to why.
	Unusable map[string]string
	// Elsewhere, when set, says why a spec that the index has never held is
	// not cached from elsewhere either (e.g. "archived under other code",
	// from a run archive); "" leaves the reason WhyNew.
	Elsewhere func(key runs.Key) string
	runs      map[string]*PlannedRun // by spec hash
}

// UnusableErr is ErrDataUnusable with why each data set in Unusable could
// not be used, data set by data set, or nil when there is none.
func (r *Resolver) UnusableErr() error {
	if len(r.Unusable) == 0 {
		return nil
	}
	var why []string
	for _, d := range sortedKeys(r.Unusable) {
		why = append(why, r.Unusable[d])
	}
	return fmt.Errorf("%w: %s", ErrDataUnusable, strings.Join(why, "; "))
}

// NewResolver returns a resolver for ix; toolchain "" means the executor's
// (Toolchainer) or DefaultToolchain.
func NewResolver(exec Executor, toolchain string, ix *store.Index) *Resolver {
	if toolchain == "" {
		toolchain = DefaultToolchain()
		if t, ok := exec.(Toolchainer); ok {
			toolchain = t.Toolchain()
		}
	}
	if ix == nil {
		ix = &store.Index{ByID: map[string]runs.Record{}, Latest: map[string]runs.Record{}}
	}
	return &Resolver{Exec: exec, Toolchain: toolchain, Index: ix, Unusable: map[string]string{}, runs: map[string]*PlannedRun{}}
}

// Resolve lists the experiment's runs with their states. A dependent is
// resolved only when every run of its dependency's label is done; otherwise
// it is returned Waiting, or Skipped-like (all runs skipped) when the
// dependency's data set is missing.
func (r *Resolver) Resolve(e *Experiment, dep *ExperimentState) (*ExperimentState, error) {
	st := &ExperimentState{Experiment: e}
	if d := e.Def.DependsOn; d != nil {
		if dep == nil {
			return nil, fmt.Errorf("experiment %q: dependency %q not resolved", e.Def.Name, d.Experiment)
		}
		st.Expected = len(e.Expand(&runs.Spec{}))
		if dep.Waiting != "" {
			st.Waiting = fmt.Sprintf("waiting on %s (%s)", d.Experiment, dep.Waiting)
			st.Unavailable = dep.Unavailable
			return st, nil
		}
		var specs []runs.Spec
		var results []runs.Result
		counts := map[string]int{}
		var reason string
		for i, run := range dep.Runs {
			if dep.Labels[i] != d.Algorithm {
				continue
			}
			counts[run.State]++
			if run.State == StateSkipped {
				reason = run.Why
			}
			if run.State == StateCached {
				specs = append(specs, run.Spec)
				res, err := r.Index.ValidationResult(context.Background(), run.ID)
				if err != nil {
					return nil, fmt.Errorf("experiment %q: dependency %s: %w", e.Def.Name, d.Experiment, err)
				}
				results = append(results, res)
			}
		}
		switch {
		case counts[StateSkipped] > 0:
			st.Waiting = fmt.Sprintf("skipped: %s %q has %d runs skipped (%s; the full reason is given for %s)", d.Experiment, d.Algorithm, counts[StateSkipped], shortReason(reason), d.Experiment)
			st.Unavailable = true
			return st, nil
		case counts[StatePending] > 0:
			var failed int
			for i, run := range dep.Runs {
				if dep.Labels[i] == d.Algorithm && run.Why == WhyFailed {
					failed++
				}
			}
			st.Waiting = fmt.Sprintf("waiting on %s %q: %d of %d runs not done", d.Experiment, d.Algorithm,
				counts[StatePending], counts[StatePending]+counts[StateCached])
			if failed > 0 {
				st.Waiting += fmt.Sprintf(", %d of them failed before", failed)
			}
			return st, nil
		}
		best, err := runs.BestFor(dep.Def, specs, results)
		if err != nil {
			return nil, fmt.Errorf("experiment %q: choosing the best %q of %s: %w", e.Def.Name, d.Algorithm, d.Experiment, err)
		}
		st.Best = &best.Spec
	}
	if err := r.list(st, e.Expand(st.Best)); err != nil {
		return nil, err
	}
	return st, nil
}

// list plans the experiment's runs into st, each a member of the experiment
// under its label.
func (r *Resolver) list(st *ExperimentState, specs []LabeledSpec) error {
	for _, ls := range specs {
		run, err := r.plan(ls.Spec)
		if err != nil {
			return err
		}
		m := Membership{st.Def.Name, ls.Label}
		if len(run.Members) == 0 || run.Members[len(run.Members)-1] != m {
			run.Members = append(run.Members, m)
		}
		st.Runs = append(st.Runs, run)
		st.Labels = append(st.Labels, ls.Label)
	}
	return nil
}

// plan keys one spec (once per invocation) and classifies it.
func (r *Resolver) plan(spec runs.Spec) (*PlannedRun, error) {
	h := spec.SpecHash()
	if run, ok := r.runs[h]; ok {
		return run, nil
	}
	digest, ok, reason, err := r.Exec.DataDigest(spec)
	var ude *UnusableDataError
	if errors.As(err, &ude) {
		ok, reason, err = false, ude.Error(), nil
		r.Unusable[spec.Data] = reason
	}
	if err != nil {
		return nil, fmt.Errorf("data %s: %w", spec.Data, err)
	}
	run := &PlannedRun{Spec: spec, Key: runs.Key{SpecHash: h, CodeFingerprint: r.Exec.CodeFingerprint(spec), DataDigest: digest, Toolchain: r.Toolchain}}
	run.ID = runs.RunID(run.Key)
	r.runs[h] = run
	if !ok {
		if ude == nil && r.cachedWithoutData(run) {
			return run, nil
		}
		if reason == "" {
			reason = "data set " + spec.Data + " is not available"
		}
		run.State, run.Why = StateSkipped, reason
		return run, nil
	}
	r.classify(run)
	return run, nil
}

// cachedWithoutData takes a run whose data set is not available here as
// cached when the store holds it done by the same code and toolchain: its
// data digest is the one recorded when it ran, which this machine cannot
// check but has no reason to doubt (unusable files, present but wrong, do
// not get here). So plan, explain and report say what the store holds
// whatever --data-dir says, and dependents can choose from it.
func (r *Resolver) cachedWithoutData(run *PlannedRun) bool {
	prev, ok := r.Index.Latest[run.Key.SpecHash]
	if !ok || prev.Status != runs.StatusDone || prev.Key.CodeFingerprint != run.Key.CodeFingerprint || prev.Key.Toolchain != run.Key.Toolchain {
		return false
	}
	run.Key.DataDigest, run.ID = prev.Key.DataDigest, prev.ID
	run.State, run.Why = StateCached, ""
	return true
}

func (r *Resolver) classify(run *PlannedRun) {
	if rec, ok := r.Index.ByID[run.ID]; ok {
		if rec.Status == runs.StatusDone {
			run.State, run.Why = StateCached, ""
			return
		}
		run.State, run.Why = StatePending, WhyFailed
		return
	}
	run.State = StatePending
	prev, ok := r.Index.Latest[run.Key.SpecHash]
	if !ok {
		run.Why = WhyNew
		if r.Elsewhere != nil {
			if why := r.Elsewhere(run.Key); why != "" {
				run.Why = why
			}
		}
		return
	}
	var why []string
	if prev.Key.CodeFingerprint != run.Key.CodeFingerprint {
		why = append(why, WhyCode)
	}
	if prev.Key.DataDigest != run.Key.DataDigest {
		why = append(why, WhyData)
	}
	if prev.Key.Toolchain != run.Key.Toolchain {
		why = append(why, WhyToolchain)
	}
	run.Why = strings.Join(why, ", ")
}

// Classify plans one spec against the resolver's index, exactly as Resolve
// plans each run of an experiment: its key (with the data digest), its ID,
// and its state with the reason it would run. explain asks it about a
// stored run.
func (r *Resolver) Classify(spec runs.Spec) (*PlannedRun, error) {
	return r.plan(spec)
}

// Refresh reclassifies the planned runs after the index changed.
func (r *Resolver) Refresh() {
	for _, run := range r.runs {
		if run.State != StateSkipped {
			r.classify(run)
		}
	}
}

// ResolveAll resolves a plan's experiments in order, each dependent against
// its dependency's state.
func (r *Resolver) ResolveAll(p *Plan) ([]*ExperimentState, error) {
	states := map[string]*ExperimentState{}
	maxStage := 0
	for _, e := range p.Experiments {
		maxStage = max(maxStage, e.Stage)
	}
	for stage := 0; stage <= maxStage; stage++ {
		if _, err := r.ResolveStage(p, stage, states); err != nil {
			return nil, err
		}
	}
	out := make([]*ExperimentState, 0, len(p.Experiments))
	for _, e := range p.Experiments {
		out = append(out, states[e.Def.Name])
	}
	return out, nil
}

// ResolveStage resolves the experiments of one dependency stage, in plan
// order, each against the state of its dependency in states (resolved in
// an earlier stage), and adds them to states. Runner.Run calls it stage by
// stage, running each stage's pending runs before resolving the next.
func (r *Resolver) ResolveStage(p *Plan, stage int, states map[string]*ExperimentState) ([]*ExperimentState, error) {
	var out []*ExperimentState
	for _, e := range p.Experiments {
		if e.Stage != stage {
			continue
		}
		var dep *ExperimentState
		if d := e.Def.DependsOn; d != nil {
			dep = states[d.Experiment]
		}
		resolve := r.Resolve
		if e.RefitOf != "" {
			dep, resolve = states[e.RefitOf], r.resolveRefit
		}
		st, err := resolve(e, dep)
		if err != nil {
			return nil, err
		}
		states[e.Def.Name] = st
		out = append(out, st)
	}
	return out, nil
}

// shortReason is a skip reason's head, "data not available: earthquake",
// without the long how-to-get-it that follows: the dependency's own line
// gives that once, and each dependent only names it.
func shortReason(why string) string {
	head, rest, ok := strings.Cut(why, ": ")
	if !ok {
		return why
	}
	name, _, _ := strings.Cut(rest, ": ")
	return head + ": " + name
}
