package report

import (
	"math"
	"slices"
	"strings"
	"testing"

	"github.com/admmlab/admmlab/experiments"
)

// claimBuilder is a builder holding only the paper's claims, an empty
// summary and an empty analysis, under profile quick.
func claimBuilder(t *testing.T) (*builder, *experiments.Claims) {
	t.Helper()
	c, err := experiments.PaperClaims()
	if err != nil {
		t.Fatal(err)
	}
	return &builder{paper: c.Tables, claims: c, prof: experiments.Profile{Name: "quick"}, an: newAnalysis("quick", "c")}, c
}

// profileBuilder is a builder over testCatalogue under the named profile.
func profileBuilder(t *testing.T, profile string) *builder {
	t.Helper()
	b, _ := claimBuilder(t)
	cat := testCatalogue()
	b.defs = map[string]experiments.Definition{}
	for _, d := range cat.Definitions {
		b.defs[d.Name] = d
	}
	for _, p := range cat.Profiles {
		if p.Name == profile {
			b.prof = p
		}
	}
	return b
}

// How runs fall short of the paper's settings: under smoke, 3 of 2000
// epochs, the depth axis capped at 3 and thinned to 2 points, 300 of 1000
// samples; the paper's structures (points) fall short only in epochs; a
// subset of the paper's data set falls short at any profile and epochs.
func TestReductions(t *testing.T) {
	smoke, full := profileBuilder(t, "smoke"), profileBuilder(t, "full")
	sq, eq := smoke.defs["square-sweep"], smoke.defs["earthquake-sweep"]
	subSmoke, subFull := profileBuilder(t, "smoke"), profileBuilder(t, "full")
	for _, b := range []*builder{subSmoke, subFull} {
		b.opt.Data = map[string]DataInfo{eq.Data: {Subset: "Earthquake subset: 1,000 of 8,173 records"}}
	}
	for _, tc := range []struct {
		name      string
		b         *builder
		d         experiments.Definition
		epochs    int
		ofProfile bool
		want      string
	}{
		{"the profile's best", smoke, sq, 0, true, "3 of 2000 epochs, a thinned grid, 300 of 1000 samples"},
		{"the paper's structures", smoke, sq, 0, false, "3 of 2000 epochs"},
		{"the paper's structures at the paper's epochs", smoke, sq, 2000, false, ""},
		{"a real data set has its own split", smoke, eq, 0, true, "3 of 200 epochs, a thinned grid"},
		{"the full profile", full, sq, 0, true, ""},
		{"a data subset at the paper's settings", subFull, eq, 200, false, "the Earthquake subset (1,000 of 8,173 records)"},
		{"a data subset at the profile's best", subSmoke, eq, 0, true, "3 of 200 epochs, a thinned grid, the Earthquake subset (1,000 of 8,173 records)"},
		{"a data subset reduces only its own data set's runs", subFull, sq, 0, true, ""},
		{"a label without counts", func() *builder {
			b := profileBuilder(t, "full")
			b.opt.Data = map[string]DataInfo{eq.Data: {Subset: "one tenth of the records"}}
			return b
		}(), eq, 200, false, "one tenth of the records"},
	} {
		if got := tc.b.reductions(tc.d, tc.epochs, tc.ofProfile); got != tc.want {
			t.Errorf("%s: %q, want %q", tc.name, got, tc.want)
		}
	}
	d := sq
	scaled := d
	scaled.Algorithms = slices.Clone(d.Algorithms)
	if thinned(d, scaled) {
		t.Error("an unscaled definition is thinned")
	}
	scaled.Algorithms[1].Grid.Init = nil
	if !thinned(d, scaled) {
		t.Error("dropping the second algorithm's init schemes thins the grid")
	}
}

// A figure's claim is qualified by its panel's runs: resolved through the
// item that draws the panel to the experiment behind it.
func TestQualifyClaim(t *testing.T) {
	for _, tc := range []struct {
		profile, panel, verdict string
		want, numbers           string
	}{
		{"smoke", "fig2c", claimHolds, claimHolds + atReduced, "n; profile smoke: 3 of 2000 epochs, a thinned grid, 300 of 1000 samples"},
		{"smoke", "fig2c", claimFails, claimFails + atReduced, "n; profile smoke: 3 of 2000 epochs, a thinned grid, 300 of 1000 samples"},
		{"smoke", "fig2c", claimUnresolved, claimUnresolved, "n"},
		{"smoke", "fig99a", claimHolds, claimHolds, "n"},
		{"full", "fig2c", claimHolds, claimHolds, "n"},
	} {
		b := profileBuilder(t, tc.profile)
		b.an = newAnalysis(tc.profile, "c")
		b.items = []item{figItem("fig2", "Figure 2", 1, panelSpec{ID: "fig2c"})}
		b.fillReductions()
		c := claim{Verdict: tc.verdict, Numbers: "n"}
		(&claimJudge{an: b.an, claims: b.claims}).qualifyClaim(&c, tc.panel)
		if c.Verdict != tc.want || c.Numbers != tc.numbers {
			t.Errorf("%s, %s, %q: %q (%s), want %q (%s)", tc.profile, tc.panel, tc.verdict, c.Verdict, c.Numbers, tc.want, tc.numbers)
		}
	}
}

// judgeContests records a contest per side with means for the claimed
// algorithm, qualified by the side's settings and the grid ends of the
// claimed and its rival, and the exact verdict codes diff compares.
func TestJudgeWinner(t *testing.T) {
	b, c := claimBuilder(t)
	paper := c.Tables["table3"]
	m := func(v, s float64) trialMean {
		return trialMean{Mean: v, Std: s, N: 3, LogMean: math.NaN(), LogStd: math.NaN()}
	}
	all := map[string]trialMean{}
	for i, pr := range paper.Rows {
		all[pr.Label] = m(float64(i+2)*1e-3, 1e-5)
	}
	all[paper.Winner] = m(1e-3, 1e-5)
	edge := paper.Winner + "'s λ = 1e-06, the smallest tried (1e-06 … 0.01)"
	sides := []claimSide{
		{key: "", where: "at the best", means: all, reduced: "3 of 2000 epochs", edges: map[string]string{paper.Winner: edge}},
		{key: "points/", where: "at the paper's", means: map[string]trialMean{paper.Winner: m(1e-3, 1e-5), "SGD (ReLU)": m(1e-6, 1e-8)}},
		{key: "other/", where: "elsewhere", means: map[string]trialMean{"SGD (ReLU)": m(1e-6, 1e-8)}},
	}
	text, brief, v := contestText(paper, b.judgeContests("table3", "train_mse", paper, sides))
	reduced := "3 of 2000 epochs; " + edge
	if want := " " + paper.Winner + " best at the best (" + reduced + "): **holds at reduced settings**; at the paper's: **fails**."; brief != want {
		t.Errorf("brief:\n%q\nwant\n%q", brief, want)
	}
	if want := "; best at the best (" + reduced + "): holds at reduced settings; best at the paper's: fails"; v != want {
		t.Errorf("verdict:\n%q\nwant\n%q", v, want)
	}
	for _, want := range []string{
		"That " + paper.Winner + " is best, at the best (" + reduced + "): **holds at reduced settings** (" + paper.Winner + " beats every other beyond the spread",
		"That " + paper.Winner + " is best, at the paper's: **fails** (SGD (ReLU) beats " + paper.Winner + " beyond the spread",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("text lacks %q:\n%s", want, text)
		}
	}
	if con := *b.an.Tables["table3"].Contest; con.Verdict != claimHolds || !con.Complete || con.Reduced != reduced || con.Settings != "3 of 2000 epochs" || con.Metric != "train_mse" {
		t.Errorf("contest at the best: %+v", con)
	}
	// Judged, the last side (without the claimed algorithm's mean) would
	// have replaced this one.
	if con := *b.an.Tables["table3"].Points; con.Verdict != claimFails || con.Complete || con.Reduced != "" {
		t.Errorf("contest at the paper's: %+v", con)
	}
	for key, want := range map[string]float64{
		"table3/winner_claim_holds": 1, "table3/winner_claim_fails": 0,
		"table3/points/winner_claim_holds": 0, "table3/points/winner_claim_fails": 1,
	} {
		if n, ok := b.an.Summary.Numbers[key]; !ok || float64(n.Value) != want {
			t.Errorf("%s = %v (present %v), want %g", key, n.Value, ok, want)
		}
	}
}

func TestClaimHelpers(t *testing.T) {
	for _, tc := range []struct {
		name, got, want string
	}{
		{"an error table", tableMetric("table3", PaperTable{Unit: "mse"}), "train_mse"},
		{"Table 5 is read on the test set", tableMetric("table5", PaperTable{Unit: "mse"}), "test_mse"},
		{"Table 6 too", tableMetric("table6", PaperTable{Unit: "mse"}), "test_mse"},
		{"an accuracy table", tableMetric("table9", PaperTable{Unit: "percent"}), "test_acc"},
		{"table name", tableName("table10"), "Table 10"},
		{"a panel's figure", figureOf("fig7b"), "fig7"},
		{"a two-digit figure", figureOf("fig18a"), "fig18"},
		{"a theorem's panel", figureOf("theorem4a"), "theorem4"},
		{"figures of panels", strings.Join(figuresOf([]string{"fig7a", "fig7b", "fig9a", "fig7c"}), ","), "fig7,fig9,fig7"},
		{"one trial", fmtTrialMean("train_mse", trialMean{Mean: 2e-9, Std: math.NaN(), N: 1}), "2.00e-9 (n=1)"},
		{"an accuracy's mean", fmtTrialMean("test_acc", trialMean{Mean: 0.9123, Std: 0.0045, N: 3}), "91.23 (std 0.45, n=3)"},
		{"a gap without a bound", gapText("train_mse", "A", trialMean{Mean: 1e-3, N: 1, Std: math.NaN(), LogMean: math.NaN()}, "B",
			trialMean{Mean: 2e-3, Std: 1e-4, N: 3, LogMean: math.NaN()}), "A 1.00e-3 (n=1) vs B 2.00e-3 (std 1.00e-4, n=3) (a mean of one trial has no spread)"},
		// Welch with four trials a side: ν = 6, bound 2.447·√(2·0.01²/4) = 1.73 points.
		{"an accuracy gap in points", gapText("test_acc", "A", trialMean{Mean: 0.9, Std: 0.01, N: 4}, "B", trialMean{Mean: 0.95, Std: 0.01, N: 4}),
			"A 90.00 (std 1.00, n=4) vs B 95.00 (std 1.00, n=4) (gap 5.00, 95% bound 1.73, df 6.0)"},
	} {
		if tc.got != tc.want {
			t.Errorf("%s: %q, want %q", tc.name, tc.got, tc.want)
		}
	}
	for v, want := range map[string][2]float64{claimHolds: {1, 0}, claimFails: {0, 1}, claimUnresolved: {0, 0}, claimUntestable: {0, 0}} {
		if h, f := verdictCodes(v); h != want[0] || f != want[1] {
			t.Errorf("verdictCodes(%q) = %g, %g; want %g, %g", v, h, f, want[0], want[1])
		}
	}
}

// What the scorecard reads of an analysis: NaN is no number, a table's
// means are read only in the metric it compares, and a panel or table
// that never rendered reads as empty.
func TestAnalysisReads(t *testing.T) {
	an := newAnalysis("quick", "c")
	p := an.panel("fig7b")
	p.setInit("A", "msra", newStat([]float64{1e-3}, nil))
	p.setInit("A", "lecun", newStat([]float64{math.NaN()}, nil))
	if got := p.initStats("A"); len(got) != 1 || got["msra"].Mean != 1e-3 {
		t.Errorf("initStats: %v, want msra alone", got)
	}
	p.setNoise("A", 1.5, newStat([]float64{2}, nil))
	p.setNoise("A", 0.1, newStat([]float64{1}, nil))
	p.setNoise("A", 0.05, newStat([]float64{math.NaN()}, nil))
	if ns, by := p.noises("A"); !slices.Equal(ns, []float64{0.1, 1.5}) || by[1.5].Mean != 2 {
		t.Errorf("noises: %v, %v", ns, by)
	}
	choose(an, "t", "A", "train_mse", 2, 100, 1e-3)
	choose(an, "t", "B", "train_mse", 3, 100, math.NaN())
	if m, ok := an.Tables["t"].best("A", "train_mse"); !ok || m.Mean != 1e-3 || m.N != 1 {
		t.Errorf("best: %+v, %v", m, ok)
	}
	if _, ok := an.Tables["t"].best("A", "test_mse"); ok {
		t.Error("a mean read in another metric than the table's")
	}
	if _, ok := an.Tables["t"].best("B", "train_mse"); ok {
		t.Error("a mean without a finite trial is a trial mean")
	}
	var none *PanelAnalysis
	if len(none.initStats("A")) != 0 || len(none.slopes()) != 0 || len(none.depthValues()) != 0 {
		t.Error("a panel that never rendered has values")
	}
	var noTable *TableAnalysis
	if _, ok := noTable.cell("A"); ok || noTable.settings() != "" {
		t.Error("a table that never rendered has a cell or settings")
	}
}

// A side on which the claimed algorithm beats every rival it has, while
// other rivals have no results yet, does not hold: it is untestable and
// names the missing ones (Table 4's points column while its SGD-family
// runs were still computing read "holds" on ADMM against SGD (ReLU) alone).
func TestJudgeWinnerIncompleteSide(t *testing.T) {
	b, c := claimBuilder(t)
	paper := c.Tables["table4"]
	m := func(v float64) trialMean {
		return trialMean{Mean: v, Std: v / 10, N: 3, LogMean: math.Log10(v), LogStd: 0.04}
	}
	means := map[string]trialMean{paper.Winner: m(2.9e-9), "SGD (ReLU)": m(2.1e-6)}
	text, _, _ := contestText(paper, b.judgeContests("table4", "train_mse", paper, []claimSide{{key: "points/", where: "at the paper's", means: means}}))
	var missing []string
	for _, pr := range paper.Rows {
		if _, ok := means[pr.Label]; !ok {
			missing = append(missing, pr.Label)
		}
	}
	want := "**untestable here** (no results yet for " + strings.Join(missing, ", ") + ")"
	if len(missing) == 0 || !strings.Contains(text, want) {
		t.Errorf("text lacks %q:\n%s", want, text)
	}
	if con := *b.an.Tables["table4"].Points; con.Verdict != claimUntestable || con.Complete {
		t.Errorf("contest: %+v, want untestable and incomplete", con)
	}
}

// Every judged claim's verdict lands in summary.json as exact 0/1 numbers,
// so that a verdict that changes is a number that changes (admmlab diff).
func TestRecordClaimVerdicts(t *testing.T) {
	s := newSummary("quick", "c")
	recordClaimVerdicts(s, []claim{
		{ID: "table3/winner", Verdict: claimHolds},
		{ID: "fig7b/init", Verdict: claimFails + atReduced},
		{ID: "fig18a/degrades", Verdict: claimUnresolved},
		{ID: "central", Verdict: "mixed (holds in 3 of 5)"},
	})
	for key, want := range map[string]float64{
		"claims/table3/winner/holds": 1, "claims/table3/winner/fails": 0, "claims/table3/winner/at_reduced": 0,
		"claims/fig7b/init/holds": 0, "claims/fig7b/init/fails": 1, "claims/fig7b/init/at_reduced": 1,
		"claims/fig18a/degrades/holds": 0, "claims/fig18a/degrades/fails": 0, "claims/fig18a/degrades/at_reduced": 0,
		"claims/central/holds": 0, "claims/central/fails": 0,
	} {
		n, ok := s.Numbers[key]
		if !ok || float64(n.Value) != want || n.N != 1 {
			t.Errorf("%s = %+v (recorded %v), want exact %g", key, n, ok, want)
		}
	}
}
