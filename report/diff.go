package report

import (
	"encoding/json"
	"fmt"
	"io"
	"math"
	"sort"
	"strings"

	"github.com/admmlab/admmlab/pipeline/runs"
)

// Change is one number that differs between two summaries.
type Change struct {
	Key      string `json:"key"`
	Kind     string `json:"kind"` // changed, added, removed
	Old      Num    `json:"old"`
	New      Num    `json:"new"`
	OldStd   Num    `json:"old_std"`
	NewStd   Num    `json:"new_std"`
	Relative Num    `json:"relative"` // (new − old)/|old|; null when old is 0 or missing
	Flagged  bool   `json:"flagged"`
	// Rule names the test applied: "spread" (|new − old| > the larger
	// trial-to-trial spread), "factor 2" (no spread known: a move by more
	// than a factor 2), "timing" (never flagged) or "" for added/removed.
	Rule string `json:"rule,omitempty"`
}

// Diff compares two summaries number by number. Values are compared as
// written (%.6g), so formatting noise never shows up as a change.
//
// A change is flagged when it exceeds the trial-to-trial spread of either
// side (an exact quantity, such as a chosen depth or a verdict, has spread 0,
// so any change of it is flagged). When neither side knows its spread (a
// single trial, or a ratio or slope derived from means; std null), a missing
// spread is not taken as 0 — every rerun on another machine would then be
// flagged — but the change is flagged only when the value moves by more than
// a factor 2 (for accuracies: the error rate 1 − acc moves by a factor 2).
// Run times ("seconds") depend on the machine and its load: they are listed,
// never flagged. A number that appears or disappears is listed, not flagged.
func Diff(a, b *Summary) []Change {
	keys := map[string]bool{}
	for k := range a.Numbers {
		keys[k] = true
	}
	for k := range b.Numbers {
		keys[k] = true
	}
	var out []Change
	for k := range keys {
		na, inA := a.Numbers[k]
		nb, inB := b.Numbers[k]
		switch {
		case !inA:
			out = append(out, Change{Key: k, Kind: "added", Old: Num(math.NaN()), New: nb.Value, OldStd: Num(math.NaN()), NewStd: nb.Std, Relative: Num(math.NaN())})
		case !inB:
			out = append(out, Change{Key: k, Kind: "removed", Old: na.Value, New: Num(math.NaN()), OldStd: na.Std, NewStd: Num(math.NaN()), Relative: Num(math.NaN())})
		default:
			ov, nv := float64(na.Value), float64(nb.Value)
			if sameNum(ov, nv) {
				continue
			}
			c := Change{Key: k, Kind: "changed", Old: na.Value, New: nb.Value, OldStd: na.Std, NewStd: nb.Std, Relative: Num(math.NaN())}
			d := nv - ov
			if ov != 0 && !math.IsNaN(d) {
				c.Relative = Num(d / math.Abs(ov))
			}
			c.Rule, c.Flagged = judge(k, ov, nv, float64(na.Std), float64(nb.Std))
			out = append(out, c)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Key < out[j].Key })
	return out
}

// judge applies the rules documented on Diff.
func judge(key string, ov, nv, os, ns float64) (rule string, flagged bool) {
	if runs.IsWallClock(key) {
		return "timing", false
	}
	if math.IsNaN(ov) || math.IsNaN(nv) {
		return "spread", true // a value appeared from or vanished into null
	}
	if math.IsNaN(os) && math.IsNaN(ns) {
		if isAcc(key) {
			ov, nv = 1-ov, 1-nv
		}
		return "factor 2", beyondFactor(ov, nv, 2)
	}
	return "spread", math.Abs(nv-ov) > math.Max(nanZero(os), nanZero(ns))
}

// beyondFactor reports whether a and b differ by more than factor f, or in
// sign, or one is zero and the other not.
func beyondFactor(a, b, f float64) bool {
	if a == b {
		return false
	}
	if a == 0 || b == 0 || (a < 0) != (b < 0) {
		return true
	}
	r := a / b
	return r > f || r < 1/f
}

func nanZero(v float64) float64 {
	if math.IsNaN(v) {
		return 0
	}
	return v
}

// sameNum compares at the precision summary.json is written with.
func sameNum(a, b float64) bool {
	if math.IsNaN(a) || math.IsNaN(b) {
		return math.IsNaN(a) && math.IsNaN(b)
	}
	return fmtG(a) == fmtG(b)
}

// Flagged reports whether any change is flagged.
func Flagged(cs []Change) bool {
	for _, c := range cs {
		if c.Flagged {
			return true
		}
	}
	return false
}

// fmtSpread writes a spread; null (unknown) as "?".
func fmtSpread(v Num) string {
	if math.IsNaN(float64(v)) {
		return "?"
	}
	return fmtG(float64(v))
}

// diffLegend explains the marks of WriteDiffText.
const diffLegend = `legend: "!" = flagged: the change exceeds the larger trial-to-trial spread (std over trials; 0 for exact
  quantities such as depths and verdicts); where no spread is known ("spread ?": one trial, or a ratio
  or slope of means) only a move by more than a factor 2 is flagged (on the error rate for accuracies).
  Run times ("seconds") vary from machine to machine: they are listed, never flagged.
`

// WriteDiffText prints one line per change: key, old → new, relative
// change, the spread it was judged against, and "!" when flagged; then a
// count and a legend.
func WriteDiffText(w io.Writer, revA, revB string, cs []Change) error {
	flagged := 0
	for _, c := range cs {
		mark := "  "
		if c.Flagged {
			mark = "! "
			flagged++
		}
		var err error
		switch c.Kind {
		case "added":
			_, err = fmt.Fprintf(w, "%s%s: added %s (±%s)\n", mark, c.Key, fmtG(float64(c.New)), fmtSpread(c.NewStd))
		case "removed":
			_, err = fmt.Fprintf(w, "%s%s: removed (was %s)\n", mark, c.Key, fmtG(float64(c.Old)))
		default:
			rel := "n/a"
			if !math.IsNaN(float64(c.Relative)) {
				rel = fmt.Sprintf("%+.1f%%", 100*float64(c.Relative))
			}
			var basis string
			switch c.Rule {
			case "timing":
				basis = "run time, not flagged"
			case "factor 2":
				basis = "spread ?, flagged beyond a factor 2"
			default:
				basis = "spread " + fmtG(math.Max(nanZero(float64(c.OldStd)), nanZero(float64(c.NewStd))))
			}
			_, err = fmt.Fprintf(w, "%s%s: %s → %s (%s; %s)\n", mark, c.Key, fmtG(float64(c.Old)), fmtG(float64(c.New)), rel, basis)
		}
		if err != nil {
			return err
		}
	}
	if _, err := fmt.Fprintf(w, "%s → %s: %d numbers changed, %d flagged (beyond the trial-to-trial spread)\n", revA, revB, len(cs), flagged); err != nil {
		return err
	}
	_, err := io.WriteString(w, diffLegend)
	return err
}

// WriteDiffJSON writes the changes as JSON.
func WriteDiffJSON(w io.Writer, revA, revB string, cs []Change) error {
	if cs == nil {
		cs = []Change{}
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", " ")
	enc.SetEscapeHTML(false)
	return enc.Encode(struct {
		A       string   `json:"a"`
		B       string   `json:"b"`
		Flagged bool     `json:"flagged"`
		Legend  string   `json:"legend"`
		Changes []Change `json:"changes"`
	}{revA, revB, Flagged(cs), strings.Join(strings.Fields(diffLegend), " "), cs})
}
