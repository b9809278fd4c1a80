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
