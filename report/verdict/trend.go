package verdict

// Trend is what a learning curve's end says about more samples.
type Trend int

const (
	// TooShort: fewer than two points with a mean, or the last step has no
	// spread to judge it on (one trial a side).
	TooShort Trend = iota
	// Rising: the last point beats the one before beyond the trials'
	// spread. Where it would level off is unknown, so the curve supports
	// no extrapolation past its last point.
	Rising
	// Flat: the last step is within the spread and even its 95% upper
	// bound is below a material gain: more samples are shown not to help
	// by more than that, and the last point is the curve's estimate beyond
	// it, with the last step's 95% bound as its uncertainty.
	Flat
	// Undecided: the last step is within the spread, but the spread is
	// too wide to rule out a material gain: the curve may be flat or still
	// rising, and supports no extrapolation.
	Undecided
)

// TrendOf judges a learning curve's points, ordered by sample size, on
// the scale s; gain is the last step's improvement (negative: it got
// worse) and bound the 95% bound it is judged against (Gap). material is
// the smallest gain worth having (for an accuracy, the report's tolerance
// in its own units): a step within the spread is Flat only when gain +
// bound stays at or below it, else Undecided. With two trials a side the
// bound is wide, and "within the spread" alone would call a curve that
// gained five points flat.
func (s Scale) TrendOf(points []Mean, material float64) (t Trend, gain, bound float64) {
	var valid []Mean
	for _, p := range points {
		if p.Valid() {
			valid = append(valid, p)
		}
	}
	if len(valid) < 2 {
		return TooShort, 0, 0
	}
	prev, last := valid[len(valid)-2], valid[len(valid)-1]
	gain, bound, _ = s.Gap(last, prev)
	if !s.Better(last.Mean, prev.Mean) {
		gain = -gain
	}
	switch {
	case bound != bound: // NaN: a side of one trial
		return TooShort, gain, bound
	case gain > bound:
		return Rising, gain, bound
	case gain+bound > material:
		return Undecided, gain, bound
	}
	return Flat, gain, bound
}
