package report

import (
	"bytes"
	"encoding/json"
	"math"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// describe writes a change as "renamed OLD → NEW", or its kind and key.
func describe(c Change) string {
	if c.Kind == "renamed" {
		return "renamed " + c.OldKey + " → " + c.Key
	}
	return c.Kind + " " + c.Key
}

// A key that disappears while another appears on the same runs with the
// same value was renamed; anything less is a number lost and one gained.
func TestDiffRenames(t *testing.T) {
	r12 := []string{"r1", "r2"}
	num := func(v float64, runs ...string) Number {
		return Number{Value: Num(v), Std: 1e-10, N: len(runs), Runs: runs}
	}
	for _, tc := range []struct {
		name string
		a, b map[string]Number
		want []string
	}{
		{"renamed", map[string]Number{"t/ADMM (sigmoid)/x": num(2e-9, r12...)}, map[string]Number{"t/ADMM/x": num(2e-9, r12...)},
			[]string{"renamed t/ADMM (sigmoid)/x → t/ADMM/x"}},
		{"the same runs in another order", map[string]Number{"t/A/x": num(2e-9, "r2", "r1")}, map[string]Number{"t/B/x": num(2e-9, r12...)},
			[]string{"renamed t/A/x → t/B/x"}},
		{"the same value as written (%.6g)", map[string]Number{"t/A/x": num(1.0000001, r12...)}, map[string]Number{"t/B/x": num(1.0000002, r12...)},
			[]string{"renamed t/A/x → t/B/x"}},
		{"other runs", map[string]Number{"t/A/x": num(2e-9, r12...)}, map[string]Number{"t/B/x": num(2e-9, "r1", "r3")},
			[]string{"removed t/A/x", "added t/B/x"}},
		{"another value", map[string]Number{"t/A/x": num(2e-9, r12...)}, map[string]Number{"t/B/x": num(2.5e-9, r12...)},
			[]string{"removed t/A/x", "added t/B/x"}},
		{"no runs to tell them by", map[string]Number{"t/A/depth": {Value: 2, N: 1}}, map[string]Number{"t/B/depth": {Value: 2, N: 1}},
			[]string{"removed t/A/depth", "added t/B/depth"}},
		{"a label renamed: each key pairs with its namesake",
			map[string]Number{"t/A (s)/at_paper_structure/m": num(1e-3, r12...), "t/A (s)/m": num(1e-3, r12...)},
			map[string]Number{"t/A/m": num(1e-3, r12...), "t/A/at_paper_structure/m": num(1e-3, r12...)},
			[]string{"renamed t/A (s)/at_paper_structure/m → t/A/at_paper_structure/m", "renamed t/A (s)/m → t/A/m"}},
		{"two candidates: the one differing less; the other is added",
			map[string]Number{"t/A/train_mse_best": num(1e-3, r12...)},
			map[string]Number{"t/B/train_mse_best": num(1e-3, r12...), "u/B/final": num(1e-3, r12...)},
			[]string{"renamed t/A/train_mse_best → t/B/train_mse_best", "added u/B/final"}},
		// The report of Table 3 records ADMM's chosen cell at the paper's
		// structure twice; renamed, the label's table number pairs with its
		// namesake, not with the first key by name.
		{"one new key, two old alike: the namesake", map[string]Number{"t/A (s)/at_paper_structure/m": num(1e-3, r12...), "t/A (s)/m": num(1e-3, r12...)},
			map[string]Number{"t/A/m": num(1e-3, r12...)},
			[]string{"renamed t/A (s)/m → t/A/m", "removed t/A (s)/at_paper_structure/m"}},
		{"a rename beside a change", map[string]Number{"t/A/x": num(2e-9, r12...), "t/y": num(1, "r3", "r4")},
			map[string]Number{"t/B/x": num(2e-9, r12...), "t/y": num(2, "r3", "r4")},
			[]string{"renamed t/A/x → t/B/x", "changed t/y"}},
		{"a key kept is no rename", map[string]Number{"t/x": num(2e-9, r12...)}, map[string]Number{"t/x": num(2e-9, r12...), "t/copy": num(2e-9, r12...)},
			[]string{"added t/copy"}},
	} {
		cs := Diff(&Summary{Numbers: tc.a}, &Summary{Numbers: tc.b})
		var got []string
		for _, c := range cs {
			got = append(got, describe(c))
			if c.Kind == "renamed" && (c.Flagged || c.Rule != "" || c.Relative != 0 || !sameNum(float64(c.Old), float64(c.New))) {
				t.Errorf("%s: a rename is a change: %+v", tc.name, c)
			}
		}
		slices.Sort(got)
		want := slices.Clone(tc.want)
		slices.Sort(want)
		if !slices.Equal(got, want) {
			t.Errorf("%s: %q, want %q", tc.name, got, want)
		}
	}
}

// A rename reads as one line and is counted apart from the changes.
func TestDiffRenameOutput(t *testing.T) {
	a := &Summary{Numbers: map[string]Number{"t/ADMM (sigmoid)/x": {Value: 2e-9, Std: 1e-10, N: 2, Runs: []string{"r1", "r2"}}, "t/d": {Value: 2, N: 1}}}
	b := &Summary{Numbers: map[string]Number{"t/ADMM/x": {Value: 2e-9, Std: 1e-10, N: 2, Runs: []string{"r1", "r2"}}, "t/d": {Value: 3, N: 1}}}
	cs := Diff(a, b)
	var buf bytes.Buffer
	if err := WriteDiffText(&buf, "A", "B", cs); err != nil {
		t.Fatal(err)
	}
	for _, line := range []string{
		"  renamed t/ADMM (sigmoid)/x → t/ADMM/x (2e-09, unchanged)\n",
		"! t/d: 2 → 3 (+50.0%; spread 0)\n",
		"A → B: 1 numbers changed, 1 renamed, 1 flagged (beyond the trial-to-trial spread)\n",
	} {
		if !strings.Contains(buf.String(), line) {
			t.Errorf("text lacks %q:\n%s", line, buf.String())
		}
	}
	buf.Reset()
	if err := WriteDiffJSON(&buf, "A", "B", cs); err != nil {
		t.Fatal(err)
	}
	var js struct{ Changes []Change }
	if err := json.Unmarshal(buf.Bytes(), &js); err != nil {
		t.Fatal(err)
	}
	if len(js.Changes) != 2 || js.Changes[0].Kind != "renamed" || js.Changes[0].OldKey != "t/ADMM (sigmoid)/x" || js.Changes[0].Key != "t/ADMM/x" {
		t.Errorf("JSON changes: %+v", js.Changes)
	}
	if strings.Count(buf.String(), `"old_key"`) != 1 {
		t.Errorf("old_key is written for other changes too:\n%s", buf.String())
	}
}

// The rules of judge, at their edges.
func TestDiffJudge(t *testing.T) {
	nan := math.NaN()
	for _, tc := range []struct {
		name           string
		key            string
		ov, nv, os, ns float64
		rule           string
		flagged        bool
	}{
		{"a run time, however far", "t/A/seconds", 1, 1000, 0, 0, "timing", false},
		{"a wall time of a stage", "t/A/refit_seconds", 1, 1000, 0, 0, "timing", false},
		{"a value appears from null", "t/A/x", nan, 1, nan, nan, "spread", true},
		{"exactly twice, no spread", "t/A/train_mse_best", 1, 2, nan, nan, "factor 2", false},
		{"beyond twice, no spread", "t/A/train_mse_best", 1, 2.01, nan, nan, "factor 2", true},
		{"halved, no spread", "t/A/train_mse_best", 2, 1, nan, nan, "factor 2", false},
		{"to zero, no spread", "t/A/train_mse_best", 1, 0, nan, nan, "factor 2", true},
		{"a change of sign, no spread", "t/A/slope", -1, 1, nan, nan, "factor 2", true},
		{"an accuracy's error rate 2% → 3%", "t/A/test_acc_best", 0.98, 0.97, nan, nan, "factor 2", false},
		{"an accuracy's error rate 2% → 5%", "t/A/test_acc_best", 0.98, 0.95, nan, nan, "factor 2", true},
		{"within the larger spread", "t/A/x", 1, 1.5, 0.1, 0.6, "spread", false},
		{"beyond both spreads", "t/A/x", 1, 1.5, 0.1, 0.2, "spread", true},
		{"one side's spread unknown: the other's", "t/A/x", 1, 1.5, nan, 0.6, "spread", false},
		{"an exact number", "t/A/depth", 2, 3, 0, 0, "spread", true},
	} {
		rule, flagged := judge(tc.key, tc.ov, tc.nv, tc.os, tc.ns)
		if rule != tc.rule || flagged != tc.flagged {
			t.Errorf("%s: %q, %v; want %q, %v", tc.name, rule, flagged, tc.rule, tc.flagged)
		}
	}
	if beyondFactor(0, 0, 2) || !beyondFactor(0, 1e-9, 2) {
		t.Error("beyondFactor: zero against zero is no move, against anything else is")
	}
}

// Two reports of the same runs, one with ADMM's label renamed: its table
// numbers rest on the same runs with the same values and read as renamed,
// each to its namesake (the best and final epochs differ in value, the
// run time in its ending).
func TestDiffRenamedLabelEndToEnd(t *testing.T) {
	src := fixedRuns()
	out, _ := build(t, src, Options{})
	renamed := fakeSource{}
	for exp, rs := range src {
		for _, r := range rs {
			if r.Label == "ADMM (sigmoid)" {
				r.Label = "ADMM"
			}
			renamed[exp] = append(renamed[exp], r)
		}
	}
	out2, _ := build(t, renamed, Options{})
	var sums [2]*Summary
	for i, dir := range []string{out, out2} {
		s, err := ParseSummary([]byte(read(t, filepath.Join(dir, "summary.json"))))
		if err != nil {
			t.Fatal(err)
		}
		sums[i] = s
	}
	got := map[string]string{}
	for _, c := range Diff(sums[0], sums[1]) {
		if c.Kind == "renamed" {
			got[c.OldKey] = c.Key
			if c.Flagged {
				t.Errorf("a rename is flagged: %+v", c)
			}
		}
	}
	for _, q := range []string{"train_mse_best", "train_mse_final", "seconds"} {
		if old := "table3/ADMM (sigmoid)/" + q; got[old] != "table3/ADMM/"+q {
			t.Errorf("%s renamed to %q, want table3/ADMM/%s", old, got[old], q)
		}
	}
	if k, ok := got["table3/ADMM (sigmoid)/at_paper_structure/train_mse_best"]; ok {
		t.Errorf("the cell at the paper's structure renamed to %s", k)
	}
}

// diffSides are two summaries with one number of each kind of change.
func diffSides() (a, b *Summary) {
	nan := Num(math.NaN())
	a = &Summary{Numbers: map[string]Number{
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
	b = &Summary{Numbers: map[string]Number{
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
	return a, b
}

func TestDiff(t *testing.T) {
	cs := Diff(diffSides())
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
}

func TestDiffOutput(t *testing.T) {
	cs := Diff(diffSides())
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
