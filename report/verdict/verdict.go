package verdict

import (
	"fmt"
	"math"
	"sort"

	"gonum.org/v1/gonum/stat/distuv"
)

// The verdicts of a claim (see the package documentation).
const (
	Holds       = "holds"
	Fails       = "fails"
	Unresolved  = "not resolved (within the trial spread)"
	Untestable  = "untestable here"
	Unreachable = "unreachable (below the noise floor)"
)

// AtReduced is the suffix of a verdict reached at settings short of the
// paper's.
const AtReduced = " at reduced settings"

// Qualified is the verdict, qualified when the runs behind it fall short
// of the paper's settings (reduced says how); a comparison within the
// spread, or no comparison at all, needs no qualifier.
func Qualified(v, reduced string) string {
	if reduced == "" || v == Unresolved || v == Untestable {
		return v
	}
	return v + AtReduced
}

// Of is Holds when ok, else Fails: a comparison of exact quantities,
// which have no spread.
func Of(ok bool) string {
	if ok {
		return Holds
	}
	return Fails
}

// Mean is a mean over trials with its sample standard deviation and the
// number of trials behind it, on the value's scale and on log10's.
type Mean struct {
	Mean, Std       float64
	N               int
	LogMean, LogStd float64 // NaN when a value is not positive
}

// Valid reports whether the mean rests on at least one finite trial.
func (m Mean) Valid() bool { return m.N > 0 && !math.IsNaN(m.Mean) && !math.IsInf(m.Mean, 0) }

// Scale says how values of a metric compare.
type Scale struct {
	// HigherIsBetter: accuracies, which compare in percentage points.
	// Errors (lower is better) compare on log10 of their trials when all
	// are positive: they spread over orders of magnitude, and one bad trial
	// would otherwise swamp the spread.
	HigherIsBetter bool
}

// Better reports whether a beats b (NaN never wins).
func (s Scale) Better(a, b float64) bool {
	switch {
	case math.IsNaN(a):
		return false
	case math.IsNaN(b):
		return true
	case s.HigherIsBetter:
		return a > b
	}
	return a < b
}

// OnLog reports whether a and b compare on log10 of their trials.
func (s Scale) OnLog(a, b Mean) bool {
	return !s.HigherIsBetter && !math.IsNaN(a.LogMean) && !math.IsNaN(b.LogMean)
}

// Gap is the difference of two means on the scale they compare on, and
// the bound it must exceed to count: Welch's t test at the two-sided 5%
// level, t(0.975, ν)·√(s₁²/n₁ + s₂²/n₂) with ν from Welch–Satterthwaite.
// With two trials a side ν lies between 1 (one side's spread dominates)
// and 2 (equal spreads), so t lies between 12.7 and 4.3: two trials
// resolve only large gaps. bound is NaN when either mean rests on fewer than two
// trials, whose spread is unknown.
func (s Scale) Gap(a, b Mean) (d, bound, df float64) {
	ma, sa, mb, sb := a.Mean, a.Std, b.Mean, b.Std
	if s.OnLog(a, b) {
		ma, sa, mb, sb = a.LogMean, a.LogStd, b.LogMean, b.LogStd
	}
	bound, df = welch(sa, a.N, sb, b.N)
	return math.Abs(ma - mb), bound, df
}

// welch is the 95% bound on a difference of two means with sample
// standard deviations sa, sb over na, nb trials: t(0.975, ν)·√(sa²/na +
// sb²/nb), ν by Welch–Satterthwaite; NaN when a side rests on fewer than
// two trials or has no spread known, 0 (ν = +Inf) when no trial differs.
func welch(sa float64, na int, sb float64, nb int) (bound, df float64) {
	if na < 2 || nb < 2 || math.IsNaN(sa) || math.IsNaN(sb) {
		return math.NaN(), math.NaN()
	}
	va, vb := sa*sa/float64(na), sb*sb/float64(nb)
	if va+vb == 0 {
		return 0, math.Inf(1) // every trial alike on both sides: any gap is real
	}
	df = (va + vb) * (va + vb) / (va*va/float64(na-1) + vb*vb/float64(nb-1))
	t := distuv.StudentsT{Mu: 0, Sigma: 1, Nu: df}.Quantile(0.975)
	return t * math.Sqrt(va+vb), df
}

// Separated reports whether two means differ beyond their trials' spread
// (see Gap). A mean of one trial is separated from nothing.
func (s Scale) Separated(a, b Mean) bool {
	d, bound, _ := s.Gap(a, b)
	return !math.IsNaN(bound) && d > bound
}

// Contest is the verdict on the claim that one algorithm is the best of a
// set of means, with the comparison that decided it.
type Contest struct {
	Verdict string
	// Claimed is the algorithm claimed best; Rival the one of the deciding
	// comparison: the first that beats it beyond the spread (Fails), the
	// first within the spread (Unresolved), or the closest (Holds).
	Claimed, Rival string
}

// Winner judges the claim that claimed has the best of means:
//   - Holds when its mean is better than every other's, separated from each;
//   - Fails when another's is better than its, separated from it;
//   - Untestable when a rival within reach rests on a single trial (or the
//     claimed mean does): n = 1 has no spread, so the comparison cannot be
//     made, neither way;
//   - Unresolved otherwise: a rival's mean lies within the spread.
//
// ok is false when the claimed algorithm has no mean or no rival has one.
// Rivals are examined best mean first (ties by name), so that the rival
// named is the strongest.
func (s Scale) Winner(claimed string, means map[string]Mean) (c Contest, ok bool) {
	own, have := means[claimed]
	if !have || !own.Valid() {
		return Contest{}, false
	}
	var rivals []string
	for l, m := range means {
		if l != claimed && m.Valid() {
			rivals = append(rivals, l)
		}
	}
	if len(rivals) == 0 {
		return Contest{}, false
	}
	sort.Slice(rivals, func(i, j int) bool {
		a, b := means[rivals[i]].Mean, means[rivals[j]].Mean
		if a != b {
			return s.Better(a, b)
		}
		return rivals[i] < rivals[j]
	})
	for _, l := range rivals {
		if m := means[l]; s.Better(m.Mean, own.Mean) && s.Separated(m, own) {
			return Contest{Fails, claimed, l}, true
		}
	}
	for _, l := range rivals {
		if m := means[l]; !s.Separated(m, own) {
			if m.N < 2 || own.N < 2 {
				return Contest{Untestable, claimed, l}, true
			}
			return Contest{Unresolved, claimed, l}, true
		}
	}
	return Contest{Holds, claimed, rivals[0]}, true
}

// WithinOfBest judges the claim that claimed falls short of the best of
// the other means by at most tol (on the values' scale, e.g. 0.0003 for
// 0.03 percentage points of an accuracy):
//   - Holds when claimed is itself the best, or its shortfall is at most tol;
//   - Fails when the shortfall exceeds tol by more than the spread (the
//     95% bound of Gap);
//   - Untestable when either mean rests on a single trial;
//   - Unresolved otherwise.
//
// Best names the best rival and Short the shortfall (0 when claimed is
// best). ok is false when claimed or every rival has no mean.
func (s Scale) WithinOfBest(claimed string, means map[string]Mean, tol float64) (v, best string, short float64, ok bool) {
	own, have := means[claimed]
	if !have || !own.Valid() {
		return "", "", 0, false
	}
	for l, m := range means {
		if l != claimed && m.Valid() && (best == "" || s.Better(m.Mean, means[best].Mean) || (m.Mean == means[best].Mean && l < best)) {
			best = l
		}
	}
	if best == "" {
		return "", "", 0, false
	}
	rival := means[best]
	if !s.Better(rival.Mean, own.Mean) {
		return Holds, best, 0, true
	}
	short = math.Abs(rival.Mean - own.Mean)
	_, bound, _ := Scale{HigherIsBetter: s.HigherIsBetter}.Gap(Mean{Mean: own.Mean, Std: own.Std, N: own.N, LogMean: math.NaN()}, Mean{Mean: rival.Mean, Std: rival.Std, N: rival.N, LogMean: math.NaN()})
	switch {
	case short <= tol:
		return Holds, best, short, true
	case own.N < 2 || rival.N < 2:
		return Untestable, best, short, true
	case short-tol > bound:
		return Fails, best, short, true
	}
	return Unresolved, best, short, true
}

// Level judges the claim that an algorithm reaches the paper's error
// level: Unreachable when the paper's value lies more than floorFactor
// below the noise floor; else Holds when ours is within factor of the
// paper's, Fails when it is not.
func Level(paper, floor, ours, floorFactor, factor float64) string {
	switch {
	case paper < floor/floorFactor:
		return Unreachable
	case ours <= factor*paper:
		return Holds
	}
	return Fails
}

// SpreadWithin judges the claim that two errors (the lowest and the
// highest of a set of means) lie within a factor of each other, beyond
// their trials' spread, on log10: d = (hi − lo) − log10 factor, the
// amount by which the spread exceeds the factor, with Welch's 95% bound
// on it. Fails when d exceeds the bound, Holds when −d does (the spread
// is below the factor even at the bound), Unresolved between;
// Untestable when a side rests on fewer than two trials or has a value
// that is not positive (no log).
func SpreadWithin(lo, hi Mean, factor float64) (v string, d, bound, df float64) {
	d = (hi.LogMean - lo.LogMean) - math.Log10(factor)
	if math.IsNaN(lo.LogMean) || math.IsNaN(hi.LogMean) {
		return Untestable, d, math.NaN(), math.NaN()
	}
	bound, df = welch(lo.LogStd, lo.N, hi.LogStd, hi.N)
	switch {
	case math.IsNaN(bound):
		return Untestable, d, bound, df
	case d > bound:
		return Fails, d, bound, df
	case -d > bound:
		return Holds, d, bound, df
	}
	return Unresolved, d, bound, df
}

// GrowsSlower judges the claim that a quantity grows more slowly than
// what drives it: Holds when growth < driver (both ratios, high to low).
func GrowsSlower(growth, driver float64) string { return Of(growth < driver) }

// AtMost judges the claim that a quantity measured once per trial (a
// rate's slope) is at most limit: Fails when its mean exceeds limit by
// more than the one-sample 95% bound t(0.975, n−1)·s/√n, Holds when it
// falls short of limit by more than the bound, Unresolved between;
// Untestable (bound NaN) with fewer than two trials.
func AtMost(m Mean, limit float64) (v string, bound float64) {
	if m.N < 2 || math.IsNaN(m.Std) {
		return Untestable, math.NaN()
	}
	if m.Std == 0 {
		bound = 0
	} else {
		t := distuv.StudentsT{Mu: 0, Sigma: 1, Nu: float64(m.N - 1)}.Quantile(0.975)
		bound = t * m.Std / math.Sqrt(float64(m.N))
	}
	switch {
	case m.Mean-limit > bound:
		return Fails, bound
	case limit-m.Mean > bound:
		return Holds, bound
	}
	return Unresolved, bound
}

// Exceeds judges the claim that a exceeds b (exact quantities).
func Exceeds(a, b float64) string { return Of(a > b) }

// Structure judges the claim that the paper's structure is ours: Holds
// when the chosen structure is the paper's; else Fails when ours beats
// the paper's beyond the spread, Unresolved when it does not.
func (s Scale) Structure(same bool, ours, atPaper Mean) string {
	switch {
	case same:
		return Holds
	case s.Separated(ours, atPaper):
		return Fails
	}
	return Unresolved
}

// Tally counts verdicts, qualified ones (AtReduced) apart.
type Tally map[string]int

// Holds counts the claims that hold, at the paper's settings or reduced.
func (t Tally) Holds() int { return t[Holds] + t[Holds+AtReduced] }

// Fails counts the claims that fail, at the paper's settings or reduced.
func (t Tally) Fails() int { return t[Fails] + t[Fails+AtReduced] }

// Mixed is the summary of a claim made of several whose parts both hold
// and fail: not a sixth verdict on one comparison but a count of the five,
// which Tally.Summary writes out.
const Mixed = "mixed"

// All judges a claim made of several (the paper's central claim over its
// tables), from n of its parts' verdicts: Untestable with no parts or
// none testable, Mixed when some hold and some fail (a claim true on some tables and false on
// others is neither), Fails when one fails at the paper's settings and
// none holds, qualified Fails when one fails at reduced ones, Holds when
// all hold (qualified when one holds only at reduced settings), else
// Unresolved.
func (t Tally) All(n int) string {
	switch {
	case n == 0, t[Untestable] == n:
		return Untestable
	case t.Holds() > 0 && t.Fails() > 0:
		return Mixed
	case t[Fails] > 0:
		return Fails
	case t.Fails() > 0:
		return Fails + AtReduced
	case t.Holds() == n && t[Holds+AtReduced] > 0:
		return Holds + AtReduced
	case t.Holds() == n:
		return Holds
	}
	return Unresolved
}

// Every judges a claim that must hold in each of its n parts (unqualified
// verdicts): Fails when one fails, Holds when all hold, Unresolved when
// one lies within the spread, else Untestable (every open part rests on
// a single trial).
func (t Tally) Every(n int) string {
	switch {
	case t[Fails] > 0:
		return Fails
	case n > 0 && t[Holds] == n:
		return Holds
	case t[Unresolved] > 0:
		return Unresolved
	}
	return Untestable
}

// Summary is All with its count: a Mixed claim reads "mixed (holds in k
// of n)", so that the reader sees how far it holds without a verdict that
// says more than its parts.
func (t Tally) Summary(n int) string {
	v := t.All(n)
	if v == Mixed {
		return fmt.Sprintf("%s (holds in %d of %d)", Mixed, t.Holds(), n)
	}
	return v
}

// Rate judges the claim that a rate's log-log slope is at most limit
// (O(1/K) is a slope of at most −1), from each trial's slope over the last
// window of its curve (last) and the change of that slope from the window
// before (change = last − previous, per trial). A rate is an asymptotic
// statement: while the slope still falls beyond the trials' spread, the
// runs have not reached the regime the claim is about, and a slope above
// the limit there refutes nothing. So:
//   - AtMost's Holds and Untestable stand as they are;
//   - otherwise Untestable, with steepening true, when the slope still
//     falls (change below 0 beyond its own bound);
//   - otherwise AtMost's Fails or Unresolved.
func Rate(last, change Mean, limit float64) (v string, bound float64, steepening bool) {
	v, bound = AtMost(last, limit)
	if v == Holds || v == Untestable {
		return v, bound, false
	}
	if c, _ := AtMost(change, 0); c == Holds {
		return Untestable, bound, true
	}
	return v, bound, false
}
