package report

import (
	"encoding/json"
	"math"
	"strings"
	"testing"
)

// Num writes %.6g, and null for what has no value.
func TestNumJSON(t *testing.T) {
	for _, tc := range []struct {
		v    float64
		want string
	}{
		{1e-9, "1e-09"},
		{0.123456789, "0.123457"},
		{2, "2"},
		{-0.5, "-0.5"},
		{math.NaN(), "null"},
		{math.Inf(1), "null"},
		{math.Inf(-1), "null"},
	} {
		b, err := json.Marshal(Num(tc.v))
		if err != nil || string(b) != tc.want {
			t.Errorf("Marshal(%g) = %s, %v; want %s", tc.v, b, err, tc.want)
		}
	}
	for _, tc := range []struct {
		in   string
		want float64
		bad  bool
	}{{"null", math.NaN(), false}, {"1e-09", 1e-9, false}, {"42", 42, false}, {`"x"`, 0, true}} {
		var v Num
		err := json.Unmarshal([]byte(tc.in), &v)
		if (err != nil) != tc.bad || (!tc.bad && !near(float64(v), tc.want)) {
			t.Errorf("Unmarshal(%s) = %g, %v; want %g (error %v)", tc.in, float64(v), err, tc.want, tc.bad)
		}
	}
}

// What each kind of number records: a mean's spread (null for one trial),
// an exact quantity's 0, a derived quantity's null; and what survives a
// round trip through summary.json.
func TestSummaryRoundTrip(t *testing.T) {
	s := newSummary("quick", "abc1234")
	s.addStat("t/A/train_mse_best", Stat{Mean: 2e-9, Std: 1.41421356e-9, N: 2, Diverged: 1, Runs: []string{"r1", "r2", "r3"}})
	s.addStat("t/B/train_mse_best", Stat{Mean: 4e-7, Std: 0, N: 1, Runs: []string{"r4"}})
	s.addExact("t/A/depth", 2, nil)
	s.addDerived("fig/A/min_kkt2_slope", -1.1, []string{"r5"})
	s.addNote("t", "PTB subset: 5,237 of 14,552 beats")
	s.Toolchains = map[string]int{"go1.26 linux/amd64": 5}
	data, err := s.Marshal()
	if err != nil {
		t.Fatal(err)
	}
	text := string(data)
	for _, want := range []string{
		`"t/A/train_mse_best": {` + "\n" + `   "value": 2e-09,` + "\n" + `   "std": 1.41421e-09,` + "\n" + `   "n": 2,` + "\n" + `   "diverged": 1,`,
		`"std": null`, // B's single trial and the derived slope
		`"notes": {` + "\n" + `  "t": "PTB subset: 5,237 of 14,552 beats"`,
	} {
		if !strings.Contains(text, want) {
			t.Errorf("summary.json lacks %q:\n%s", want, text)
		}
	}
	if strings.Index(text, `"fig/A/min_kkt2_slope"`) > strings.Index(text, `"t/A/depth"`) {
		t.Error("keys are not sorted")
	}
	back, err := ParseSummary(data)
	if err != nil {
		t.Fatal(err)
	}
	if back.Profile != "quick" || back.Commit != "abc1234" || back.Toolchains["go1.26 linux/amd64"] != 5 || back.Notes["t"] != s.Notes["t"] {
		t.Errorf("header after a round trip: %+v", back)
	}
	for _, tc := range []struct {
		key       string
		value     float64
		std       float64 // NaN: null
		n, div    int
		firstRun  string
		runsCount int
	}{
		{"t/A/train_mse_best", 2e-9, 1.41421e-9, 2, 1, "r1", 3},
		{"t/B/train_mse_best", 4e-7, math.NaN(), 1, 0, "r4", 1},
		{"t/A/depth", 2, 0, 1, 0, "", 0},
		{"fig/A/min_kkt2_slope", -1.1, math.NaN(), 1, 0, "r5", 1},
	} {
		n, ok := back.Numbers[tc.key]
		if !ok || !near(float64(n.Value), tc.value) || !near(float64(n.Std), tc.std) || n.N != tc.n || n.Diverged != tc.div || len(n.Runs) != tc.runsCount ||
			(tc.runsCount > 0 && n.Runs[0] != tc.firstRun) {
			t.Errorf("%s after a round trip: %+v (present %v)", tc.key, n, ok)
		}
	}
	again, err := back.Marshal()
	if err != nil || string(again) != text {
		t.Errorf("a parsed summary does not marshal to the same bytes (%v):\n%s", err, again)
	}
	if _, ok := back.stats["t/A/train_mse_best"]; ok {
		t.Error("a parsed summary has trial statistics it never read")
	}
	if st, ok := s.stats["t/A/train_mse_best"]; !ok || st.N != 2 {
		t.Error("addStat keeps the mean's Stat for the verdicts")
	}
}

func TestParseSummaryErrors(t *testing.T) {
	for _, tc := range []struct {
		in, want string
	}{
		{`{"profile": "quick"}`, `no "numbers" object`},
		{`{"numbers": [1]}`, "summary.json: json"},
		{`not json`, "summary.json: invalid character"},
		{`{"numbers": {"k": {"value": "1"}}}`, "summary.json: number"},
	} {
		if _, err := ParseSummary([]byte(tc.in)); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("ParseSummary(%s): %v, want an error containing %q", tc.in, err, tc.want)
		}
	}
	if s, err := ParseSummary([]byte(`{"numbers": {}}`)); err != nil || len(s.Numbers) != 0 {
		t.Errorf("an empty summary: %v, %v", s, err)
	}
}
