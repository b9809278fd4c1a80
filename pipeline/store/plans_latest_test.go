package store

import (
	"context"
	"slices"
	"testing"
	"time"
)

// LatestPlans lists what the report reads: per experiment, the latest plan
// of the profile; AddPlan adds a copied plan as Merge would, so that an
// older copy never displaces a plan made since.
func TestLatestPlansAndAddPlan(t *testing.T) {
	ctx := context.Background()
	a, b, c := mergeRec(0, "done"), mergeRec(1, "done"), mergeRec(2, "done")
	day := func(d int) time.Time { return time.Date(2026, 11, d, 12, 0, 0, 0, time.UTC) }
	entries := func(label string, ids ...string) []PlanEntry {
		var out []PlanEntry
		for _, id := range ids {
			out = append(out, PlanEntry{Label: label, RunID: id})
		}
		return out
	}
	plan := func(exp string, at time.Time, e []PlanEntry) Plan {
		sorted := SortEntries(e)
		return Plan{ID: PlanID(exp, "quick", sorted), Experiment: exp, Profile: "quick", PlannedAt: at.Format(timeLayout), Entries: sorted}
	}
	for _, tc := range []struct {
		name string
		add  Plan
		want []string // the latest plans' run IDs of experiment "e", by label then ID
	}{
		{"older copy of another plan", plan("e", day(1), entries("SGD", c.ID)), []string{a.ID, b.ID}},
		{"newer plan", plan("e", day(9), entries("SGD", c.ID)), []string{c.ID}},
		{"older copy of the latest plan keeps its date", plan("e", day(1), entries("ADMM", b.ID, a.ID)), []string{a.ID, b.ID}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			st, _ := newStore(t, "s.db", a, b, c)
			if err := st.SavePlan(ctx, "e", "quick", entries("ADMM", b.ID, a.ID), day(5)); err != nil {
				t.Fatal(err)
			}
			if err := st.SavePlan(ctx, "e", "points", entries("ADMM", c.ID), day(6)); err != nil {
				t.Fatal(err)
			}
			if err := st.AddPlan(ctx, tc.add); err != nil {
				t.Fatal(err)
			}
			plans, err := st.LatestPlans(ctx, "quick")
			if err != nil || len(plans) != 1 {
				t.Fatalf("LatestPlans: %+v, %v", plans, err)
			}
			var got []string
			for _, e := range plans[0].Entries {
				got = append(got, e.RunID)
			}
			if !slices.Equal(got, tc.want) {
				t.Errorf("latest plan names %v, want %v", got, tc.want)
			}
			if id := PlanID("e", "quick", plans[0].Entries); id != plans[0].ID {
				t.Errorf("plan ID %s, its entries hash to %s", plans[0].ID, id)
			}
			runs, err := st.Results("quick").ExperimentRuns(ctx, "e")
			if err != nil || len(runs) != len(tc.want) {
				t.Errorf("the report reads %d runs (%v), want the latest plan's %d", len(runs), err, len(tc.want))
			}
		})
	}
}

func TestAddPlanRefusedReadOnly(t *testing.T) {
	_, path := newStore(t, "s.db", mergeRec(0, "done"))
	ro, err := OpenExisting(path)
	if err != nil {
		t.Fatal(err)
	}
	defer ro.Close()
	if err := ro.AddPlan(context.Background(), Plan{ID: "x", Experiment: "e", Profile: "quick"}); err == nil {
		t.Fatal("AddPlan on a read-only store succeeded")
	}
}
