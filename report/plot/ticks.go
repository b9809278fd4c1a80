package plot

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"gonum.org/v1/plot"
)

// logTicks marks a log axis at powers of ten, labelled "1e-05" style
// ("1" and "10" plainly); the 2…9 multiples get unlabelled minor ticks,
// except on an axis of one decade, where 2 and 5 are labelled too.
// Over many decades only every k-th decade is labelled (at most
// maxDecadeLabels labels) and minor ticks are left out. Axes drawn with it
// are widened to whole decades (snapDecades), so at least two decades are
// labelled whatever the data.
type logTicks struct{}

const maxDecadeLabels = 7

func (logTicks) Ticks(lo, hi float64) []plot.Tick {
	if !(lo > 0) || !(hi >= lo) || math.IsInf(hi, 0) {
		return nil
	}
	e0, e1 := int(math.Floor(math.Log10(lo)+1e-9)), int(math.Ceil(math.Log10(hi)-1e-9))
	span := e1 - e0
	step := 1
	for span/step+1 > maxDecadeLabels {
		step++
	}
	var ts []plot.Tick
	for e := e0; e <= e1; e++ {
		v := math.Pow(10, float64(e))
		if v >= lo*(1-1e-9) && v <= hi*(1+1e-9) {
			t := plot.Tick{Value: v}
			if (e-e0)%step == 0 {
				t.Label = decadeLabel(e)
			}
			ts = append(ts, t)
		}
		if span <= 6 {
			for m := 2; m <= 9; m++ {
				if mv := float64(m) * v; mv >= lo && mv <= hi {
					t := plot.Tick{Value: mv}
					if span <= 1 && (m == 2 || m == 5) {
						// One decade shows only its two ends: label 2 and 5
						// too, so that a value can be read off the axis.
						t.Label = multipleLabel(m, e)
					}
					ts = append(ts, t)
				}
			}
		}
	}
	return ts
}

// multipleLabel writes m·10^e in decadeLabel's style: 2e-05, 5, 20.
func multipleLabel(m, e int) string {
	switch {
	case e == 0:
		return strconv.Itoa(m)
	case e == 1:
		return strconv.Itoa(10 * m)
	case e < 0:
		return fmt.Sprintf("%de-%02d", m, -e)
	}
	return fmt.Sprintf("%de+%02d", m, e)
}

// decadeLabel writes 10^e as 1e-05, 1, 10, 1e+02.
func decadeLabel(e int) string {
	switch {
	case e == 0:
		return "1"
	case e == 1:
		return "10"
	case e < 0:
		return fmt.Sprintf("1e-%02d", -e)
	}
	return fmt.Sprintf("1e+%02d", e)
}

// snapDecades widens a log axis range to whole powers of ten, and to at
// least one decade, so that logTicks labels both ends.
func snapDecades(lo, hi float64) (float64, float64) {
	if !(lo > 0) || !(hi >= lo) {
		return lo, hi
	}
	l, h := math.Floor(math.Log10(lo)+1e-9), math.Ceil(math.Log10(hi)-1e-9)
	if h <= l {
		h = l + 1
	}
	return math.Pow(10, l), math.Pow(10, h)
}

// decadesWithin counts the powers of ten in [lo, hi].
func decadesWithin(lo, hi float64) int {
	if !(lo > 0) || !(hi >= lo) {
		return 0
	}
	return int(math.Floor(math.Log10(hi)+1e-9)-math.Ceil(math.Log10(lo)-1e-9)) + 1
}

// legendHeadroom raises the top of the y range so that a legend of n
// entries drawn inside the top of the panel does not cover the data.
func legendHeadroom(ax *plot.Axis, n int, logY bool) {
	if n == 0 || !(ax.Max > ax.Min) {
		return
	}
	frac := 0.05 + 0.055*float64(n) // share of the panel height the legend takes
	if logY {
		lo, hi := math.Log10(ax.Min), math.Log10(ax.Max)
		ax.Max = math.Pow(10, hi+(hi-lo)*frac/(1-frac))
		return
	}
	ax.Max += (ax.Max - ax.Min) * frac / (1 - frac)
}

// gridTicks labels exactly the grid values xs (depths, widths): an integer
// axis must not show 2.5 layers.
func gridTicks(xs []float64) plot.ConstantTicks {
	ts := make(plot.ConstantTicks, len(xs))
	for i, x := range xs {
		ts[i] = plot.Tick{Value: x, Label: strconv.FormatFloat(x, 'g', 6, 64)}
	}
	return ts
}

// plainTicks are gonum's default linear ticks with their labels' trailing
// zeros dropped: gonum gives every label of an axis the same decimals, so
// an accuracy axis read "75.00" and "100.00".
type plainTicks struct{}

func (plainTicks) Ticks(lo, hi float64) []plot.Tick {
	ts := plot.DefaultTicks{}.Ticks(lo, hi)
	for i := range ts {
		ts[i].Label = trimZeros(ts[i].Label)
	}
	return ts
}

// trimZeros drops a decimal label's trailing zeros, and its point if
// nothing follows it ("75.00" → "75", "0.50" → "0.5"); other labels are
// returned as they are.
func trimZeros(label string) string {
	if !strings.Contains(label, ".") || strings.ContainsAny(label, "eE") {
		return label
	}
	label = strings.TrimRight(label, "0")
	return strings.TrimSuffix(label, ".")
}
