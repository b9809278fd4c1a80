package verdict

import (
	"math"
	"testing"
)

// Each of the five verdicts, from the comparison that reaches it.
func TestFiveOutcomes(t *testing.T) {
	win := func(means map[string]Mean) string {
		c, _ := errors.Winner("A", means)
		return c.Verdict
	}
	for _, tc := range []struct {
		name, got, want string
	}{
		{"holds: best, separated from every rival", win(map[string]Mean{"A": mean(1, 0.1, 4), "B": mean(2, 0.1, 4)}), Holds},
		{"fails: a rival better beyond the spread", win(map[string]Mean{"A": mean(2, 0.1, 4), "B": mean(1, 0.1, 4)}), Fails},
		{"not resolved: a rival within the spread", win(map[string]Mean{"A": mean(1, 0.1, 4), "B": mean(1.1, 0.1, 4)}), Unresolved},
		{"untestable: n = 1", win(map[string]Mean{"A": mean(1, 0.1, 4), "B": mean(1.1, math.NaN(), 1)}), Untestable},
		{"unreachable: the paper's value below the noise floor", Level(1e-9, 1e-5, 1e-9, 3, 10), Unreachable},
	} {
		if tc.got != tc.want {
			t.Errorf("%s: %q, want %q", tc.name, tc.got, tc.want)
		}
	}
}

func TestMeanValidAndBetter(t *testing.T) {
	for _, tc := range []struct {
		name string
		m    Mean
		want bool
	}{
		{"a finite mean", mean(1, 0.1, 2), true},
		{"one finite trial", mean(1, math.NaN(), 1), true},
		{"no trial", Mean{Mean: 1}, false},
		{"diverged: NaN", Mean{Mean: math.NaN(), N: 2}, false},
		{"diverged: Inf", Mean{Mean: math.Inf(1), N: 2}, false},
	} {
		if got := tc.m.Valid(); got != tc.want {
			t.Errorf("%s: Valid = %v, want %v", tc.name, got, tc.want)
		}
	}
	nan := math.NaN()
	for _, tc := range []struct {
		s    Scale
		a, b float64
		want bool
	}{
		{errors, 1, 2, true}, {errors, 2, 1, false}, {errors, 1, 1, false},
		{accuracies, 2, 1, true}, {accuracies, 1, 2, false},
		{errors, nan, 1, false}, {errors, 1, nan, true}, {accuracies, nan, nan, false},
	} {
		if got := tc.s.Better(tc.a, tc.b); got != tc.want {
			t.Errorf("%+v.Better(%g, %g) = %v, want %v", tc.s, tc.a, tc.b, got, tc.want)
		}
	}
}

// Welch's bound: against a like mean of four trials, ν = 6 exactly; with
// no spread on either side ν is infinite and the bound 0; a side of one
// trial gives no bound.
func TestGapBound(t *testing.T) {
	d, bound, df := accuracies.Gap(mean(1, 0.1, 4), mean(1.2, 0.1, 4))
	// SE = √(0.01/4 + 0.01/4) = 0.0707107; t(0.975, 6) = 2.446912.
	if math.Abs(d-0.2) > 1e-12 || math.Abs(df-6) > 1e-9 || math.Abs(bound-2.446912*0.0707107) > 1e-5 {
		t.Errorf("gap %g, bound %g, df %g; want 0.2, 0.17302, 6", d, bound, df)
	}
	// Unequal trials: s = 0.1 at n = 4 against s = 0.2 at n = 8, variances
	// 0.0025 and 0.005 of the means: ν = 0.0075² / (0.0025²/3 + 0.005²/7).
	_, _, df = accuracies.Gap(mean(1, 0.1, 4), mean(1.2, 0.2, 8))
	if want := 0.0075 * 0.0075 / (0.0025*0.0025/3 + 0.005*0.005/7); math.Abs(df-want) > 1e-9 {
		t.Errorf("Welch–Satterthwaite: df %g, want %g", df, want)
	}
	if d, bound, df := errors.Gap(mean(1, 0, 3), mean(3, 0, 3)); d != 2 || bound != 0 || !math.IsInf(df, 1) {
		t.Errorf("no spread: gap %g, bound %g, df %g; want 2, 0, +Inf", d, bound, df)
	}
	for _, tc := range []struct {
		name string
		a, b Mean
	}{
		{"n = 1", mean(1, 0, 1), mean(2, 0.1, 3)},
		{"unknown spread", mean(1, math.NaN(), 3), mean(2, 0.1, 3)},
	} {
		if d, bound, df := accuracies.Gap(tc.a, tc.b); d != 1 || !math.IsNaN(bound) || !math.IsNaN(df) {
			t.Errorf("%s: gap %g, bound %g, df %g; want 1, NaN, NaN", tc.name, d, bound, df)
		}
	}
	// One side without log10 values: both compare on the values' scale.
	if errors.OnLog(logMean(1e-3, 2e-3), mean(1, 0.1, 2)) {
		t.Error("OnLog with one side's log10 unknown")
	}
	if !errors.OnLog(logMean(1e-3, 2e-3), logMean(1e-4, 2e-4)) || accuracies.OnLog(logMean(0.5, 0.6), logMean(0.7, 0.8)) {
		t.Error("errors compare on log10, accuracies never")
	}
}

// Errors spread over orders of magnitude compare on log10: ×10⁶ apart
// with alike relative spreads is 6 decades against a bound of 0.68 (ν = 4),
// where on the values' scale the worse side's spread (1.53e-3, ν ≈ 2, bound
// 3.8e-3) swallows the gap of 2.33e-3.
func TestWinnerOnLog(t *testing.T) {
	a, b := logMean(1e-9, 2e-9, 4e-9), logMean(1e-3, 2e-3, 4e-3)
	if d, bound, _ := errors.Gap(a, b); math.Abs(d-6) > 1e-9 || math.Abs(bound-0.682) > 1e-3 {
		t.Errorf("log10 gap %g, bound %g; want 6 and 0.682", d, bound)
	}
	if c, ok := errors.Winner("A", map[string]Mean{"A": a, "B": b}); !ok || c.Verdict != Holds {
		t.Errorf("on log10: %+v, want holds", c)
	}
	lin := map[string]Mean{"A": mean(a.Mean, a.Std, a.N), "B": mean(b.Mean, b.Std, b.N)}
	if c, _ := errors.Winner("A", lin); c.Verdict != Unresolved {
		t.Errorf("on the values' scale: %+v, want not resolved", c)
	}
}

func TestWinnerTiesAndOrder(t *testing.T) {
	for _, tc := range []struct {
		name        string
		means       map[string]Mean
		want, rival string
	}{
		{"the claimed tied with a rival, no spread", map[string]Mean{"A": mean(1, 0, 3), "B": mean(1, 0, 3)}, Unresolved, "B"},
		{"the claimed tied at n = 1", map[string]Mean{"A": mean(1, math.NaN(), 1), "B": mean(1, 0.1, 3)}, Untestable, "B"},
		{"the best rival has one trial: untestable before a rival within the spread",
			map[string]Mean{"A": mean(1e-3, 1e-5, 3), "B": mean(0.9e-3, math.NaN(), 1), "C": mean(1.1e-3, 1e-3, 3)}, Untestable, "B"},
		{"a within-spread rival named before a worse one", map[string]Mean{"A": mean(1, 0.1, 4), "B": mean(1.05, 0.1, 4), "C": mean(1.1, 0.1, 4)}, Unresolved, "B"},
		{"the best of two separated rivals is named", map[string]Mean{"A": mean(1, 0.01, 4), "B": mean(3, 0.01, 4), "C": mean(2, 0.01, 4)}, Holds, "C"},
		{"an infinite rival is left out", map[string]Mean{"A": mean(1, 0.1, 3), "B": {Mean: math.Inf(-1), N: 2}, "C": mean(5, 0.1, 3)}, Holds, "C"},
	} {
		c, ok := errors.Winner("A", tc.means)
		if !ok || c.Verdict != tc.want || c.Rival != tc.rival || c.Claimed != "A" {
			t.Errorf("%s: %+v, %v; want %q against %q", tc.name, c, ok, tc.want, tc.rival)
		}
	}
}

// The tolerance is subtracted before the spread is applied: a shortfall
// of 5 points with 3 allowed fails only when the 2 points beyond exceed
// the bound.
func TestWithinOfBestTolerance(t *testing.T) {
	m := func(v, s float64, n int) Mean { return Mean{Mean: v, Std: s, N: n, LogMean: math.NaN()} }
	// Three trials a side, equal spreads s: ν = 4, bound 2.776·s·√(2/3) = 2.267·s.
	for _, tc := range []struct {
		name     string
		s        float64
		want     string
		wantBest string
	}{
		{"2 points beyond the tolerance, bound 3 points", 0.0132, Unresolved, "B"},
		{"2 points beyond the tolerance, bound 1.1 points", 0.005, Fails, "B"},
	} {
		v, best, short, ok := accuracies.WithinOfBest("A", map[string]Mean{"A": m(0.90, tc.s, 3), "B": m(0.95, tc.s, 3), "C": m(0.5, 0.01, 3)}, 0.03)
		if !ok || v != tc.want || best != tc.wantBest || math.Abs(short-0.05) > 1e-12 {
			t.Errorf("%s: %q against %q, short %g; want %q against B, short 0.05", tc.name, v, best, short, tc.want)
		}
	}
	diverged := Mean{Mean: math.NaN(), N: 0}
	for _, tc := range []struct {
		name  string
		means map[string]Mean
		v     string
		best  string
		ok    bool
	}{
		{"short within the tolerance at n = 1", map[string]Mean{"A": m(0.9499, math.NaN(), 1), "B": m(0.95, 0.01, 3)}, Holds, "B", true},
		{"a diverged rival is no best", map[string]Mean{"A": m(0.90, 0.01, 3), "B": diverged, "C": m(0.85, 0.01, 3)}, Holds, "C", true},
		{"tied rivals: the first by name", map[string]Mean{"A": m(0.90, 0.01, 3), "C": m(0.95, 0.001, 3), "B": m(0.95, 0.001, 3)}, Fails, "B", true},
		{"every rival diverged", map[string]Mean{"A": m(0.90, 0.01, 3), "B": diverged}, "", "", false},
		{"the claimed diverged", map[string]Mean{"A": diverged, "B": m(0.9, 0.01, 3)}, "", "", false},
	} {
		v, best, _, ok := accuracies.WithinOfBest("A", tc.means, 0.0003)
		if ok != tc.ok || v != tc.v || best != tc.best {
			t.Errorf("%s: %q against %q, %v; want %q against %q, %v", tc.name, v, best, ok, tc.v, tc.best, tc.ok)
		}
	}
}

func TestExactVerdicts(t *testing.T) {
	for _, tc := range []struct {
		name, got, want string
	}{
		{"the paper's structure holds whatever the means", errors.Structure(true, mean(1e-9, 1e-10, 3), mean(1, 0.1, 3)), Holds},
		{"the paper's value at exactly floor/3 is within reach", Level(1, 3, 10, 3, 10), Holds},
		{"just below floor/3", Level(0.99, 3, 10, 3, 10), Unreachable},
		{"of(true)", Of(true), Holds},
		{"of(false)", Of(false), Fails},
		{"growth beyond the floor's and its bound", GrowthAgainstFloor(0.5, 0.4, 1, 1, 2), Fails},
		{"a start exactly at the bias, slower beyond the bound", GrowthAgainstFloor(-0.5, 0.4, 2, 1.5, 2), Holds},
	} {
		if tc.got != tc.want {
			t.Errorf("%s: %q, want %q", tc.name, tc.got, tc.want)
		}
	}
}

// A part unreachable below the floor is neither held nor failed: a claim
// of several with one such part is not resolved.
func TestTallyWithUnreachableParts(t *testing.T) {
	for _, tc := range []struct {
		name  string
		tally Tally
		n     int
		want  string
	}{
		{"held and unreachable", Tally{Holds: 1, Unreachable: 1}, 2, Unresolved},
		{"failed at reduced settings and unreachable", Tally{Fails + AtReduced: 1, Unreachable + AtReduced: 1}, 2, Fails + AtReduced},
		{"held at reduced settings only", Tally{Holds + AtReduced: 2}, 2, Holds + AtReduced},
		{"all untestable", Tally{Untestable: 3}, 3, Untestable},
		{"untestable and within the spread", Tally{Untestable: 2, Unresolved: 1}, 3, Unresolved},
	} {
		if got := tc.tally.All(tc.n); got != tc.want {
			t.Errorf("%s: All = %q, want %q", tc.name, got, tc.want)
		}
		if got := tc.tally.Summary(tc.n); got != tc.want {
			t.Errorf("%s: Summary = %q, want %q (not mixed)", tc.name, got, tc.want)
		}
	}
	if tl := (Tally{Holds: 1, Holds + AtReduced: 2, Fails: 1, Fails + AtReduced: 3}); tl.Holds() != 3 || tl.Fails() != 4 {
		t.Errorf("Holds %d, Fails %d; want 3 and 4", tl.Holds(), tl.Fails())
	}
}

// Learning curves of errors improve downwards, on log10.
func TestTrendOfErrors(t *testing.T) {
	pts := []Mean{logMean(1e-2, 1.1e-2, 0.9e-2), logMean(1e-3, 1.1e-3, 0.9e-3), logMean(1e-4, 1.1e-4, 0.9e-4)}
	tr, gain, _ := errors.TrendOf(pts, 0.01)
	if tr != Rising || math.Abs(gain-1) > 1e-3 {
		t.Errorf("a decade lower each step: %v, gain %g; want rising by 1 decade", tr, gain)
	}
	worse := []Mean{pts[2], pts[1]}
	if tr, gain, _ := errors.TrendOf(worse, 0.01); tr != Flat || gain > -0.99 {
		t.Errorf("a decade worse: %v, gain %g; want flat (no gain) at −1", tr, gain)
	}
}

func TestBaselinesEdges(t *testing.T) {
	b, ok := BaselinesOf([]int{5, 5})
	if !ok || b.MajorityClass != 0 || b.Majority != 0.5 || b.Chance != 0.5 {
		t.Errorf("a tie of classes: %+v, %v; want class 0 at 0.5", b, ok)
	}
	if _, ok := BaselinesOf([]int{0, 0}); ok {
		t.Error("no samples: no baselines")
	}
	// One trial: no spread to compare, the share alone decides.
	if class, ok := b.OneClass(0.5, math.NaN()); !ok || class != 0 {
		t.Errorf("n = 1 at the share: %d, %v", class, ok)
	}
	if g := GridOf([]float64{math.NaN(), 2, 1}); len(g) != 2 || g[0] != 1 || g[1] != 2 {
		t.Errorf("GridOf drops NaN: %v", g)
	}
	if (Grid{}).Place(1) != NotSearched || (Grid{}).EndFails(1) {
		t.Error("an empty grid searched nothing")
	}
}

// Every: one failing part fails the claim; all must hold for it to hold.
func TestTallyEvery(t *testing.T) {
	for _, tc := range []struct {
		name  string
		tally Tally
		n     int
		want  string
	}{
		{"all hold", Tally{Holds: 3}, 3, Holds},
		{"one fails among holds", Tally{Holds: 2, Fails: 1}, 3, Fails},
		{"one within the spread", Tally{Holds: 2, Unresolved: 1}, 3, Unresolved},
		{"one untestable among holds", Tally{Holds: 2, Untestable: 1}, 3, Untestable},
		{"a failure outweighs the spread", Tally{Unresolved: 1, Fails: 1}, 2, Fails},
		{"no parts", Tally{}, 0, Untestable},
	} {
		if got := tc.tally.Every(tc.n); got != tc.want {
			t.Errorf("%s: Every = %q, want %q", tc.name, got, tc.want)
		}
	}
}
