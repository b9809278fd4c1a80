package estimate

import (
	"regexp"
	"strings"
	"testing"

	"github.com/admmlab/admmlab/experiments"
	"github.com/admmlab/admmlab/pipeline"
	"github.com/admmlab/admmlab/pipeline/runs"
)

// Every profile of the built-in catalogue, the paper's full scale included,
// fits a 4 GiB machine by the estimate, and a width within the bounds but
// too large for the machine does not.
func TestCatalogueFitsInMemory(t *testing.T) {
	cat, err := experiments.Load("")
	if err != nil {
		t.Fatal(err)
	}
	e := Memory{}
	for _, prof := range []string{"smoke", "quick", "full"} {
		p, err := pipeline.NewPlan(cat, prof, nil)
		if err != nil {
			t.Fatal(err)
		}
		if err := CheckPlan(p, e, 4<<30); err != nil {
			t.Errorf("profile %s: %v", prof, err)
		}
	}
	for i := range cat.Definitions {
		if cat.Definitions[i].Name == "square-sweep" {
			cat.Definitions[i].Algorithms[0].Grid.Width = experiments.Ints{10, 100_000}
		}
	}
	p, err := pipeline.NewPlan(cat, "quick", []string{"square-sweep"})
	if err != nil {
		t.Fatal(err)
	}
	err = CheckPlan(p, e, 4<<30)
	if err == nil || !regexp.MustCompile(`defs/square-sweep.json:\d+:\d+: `).MatchString(err.Error()) || !strings.Contains(err.Error(), "grid.width: 100000:") || !strings.Contains(err.Error(), "needs an estimated") {
		t.Errorf("width 100000: %v, want a refusal naming the file and line, the field and the estimate", err)
	}
}

// The estimate grows with the net and the data, and a run of a small net is
// estimated at the size of its data and weights, not more than ten times it.
func TestMemoryEstimate(t *testing.T) {
	e := Memory{}
	base := runs.Spec{Data: "square", Algorithm: "admm", Act: "sigmoid", Depth: 2, Width: 100, Samples: 1000}
	b0, ok := e.MemoryEstimate(base)
	if !ok {
		t.Fatal("no estimate for square")
	}
	// V and U of two 100-wide layers on 1000 samples alone are 2·2·100·1000 words.
	if floor := 8.0 * 2 * 2 * 100 * 1000; b0 < floor || b0 > 10*floor {
		t.Errorf("estimate %g bytes, want between %g and %g", b0, floor, 10*floor)
	}
	for _, tc := range []struct {
		name string
		edit func(*runs.Spec)
	}{
		{"wider", func(s *runs.Spec) { s.Width = 200 }},
		{"deeper", func(s *runs.Spec) { s.Depth = 4 }},
		{"more samples", func(s *runs.Spec) { s.Samples = 2000 }},
	} {
		s := base
		tc.edit(&s)
		if b, _ := e.MemoryEstimate(s); !(b > b0) {
			t.Errorf("%s: %g bytes, not more than %g", tc.name, b, b0)
		}
	}
	if _, ok := e.MemoryEstimate(runs.Spec{Data: "mnist", Depth: 1, Width: 1}); ok {
		t.Error("an unknown data set got an estimate")
	}
}
