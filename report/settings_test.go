package report

import (
	"slices"
	"testing"
)

// Table 2's row of a sweep states what ran under the profile beside the
// paper's settings: under smoke the depths capped at 3 and every axis
// thinned to its two ends, 3 of 2000 epochs, 2 of 20 trials, 300 of 1000
// samples, SGD (ReLU)'s paper structure capped at depth 3.
func TestSettingsRow(t *testing.T) {
	for _, tc := range []struct {
		profile, exp, trainTest string
		want                    []string
	}{
		{"smoke", "square-sweep", "", []string{
			"square-sweep", "300 (paper: 1000)", "0", "20, 100 (paper: 20, 40, …, 100)", "1, 3 (paper: 1–5)", "1, 3 (paper: 1–10)",
			"3 (paper: 2000)", "2 (paper: 20)", "50", "0.1 × 0.95^⌊epoch/10⌋", "0.5", "—, β1 0.9, β2 0.999, ε 1e-8",
			"λ ∈ {1e-06}, β ∈ {1}", "ADMM: msra×1; SGD family: msra×1", "ADMM (sigmoid) (2,40), SGD (ReLU) (3,20)"}},
		{"full", "square-sweep", "", []string{
			"square-sweep", "1000", "0", "20, 40, …, 100", "1–5", "1–10", "2000", "20", "50", "0.1 × 0.95^⌊epoch/10⌋", "0.5",
			"—, β1 0.9, β2 0.999, ε 1e-8", "λ ∈ {1e-06}, β ∈ {1}", "ADMM: msra×1; SGD family: msra×1", "ADMM (sigmoid) (2,40), SGD (ReLU) (5,20)"}},
		// A real data set states its own split; no ReLU column, no paper structure.
		{"full", "earthquake-sweep", "1216 train / 1216 test", []string{
			"earthquake-sweep", "1216 train / 1216 test", "0", "20, 40, …, 100", "1–5", "—", "200", "20", "—", "—", "0.5",
			"—, β1 0.9, β2 0.999, ε 1e-8", "λ ∈ {1e-06}, β ∈ {1}", "ADMM: msra×1", ""}},
	} {
		b := profileBuilder(t, tc.profile)
		if got := settingsRow(b.an, b.prof, b.defs[tc.exp], tc.trainTest); !slices.Equal(got, tc.want) {
			t.Errorf("%s under %s:\n%q\nwant\n%q", tc.exp, tc.profile, got, tc.want)
		}
	}
}
