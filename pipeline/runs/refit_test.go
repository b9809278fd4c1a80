package runs

import (
	"testing"

	"github.com/admmlab/admmlab/experiments"
)

// TestRefits checks which definitions refit, and that a refit spec is the
// chosen one on the whole training split, its canonical JSON that of the
// same spec never held out (so a refit shares its run with any experiment
// that trains the same configuration without a validation split).
func TestRefits(t *testing.T) {
	for _, tc := range []struct {
		sel  *experiments.Selection
		want bool
	}{
		{nil, false},
		{&experiments.Selection{On: SelectOnTest}, false},
		{&experiments.Selection{On: SelectOnValidation, Fraction: 0.2}, false},
		{&experiments.Selection{On: SelectOnValidation, Fraction: 0.2, Refit: true}, true},
	} {
		if got := Refits(experiments.Definition{Select: tc.sel}); got != tc.want {
			t.Errorf("Refits(%+v) = %v, want %v", tc.sel, got, tc.want)
		}
	}
	chosen := Spec{Data: "eyb", Algorithm: "sgd", Act: "relu", Depth: 1, Width: 20, Epochs: 9, Batch: 50, LR: 0.1, Validation: 0.2, Loss: LossXent}
	got := RefitSpec(chosen, 3)
	whole := chosen
	whole.Validation, whole.Trial = 0, 3
	if got != whole || string(got.Canonical()) != string(whole.Canonical()) {
		t.Errorf("RefitSpec = %+v, want %+v", got, whole)
	}
	if RefitName("eyb-sweep") != "eyb-sweep/refit" {
		t.Errorf("RefitName = %q", RefitName("eyb-sweep"))
	}
	for in, want := range map[string]string{"": "", LossSquare: "", LossXent: LossXent} {
		if got := SpecLoss(in); got != want {
			t.Errorf("SpecLoss(%q) = %q, want %q", in, got, want)
		}
	}
}
