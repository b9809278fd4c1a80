package report

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"strconv"
)

// Summary is summary.json: every reported number with the runs behind it.
// Keys are "item/label/quantity" (e.g. "table3/ADMM (sigmoid)/train_mse_best");
// encoding/json sorts map keys and Num prints %.6g, so two reports of the
// same results are byte-identical and diffs stay small.
type Summary struct {
	Profile string            `json:"profile"`
	Commit  string            `json:"commit"`
	Numbers map[string]Number `json:"numbers"`
	// Toolchains counts the distinct runs by the toolchain that computed them.
	Toolchains map[string]int `json:"toolchains,omitempty"`
	// Notes qualify every number under a key prefix, e.g. "table10":
	// "PTB subset: 5,237 of 14,552 beats".
	Notes map[string]string `json:"notes,omitempty"`
	// stats keeps each mean's Stat, which later verdicts compare on the
	// scale of its trials (see verdict.Scale.Separated).
	stats map[string]Stat
}

// Number is one reported value: a mean over trials with its spread, the
// sample standard deviation over trials. Std is null when the spread is
// unknown (a single trial) and 0 for an exact quantity such as a depth, an
// analytic error or a verdict. Diverged counts runs left out of the mean.
type Number struct {
	Value    Num      `json:"value"`
	Std      Num      `json:"std"`
	N        int      `json:"n"`
	Diverged int      `json:"diverged,omitempty"`
	Runs     []string `json:"runs,omitempty"`
}

// Num is a float64 written with %.6g; NaN and ±Inf are written as null.
type Num float64

// MarshalJSON implements json.Marshaler.
func (v Num) MarshalJSON() ([]byte, error) {
	f := float64(v)
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return []byte("null"), nil
	}
	return []byte(strconv.FormatFloat(f, 'g', 6, 64)), nil
}

// UnmarshalJSON implements json.Unmarshaler; null reads as NaN.
func (v *Num) UnmarshalJSON(b []byte) error {
	if string(b) == "null" {
		*v = Num(math.NaN())
		return nil
	}
	f, err := strconv.ParseFloat(string(b), 64)
	if err != nil {
		return fmt.Errorf("number %s: %w", b, err)
	}
	*v = Num(f)
	return nil
}

func newSummary(profile, commit string) *Summary {
	return &Summary{Profile: profile, Commit: commit, Numbers: map[string]Number{}}
}

// addStat records a mean over trials; with fewer than two values the
// spread is unknown and written as null.
func (s *Summary) addStat(key string, st Stat) {
	std := st.Std
	if st.N <= 1 {
		std = math.NaN()
	}
	s.Numbers[key] = Number{Value: Num(st.Mean), Std: Num(std), N: st.N, Diverged: st.Diverged, Runs: st.Runs}
	if s.stats == nil {
		s.stats = map[string]Stat{}
	}
	s.stats[key] = st
}

// addNote qualifies every number whose key starts with prefix + "/".
func (s *Summary) addNote(prefix, note string) {
	if s.Notes == nil {
		s.Notes = map[string]string{}
	}
	s.Notes[prefix] = note
}

// addExact records an exact quantity (a depth, a width, an analytic value).
func (s *Summary) addExact(key string, v float64, runs []string) {
	s.Numbers[key] = Number{Value: Num(v), N: 1, Runs: runs}
}

// addDerived records a quantity computed from trial means (a ratio to the
// paper, a fitted slope): it inherits their noise, whose size is not
// propagated, so its spread is unknown (null).
func (s *Summary) addDerived(key string, v float64, runs []string) {
	s.Numbers[key] = Number{Value: Num(v), Std: Num(math.NaN()), N: 1, Runs: runs}
}

// Marshal encodes the summary with sorted keys and indentation.
func (s *Summary) Marshal() ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent("", " ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(s); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// ParseSummary decodes a summary.json.
func ParseSummary(data []byte) (*Summary, error) {
	var s Summary
	if err := json.Unmarshal(data, &s); err != nil {
		return nil, fmt.Errorf("summary.json: %w", err)
	}
	if s.Numbers == nil {
		return nil, fmt.Errorf("summary.json: no \"numbers\" object")
	}
	return &s, nil
}

// Worktree names the working tree as a side of diff (SummaryAt).
const Worktree = "worktree"

// SummaryAt reads the summary file path as of revision rev, read by show
// (git show rev:path, through the caller); from the working tree when rev
// is Worktree; or, when rev names an existing file, that file (a
// summary.json rendered elsewhere, e.g. by another build into a scratch
// directory). Show's error is returned as it is; a read error says where
// the file was read, a parse error names it.
func SummaryAt(rev, path string, show func(rev, path string) ([]byte, error)) (*Summary, error) {
	if fi, err := os.Stat(rev); err == nil && fi.Mode().IsRegular() {
		return readSummary(rev, "", rev)
	}
	if rev == Worktree {
		return readSummary(path, "working tree: ", path+" in the working tree")
	}
	b, err := show(rev, path)
	if err != nil {
		return nil, err
	}
	s, err := ParseSummary(b)
	if err != nil {
		return nil, fmt.Errorf("%s at %s: %w", path, rev, err)
	}
	return s, nil
}

// readSummary reads a summary file; a read error is prefixed by where, a
// parse error names what.
func readSummary(file, where, what string) (*Summary, error) {
	b, err := os.ReadFile(file)
	if err != nil {
		return nil, fmt.Errorf("%s%w", where, err)
	}
	s, err := ParseSummary(b)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", what, err)
	}
	return s, nil
}

func (b *builder) writeSummary() error {
	data, err := b.an.Summary.Marshal()
	if err != nil {
		return err
	}
	return b.write("summary.json", data)
}
