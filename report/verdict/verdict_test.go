package verdict

import (
	"math"
	"testing"
)

// mean is a mean with its spread on the values' scale only.
func mean(m, std float64, n int) Mean {
	return Mean{Mean: m, Std: std, N: n, LogMean: math.NaN(), LogStd: math.NaN()}
}

// logMean is a mean of positive trials, with log10's mean and spread too.
func logMean(vals ...float64) Mean {
	logs := make([]float64, len(vals))
	for i, v := range vals {
		logs[i] = math.Log10(v)
	}
	m, l := sample(vals...), sample(logs...)
	m.LogMean, m.LogStd = l.Mean, l.Std
	return m
}

var (
	errors     = Scale{}
	accuracies = Scale{HigherIsBetter: true}
)

func TestSeparated(t *testing.T) {
	// Against a like mean: SE √(2·0.01/4) ≈ 0.0707, Welch's ν = 6,
	// t(0.975, 6) ≈ 2.447, so the bound is 0.173.
	a := mean(1, 0.1, 4)
	for _, tc := range []struct {
		name string
		b    Mean
		want bool
	}{
		{"just within", mean(1.17, 0.1, 4), false},
		{"just beyond", mean(1.18, 0.1, 4), true},
		{"beyond, below", mean(0.82, 0.1, 4), true},
		{"one side's spread still counts", mean(1.01, 0, 4), false},
		{"two trials: ν ≈ 2.1, t ≈ 4.2, bound 0.36", mean(1.3, 0.1, 2), false},
		{"two trials, beyond", mean(1.4, 0.1, 2), true},
		{"a tie within a's spread", mean(1+1e-12, 0, 4), false},
		{"n = 1, unknown spread", mean(5, math.NaN(), 1), false},
		{"n = 1: no spread, whatever Std says", mean(5, 0, 1), false},
	} {
		if got := accuracies.Separated(a, tc.b); got != tc.want {
			t.Errorf("%s: Separated(%v, %v) = %v, want %v", tc.name, a, tc.b, got, tc.want)
		}
	}
	// Every trial alike on both sides: any gap is real, a zero gap is not.
	if !errors.Separated(mean(1, 0, 3), mean(1.0001, 0, 3)) || errors.Separated(mean(1, 0, 3), mean(1, 0, 3)) {
		t.Error("zero spread: a gap must separate, an exact tie must not")
	}
}

func TestGapOnLog(t *testing.T) {
	a, b := logMean(1e-9, 1e-9, 1e-9), logMean(1e-3, 1e-3, 1e-3)
	d, _, _ := errors.Gap(a, b)
	if math.Abs(d-6) > 1e-9 {
		t.Errorf("errors compare on log10: gap %g, want 6", d)
	}
	d, _, _ = accuracies.Gap(mean(0.9, 0.01, 3), mean(0.95, 0.01, 3))
	if math.Abs(d-0.05) > 1e-12 {
		t.Errorf("accuracies compare on their values: gap %g, want 0.05", d)
	}
	zero := Mean{Mean: 0, Std: 0, N: 3, LogMean: math.NaN(), LogStd: math.NaN()}
	if errors.OnLog(zero, a) {
		t.Error("a value of 0 has no log10: the values' scale must be used")
	}
}

func TestWinner(t *testing.T) {
	diverged := Mean{Mean: math.NaN(), Std: math.NaN(), N: 0}
	for _, tc := range []struct {
		name       string
		scale      Scale
		means      map[string]Mean
		want, with string // verdict, rival
		ok         bool
	}{
		{"best beyond the spread", errors, map[string]Mean{"A": mean(1e-3, 1e-4, 3), "B": mean(2e-3, 1e-4, 3), "C": mean(5e-3, 1e-3, 3)}, Holds, "B", true},
		{"beaten beyond the spread", errors, map[string]Mean{"A": mean(2e-3, 1e-4, 3), "B": mean(1e-3, 1e-4, 3)}, Fails, "B", true},
		{"beaten within the spread", errors, map[string]Mean{"A": mean(5.58e-4, 3.85e-4, 2), "B": mean(3.11e-4, 1.34e-4, 2)}, Unresolved, "B", true},
		{"best, a rival within the spread", errors, map[string]Mean{"A": mean(1e-3, 5e-4, 2), "B": mean(1.2e-3, 5e-4, 2), "C": mean(9e-3, 1e-4, 5)}, Unresolved, "B", true},
		{"n = 1 is untestable", errors, map[string]Mean{"A": mean(1e-9, 1e-10, 3), "B": mean(1e-3, math.NaN(), 1)}, Untestable, "B", true},
		{"both n = 1", errors, map[string]Mean{"A": mean(1e-9, math.NaN(), 1), "B": mean(1e-3, math.NaN(), 1)}, Untestable, "B", true},
		{"a rival of n = 1 behind a separated one", errors, map[string]Mean{"A": mean(1e-3, 1e-5, 3), "B": mean(1e-6, 1e-8, 3), "C": mean(1e-9, math.NaN(), 1)}, Fails, "B", true},
		{"accuracy: higher is better", accuracies, map[string]Mean{"A": mean(0.90, 0.01, 3), "B": mean(0.95, 0.01, 3), "C": mean(0.99, 0.001, 3)}, Fails, "C", true},
		{"an exact tie", errors, map[string]Mean{"A": mean(1e-3, 0, 3), "B": mean(1e-3, 0, 3)}, Unresolved, "B", true},
		{"tied rivals: the first by name is named", errors, map[string]Mean{"A": mean(1, 0, 3), "C": mean(2, 0, 3), "B": mean(2, 0, 3)}, Holds, "B", true},
		{"a diverged rival is left out", errors, map[string]Mean{"A": mean(1, 0.1, 3), "B": diverged, "C": mean(3, 0.1, 3)}, Holds, "C", true},
		{"the claimed diverged", errors, map[string]Mean{"A": diverged, "B": mean(1, 0.1, 3)}, "", "", false},
		{"no rival", errors, map[string]Mean{"A": mean(1, 0.1, 3)}, "", "", false},
		{"the claimed never ran", errors, map[string]Mean{"B": mean(1, 0.1, 3)}, "", "", false},
	} {
		c, ok := tc.scale.Winner("A", tc.means)
		if ok != tc.ok || c.Verdict != tc.want || c.Rival != tc.with {
			t.Errorf("%s: Winner = %+v, %v; want %q against %q, %v", tc.name, c, ok, tc.want, tc.with, tc.ok)
		}
	}
}

func TestQualified(t *testing.T) {
	for _, tc := range []struct{ v, reduced, want string }{
		{Holds, "", Holds},
		{Holds, "200 of 2000 epochs", Holds + AtReduced},
		{Fails, "a thinned grid", Fails + AtReduced},
		{Unresolved, "200 of 2000 epochs", Unresolved},
		{Untestable, "200 of 2000 epochs", Untestable},
		{Unreachable, "200 of 2000 epochs", Unreachable + AtReduced},
	} {
		if got := Qualified(tc.v, tc.reduced); got != tc.want {
			t.Errorf("Qualified(%q, %q) = %q, want %q", tc.v, tc.reduced, got, tc.want)
		}
	}
}

func TestBounds(t *testing.T) {
	for _, tc := range []struct {
		name, got, want string
	}{
		{"level: the paper below a third of the floor", Level(1e-9, 1e-5, 1e-3, 3, 10), Unreachable},
		{"level: ours within ×10 of the paper", Level(1e-5, 1e-5, 9e-5, 3, 10), Holds},
		{"level: ours at exactly ×10", Level(1e-5, 1e-5, 1e-4, 3, 10), Holds},
		{"level: ours beyond ×10", Level(1e-5, 1e-5, 2e-4, 3, 10), Fails},
		{"level: no floor (NaN) decides nothing below it", Level(1e-5, math.NaN(), 2e-4, 3, 10), Fails},
		{"spread ×2 of ×10, beyond the trials' spread", spreadWithin(1e-4, 2e-4), Holds},
		{"spread ×100 of ×10, beyond the trials' spread", spreadWithin(1e-4, 1e-2), Fails},
		{"spread ×10 of ×10, within the trials' spread", spreadWithin(1e-4, 1e-3), Unresolved},
		{"one trial a side", func() string { v, _, _, _ := SpreadWithin(logMean(1e-4), logMean(1e-2), 10); return v }(), Untestable},
		{"growth slower than the noise", GrowsSlower(9, 10), Holds},
		{"growth as fast as the noise", GrowsSlower(10, 10), Fails},
		{"slopes −1.2 ± 0.05 ≤ −1", atMost(-1, -1.2, -1.25, -1.15), Holds},
		{"slopes −0.5 ± 0.05", atMost(-1, -0.5, -0.55, -0.45), Fails},
		{"slopes about −1, spread", atMost(-1, -0.5, -1.5, -1.1), Unresolved},
		{"one slope", atMost(-1, -0.5), Untestable},
		{"slopes alike below −1", atMost(-1, -1.1, -1.1), Holds},
		{"exceeds", Exceeds(2, 1), Holds},
		{"a tie does not exceed", Exceeds(1, 1), Fails},
		{"structure: the paper's", errors.Structure(true, mean(1, 0.1, 3), mean(2, 0.1, 3)), Holds},
		{"structure: ours better beyond the spread", errors.Structure(false, mean(1, 0.1, 3), mean(2, 0.1, 3)), Fails},
		{"structure: within the spread", errors.Structure(false, mean(1, 0.5, 2), mean(1.2, 0.5, 2)), Unresolved},
		{"structure: n = 1", errors.Structure(false, mean(1, math.NaN(), 1), mean(2, math.NaN(), 1)), Unresolved},
	} {
		if tc.got != tc.want {
			t.Errorf("%s: %q, want %q", tc.name, tc.got, tc.want)
		}
	}
}

func TestTallyAll(t *testing.T) {
	for _, tc := range []struct {
		name  string
		parts []string
		want  string
	}{
		{"nothing ran", nil, Untestable},
		{"all hold", []string{Holds, Holds}, Holds},
		{"all hold, one at reduced settings", []string{Holds, Holds + AtReduced}, Holds + AtReduced},
		{"one fails, one holds: mixed", []string{Holds, Fails, Unresolved}, Mixed},
		{"one fails at reduced settings, one holds: mixed", []string{Holds, Fails + AtReduced}, Mixed},
		{"one fails, none holds", []string{Fails, Unresolved}, Fails},
		{"one fails at reduced settings, none holds", []string{Unresolved, Fails + AtReduced}, Fails + AtReduced},
		{"one within the spread", []string{Holds, Unresolved}, Unresolved},
		{"one untestable among held", []string{Holds, Untestable}, Unresolved},
	} {
		tally := Tally{}
		for _, p := range tc.parts {
			tally[p]++
		}
		if got := tally.All(len(tc.parts)); got != tc.want {
			t.Errorf("%s: All = %q, want %q", tc.name, got, tc.want)
		}
	}
}

// The central claim reads as a count when its parts disagree.
func TestTallySummary(t *testing.T) {
	tally := Tally{Holds: 1, Holds + AtReduced: 1, Fails: 1, Unresolved: 2}
	if got, want := tally.Summary(5), "mixed (holds in 2 of 5)"; got != want {
		t.Errorf("Summary = %q, want %q", got, want)
	}
	if got := (Tally{Holds: 2}).Summary(2); got != Holds {
		t.Errorf("Summary of all held = %q, want %q", got, Holds)
	}
}

// The 95% bound's critical value with two trials a side: 4.30 at equal
// spreads (ν = 2), approaching 12.7 (ν = 1) when one spread dominates.
func TestGapCriticalValueAtTwoTrials(t *testing.T) {
	acc := Scale{HigherIsBetter: true}
	for _, tc := range []struct {
		name       string
		sa, sb     float64
		wantT, tol float64
	}{
		{"equal spreads", 1, 1, 4.303, 1e-3},
		{"one spread dominates", 1, 1e-4, 12.706, 1e-2},
	} {
		_, bound, _ := acc.Gap(Mean{Mean: 0, Std: tc.sa, N: 2}, Mean{Mean: 1, Std: tc.sb, N: 2})
		se := math.Sqrt(tc.sa*tc.sa/2 + tc.sb*tc.sb/2)
		if got := bound / se; math.Abs(got-tc.wantT) > tc.tol {
			t.Errorf("%s: t = %.4f, want %.3f", tc.name, got, tc.wantT)
		}
	}
}

// Table 10's claim: ADMM within 0.03 points of the best. The shortfall is
// measured on the values' scale, against the tolerance plus the spread.
func TestWithinOfBest(t *testing.T) {
	acc := Scale{HigherIsBetter: true}
	m := func(mean, std float64, n int) Mean { return Mean{Mean: mean, Std: std, N: n, LogMean: math.NaN()} }
	for _, tc := range []struct {
		name  string
		means map[string]Mean
		want  string
		best  string
	}{
		{"far short, beyond the spread", map[string]Mean{"A": m(0.7969, 0.01, 3), "B": m(0.9235, 0.004, 3), "C": m(0.90, 0.01, 3)}, Fails, "B"},
		{"short by less than the tolerance", map[string]Mean{"A": m(0.9233, 0.01, 3), "B": m(0.9235, 0.004, 3)}, Holds, "B"},
		{"itself the best", map[string]Mean{"A": m(0.95, 0.01, 3), "B": m(0.9235, 0.004, 3)}, Holds, "B"},
		{"short within the spread", map[string]Mean{"A": m(0.91, 0.02, 2), "B": m(0.9235, 0.02, 2)}, Unresolved, "B"},
		{"short, at n = 1", map[string]Mean{"A": m(0.80, math.NaN(), 1), "B": m(0.9235, 0.004, 3)}, Untestable, "B"},
	} {
		v, best, _, ok := acc.WithinOfBest("A", tc.means, 0.0003)
		if !ok || v != tc.want || best != tc.best {
			t.Errorf("%s: %q against %q, %v; want %q against %q", tc.name, v, best, ok, tc.want, tc.best)
		}
	}
	if _, _, _, ok := acc.WithinOfBest("A", map[string]Mean{"A": m(0.9, 0.01, 3)}, 0.0003); ok {
		t.Error("no rival: ok, want not")
	}
}

// Figures 12b and 15b: growth against the floor's growth, not the
// noise's, and beyond the spread of the four means it rests on.
func TestGrowthAgainstFloor(t *testing.T) {
	for _, tc := range []struct {
		name                       string
		d, bound, ratioLo, ratioHi float64
		want                       string
	}{
		{"faster than the floor beyond the spread", 0.3, 0.2, 1.0, 1.3, Fails},
		{"faster, within the spread (Figure 12b at quick: ×20.7 vs ×13.6, n = 2)", 0.18, 1.9, 1.6, 2.5, Unresolved},
		{"slower, from a high start (Figure 15b: 3.1× the floor falling to 2.0×): bias, not robustness", -0.2, 0.1, 3.1, 2.0, Untestable},
		{"within the spread, from a high start (Figure 15b at quick: 3.5× the floor)", -0.19, 2.06, 3.5, 2.5, Untestable},
		{"faster beyond the spread, from a high start", 0.5, 0.2, 3.1, 4.0, Fails},
		{"slower beyond the spread, near the floor at low noise", -0.6, 0.3, 1.2, 1.1, Holds},
		{"slower beyond the spread, ending below the floor", -0.9, 0.3, 0.59, 0.073, Unresolved},
		{"a mean of one trial: no spread", -0.9, math.NaN(), 1.2, 1.1, Untestable},
	} {
		if got := GrowthAgainstFloor(tc.d, tc.bound, tc.ratioLo, tc.ratioHi, 2); got != tc.want {
			t.Errorf("%s: %q, want %q", tc.name, got, tc.want)
		}
	}
}

// BiasDominated is the start above bias × the floor that GrowthAgainstFloor
// calls untestable: only with a known spread and no faster growth beyond it.
func TestBiasDominated(t *testing.T) {
	for _, tc := range []struct {
		name              string
		d, bound, ratioLo float64
		want              bool
	}{
		{"slower from 3.5× the floor", -0.19, 2.06, 3.5, true},
		{"as fast as the floor, within the spread, from 3×", 0.1, 0.2, 3, true},
		{"faster beyond the spread from 3×: a failure, not bias", 0.5, 0.2, 3, false},
		{"a start exactly at the bias", -0.5, 0.2, 2, false},
		{"no spread: one trial decides nothing", -0.5, math.NaN(), 3, false},
	} {
		if got := BiasDominated(tc.d, tc.bound, tc.ratioLo, 2); got != tc.want {
			t.Errorf("%s: %v, want %v", tc.name, got, tc.want)
		}
		if v := GrowthAgainstFloor(tc.d, tc.bound, tc.ratioLo, 1, 2); tc.want && v != Untestable {
			t.Errorf("%s: GrowthAgainstFloor %q, want %q", tc.name, v, Untestable)
		}
	}
}

// GrowthGap is ours' log10 growth less the floor's, with Welch's bound
// over ours' two means; a mean of one trial leaves the bound unknown.
func TestGrowthGap(t *testing.T) {
	m := func(log, std float64, n int) Mean { return Mean{LogMean: log, LogStd: std, N: n} }
	// Ours grows from 1e-3 to 1e-1 (2 decades), the floor ×10: d = 1. Equal
	// spreads 0.1 over 2 trials each: v = 2·0.005 = 0.01, ν = 0.01² /
	// (2·0.005²/1) = 2, t(0.975, 2) = 4.303.
	d, bound, df := GrowthGap(m(-3, 0.1, 2), m(-1, 0.1, 2), 10)
	if math.Abs(d-1) > 1e-12 || math.Abs(df-2) > 1e-9 || math.Abs(bound-4.302653*0.1) > 1e-5 {
		t.Errorf("GrowthGap = %v, %v, %v; want 1, 4.303·0.1, 2", d, bound, df)
	}
	if _, bound, _ := GrowthGap(m(-3, 0.1, 1), m(-1, 0.1, 2), 10); !math.IsNaN(bound) {
		t.Errorf("one trial at one end: bound %v, want NaN", bound)
	}
	if _, bound, df := GrowthGap(m(-3, 0, 3), m(-1, 0, 3), 10); bound != 0 || !math.IsInf(df, 1) {
		t.Errorf("no spread: bound %v, df %v; want 0, +Inf", bound, df)
	}
}

// spreadWithin is SpreadWithin's verdict on two means of three trials each
// (×0.9, ×1, ×1.1 of lo and hi) against a factor 10.
func spreadWithin(lo, hi float64) string {
	v, _, _, _ := SpreadWithin(logMean(0.9*lo, lo, 1.1*lo), logMean(0.9*hi, hi, 1.1*hi), 10)
	return v
}

// atMost is AtMost's verdict on the claim that the mean of xs is at most
// limit.
func atMost(limit float64, xs ...float64) string {
	v, _ := AtMost(sample(xs...), limit)
	return v
}

func TestRate(t *testing.T) {
	for _, tc := range []struct {
		name         string
		last, change []float64
		want         string
		steepening   bool
	}{
		{"below −1, steady", []float64{-1.2, -1.25, -1.15}, []float64{0.01, -0.01, 0}, Holds, false},
		{"below −1, still falling", []float64{-1.2, -1.25, -1.15}, []float64{-0.4, -0.5, -0.45}, Holds, false},
		{"above −1, steady", []float64{-0.5, -0.55, -0.45}, []float64{0.01, -0.02, 0.01}, Fails, false},
		{"above −1, still falling", []float64{-0.9, -0.92, -0.9}, []float64{-0.44, -0.45, -0.43}, Untestable, true},
		{"above −1, falling within the spread", []float64{-0.5, -0.55, -0.45}, []float64{-0.3, 0.2, 0.05}, Fails, false},
		{"spread over −1, still falling", []float64{-0.5, -1.5, -1.1}, []float64{-0.3, -0.35, -0.32}, Untestable, true},
		{"spread over −1, steady", []float64{-0.5, -1.5, -1.1}, []float64{0.1, -0.1, 0}, Unresolved, false},
		{"one trial", []float64{-0.5}, []float64{-0.4}, Untestable, false},
	} {
		v, _, steep := Rate(sample(tc.last...), sample(tc.change...), -1)
		if v != tc.want || steep != tc.steepening {
			t.Errorf("%s: %q (steepening %v), want %q (%v)", tc.name, v, steep, tc.want, tc.steepening)
		}
	}
}

// sample is the Mean of xs (Std NaN for one value).
func sample(xs ...float64) Mean {
	m := Mean{N: len(xs)}
	for _, x := range xs {
		m.Mean += x
	}
	m.Mean /= float64(len(xs))
	m.Std = math.NaN()
	if len(xs) > 1 {
		var ss float64
		for _, x := range xs {
			ss += (x - m.Mean) * (x - m.Mean)
		}
		m.Std = math.Sqrt(ss / float64(len(xs)-1))
	}
	return m
}
