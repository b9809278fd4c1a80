package archive

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/admmlab/admmlab/pipeline/store"
)

// ManifestName is a profile folder's list of plans.
const ManifestName = "plans.json"

// Manifest is a profile's plans as archived: per experiment, the plan the
// report reads (the latest), with the (label, run ID) pairs it names.
type Manifest struct {
	Format  int            `json:"format"`
	Profile string         `json:"profile"`
	Plans   []ManifestPlan `json:"plans"`
}

// ManifestPlan is one experiment's plan.
type ManifestPlan struct {
	Experiment string      `json:"experiment"`
	ID         string      `json:"plan"`
	PlannedAt  string      `json:"planned_at"`
	Runs       [][2]string `json:"runs"` // label, run ID; sorted
}

// manifestOf turns stored plans into a manifest.
func manifestOf(profile string, plans []store.Plan) Manifest {
	m := Manifest{Format: FormatVersion, Profile: profile, Plans: []ManifestPlan{}}
	for _, p := range plans {
		mp := ManifestPlan{Experiment: p.Experiment, ID: p.ID, PlannedAt: p.PlannedAt, Runs: [][2]string{}}
		for _, e := range p.Entries {
			mp.Runs = append(mp.Runs, [2]string{e.Label, e.RunID})
		}
		m.Plans = append(m.Plans, mp)
	}
	slices.SortFunc(m.Plans, func(a, b ManifestPlan) int { return strings.Compare(a.Experiment, b.Experiment) })
	return m
}

// storePlan is the plan as the store keeps it.
func (p ManifestPlan) storePlan(profile string) store.Plan {
	sp := store.Plan{ID: p.ID, Experiment: p.Experiment, Profile: profile, PlannedAt: p.PlannedAt}
	for _, r := range p.Runs {
		sp.Entries = append(sp.Entries, store.PlanEntry{Label: r[0], RunID: r[1]})
	}
	return sp
}

// RunIDs lists the distinct run IDs the manifest's plans name, sorted.
func (m Manifest) RunIDs() []string {
	var ids []string
	for _, p := range m.Plans {
		for _, r := range p.Runs {
			ids = append(ids, r[1])
		}
	}
	slices.Sort(ids)
	return slices.Compact(ids)
}

// marshal writes the manifest with one plan's header and one run per line,
// so that a changed plan shows as a short diff.
func (m Manifest) marshal() []byte {
	var b bytes.Buffer
	enc := func(v any) []byte {
		out, err := json.Marshal(v)
		if err != nil {
			panic(err) // strings and ints always marshal
		}
		return out
	}
	fmt.Fprintf(&b, "{\"format\": %d, \"profile\": %s, \"plans\": [", m.Format, enc(m.Profile))
	for i, p := range m.Plans {
		if i > 0 {
			b.WriteString(",")
		}
		fmt.Fprintf(&b, "\n{\"experiment\": %s, \"plan\": %s, \"planned_at\": %s, \"runs\": [",
			enc(p.Experiment), enc(p.ID), enc(p.PlannedAt))
		for j, r := range p.Runs {
			if j > 0 {
				b.WriteString(",")
			}
			fmt.Fprintf(&b, "\n  %s", enc(r))
		}
		b.WriteString("]}")
	}
	b.WriteString("\n]}\n")
	return b.Bytes()
}

// ReadManifest reads a profile folder's plans.json and checks each plan's
// ID against its content (a plan of a schema v1 store, "v1:…", has none).
func ReadManifest(profileDir string) (Manifest, error) {
	path := filepath.Join(profileDir, ManifestName)
	var m Manifest
	b, err := os.ReadFile(path)
	if err != nil {
		return m, err
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&m); err != nil {
		return m, fmt.Errorf("%s: %w", path, err)
	}
	if m.Format != FormatVersion {
		return m, fmt.Errorf("%s: format %d, this admmlab reads %d", path, m.Format, FormatVersion)
	}
	if want := filepath.Base(profileDir); m.Profile != want {
		return m, fmt.Errorf("%s: profile %q in the folder of profile %q", path, m.Profile, want)
	}
	for _, p := range m.Plans {
		sp := p.storePlan(m.Profile)
		for _, e := range sp.Entries {
			if !validID(e.RunID) {
				return m, fmt.Errorf("%s: plan of %s: run ID %q, want 64 hex digits", path, p.Experiment, e.RunID)
			}
		}
		if strings.HasPrefix(p.ID, "v1:") {
			continue
		}
		if id := store.PlanID(p.Experiment, m.Profile, store.SortEntries(sp.Entries)); id != p.ID {
			return m, fmt.Errorf("%s: plan of %s: ID %s does not match its runs (they hash to %s)", path, p.Experiment, p.ID, id)
		}
	}
	return m, nil
}

// Profiles lists the profile folders of an archive directory that hold a
// manifest, sorted; a missing directory holds none.
func Profiles(dir string) ([]string, error) {
	entries, err := os.ReadDir(dir)
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var out []string
	for _, e := range entries {
		if _, err := os.Stat(filepath.Join(dir, e.Name(), ManifestName)); e.IsDir() && err == nil {
			out = append(out, e.Name())
		}
	}
	return out, nil
}

// RunPath is where the run file of id lives in a profile folder: under a
// folder named by its first two hex digits, so that no folder grows past a
// few hundred files at the full profile's scale.
func RunPath(profileDir, id string) string {
	return filepath.Join(profileDir, "runs", id[:2], id+".run.gz")
}

// validID reports whether id looks like a run ID: 64 lowercase hex digits
// (so that it names a file inside the archive and nothing else).
func validID(id string) bool {
	if len(id) != 64 {
		return false
	}
	for _, c := range id {
		if (c < '0' || c > '9') && (c < 'a' || c > 'f') {
			return false
		}
	}
	return true
}
