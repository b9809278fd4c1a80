package report

import (
	"fmt"
	"math"
	"sort"
	"strings"
)

// Stat is a mean and sample standard deviation over trials, with the run IDs
// behind it. Std is NaN when it is unknown (fewer than two values): a single
// trial has no spread, and printing 0 would claim one.
type Stat struct {
	Mean, Std float64
	// LogMean and LogStd are the mean and standard deviation of log10 of
	// the values, when every finite value is positive (else NaN): errors
	// spread over orders of magnitude compare on this scale.
	LogMean, LogStd float64
	N               int      // finite values averaged
	Missing         int      // runs without a finite value, not counting diverged ones
	Diverged        int      // runs that diverged: excluded from Mean and Std
	Runs            []string // IDs of every run of the cell, sorted
}

// newStat averages the finite values; ids are the runs of the cell.
func newStat(vals []float64, ids []string) Stat {
	s := Stat{Runs: append([]string(nil), ids...)}
	sort.Strings(s.Runs)
	for _, v := range vals {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			s.Missing++
			continue
		}
		s.N++
	}
	s.Mean, s.Std = meanStd(vals, func(v float64) float64 { return v })
	s.LogMean, s.LogStd = meanStd(vals, math.Log10)
	return s
}

// meanStd is the mean and sample standard deviation of f of the finite
// values (Std NaN with fewer than two); both NaN when there are none or f
// of one is not finite.
func meanStd(vals []float64, f func(float64) float64) (mean, std float64) {
	var ys []float64
	for _, v := range vals {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			continue
		}
		y := f(v)
		if math.IsNaN(y) || math.IsInf(y, 0) {
			return math.NaN(), math.NaN()
		}
		ys = append(ys, y)
	}
	if len(ys) == 0 {
		return math.NaN(), math.NaN()
	}
	var sum float64
	for _, y := range ys {
		sum += y
	}
	mean, std = sum/float64(len(ys)), math.NaN()
	if len(ys) > 1 {
		var ss float64
		for _, y := range ys {
			ss += (y - mean) * (y - mean)
		}
		std = math.Sqrt(ss / float64(len(ys)-1))
	}
	return mean, std
}

// Valid reports whether the stat has at least one finite value.
func (s Stat) Valid() bool { return s.N > 0 }

// isAcc reports whether the metric is an accuracy (higher is better, shown in %).
func isAcc(metric string) bool {
	return strings.HasSuffix(metric, "_acc") || strings.Contains(metric, "acc_")
}

// fmtVal formats a metric value the paper's way: scientific notation for
// errors, percent with two decimals for accuracies.
func fmtVal(metric string, v float64) string {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return "n/a"
	}
	if isAcc(metric) {
		return fmt.Sprintf("%.2f", 100*v)
	}
	return fmtSci(v)
}

// fmtSci formats like the paper's tables: 2.53e-9.
func fmtSci(v float64) string {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return "n/a"
	}
	s := fmt.Sprintf("%.2e", v)
	// Go writes e-09; the paper writes e-9.
	s = strings.Replace(s, "e-0", "e-", 1)
	s = strings.Replace(s, "e+0", "e+", 1)
	return s
}

// fmtMeanStd formats "mean (std)", or "mean (n=1)" for a single value, whose
// spread is unknown. Diverged runs are named and left out of the mean:
// "2.10e-3 (4.00e-4) — diverged 3/5, mean of the other 2".
func fmtMeanStd(metric string, s Stat) string {
	total := s.N + s.Missing + s.Diverged
	if !s.Valid() {
		if s.Diverged > 0 {
			return fmt.Sprintf("diverged %d/%d", s.Diverged, total)
		}
		return "n/a"
	}
	spread := "n=1"
	if s.N > 1 {
		spread = fmtVal(metric, s.Std)
	}
	out := fmt.Sprintf("%s (%s)", fmtVal(metric, s.Mean), spread)
	if s.Diverged > 0 || s.Missing > 0 {
		var why []string
		if s.Diverged > 0 {
			why = append(why, fmt.Sprintf("diverged %d/%d", s.Diverged, total))
		}
		if s.Missing > 0 {
			why = append(why, fmt.Sprintf("no value %d/%d", s.Missing, total))
		}
		out += fmt.Sprintf(" — %s, mean of the other %d", strings.Join(why, ", "), s.N)
	}
	return out
}

// fmtG is the stable number format of summary.json and notes.
func fmtG(v float64) string { return fmt.Sprintf("%.6g", v) }

// mdEscape makes s safe inside a Markdown table cell.
func mdEscape(s string) string {
	s = strings.ReplaceAll(s, "|", `\|`)
	return strings.ReplaceAll(s, "\n", " ")
}

func boolNum(ok bool) float64 {
	if ok {
		return 1
	}
	return 0
}

func boolInt(ok bool) int {
	if ok {
		return 1
	}
	return 0
}
