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

func TestCapDefinitionTrials(t *testing.T) {
	newCat := func() *Catalogue {
		return &Catalogue{
			Profiles: []Profile{{Name: "points", Scale: Scale{Trials: 20}}, {Name: "quick", Scale: Scale{Trials: 3}}},
			Definitions: []Definition{
				{Name: "own", Profiles: map[string]Scale{"points": {Trials: 5, Epochs: 7}}},
				{Name: "global"},
				{Name: "other"},
			},
		}
	}
	for _, tc := range []struct {
		profile, name string
		n             int
		ok            bool
		want          map[string]int // definition → effective trials under profile
	}{
		{"points", "global", 8, true, map[string]int{"own": 5, "global": 8, "other": 20}},
		{"points", "own", 3, true, map[string]int{"own": 3, "global": 20, "other": 20}},
		{"points", "own", 9, true, map[string]int{"own": 5, "global": 20, "other": 20}}, // never raised
		{"quick", "global", 5, true, map[string]int{"own": 3, "global": 3, "other": 3}}, // never above the profile's
		{"points", "missing", 3, false, map[string]int{"own": 5, "global": 20, "other": 20}},
		{"nosuch", "own", 3, false, map[string]int{"own": 5, "global": 20, "other": 20}},
	} {
		cat := newCat()
		if ok := cat.CapDefinitionTrials(tc.profile, tc.name, tc.n); ok != tc.ok {
			t.Errorf("CapDefinitionTrials(%q, %q, %d) = %v, want %v", tc.profile, tc.name, tc.n, ok, tc.ok)
		}
		prof := tc.profile
		if prof == "nosuch" {
			prof = "points"
		}
		p, _ := cat.Profile(prof)
		for i := range cat.Definitions {
			d := &cat.Definitions[i]
			if got := EffectiveScale(d, p).Trials; got != tc.want[d.Name] {
				t.Errorf("after CapDefinitionTrials(%q, %q, %d): %s runs %d trials, want %d", tc.profile, tc.name, tc.n, d.Name, got, tc.want[d.Name])
			}
		}
		if got := cat.Definitions[0].Profiles["points"].Epochs; got != 7 {
			t.Errorf("after CapDefinitionTrials(%q, %q, %d): own's epochs %d, want 7 kept", tc.profile, tc.name, tc.n, got)
		}
	}
}
