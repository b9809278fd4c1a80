package pipeline

import (
	"sort"

	"github.com/admmlab/admmlab/pipeline/runs"
)

// StateOtherShard is the state, as one shard sees it, of a pending run that
// another shard runs.
const StateOtherShard = "other shard"

// StateIn is the run's state as shard i of n sees it (n = 0: unsharded).
func (r *PlannedRun) StateIn(i, n int) string {
	if r.State == StatePending && n > 0 && !InShard(r.ID, i, n) {
		return StateOtherShard
	}
	return r.State
}

// SkipReason is how many of an experiment's runs are skipped for one reason.
type SkipReason struct {
	Why string
	N   int
}

// Tally counts the experiment's runs by state as shard i of n sees them,
// and its skipped runs by reason (sorted).
func (st *ExperimentState) Tally(i, n int) (map[string]int, []SkipReason) {
	counts := map[string]int{}
	skipped := map[string]int{}
	for _, run := range st.Runs {
		counts[run.StateIn(i, n)]++
		if run.State == StateSkipped {
			skipped[run.Why]++
		}
	}
	var rs []SkipReason
	for why, n := range skipped {
		rs = append(rs, SkipReason{why, n})
	}
	sort.Slice(rs, func(i, j int) bool { return rs[i].Why < rs[j].Why })
	return counts, rs
}

// ByLabel counts the experiment's runs of each label (in the order the
// labels first appear) by state as shard i of n sees them, with the run's
// reason ("pending: new spec").
func (st *ExperimentState) ByLabel(i, n int) (labels []string, counts map[string]map[string]int) {
	counts = map[string]map[string]int{}
	for k, run := range st.Runs {
		l := st.Labels[k]
		if counts[l] == nil {
			counts[l] = map[string]int{}
			labels = append(labels, l)
		}
		state := run.StateIn(i, n)
		if run.Why != "" {
			state += ": " + run.Why
		}
		counts[l][state]++
	}
	return labels, counts
}

// PlanCounts are a resolved plan's distinct runs as shard i of n sees
// them. Runs of an experiment that waits on its dependency are not known
// yet, so they are counted as the experiment expects them; every other run
// is counted once however many experiments share it.
type PlanCounts struct {
	ByState              map[string]int // distinct listed runs by state
	Listed               int            // distinct listed runs
	Waiting, Unavailable int            // expected runs of waiting and of unavailable experiments
	Pending              []runs.Spec    // the distinct runs pending in this shard
	Cached               []string       // the IDs of the distinct runs cached in this shard
}

// Count counts the resolved plan's runs as shard i of n sees them.
func Count(states []*ExperimentState, i, n int) PlanCounts {
	c := PlanCounts{ByState: map[string]int{}}
	seen := map[string]bool{}
	for _, st := range states {
		switch {
		case st.Unavailable:
			c.Unavailable += st.Expected
			continue
		case st.Waiting != "":
			c.Waiting += st.Expected
			continue
		}
		for _, run := range st.Runs {
			if seen[run.ID] {
				continue
			}
			seen[run.ID] = true
			s := run.StateIn(i, n)
			c.ByState[s]++
			switch s {
			case StatePending:
				c.Pending = append(c.Pending, run.Spec)
			case StateCached:
				c.Cached = append(c.Cached, run.ID)
			}
		}
	}
	c.Listed = len(seen)
	return c
}
