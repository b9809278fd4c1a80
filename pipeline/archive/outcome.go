package archive

import (
	"errors"
	"fmt"
	"os"
	"strconv"
	"strings"

	"github.com/admmlab/admmlab/pipeline/runs"
)

// RunFiles lists the run IDs that the manifest of profile folder pdir
// names and whose run file is there, sorted; the error is ReadManifest's.
func RunFiles(pdir string) ([]string, error) {
	m, err := ReadManifest(pdir)
	if err != nil {
		return nil, err
	}
	var ids []string
	for _, id := range m.RunIDs() {
		if _, err := os.Stat(RunPath(pdir, id)); err == nil {
			ids = append(ids, id)
		}
	}
	return ids, nil
}

// CheckFiles checks the run file of each of ids against its own result
// hash (CheckFile, no recomputation), calling damaged for each that fails,
// and returns those as "ID-prefix (problem)".
func CheckFiles(pdir string, ids []string, damaged func(id string, spec runs.Spec, err error)) []string {
	var out []string
	for _, id := range ids {
		spec, err := CheckFile(pdir, id)
		if err != nil {
			out = append(out, fmt.Sprintf("%s (%v)", id[:12], err))
			damaged(id, spec, err)
		}
	}
	return out
}

// Line is the check's line: its state, ID, spec and first problem.
func (c Check) Line() string {
	desc := runs.Describe(c.Spec)
	switch {
	case c.Skip != "":
		return fmt.Sprintf("skipped %s  %s: %s", c.ID[:12], desc, c.Skip)
	case c.OK():
		return fmt.Sprintf("ok      %s  %s", c.ID[:12], desc)
	}
	line := fmt.Sprintf("DIFFERS %s  %s: %s", c.ID[:12], desc, c.Problem())
	if n := len(c.Diffs); n > 1 {
		line += fmt.Sprintf(" (and %d more differences)", n-1)
	}
	return line
}

// Outcome totals a verification: the sampled runs checked, those identical,
// those skipped (data not available), those that differ and the run files
// altered since they were archived (each "ID-prefix (problem)").
type Outcome struct {
	Checked, OK, Skipped int
	Bad, Damaged         []string
}

// Tally totals the checks of a sample and the damaged files of CheckFiles.
func Tally(checks []Check, damaged []string) Outcome {
	o := Outcome{Checked: len(checks), Damaged: damaged}
	for _, c := range checks {
		switch {
		case c.Skip != "":
			o.Skipped++
		case c.OK():
			o.OK++
		default:
			o.Bad = append(o.Bad, fmt.Sprintf("%s (%s)", c.ID[:12], c.Problem()))
		}
	}
	return o
}

// Err is why the verification failed: a run that differs, a damaged file,
// or a sample of which nothing could be recomputed; nil when it passed.
func (o Outcome) Err() error {
	var failed []string
	if len(o.Bad) > 0 {
		failed = append(failed, fmt.Sprintf("%d of %d runs differ from the archive: %s", len(o.Bad), o.Checked, strings.Join(o.Bad, "; ")))
	}
	if len(o.Damaged) > 0 {
		failed = append(failed, fmt.Sprintf("%d archived files altered since they were archived: %s", len(o.Damaged), strings.Join(o.Damaged, "; ")))
	}
	if len(failed) > 0 {
		return errors.New(strings.Join(failed, "; and "))
	}
	if o.OK == 0 && o.Checked > 0 {
		return errors.New("no sampled run could be recomputed here: nothing verified")
	}
	return nil
}

// ParsePercent reads "2", "2%" or "0.5" as a percentage in (0, 100].
func ParsePercent(s string) (float64, error) {
	if s == "" {
		return 0, errors.New("want a percentage of the archived runs, e.g. --sample 2")
	}
	v, err := strconv.ParseFloat(strings.TrimSuffix(s, "%"), 64)
	if err != nil || !(v > 0 && v <= 100) {
		return 0, fmt.Errorf("%q, want a percentage in (0, 100], e.g. 2 or 2%%", s)
	}
	return v, nil
}
