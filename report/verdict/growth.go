package verdict

import "math"

// GrowthGap compares an error's growth over a range of noise with the noise
// floor's over the same range, on log10 where growth is a difference:
// d = (ours at the high end − ours at the low end) − log10 floorGrowth,
// ours each a mean of log10 over its trials, the floor's growth a number
// the report records as exact. bound is Welch's 95% bound on d from the two
// means' spreads (ν by Welch–Satterthwaite), NaN when a mean rests on fewer
// than two trials or has no log (a value that is not positive).
func GrowthGap(lo, hi Mean, floorGrowth float64) (d, bound, df float64) {
	d = (hi.LogMean - lo.LogMean) - math.Log10(floorGrowth)
	if math.IsNaN(lo.LogMean) || math.IsNaN(hi.LogMean) {
		return d, math.NaN(), math.NaN()
	}
	bound, df = welch(lo.LogStd, lo.N, hi.LogStd, hi.N)
	return d, bound, df
}

// GrowthAgainstFloor judges the claim that an error is robust to noise,
// that it grows more slowly than the noise does, with the growths' spread
// (GrowthGap's d and bound) and the error's ratios to the floor at the low
// and the high end:
//   - Untestable when the growths' spread is unknown (a mean of one
//     trial): no verdict rests on one draw;
//   - Fails when it grows faster than the floor beyond the spread, wherever
//     it starts;
//   - Untestable when it starts at more than bias times the floor
//     (ratioLo) and does not grow faster: bias, not noise, dominates such
//     an error at low noise, so a slower growth says nothing of
//     robustness, and calling it a failure would claim more than the runs
//     show;
//   - Holds when more slowly beyond the spread and it does not end below
//     the floor (an error under the floor of the estimator that knows the
//     target's form is trial spread, not robustness); Unresolved otherwise.
func GrowthAgainstFloor(d, bound, ratioLo, ratioHi, bias float64) string {
	switch {
	case math.IsNaN(bound):
		return Untestable
	case d > bound:
		return Fails
	case BiasDominated(d, bound, ratioLo, bias):
		return Untestable
	case d < -bound && ratioHi >= 1:
		return Holds
	}
	return Unresolved
}

// BiasDominated reports whether an error's growth with the noise cannot
// measure its robustness: it starts at more than bias times its floor
// (ratioLo) and does not grow faster than the floor beyond a known spread
// (GrowthGap's d and bound), the case GrowthAgainstFloor calls Untestable.
func BiasDominated(d, bound, ratioLo, bias float64) bool {
	return !math.IsNaN(bound) && d <= bound && ratioLo > bias
}
