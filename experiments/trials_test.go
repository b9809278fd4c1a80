package experiments

import "testing"

func TestCapTrials(t *testing.T) {
	cat := &Catalogue{
		Profiles:    []Profile{{Name: "points"}, {Name: "quick", Scale: Scale{Trials: 5}}},
		Definitions: []Definition{{Name: "a", Profiles: map[string]Scale{"points": {Trials: 10}, "quick": {Trials: 10}}}},
	}
	cat.CapTrials("points", 3)
	if cat.Profiles[0].Trials != 3 || cat.Profiles[1].Trials != 5 {
		t.Errorf("profiles' trials %d, %d, want 3 (unset is capped), 5 (another profile)", cat.Profiles[0].Trials, cat.Profiles[1].Trials)
	}
	if p := cat.Definitions[0].Profiles; p["points"].Trials != 3 || p["quick"].Trials != 10 {
		t.Errorf("definition's trials %v, want points capped to 3 and quick left", p)
	}
}
