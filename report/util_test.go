package report

import (
	"math"
	"slices"
	"testing"

	"github.com/admmlab/admmlab/pipeline/runs"
)

// newStat averages the finite values; the log scale needs every finite
// value positive.
func TestNewStat(t *testing.T) {
	nan := math.NaN()
	for _, tc := range []struct {
		name                       string
		vals                       []float64
		n, missing                 int
		mean, std, logMean, logStd float64
	}{
		// log10: −3 and −1, mean −2, std √2.
		{"two trials", []float64{1e-3, 1e-1}, 2, 0, 0.0505, 0.099 / math.Sqrt2, -2, math.Sqrt2},
		{"one trial: no spread", []float64{4e-7}, 1, 0, 4e-7, nan, math.Log10(4e-7), nan},
		{"NaN and Inf are missing", []float64{nan, math.Inf(1), 2, math.Inf(-1)}, 1, 3, 2, nan, math.Log10(2), nan},
		{"a zero has no log", []float64{0, 1}, 2, 0, 0.5, math.Sqrt(0.5), nan, nan},
		{"a negative value has no log", []float64{-1, 1}, 2, 0, 0, math.Sqrt2, nan, nan},
		{"alike trials: spread 0", []float64{3, 3, 3}, 3, 0, 3, 0, math.Log10(3), 0},
		{"nothing", nil, 0, 0, nan, nan, nan, nan},
	} {
		s := newStat(tc.vals, nil)
		if s.N != tc.n || s.Missing != tc.missing || s.Valid() != (tc.n > 0) {
			t.Errorf("%s: n %d, missing %d, valid %v; want %d, %d", tc.name, s.N, s.Missing, s.Valid(), tc.n, tc.missing)
		}
		for _, q := range []struct {
			what      string
			got, want float64
		}{{"mean", s.Mean, tc.mean}, {"std", s.Std, tc.std}, {"log mean", s.LogMean, tc.logMean}, {"log std", s.LogStd, tc.logStd}} {
			if !near(q.got, q.want) {
				t.Errorf("%s: %s %g, want %g", tc.name, q.what, q.got, q.want)
			}
		}
	}
	if s := newStat([]float64{1, 2}, []string{"b", "a"}); !slices.Equal(s.Runs, []string{"a", "b"}) {
		t.Errorf("runs %v, want them sorted", s.Runs)
	}
}

func TestMetricHelpers(t *testing.T) {
	for metric, acc := range map[string]bool{"test_acc": true, "val_acc": true, "acc_gap": true, "train_mse": false, "accuracy": false, "test_mse": false} {
		if isAcc(metric) != acc {
			t.Errorf("isAcc(%q) = %v, want %v", metric, !acc, acc)
		}
	}
	nan := math.NaN()
	for _, tc := range []struct {
		metric string
		a, b   float64
		want   bool
	}{
		{"train_mse", 1e-3, 1e-2, true},
		{"train_mse", 1e-2, 1e-3, false},
		{"test_acc", 0.9, 0.8, true},
		{"test_acc", 0.8, 0.9, false},
		{"train_mse", 1, 1, false},
		{"train_mse", nan, 1, false},
		{"train_mse", 1, nan, true},
		{"test_acc", nan, nan, false},
	} {
		if got := scaleOf(tc.metric).Better(tc.a, tc.b); got != tc.want {
			t.Errorf("scaleOf(%s).Better(%g, %g) = %v, want %v", tc.metric, tc.a, tc.b, got, tc.want)
		}
	}
}

func TestNumberFormats(t *testing.T) {
	for _, tc := range []struct {
		name, got, want string
	}{
		{"the paper's style", fmtSci(2.53e-9), "2.53e-9"},
		{"two-digit exponent", fmtSci(1e-10), "1.00e-10"},
		{"positive exponent", fmtSci(123), "1.23e+2"},
		{"large", fmtSci(1.5e+10), "1.50e+10"},
		{"negative", fmtSci(-3.14159e-5), "-3.14e-5"},
		{"zero", fmtSci(0), "0.00e+0"},
		{"NaN", fmtSci(math.NaN()), "n/a"},
		{"Inf", fmtSci(math.Inf(-1)), "n/a"},
		{"an accuracy in percent", fmtVal("test_acc", 0.91234), "91.23"},
		{"an error", fmtVal("train_mse", 2.5e-9), "2.50e-9"},
		{"no value", fmtVal("test_acc", math.NaN()), "n/a"},
		{"summary.json's %.6g", fmtG(1e-6), "1e-06"},
		{"%.6g rounds", fmtG(123456789), "1.23457e+08"},
		{"%.6g plain", fmtG(0.0001), "0.0001"},
		{"a pipe and a newline in a cell", mdEscape("a|b\nc"), `a\|b c`},
		{"the paper's percent", fmtPaper(PaperTable{Unit: "percent"}, 91.234), "91.23"},
		{"the paper's error", fmtPaper(PaperTable{}, 1.69e-5), "1.69e-5"},
		{"a grid of consecutive values", fmtInts([]int{1, 2, 3, 4, 5}), "1–5"},
		{"a long arithmetic grid", fmtInts([]int{20, 40, 60, 80, 100}), "20, 40, …, 100"},
		{"a short arithmetic grid is listed", fmtInts([]int{20, 40, 60}), "20, 40, 60"},
		{"not arithmetic", fmtInts([]int{1, 2, 4}), "1, 2, 4"},
		{"descending is listed", fmtInts([]int{5, 4, 3}), "5, 4, 3"},
		{"two values", fmtInts([]int{1, 2}), "1, 2"},
		{"one value", fmtInts([]int{3}), "3"},
		{"no grid", fmtInts(nil), "—"},
		{"floats", fmtFloats([]float64{1e-6, 0.5}), "1e-06, 0.5"},
		{"reduced by the profile", scaled("200", "2000"), "200 (paper: 2000)"},
		{"as the paper", scaled("2000", "2000"), "2000"},
		{"time per epoch", perEpoch(10, 4), "2.50"},
		{"at 0.1 s", perEpoch(0.1, 1), "0.10"},
		{"below 0.1 s: two significant digits", perEpoch(0.123, 10), "0.012"},
		{"no epochs", perEpoch(10, 0), "—"},
		{"no time", perEpoch(math.NaN(), 5), "—"},
		{"no trials", trialsText(nil), ""},
		{"alike trials", trialsText([]int{2, 2}), "n=2"},
		{"a range of trials", trialsText([]int{3, 1, 2}), "n=1–3"},
		{"a rank", rankStr(map[string]int{"A": 2}, "A"), "2"},
		{"no rank", rankStr(map[string]int{"A": 2}, "B"), "–"},
		{"yes", yesNo(true), "yes"},
		{"no", yesNo(false), "no"},
		{"best of, all run", bestOf("depth", []string{"A 2", "B 3"}), "best depth: A 2, B 3"},
		{"best of, one not run", bestOf("depth", []string{"A 2", "B (3*)"}), "best depth: A 2, B (3*) (* not run here)"},
		{"ranges over as many schemes", rangesText([]string{"A 1 – 2", "B 3 – 4"}, []int{4, 4}), "range over 4 schemes: A 1 – 2, B 3 – 4"},
		{"ranges over different schemes", rangesText([]string{"A 1 – 2", "B 3 – 4"}, []int{4, 3}), "range over the schemes: A 1 – 2 (4 schemes), B 3 – 4 (3 schemes)"},
		{"a common suffix", commonSuffix([]string{"ADMM (sigmoid)", "SGD (sigmoid)"}, " "), " (sigmoid)"},
		{"different suffixes", commonSuffix([]string{"ADMM (sigmoid)", "SGD (ReLU)"}, " "), ""},
		{"no separator", commonSuffix([]string{"ADMM", "SGD (ReLU)"}, " "), ""},
	} {
		if tc.got != tc.want {
			t.Errorf("%s: %q, want %q", tc.name, tc.got, tc.want)
		}
	}
}

// Ranks: best first, ties by name, no value no rank.
func TestRanks(t *testing.T) {
	r := ranks("train_mse", map[string]float64{"A": 1e-3, "B": 1e-5, "C": math.NaN(), "D": 1e-5})
	if len(r) != 3 || r["B"] != 1 || r["D"] != 2 || r["A"] != 3 {
		t.Errorf("errors: %v, want B 1, D 2, A 3 and no rank for C", r)
	}
	if got := bestLabel(r); got != "B" {
		t.Errorf("bestLabel = %q, want B", got)
	}
	if r := ranks("test_acc", map[string]float64{"A": 0.9, "B": 0.8}); r["A"] != 1 || r["B"] != 2 {
		t.Errorf("accuracies: %v, want A first", r)
	}
	if got := bestLabel(map[string]int{}); got != "" {
		t.Errorf("bestLabel of nothing = %q", got)
	}
}

// sameOrder: errors within a factor 10 either way, accuracies within one
// percentage point (ratio then the difference in points).
func TestSameOrder(t *testing.T) {
	nan := math.NaN()
	for _, tc := range []struct {
		metric      string
		ours, paper float64
		ratio       float64
		ok          bool
	}{
		{"train_mse", 2e-9, 1e-9, 2, true},
		{"train_mse", 1e-7, 1e-9, 100, false},
		{"train_mse", 2e-10, 1e-9, 0.2, true},
		{"train_mse", 5e-11, 1e-9, 0.05, false},
		{"train_mse", 0, 1e-9, nan, false},
		{"train_mse", 0, 0, nan, true},
		{"train_mse", nan, 1e-9, nan, false},
		{"test_acc", 0.905, 0.9, 0.5, true},
		{"test_acc", 0.88, 0.9, -2, false},
	} {
		ratio, ok := sameOrder(tc.metric, tc.ours, tc.paper)
		if ok != tc.ok || !(near(ratio, tc.ratio) || math.Abs(ratio-tc.ratio) < 1e-9) {
			t.Errorf("sameOrder(%s, %g, %g) = %g, %v; want %g, %v", tc.metric, tc.ours, tc.paper, ratio, ok, tc.ratio, tc.ok)
		}
	}
}

func TestSmallHelpers(t *testing.T) {
	if got := sortedDistinct([]float64{3, 1, 3, 2}); !slices.Equal(got, []float64{1, 2, 3}) {
		t.Errorf("sortedDistinct: %v", got)
	}
	var rs []runs.Labeled
	for _, n := range []float64{0.1, 0, 0.1} {
		rs = append(rs, runs.Labeled{Record: runs.Record{Spec: runs.Spec{Noise: n}}})
	}
	if got := noiseLevels(rs); !slices.Equal(got, []float64{0, 0.1}) {
		t.Errorf("noiseLevels: %v", got)
	}
	if got := union([]int{3, 1}, []int{2, 3}); !slices.Equal(got, []int{1, 2, 3}) {
		t.Errorf("union: %v", got)
	}
	if got := floatsToInts([]float64{1.9, -2.5}); !slices.Equal(got, []int{1, -2}) {
		t.Errorf("floatsToInts truncates: %v", got)
	}
	if got := epochs(3); !slices.Equal(got, []float64{1, 2, 3}) {
		t.Errorf("epochs: %v", got)
	}
	for _, tc := range []struct {
		vals []float64
		want float64
	}{{[]float64{3, 1, 2}, 2}, {[]float64{4, 1, 3, 2}, 2.5}, {[]float64{math.NaN(), math.Inf(1), 5}, 5}, {nil, math.NaN()}} {
		if got := median(tc.vals); !near(got, tc.want) {
			t.Errorf("median(%v) = %g, want %g", tc.vals, got, tc.want)
		}
	}
	// m_K keeps the smallest r² so far; S_K sums them.
	if got := kktSeries([]float64{3, 1, 2}, true); !slices.Equal(got, []float64{9, 1, 1}) {
		t.Errorf("running minimum: %v", got)
	}
	if got := kktSeries([]float64{3, 1, 2}, false); !slices.Equal(got, []float64{9, 10, 14}) {
		t.Errorf("running sum: %v", got)
	}
	for _, tc := range []struct {
		init  string
		scale float64
		want  string
	}{{"msra", 8, "msra×8"}, {"msra", 1, "msra"}, {"lecun", 0, "lecun"}, {"xavier", 0.5, "xavier×0.5"}} {
		c := cell{Cfg: runs.Spec{Init: tc.init, InitScale: tc.scale}}
		if got := initName(c); got != tc.want {
			t.Errorf("initName(%s × %g) = %q, want %q", tc.init, tc.scale, got, tc.want)
		}
	}
	cells := []cell{{Cfg: runs.Spec{Depth: 2, Width: 40}}, {Cfg: runs.Spec{Depth: 3, Width: 20}}, {Cfg: runs.Spec{Depth: 3, Width: 60}}, {Cfg: runs.Spec{Depth: 1, Width: 100}}}
	if c := pickCell(cells); c.Cfg.Depth != 3 || c.Cfg.Width != 60 {
		t.Errorf("pickCell: (%d,%d), want the deepest, then widest (3,60)", c.Cfg.Depth, c.Cfg.Width)
	}
}

// logSlope fits log y on log x over the second half of the points.
func TestLogSlope(t *testing.T) {
	xs := []float64{1, 2, 3, 4, 5, 6, 7, 8}
	pow := func(p float64, skip ...int) []float64 {
		ys := make([]float64, len(xs))
		for i, x := range xs {
			ys[i] = 3 * math.Pow(x, p)
		}
		for _, i := range skip {
			ys[i] = 0
		}
		return ys
	}
	for _, tc := range []struct {
		name string
		ys   []float64
		want float64
	}{
		{"O(1/K)", pow(-1), -1},
		{"O(1/K²)", pow(-2), -2},
		{"the first half does not count", append([]float64{1e9, 1e-9, 5, 5}, pow(-1)[4:]...), -1},
		{"a zero is skipped", pow(-1, 5), -1},
		{"one point left", pow(-1, 4, 5, 6), math.NaN()},
	} {
		if got := logSlope(xs, tc.ys); !near(got, tc.want) && math.Abs(got-tc.want) > 1e-12 {
			t.Errorf("%s: slope %g, want %g", tc.name, got, tc.want)
		}
	}
}

// runSlopes gives each run's slope over the second half and its change
// from the quarter before: a decay that turns from K^−0.5 to K^−1 at K/2
// has slope −1, changed by −0.5; a steady K^−2 has slope −2, changed by 0.
func TestRunSlopes(t *testing.T) {
	const n = 400
	kkt := func(p1, p2 float64) []float64 {
		r := make([]float64, n)
		for i := range r {
			k := float64(i + 1)
			r2 := math.Pow(k, p1)
			if i >= n/2 {
				r2 = math.Pow(n/2, p1-p2) * math.Pow(k, p2) // continuous at K/2
			}
			r[i] = math.Sqrt(r2)
		}
		return r
	}
	run := func(id string, p1, p2 float64) runs.Labeled {
		var l runs.Labeled
		l.ID = id
		l.Result.Curves = map[string][]float64{"kkt": kkt(p1, p2)}
		return l
	}
	last, change := cell{Runs: []runs.Labeled{run("a", -0.5, -1), run("b", -2, -2)}}.runSlopes()
	if last.N != 2 || change.N != 2 {
		t.Fatalf("runs counted: %d, %d, want 2, 2", last.N, change.N)
	}
	for _, tc := range []struct {
		name      string
		got, want float64
	}{
		{"mean slope", last.Mean, -1.5},
		{"mean change", change.Mean, -0.25},
		{"change spread", change.Std, math.Sqrt(0.125)},
	} {
		if math.Abs(tc.got-tc.want) > 1e-9 {
			t.Errorf("%s: %g, want %g", tc.name, tc.got, tc.want)
		}
	}
}
