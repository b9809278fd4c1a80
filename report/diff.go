package report

import (
	"encoding/json"
	"fmt"
	"io"
	"math"
	"sort"
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
	Flagged  bool   `json:"flagged"`  // |new − old| > max(old_std, new_std)
}

// Diff compares two summaries number by number. Values are compared as
// written (%.6g), so formatting noise never shows up as a change. A change
// is flagged when it exceeds the trial-to-trial spread of either side; a
// number that appears or disappears is listed but not flagged.
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
			spread := math.Max(nanZero(float64(na.Std)), nanZero(float64(nb.Std)))
			c.Flagged = math.IsNaN(d) || math.Abs(d) > spread
			out = append(out, c)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Key < out[j].Key })
	return out
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

// WriteDiffText prints one line per change: key, old → new, relative
// change, and "FLAG" when it exceeds the spread.
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
			_, err = fmt.Fprintf(w, "%s%s: added %s (±%s)\n", mark, c.Key, fmtG(float64(c.New)), fmtG(float64(c.NewStd)))
		case "removed":
			_, err = fmt.Fprintf(w, "%s%s: removed (was %s)\n", mark, c.Key, fmtG(float64(c.Old)))
		default:
			rel := "n/a"
			if !math.IsNaN(float64(c.Relative)) {
				rel = fmt.Sprintf("%+.1f%%", 100*float64(c.Relative))
			}
			spread := math.Max(nanZero(float64(c.OldStd)), nanZero(float64(c.NewStd)))
			_, err = fmt.Fprintf(w, "%s%s: %s → %s (%s; spread %s)\n", mark, c.Key, fmtG(float64(c.Old)), fmtG(float64(c.New)), rel, fmtG(spread))
		}
		if err != nil {
			return err
		}
	}
	_, err := fmt.Fprintf(w, "%s → %s: %d numbers changed, %d beyond the trial-to-trial spread\n", revA, revB, len(cs), flagged)
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
		Changes []Change `json:"changes"`
	}{revA, revB, Flagged(cs), cs})
}
