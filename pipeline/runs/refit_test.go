package runs

import (
	"strings"
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
	got := RefitSpec(chosen, 3, 0)
	whole := chosen
	whole.Validation, whole.Trial = 0, 3
	if got != whole || string(got.Canonical()) != string(whole.Canonical()) {
		t.Errorf("RefitSpec(…, 0) = %+v, want %+v", got, whole)
	}
	if got := RefitSpec(chosen, 3, chosen.Epochs); got != whole {
		t.Errorf("RefitSpec at the last epoch = %+v, want the full-length run %+v", got, whole)
	}
	if got := RefitSpec(chosen, 3, chosen.Epochs+5); got != whole {
		t.Errorf("RefitSpec past the last epoch = %+v, want the full-length run %+v", got, whole)
	}
	// Chosen at epoch 4 of 9: the refit trains 4 epochs, keyed apart from the
	// full-length run but seeded as it.
	early := RefitSpec(chosen, 3, 4)
	if early.Epochs != 4 || early.FullEpochs != 9 || early.FullLength() != whole {
		t.Errorf("RefitSpec(…, 4) = %+v, want Epochs 4 of FullEpochs 9, %+v at full length", early, whole)
	}
	if early.Seed() != whole.Seed() || early.SpecHash() == whole.SpecHash() {
		t.Errorf("a refit stopped early: seed %d (want the full-length run's %d), hash %s (want one of its own)", early.Seed(), whole.Seed(), early.SpecHash())
	}
	if got := RefitSpec(early, 0, 0); got != RefitSpec(chosen, 0, 0) {
		t.Errorf("RefitSpec of a refit spec = %+v, want its configuration at full length %+v", got, RefitSpec(chosen, 0, 0))
	}
	if d := Describe(early); !strings.Contains(d, " epochs=4/9 ") {
		t.Errorf("Describe(%+v) = %q, want it to say epochs=4/9", early, d)
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

// TestSeedOfExistingSpecs pins the key and seed of a spec as every run
// before FullEpochs had it: a spec without the field keeps both, so no
// stored run's key or random stream moved.
func TestSeedOfExistingSpecs(t *testing.T) {
	s := Spec{Data: "l2radial", Noise: 0.01, Algorithm: "sgd", Act: "relu", Depth: 16, Width: 300, Init: "msra", InitScale: 1,
		Epochs: 2000, Batch: 50, LR: 0.1, Samples: 1000, Trial: 1}
	const hash, seed = "db6b44bd0f72f34138bd11c2cdd70231644250bde4c98f5baf0332ce417944d0", 15810806495612957505
	if s.SpecHash() != hash || s.Seed() != seed {
		t.Errorf("spec %+v: hash %s, seed %d; want %s, %d as before", s, s.SpecHash(), s.Seed(), hash, uint64(seed))
	}
}
