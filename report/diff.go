package report

import (
	"encoding/json"
	"fmt"
	"io"
	"math"
	"slices"
	"sort"
	"strings"

	"github.com/admmlab/admmlab/pipeline/runs"
)

// Change is one number that differs between two summaries.
type Change struct {
	Key  string `json:"key"`
	Kind string `json:"kind"` // changed, added, removed, renamed
	// OldKey is the key a renamed number had (Key is its new one).
	OldKey   string `json:"old_key,omitempty"`
	Old      Num    `json:"old"`
	New      Num    `json:"new"`
	OldStd   Num    `json:"old_std"`
	NewStd   Num    `json:"new_std"`
	Relative Num    `json:"relative"` // (new − old)/|old|; null when old is 0 or missing
	Flagged  bool   `json:"flagged"`
	// Rule names the test applied: "spread" (|new − old| > the larger
	// trial-to-trial spread), "factor 2" (no spread known: a move by more
	// than a factor 2), "timing" (never flagged) or "" for added, removed and
	// renamed numbers.
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
// never flagged. A number that appears or disappears is listed, not flagged;
// one that only moved to another key, on the same runs with the same value,
// is listed as renamed (see renames), not as one removed and one added.
func Diff(a, b *Summary) []Change {
	var out []Change
	var removed, added []string
	for k, na := range a.Numbers {
		nb, inB := b.Numbers[k]
		switch {
		case !inB:
			removed = append(removed, k)
		case !sameNum(float64(na.Value), float64(nb.Value)):
			c := Change{Key: k, Kind: "changed", Old: na.Value, New: nb.Value, OldStd: na.Std, NewStd: nb.Std, Relative: relative(na.Value, nb.Value)}
			c.Rule, c.Flagged = judge(k, float64(na.Value), float64(nb.Value), float64(na.Std), float64(nb.Std))
			out = append(out, c)
		}
	}
	for k := range b.Numbers {
		if _, inA := a.Numbers[k]; !inA {
			added = append(added, k)
		}
	}
	renamed := renames(a, b, removed, added)
	isNew := map[string]bool{}
	for _, k := range removed {
		na := a.Numbers[k]
		if n, ok := renamed[k]; ok {
			nb := b.Numbers[n]
			isNew[n] = true
			// The same value as written: no relative change.
			out = append(out, Change{Key: n, OldKey: k, Kind: "renamed", Old: na.Value, New: nb.Value, OldStd: na.Std, NewStd: nb.Std})
			continue
		}
		out = append(out, Change{Key: k, Kind: "removed", Old: na.Value, New: Num(math.NaN()), OldStd: na.Std, NewStd: Num(math.NaN()), Relative: Num(math.NaN())})
	}
	for _, k := range added {
		if nb := b.Numbers[k]; !isNew[k] {
			out = append(out, Change{Key: k, Kind: "added", Old: Num(math.NaN()), New: nb.Value, OldStd: Num(math.NaN()), NewStd: nb.Std, Relative: Num(math.NaN())})
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Key < out[j].Key })
	return out
}

// relative is (new − old)/|old|, NaN when old is 0 or either is NaN.
func relative(old, new Num) Num {
	d := float64(new - old)
	if old == 0 || math.IsNaN(d) {
		return Num(math.NaN())
	}
	return Num(d / math.Abs(float64(old)))
}

// renames pairs keys only a has (removed) with keys only b has (added)
// that hold the same value (as written) on the same runs, which must not be
// none: such a number was renamed, not lost and another gained. When a key
// could pair with several (renaming a label renames all its keys, several
// of which may rest on the same runs with the same value), the pairs whose
// keys differ least (editSpan) go first, then by name; each key pairs once.
// It returns the new key by the old.
func renames(a, b *Summary, removed, added []string) map[string]string {
	sig := func(n Number) string {
		ids := slices.Clone(n.Runs)
		slices.Sort(ids)
		return fmtG(float64(n.Value)) + "\x00" + strings.Join(ids, "\x00")
	}
	bySig := map[string][]string{}
	for _, k := range added {
		if n := b.Numbers[k]; len(n.Runs) > 0 {
			bySig[sig(n)] = append(bySig[sig(n)], k)
		}
	}
	type pair struct {
		old, new string
		span     int
	}
	var pairs []pair
	for _, o := range removed {
		if n := a.Numbers[o]; len(n.Runs) > 0 {
			for _, k := range bySig[sig(n)] {
				pairs = append(pairs, pair{o, k, editSpan(o, k)})
			}
		}
	}
	sort.Slice(pairs, func(i, j int) bool {
		p, q := pairs[i], pairs[j]
		switch {
		case p.span != q.span:
			return p.span < q.span
		case p.old != q.old:
			return p.old < q.old
		}
		return p.new < q.new
	})
	out, taken := map[string]string{}, map[string]bool{}
	for _, p := range pairs {
		if _, done := out[p.old]; !done && !taken[p.new] {
			out[p.old], taken[p.new] = p.new, true
		}
	}
	return out
}

// editSpan is how many bytes of a and b lie outside their longest common
// beginning and, after it, their longest common ending: the part a rename
// changed ("t/A (s)/m" → "t/A/m": the 4 bytes of " (s)").
func editSpan(a, b string) int {
	p := 0
	for p < len(a) && p < len(b) && a[p] == b[p] {
		p++
	}
	s := 0
	for s < len(a)-p && s < len(b)-p && a[len(a)-1-s] == b[len(b)-1-s] {
		s++
	}
	return len(a) + len(b) - 2*(p+s)
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
	flagged, renamed := 0, 0
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
		case "renamed":
			renamed++
			_, err = fmt.Fprintf(w, "%srenamed %s → %s (%s, unchanged)\n", mark, c.OldKey, c.Key, fmtG(float64(c.New)))
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
	renames := ""
	if renamed > 0 {
		renames = fmt.Sprintf(", %d renamed", renamed)
	}
	if _, err := fmt.Fprintf(w, "%s → %s: %d numbers changed%s, %d flagged (beyond the trial-to-trial spread)\n", revA, revB, len(cs)-renamed, renames, flagged); err != nil {
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
