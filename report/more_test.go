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
