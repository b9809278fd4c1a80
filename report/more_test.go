package report

import (
	"bytes"
	"encoding/json"
	"image/png"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/admmlab/admmlab/experiments"
)

func TestFiguresArePNGOfExpectedSize(t *testing.T) {
	out, res := build(t, fixedRuns(), Options{})
	if os.Getenv("REPORT_KEEP") != "" {
		os.CopyFS(os.Getenv("REPORT_KEEP"), os.DirFS(out))
	}
	tests := []struct {
		file       string
		rows, cols int
	}{
		{"figures/fig2.png", 1, 3},
		{"figures/fig4.png", 2, 2},
		{"figures/fig6.png", 1, 2},
		{"figures/fig16.png", 2, 2},
		{"figures/theorem3.png", 1, 2},
		{"figures/theorem4.png", 1, 3},
	}
	for _, tt := range tests {
		b, err := os.ReadFile(filepath.Join(out, tt.file))
		if err != nil {
			t.Fatalf("%s: %v (files: %v)", tt.file, err, res.Files)
		}
		cfg, err := png.DecodeConfig(bytes.NewReader(b))
		if err != nil {
			t.Fatalf("%s: not a PNG: %v", tt.file, err)
		}
		// 5 in × 4 in per panel at 150 DPI.
		if cfg.Width != 750*tt.cols || cfg.Height != 600*tt.rows {
			t.Errorf("%s: %d×%d px, want %d×%d", tt.file, cfg.Width, cfg.Height, 750*tt.cols, 600*tt.rows)
		}
	}
	for _, f := range []string{"README.md", "summary.json", "tables/table2.md", "tables/table7.md", "tables/scorecard.md", "tables/lla-ablation.md", "tables/tanh.md", "tables/table10.md"} {
		if _, err := os.Stat(filepath.Join(out, f)); err != nil {
			t.Errorf("missing %s", f)
		}
	}
}

func TestMissingDataNotice(t *testing.T) {
	const reason = "place earthquake.csv (sha256 0123abcd) in the data mirror"
	src := fixedRuns()
	out, res := build(t, src, Options{Unavailable: map[string]string{"earthquake": reason}})
	t8 := read(t, filepath.Join(out, "tables", "table8.md"))
	if !strings.Contains(t8, "data not available: "+reason) {
		t.Errorf("table8.md lacks the data notice:\n%s", t8)
	}
	// The paper's numbers are still shown beside the notice.
	if !strings.Contains(t8, "81.31 (0.36)") {
		t.Errorf("table8.md lacks the paper's Adam value:\n%s", t8)
	}
	// An experiment absent from the catalogue and one without runs say so.
	t4 := read(t, filepath.Join(out, "tables", "table4.md"))
	if !strings.Contains(t4, `no experiment of the catalogue lists table4`) {
		t.Errorf("table4.md lacks the not-defined notice:\n%s", t4)
	}
	// Stored runs are the results: a data set missing now does not hide them.
	out3, _ := build(t, src, Options{Unavailable: map[string]string{"square": "place square.csv"}})
	if t3 := read(t, filepath.Join(out3, "tables", "table3.md")); strings.Contains(t3, "data not available") || !strings.Contains(t3, "ADMM (sigmoid)") {
		t.Errorf("table3.md with stored runs but its data missing now must show the runs, not the notice:\n%s", t3)
	}
	delete(src, "square-sweep")
	out2, _ := build(t, src, Options{})
	if t3 := read(t, filepath.Join(out2, "tables", "table3.md")); !strings.Contains(t3, `no stored runs of experiment "square-sweep"`) {
		t.Errorf("table3.md without runs lacks the notice:\n%s", t3)
	}
	if res.Notices == 0 {
		t.Error("Result.Notices = 0")
	}
	readme := read(t, filepath.Join(out, "README.md"))
	for _, want := range []string{"commit `abc1234`", "Profile **smoke**", "![fig6](figures/fig6.png)", "**Paper's claim.**", "**Verdict.**"} {
		if !strings.Contains(readme, want) {
			t.Errorf("README.md lacks %q", want)
		}
	}
}

func TestSummaryStable(t *testing.T) {
	out, _ := build(t, fixedRuns(), Options{})
	out2, _ := build(t, fixedRuns(), Options{})
	a, b := read(t, filepath.Join(out, "summary.json")), read(t, filepath.Join(out2, "summary.json"))
	if a != b {
		t.Fatal("two builds of the same runs give different summary.json")
	}
	s, err := ParseSummary([]byte(a))
	if err != nil {
		t.Fatal(err)
	}
	n, ok := s.Numbers["table3/ADMM (sigmoid)/train_mse_best"]
	if !ok {
		t.Fatalf("no table3 ADMM number; keys: %d", len(s.Numbers))
	}
	if float64(n.Value) != 2e-9 || math.Abs(float64(n.Std)-math.Sqrt2*1e-9) > 1e-14 || n.N != 2 || len(n.Runs) != 2 {
		t.Errorf("table3 ADMM = %+v, want mean 2e-9 std 1.41421e-9 over 2 runs", n)
	}
	if !strings.Contains(a, `"value": 2e-09`) {
		t.Error("summary.json does not write numbers with 6 significant digits")
	}
	var raw map[string]any
	if err := json.Unmarshal([]byte(a), &raw); err != nil {
		t.Fatal(err)
	}
}

func TestDiff(t *testing.T) {
	nan := Num(math.NaN())
	a := &Summary{Numbers: map[string]Number{
		"x/moved":   {Value: 2e-9, Std: 1e-10, N: 2},
		"x/jitter":  {Value: 5e-8, Std: 1.4e-8, N: 2},
		"x/same":    {Value: 1.0000001, N: 1}, // equal at %.6g: not a change
		"x/gone":    {Value: 27, Std: 1, N: 2},
		"x/nanfrom": {Value: nan, Std: nan, N: 0},
		// Run times: never flagged, however far they move.
		"x/seconds": {Value: 10, Std: 0.1, N: 2},
		// One trial: no spread; only a factor 2 counts.
		"x/one/train_mse_best": {Value: 1e-3, Std: nan, N: 1},
		"x/two/train_mse_best": {Value: 1e-3, Std: nan, N: 1},
		// Accuracy, one trial: the error rate 2% → 5% is beyond a factor 2
		// although the accuracy moved by 3%.
		"x/one/test_acc_best": {Value: 0.98, Std: nan, N: 1},
		// Exact quantity (std 0): any change is flagged.
		"x/depth": {Value: 2, N: 1},
	}}
	b := &Summary{Numbers: map[string]Number{
		"x/moved":              {Value: 2.5e-9, Std: 1e-10, N: 2},
		"x/jitter":             {Value: 5.1e-8, Std: 1.2e-8, N: 2},
		"x/same":               {Value: 1.0000002, N: 1},
		"x/new":                {Value: 3, Std: nan, N: 1},
		"x/nanfrom":            {Value: 1, Std: nan, N: 1},
		"x/seconds":            {Value: 100, Std: 0.1, N: 2},
		"x/one/train_mse_best": {Value: 1.5e-3, Std: nan, N: 1},
		"x/two/train_mse_best": {Value: 3e-3, Std: nan, N: 1},
		"x/one/test_acc_best":  {Value: 0.95, Std: nan, N: 1},
		"x/depth":              {Value: 3, N: 1},
	}}
	cs := Diff(a, b)
	want := map[string]struct {
		kind    string
		flagged bool
		rule    string
	}{
		"x/gone": {"removed", false, ""}, "x/jitter": {"changed", false, "spread"}, "x/moved": {"changed", true, "spread"},
		"x/nanfrom": {"changed", true, "spread"}, "x/new": {"added", false, ""},
		"x/seconds":            {"changed", false, "timing"},
		"x/one/train_mse_best": {"changed", false, "factor 2"},
		"x/two/train_mse_best": {"changed", true, "factor 2"},
		"x/one/test_acc_best":  {"changed", true, "factor 2"},
		"x/depth":              {"changed", true, "spread"},
	}
	if len(cs) != len(want) {
		t.Fatalf("got %d changes %+v, want %d", len(cs), cs, len(want))
	}
	for _, c := range cs {
		w, ok := want[c.Key]
		if !ok || c.Kind != w.kind || c.Flagged != w.flagged || c.Rule != w.rule {
			t.Errorf("%s: kind %s flagged %v rule %q, want %+v", c.Key, c.Kind, c.Flagged, c.Rule, w)
		}
		if c.Key == "x/moved" && math.Abs(float64(c.Relative)-0.25) > 1e-12 {
			t.Errorf("x/moved relative change %g, want 0.25", float64(c.Relative))
		}
	}
	if !Flagged(cs) {
		t.Error("Flagged = false")
	}
	var buf bytes.Buffer
	if err := WriteDiffText(&buf, "A", "B", cs); err != nil {
		t.Fatal(err)
	}
	for _, line := range []string{
		"! x/moved: 2e-09 → 2.5e-09 (+25.0%; spread 1e-10)",
		"  x/gone: removed (was 27)",
		"  x/new: added 3 (±?)",
		"  x/seconds: 10 → 100 (+900.0%; run time, not flagged)",
		"  x/one/train_mse_best: 0.001 → 0.0015 (+50.0%; spread ?, flagged beyond a factor 2)",
		"! x/two/train_mse_best: 0.001 → 0.003 (+200.0%; spread ?, flagged beyond a factor 2)",
		"A → B: 10 numbers changed, 5 flagged (beyond the trial-to-trial spread)",
	} {
		if !strings.Contains(buf.String(), line+"\n") {
			t.Errorf("text output lacks %q:\n%s", line, buf.String())
		}
	}
	if !strings.Contains(buf.String(), "never flagged") {
		t.Errorf("text output has no legend:\n%s", buf.String())
	}
	buf.Reset()
	if err := WriteDiffJSON(&buf, "A", "B", cs); err != nil {
		t.Fatal(err)
	}
	var js struct {
		Flagged bool
		Legend  string
		Changes []map[string]any
	}
	if err := json.Unmarshal(buf.Bytes(), &js); err != nil {
		t.Fatalf("JSON output: %v\n%s", err, buf.String())
	}
	if !js.Flagged || len(js.Changes) != 10 || js.Legend == "" {
		t.Fatalf("JSON output wrong:\n%s", buf.String())
	}
	for _, c := range js.Changes {
		if c["key"] == "x/gone" && (c["old"] != 27.0 || c["new"] != nil) {
			t.Errorf("x/gone in JSON: %v", c)
		}
		if c["key"] == "x/new" && c["new_std"] != nil {
			t.Errorf("x/new: unknown spread written as %v, want null", c["new_std"])
		}
	}
}

func TestResolve(t *testing.T) {
	b := &builder{defs: map[string]experiments.Definition{}}
	for _, d := range testCatalogue().Definitions {
		b.defs[d.Name] = d
	}
	tests := []struct{ id, want string }{
		{"table3", "square-sweep"}, // listed item
		{"fig6b", "square-sweep"},  // the figure is listed, not the panel
		{"fig4a", "square-curves"}, // the test catalogue lists fig4 under square-curves
		{"fig7a", ""},              // nobody lists it: no experiment
		{"theorem4c", "admm-convergence"},
	}
	for _, tt := range tests {
		if got := b.resolve(tt.id); got != tt.want {
			t.Errorf("resolve(%q) = %q, want %q", tt.id, got, tt.want)
		}
	}
}

// TestPaperValuesConsistent checks the hand transcription against itself:
// five columns per table, and the bold winner is the best printed mean.
func TestPaperValuesConsistent(t *testing.T) {
	pv, err := PaperValues()
	if err != nil {
		t.Fatal(err)
	}
	for _, id := range []string{"table3", "table4", "table5", "table6", "table8", "table9", "table10"} {
		tb, ok := pv[id]
		if !ok || len(tb.Rows) != 5 {
			t.Fatalf("%s: %d rows, want 5", id, len(tb.Rows))
		}
		metric := "train_mse"
		if tb.Unit == "percent" {
			metric = "test_acc"
		}
		vals := map[string]float64{}
		for _, r := range tb.Rows {
			vals[r.Label] = r.Mean
			if r.Std <= 0 || r.Seconds <= 0 || r.Depth < 1 || r.Width < 1 {
				t.Errorf("%s %s: incomplete row %+v", id, r.Label, r)
			}
		}
		if w := bestLabel(ranks(metric, vals)); w != tb.Winner {
			t.Errorf("%s: best printed mean is %s, bold winner %s", id, w, tb.Winner)
		}
	}
}
