package experiments

// CapTrials lowers the named profile's trials, and every definition's own
// entry for it, to at most n.
func (cat *Catalogue) CapTrials(profile string, n int) {
	for i := range cat.Profiles {
		if p := &cat.Profiles[i]; p.Name == profile && (p.Trials == 0 || p.Trials > n) {
			p.Trials = n
		}
	}
	for i := range cat.Definitions {
		if sc, ok := cat.Definitions[i].Profiles[profile]; ok && sc.Trials > n {
			sc.Trials = n
			cat.Definitions[i].Profiles[profile] = sc
		}
	}
}

// CapDefinitionTrials lowers the trials the named definition runs under
// the profile to at most n, leaving every other definition as it is. It
// reports false when the catalogue has no such definition or profile.
func (cat *Catalogue) CapDefinitionTrials(profile, name string, n int) bool {
	p, err := cat.Profile(profile)
	if err != nil {
		return false
	}
	for i := range cat.Definitions {
		d := &cat.Definitions[i]
		if d.Name != name {
			continue
		}
		if t := EffectiveScale(d, p).Trials; t != 0 && t <= n {
			return true
		}
		sc := d.Profiles[profile]
		sc.Trials = n
		if d.Profiles == nil {
			d.Profiles = map[string]Scale{}
		}
		d.Profiles[profile] = sc
		return true
	}
	return false
}
