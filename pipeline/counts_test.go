package pipeline

import (
	"strings"
	"testing"

	"github.com/admmlab/admmlab/pipeline/runs"
)

// TestCount: a run shared by two experiments counts once; a pending run of
// another shard is counted as such; waiting and unavailable experiments
// count the runs they expect; Tally and ByLabel see the shard the same way.
func TestCount(t *testing.T) {
	other, mine := "", ""
	for _, c := range "0123456789abcdef" {
		id := strings.Repeat(string(c), 64)
		if InShard(id, 1, 2) {
			mine = id
		} else {
			other = id
		}
	}
	cached := &PlannedRun{ID: "cached", State: StateCached}
	pend := &PlannedRun{ID: mine, State: StatePending, Why: "new spec", Spec: runs.Spec{Width: 1}}
	elsewhere := &PlannedRun{ID: other, State: StatePending, Why: "new spec", Spec: runs.Spec{Width: 2}}
	skip := &PlannedRun{ID: "skip", State: StateSkipped, Why: "no data"}
	a := &ExperimentState{Experiment: &Experiment{}, Runs: []*PlannedRun{cached, pend, elsewhere, skip}, Labels: []string{"A", "A", "B", "B"}}
	b := &ExperimentState{Experiment: &Experiment{}, Runs: []*PlannedRun{pend}, Labels: []string{"A"}}
	waiting := &ExperimentState{Experiment: &Experiment{}, Waiting: "dependency not done", Expected: 3}
	gone := &ExperimentState{Experiment: &Experiment{}, Waiting: "data missing", Expected: 2, Unavailable: true}
	c := Count([]*ExperimentState{a, b, waiting, gone}, 1, 2)
	if c.Listed != 4 || c.Waiting != 3 || c.Unavailable != 2 || c.ByState[StatePending] != 1 || c.ByState[StateOtherShard] != 1 ||
		c.ByState[StateCached] != 1 || c.ByState[StateSkipped] != 1 || len(c.Pending) != 1 || c.Pending[0].Width != 1 ||
		len(c.Cached) != 1 || c.Cached[0] != "cached" {
		t.Errorf("Count = %+v", c)
	}
	counts, reasons := a.Tally(1, 2)
	if counts[StatePending] != 1 || counts[StateOtherShard] != 1 || len(reasons) != 1 || reasons[0] != (SkipReason{"no data", 1}) {
		t.Errorf("Tally = %v, %v", counts, reasons)
	}
	if counts, _ := a.Tally(0, 0); counts[StatePending] != 2 {
		t.Errorf("unsharded Tally = %v, want both pending runs pending", counts)
	}
	labels, by := a.ByLabel(1, 2)
	if strings.Join(labels, ",") != "A,B" || by["A"]["pending: new spec"] != 1 || by["B"]["other shard: new spec"] != 1 || by["B"]["skipped: no data"] != 1 {
		t.Errorf("ByLabel = %v, %v", labels, by)
	}
}
