package report

import (
	"strconv"
	"strings"
	"testing"

	"github.com/admmlab/admmlab/experiments"
	"github.com/admmlab/admmlab/solvers"
)

// claimAnalysis is an empty analysis of profile quick, which the test
// fills by hand, and the shipped claims: all the scorecard reads.
func claimAnalysis(t *testing.T) (*Analysis, *experiments.Claims) {
	t.Helper()
	c, err := experiments.PaperClaims()
	if err != nil {
		t.Fatal(err)
	}
	return newAnalysis("quick", "c"), c
}

// judgeOne judges one claim from an analysis.
func judgeOne(an *Analysis, c *experiments.Claims, cl experiments.Claim) (claim, bool) {
	return (&claimJudge{an: an, claims: c}).judge(cl)
}

// choose records label's chosen cell on table: its trials in metric and
// its structure.
func choose(an *Analysis, table, label, metric string, depth, width int, trials ...float64) {
	t := an.table(table)
	t.Metric = metric
	t.Cells[label] = ChosenCell{Best: newStat(trials, nil), Depth: depth, Width: width, Rule: rulePaper}
}

// withContest sets the contest of table at this profile's best structures.
func withContest(an *Analysis, table string, con contest) { an.table(table).Contest = &con }

// claimOf returns the claim of the given kind (and table or panel) of the
// shipped claims file.
func claimOf(t *testing.T, c *experiments.Claims, kind, where string) experiments.Claim {
	t.Helper()
	for _, cl := range c.Claims {
		if cl.Kind == kind && (cl.Table == where || cl.Panel == where || where == "") {
			return cl
		}
	}
	t.Fatalf("no %s claim on %q in claims.json", kind, where)
	return experiments.Claim{}
}

func TestLevelClaim(t *testing.T) {
	for _, tc := range []struct {
		name        string
		floor, ours float64 // 0: not recorded
		want        string
		listed      bool
	}{
		{"no noise floor: not listed", 0, 1e-5, "", false},
		{"the paper's 1.69e-5 far below the floor", 1e-3, 1e-3, claimUnreachable, true},
		{"ours within ×10 of the paper's", 1e-5, 1e-4, claimHolds, true},
		{"ours beyond ×10", 1e-5, 1e-3, claimFails, true},
	} {
		an, c := claimAnalysis(t)
		cl := claimOf(t, c, experiments.ClaimLevel, "table5")
		if tc.floor > 0 {
			an.table("table5").NoiseFloors[0.1] = newStat([]float64{tc.floor, tc.floor}, nil)
		}
		choose(an, "table5", c.Tables["table5"].Winner, "test_mse", 2, 100, tc.ours, tc.ours)
		got, listed := judgeOne(an, c, cl)
		if listed != tc.listed || got.Verdict != tc.want {
			t.Errorf("%s: %q (listed %v), want %q (listed %v); %s", tc.name, got.Verdict, listed, tc.want, tc.listed, got.Numbers)
		}
	}
}

// One trial per scheme has no spread: however wide the schemes' range,
// the init claim is untestable, and says so.
func TestInitClaimOneTrial(t *testing.T) {
	an, c := claimAnalysis(t)
	cl := claimOf(t, c, experiments.ClaimInit, "fig7b")
	p := an.panel(cl.Panel)
	p.setInit(c.Subject, "msra", newStat([]float64{1e-4}, nil))
	p.setInit(c.Subject, "lecun", newStat([]float64{9e-3}, nil))
	got, _ := judgeOne(an, c, cl)
	if want := "2 schemes, error 1.00e-4 (msra) – 9.00e-3 (lecun) (×90; holds within ×10): untestable at n = 1 (no spread known)"; got.Verdict != claimUntestable || got.Numbers != want {
		t.Errorf("one trial: %q (%s), want %q (%s)", got.Verdict, got.Numbers, claimUntestable, want)
	}
}

func TestInitAndNoiseClaims(t *testing.T) {
	for _, tc := range []struct {
		name, kind, panel string
		vals              map[string]float64 // init scheme or noise variance → value
		want              string
	}{
		{"init: one scheme is no spread", experiments.ClaimInit, "fig7b", map[string]float64{"msra": 1e-3}, claimUntestable},
		// Each init scheme's value stands for three trials, ×0.9, ×1 and ×1.1
		// (log10 std 0.042): a spread of ×9 is within the bound of ×10.
		{"init: within ×10", experiments.ClaimInit, "fig7b", map[string]float64{"msra": 1e-3, "lecun": 2e-3}, claimHolds},
		{"init: at ×10, within the spread", experiments.ClaimInit, "fig7b", map[string]float64{"msra": 1e-3, "lecun": 9e-3}, claimUnresolved},
		{"init: beyond ×10", experiments.ClaimInit, "fig7b", map[string]float64{"msra": 1e-4, "lecun": 9e-3, "xavier": 2e-4}, claimFails},
		{"noise: one level", experiments.ClaimNoise, "fig12b", map[string]float64{"0.1": 1e-3}, claimUntestable},
		{"noise: slower than the noise", experiments.ClaimNoise, "fig12b", map[string]float64{"0.01": 1e-3, "0.1": 5e-3}, claimHolds},
		{"noise: as fast as the noise", experiments.ClaimNoise, "fig12b", map[string]float64{"0.01": 1e-3, "0.1": 1e-2, "0.05": 4e-3}, claimFails},
	} {
		an, c := claimAnalysis(t)
		cl := claimOf(t, c, tc.kind, tc.panel)
		p := an.panel(tc.panel)
		for k, v := range tc.vals {
			if tc.kind == experiments.ClaimInit {
				p.setInit(c.Subject, k, newStat([]float64{0.9 * v, v, 1.1 * v}, nil))
			} else {
				p.setNoise(c.Subject, parseG(t, k), newStat([]float64{v}, nil))
			}
		}
		if got, _ := judgeOne(an, c, cl); got.Verdict != tc.want {
			t.Errorf("%s: %q, want %q (%s)", tc.name, got.Verdict, tc.want, got.Numbers)
		}
	}
}

func TestSaturationAndRateClaims(t *testing.T) {
	an, c := claimAnalysis(t)
	sat, rate := claimOf(t, c, experiments.ClaimSaturation, ""), claimOf(t, c, experiments.ClaimRate, "")
	if got, _ := judgeOne(an, c, sat); got.Verdict != claimUntestable {
		t.Errorf("saturation without curves: %q, want %q", got.Verdict, claimUntestable)
	}
	if got, _ := judgeOne(an, c, rate); got.Verdict != claimUntestable || got.Numbers != "no results" {
		t.Errorf("rate without slopes: %q (%s), want %q", got.Verdict, got.Numbers, claimUntestable)
	}
	sgd := perRunRatios(1e-6, 2e-6, 5e-7)
	sgd.Medians = []float64{1e-8, 1e-4, 1e-3, 1e-2}
	admm := perRunRatios(1e-2, 2e-2, 5e-3)
	admm.Medians = []float64{1e-4, 1e-2, 1e-2, 1e-2}
	an.LayerRatios[solvers.SGD.String()], an.LayerRatios[solvers.ADMM.String()] = sgd, admm
	if got, _ := judgeOne(an, c, sat); got.Verdict != claimHolds {
		t.Errorf("ADMM's ratio above SGD's: %q, want %q", got.Verdict, claimHolds)
	}
	// Figure 4 of the quick profile: one run each, ADMM's drop at layer 1
	// alone (3.1e-3 → 3.9e-8): not reproduced, untestable at n = 1, with
	// the mechanism named.
	admm = perRunRatios(1e-7, 2e-7, 5e-8)
	admm.Medians = []float64{3.9e-8, 3.1e-3, 2e-3, 1e-3, 3.9e-1}
	an.LayerRatios[solvers.ADMM.String()] = admm
	if got, _ := judgeOne(an, c, sat); got.Verdict != claimFails || !strings.Contains(got.Numbers, "ADMM 1.17e-7 (std 7.64e-8, n=3) vs SGD 1.17e-6") {
		t.Errorf("ADMM's ratio below SGD's: %q (%s), want %q", got.Verdict, got.Numbers, claimFails)
	}
	an.LayerRatios[solvers.SGD.String()] = perRunRatios(1e-6)
	admm = perRunRatios(1e-7)
	admm.Medians = []float64{3.9e-8, 3.1e-3, 4.6e-2, 3.4e-1, 9.0e-1}
	an.LayerRatios[solvers.ADMM.String()] = admm
	got, _ := judgeOne(an, c, sat)
	if got.Verdict != claimUntestable || !strings.Contains(got.Numbers, "the drop is concentrated at layer 1") {
		t.Errorf("one run each: %q (%s), want %q naming the layer-1 drop", got.Verdict, got.Numbers, claimUntestable)
	}
	// Only the slope under the claim's condition decides.
	an.panel(rate.Panel).Slopes = []Slope{
		{Label: "ADMM, β = 100", Depth: 2, Value: -0.2, PerRun: newStat([]float64{-0.2, -0.3, -0.1}, nil)},
		{Label: "ADMM, " + rate.Condition, Depth: 2, Value: -1.2, PerRun: newStat([]float64{-1.2, -1.25, -1.15}, nil)},
	}
	if got, _ := judgeOne(an, c, rate); got.Verdict != claimHolds || !strings.Contains(got.Numbers, "-0.20") {
		t.Errorf("slopes −1.2 ± 0.05 under %s: %q (%s), want %q listing every slope", rate.Condition, got.Verdict, got.Numbers, claimHolds)
	}
	an.panel(rate.Panel).Slopes[1].PerRun = newStat([]float64{-0.5, -0.55, -0.45}, nil)
	if got, _ := judgeOne(an, c, rate); got.Verdict != claimFails {
		t.Errorf("slopes −0.5 ± 0.05: %q, want %q", got.Verdict, claimFails)
	}
	// Above −1 but still falling: the runs have not reached the asymptotic
	// rate, so they neither show nor refute it.
	an.panel(rate.Panel).Slopes[1].PerRun = newStat([]float64{-0.90, -0.92, -0.90}, nil)
	an.panel(rate.Panel).Slopes[1].Change = newStat([]float64{-0.44, -0.45, -0.43}, nil)
	if got, _ := judgeOne(an, c, rate); got.Verdict != claimUntestable || !strings.Contains(got.Numbers, "still steepening: -0.44 (std 0.01)") {
		t.Errorf("slopes −0.9 still falling by 0.44: %q (%s), want %q naming the steepening", got.Verdict, got.Numbers, claimUntestable)
	}
	an.panel(rate.Panel).Slopes[1].Change = Stat{}
	// Spread over −1: not resolved; one run: untestable, whatever its slope.
	an.panel(rate.Panel).Slopes[1].PerRun = newStat([]float64{-0.5, -1.5, -1.1}, nil)
	if got, _ := judgeOne(an, c, rate); got.Verdict != claimUnresolved {
		t.Errorf("slopes −0.5, −1.5, −1.1: %q (%s), want %q", got.Verdict, got.Numbers, claimUnresolved)
	}
	an.panel(rate.Panel).Slopes[1].PerRun = newStat([]float64{-0.5}, nil)
	if got, _ := judgeOne(an, c, rate); got.Verdict != claimUntestable || !strings.Contains(got.Numbers, "untestable at n = 1") {
		t.Errorf("one run: %q (%s), want %q", got.Verdict, got.Numbers, claimUntestable)
	}
}

func TestDepthClaim(t *testing.T) {
	const table = "table3"
	for _, tc := range []struct {
		name           string
		depth          int // 0: no results
		best, atPaper  []float64
		settings, want string
	}{
		{"no results", 0, nil, nil, "", claimUntestable},
		{"the paper's depth", 2, []float64{1e-9, 2e-9}, nil, "", claimHolds},
		{"the paper's depth, reduced settings", 2, []float64{1e-9, 2e-9}, nil, "200 of 2000 epochs", claimHolds + atReduced},
		{"the paper's structure never ran", 3, []float64{1e-9, 2e-9}, nil, "", claimUntestable},
		{"ours better beyond the spread", 3, []float64{1e-9, 1.1e-9, 1.2e-9}, []float64{1e-5, 1.1e-5, 1.2e-5}, "", claimFails},
		{"within the spread", 3, []float64{1e-9, 1e-6}, []float64{1e-8, 1e-5}, "", claimUnresolved},
		{"n = 1 on both sides", 3, []float64{1e-9}, []float64{1e-5}, "", claimUnresolved},
	} {
		an, c := claimAnalysis(t)
		if tc.depth > 0 {
			choose(an, table, c.Subject, "train_mse", tc.depth, 100, tc.best...)
		}
		if tc.atPaper != nil {
			an.table(table).AtPaper[c.Subject] = newStat(tc.atPaper, nil)
		}
		withContest(an, table, contest{Settings: tc.settings})
		if got, _ := judgeOne(an, c, claimOf(t, c, experiments.ClaimDepth, table)); got.Verdict != tc.want {
			t.Errorf("%s: %q, want %q (%s)", tc.name, got.Verdict, tc.want, got.Numbers)
		}
	}
}

// A claim whose tables never ran is untestable, and the central claim
// counts only the tables where the paper prints the subject in bold.
func TestCentralClaim(t *testing.T) {
	an, c := claimAnalysis(t)
	cl := claimOf(t, c, experiments.ClaimCentral, "")
	if got, _ := judgeOne(an, c, cl); got.Verdict != claimUntestable {
		t.Errorf("nothing ran: %q, want %q", got.Verdict, claimUntestable)
	}
	withContest(an, "table3", contest{Verdict: claimHolds})
	withContest(an, "table8", contest{Verdict: claimFails}) // the paper's bold entry there is not the subject
	if got, _ := judgeOne(an, c, cl); got.Verdict != claimHolds || !strings.Contains(got.Numbers, "of the 1 tables") {
		t.Errorf("one table, held: %q (%s), want %q over 1 table", got.Verdict, got.Numbers, claimHolds)
	}
	withContest(an, "table4", contest{Verdict: claimUnresolved})
	if got, _ := judgeOne(an, c, cl); got.Verdict != claimUnresolved {
		t.Errorf("one held, one within the spread: %q, want %q", got.Verdict, claimUnresolved)
	}
	withContest(an, "table5", contest{Verdict: claimFails, Reduced: "200 of 2000 epochs"})
	if got, _ := judgeOne(an, c, cl); got.Verdict != "mixed (holds in 1 of 3)" {
		t.Errorf("one held, one failed at reduced settings: %q, want mixed (holds in 1 of 3)", got.Verdict)
	}
	withContest(an, "table3", contest{Verdict: claimUnresolved})
	if got, _ := judgeOne(an, c, cl); got.Verdict != claimFails+atReduced {
		t.Errorf("none held, one failed at reduced settings: %q, want %q", got.Verdict, claimFails+atReduced)
	}
}

// Every claim of the claims file has a judge, and the scorecard lists
// each one (a level claim only where its table has a noise floor).
func TestScorecardListsEveryClaim(t *testing.T) {
	an, c := claimAnalysis(t)
	levels := 0
	for _, cl := range c.Claims {
		if cl.Kind == experiments.ClaimLevel {
			levels++
		}
	}
	if got := len(judgeClaims(an, c)); got != len(c.Claims)-levels {
		t.Errorf("%d scorecard lines without floors, want %d (every claim but the %d level claims)", got, len(c.Claims)-levels, levels)
	}
	an.table("table5").Metric = "test_mse"
	an.table("table5").NoiseFloors[0.1] = newStat([]float64{1e-3}, nil)
	if got := len(judgeClaims(an, c)); got != len(c.Claims)-levels+1 {
		t.Errorf("%d scorecard lines with Table 5's floor, want %d", got, len(c.Claims)-levels+1)
	}
}

// With the noise floor recorded at both ends, the noise claim is judged
// against the floor's growth beyond the spread of ours' trials: growing
// faster than the floor fails, as does a slower growth from a start far
// above the floor; within the spread it is not resolved; one trial decides
// nothing.
func TestNoiseClaimAgainstTheFloor(t *testing.T) {
	floors := [2]float64{4.2e-4, 5.72e-3} // ×13.6
	tight := func(m float64) []float64 { return []float64{m * 0.99, m, m * 1.01} }
	wide := func(m float64) []float64 { return []float64{m / 3, m, m * 3} }
	for _, tc := range []struct {
		name   string
		lo, hi []float64 // ours' trials at variance 0.1 and 1.5
		want   string
	}{
		{"faster than the floor beyond the spread", tight(4.2e-4), tight(1.2e-2), claimFails},
		{"faster, within a wide spread", wide(4.2e-4), wide(1.2e-2), claimUnresolved},
		{"slower from 3× the floor: bias, so untestable", tight(1.3e-3), tight(1.2e-2), claimUntestable},
		{"slower from near the floor, beyond the spread", tight(5e-4), tight(6e-3), claimHolds},
		{"ending below the floor", tight(2.47e-4), tight(4.19e-4), claimUnresolved},
		{"one trial a side", []float64{5e-4}, []float64{6e-3}, claimUntestable},
	} {
		an, c := claimAnalysis(t)
		cl := claimOf(t, c, experiments.ClaimNoise, "fig12b")
		p := an.panel(cl.Panel)
		for i, n := range []float64{0.1, 1.5} {
			p.setNoise(c.Subject, n, newStat([][]float64{tc.lo, tc.hi}[i], nil))
			p.NoiseFloor[n] = floors[i]
		}
		got, _ := judgeOne(an, c, cl)
		if got.Verdict != tc.want {
			t.Errorf("%s: %q, want %q (%s)", tc.name, got.Verdict, tc.want, got.Numbers)
		}
		if biased := strings.Contains(got.Numbers, "bias, not noise, dominates"); biased != strings.Contains(tc.name, "bias") {
			t.Errorf("%s: says the start is bias-dominated: %v (%s)", tc.name, biased, got.Numbers)
		}
	}
}

// β = 100 diverging on one panel of two makes the claim mixed; a profile
// that ran no depth beyond 8 cannot judge Figure 18(a); Table 9's width
// claim compares the chosen widths.
func TestBetaWidthDegradesClaims(t *testing.T) {
	an, c := claimAnalysis(t)
	beta := claimOf(t, c, experiments.ClaimBeta, "")
	for _, p := range beta.Panels[:2] {
		setParam(an, p, c.Subject, 1e-6, 1, 4e-9)
		setParam(an, p, c.Subject, 0.001, 0.01, 2e-8)
	}
	setParam(an, beta.Panels[0], c.Subject, 1e-6, 100, 128)
	if got, _ := judgeOne(an, c, beta); got.Verdict != "mixed (holds in 1 of 2)" {
		t.Errorf("beta: %q (%s), want mixed (holds in 1 of 2)", got.Verdict, got.Numbers)
	}

	deg := claimOf(t, c, experiments.ClaimDegrades, "")
	for _, d := range []int{1, 4, 6} {
		setDepth(an, deg.Panel, "A", d, 0.9, 0.91, 0.89)
	}
	if got, _ := judgeOne(an, c, deg); got.Verdict != claimUntestable || !strings.Contains(got.Numbers, "deepest: 6") {
		t.Errorf("degrades, depth ≤ 6: %q (%s), want untestable", got.Verdict, got.Numbers)
	}
	setDepth(an, deg.Panel, "A", 10, 0.8, 0.81, 0.79)
	if got, _ := judgeOne(an, c, deg); got.Verdict != claimHolds {
		t.Errorf("degrades, worse at depth 10: %q (%s), want holds", got.Verdict, got.Numbers)
	}

	width := claimOf(t, c, experiments.ClaimWidth, "")
	choose(an, width.Table, c.Subject, "test_acc", 2, 200, 0.9)
	choose(an, width.Table, "Adam (ReLU)", "test_acc", 2, 200, 0.9)
	if got, _ := judgeOne(an, c, width); got.Verdict != claimFails {
		t.Errorf("width: ADMM 200 vs Adam 200: %q, want %q", got.Verdict, claimFails)
	}
}

// Table 3 of the quick profile: ADMM wins at init ×8 but would rank 4th of
// 5 at ×1: the win hinges on the scale.
func TestScaleClaim(t *testing.T) {
	an, c := claimAnalysis(t)
	cl := claimOf(t, c, experiments.ClaimScale, "")
	for s, v := range map[float64]float64{1: 1.79e-5, 8: 1.37e-9} {
		an.initScale(cl.Experiment, c.Subject, s, newStat([]float64{0.9 * v, v, 1.1 * v}, nil))
	}
	for i, v := range []float64{2.45e-7, 1e-6, 3e-6, 2e-4} {
		choose(an, cl.Table, c.Tables[cl.Table].Rows[i].Label, "train_mse", 2, 100, 0.9*v, 1.1*v)
	}
	got, _ := judgeOne(an, c, cl)
	rival := c.Tables[cl.Table].Rows[0].Label
	if got.Verdict != claimFails || !strings.Contains(got.Numbers, "×1 1.79e-5 (std 1.79e-6, n=3) (rank 4 of 5 by mean; fails against "+rival+")") ||
		!strings.Contains(got.Numbers, "×8 1.37e-9 (std 1.37e-10, n=3) (rank 1 of 5 by mean; holds against "+rival+")") {
		t.Errorf("scale: %q (%s)", got.Verdict, got.Numbers)
	}
	// Within the spread at one scale, first beyond it at the other: not
	// resolved, even though the subject's mean ranks first at both.
	an.initScale(cl.Experiment, c.Subject, 1, newStat([]float64{1e-7, 3.5e-7}, nil))
	if got, _ := judgeOne(an, c, cl); got.Verdict != claimUnresolved {
		t.Errorf("scale within the spread: %q (%s), want %q", got.Verdict, got.Numbers, claimUnresolved)
	}
}

// parseG reads a noise variance written as in the tables.
func parseG(t *testing.T, s string) float64 {
	t.Helper()
	v, err := strconv.ParseFloat(s, 64)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// setParam records label's value at (λ, β) on a parameters panel, as three
// trials ×0.9, ×1 and ×1.1 of v (log10 std 0.042).
func setParam(an *Analysis, panel, label string, lambda, beta, v float64) {
	p := an.panel(panel)
	p.Params[label] = append(p.Params[label], ParamValue{Lambda: lambda, Beta: beta, Value: newStat([]float64{0.9 * v, v, 1.1 * v}, nil)})
}

// setDepth records label's chosen accuracy at depth on a depth panel, one
// value per trial, ranked by its own mean (the paper's rule).
func setDepth(an *Analysis, panel, label string, depth int, trials ...float64) {
	st := newStat(trials, nil)
	an.panel(panel).setStructure("depth", "test_acc", label, depth, st, st.Mean)
}
