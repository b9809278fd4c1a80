package archive

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"path/filepath"
	"slices"
	"strings"

	"github.com/admmlab/admmlab/pipeline/runs"
	"github.com/admmlab/admmlab/pipeline/store"
)

// Keyer keys a spec as this build would (the code fingerprint, data digest
// and toolchain of its key): pipeline.Resolver.Classify does. skip, when
// not empty, says why the spec's data set cannot be had here.
type Keyer func(spec runs.Spec) (key runs.Key, skip string, err error)

// Reasons an archived run is not imported, besides a key that differs
// (Why).
const (
	WhyAltered     = "altered: its content no longer matches its result hash"
	WhyUnreadable  = "unreadable run file"
	WhyUnavailable = "its data set is not available here"
)

// Why says how an archived key differs from the key this build gives its
// spec: "archived under other code", "… other data", "… another
// toolchain", joined; "" when they are the same.
func Why(archived, current runs.Key) string {
	var why []string
	if archived.CodeFingerprint != current.CodeFingerprint {
		why = append(why, "other code")
	}
	if archived.DataDigest != current.DataDigest {
		why = append(why, "other data")
	}
	if archived.Toolchain != current.Toolchain {
		why = append(why, "another toolchain")
	}
	if len(why) == 0 {
		return ""
	}
	return "archived under " + strings.Join(why, ", ")
}

// ImportStats says what Import did, per profile folder.
type ImportStats struct {
	Profile  string
	Imported int // runs added to the store
	Present  int // runs the store already holds done
	// Unarchived counts the runs the plans name that have no run file: not
	// done where the archive was exported (e.g. their data set was missing).
	Unarchived int
	Left       map[string]int // runs not imported, by reason (they are recomputed)
	Plans      int            // plans added (a plan already there keeps its later date)
	Problems   []string       // the run files that could not be read or were altered, and why
}

// Import seeds st from the profile folders of dir (profiles; nil: every
// folder with a plans.json): each archived run the store lacks is added
// when the key this build gives its spec (keyer) is the archived key, and
// left out otherwise, counted under the reason (Why, or WhyAltered,
// WhyUnreadable, WhyUnavailable), so that `run` recomputes it.
// Then each profile's plans are added as Merge adds plans. A missing
// archive directory imports nothing.
func Import(ctx context.Context, st *store.Store, dir string, profiles []string, keyer Keyer) ([]ImportStats, error) {
	if profiles == nil {
		var err error
		if profiles, err = Profiles(dir); err != nil {
			return nil, err
		}
	}
	ix, err := st.Index(ctx)
	if err != nil {
		return nil, fmt.Errorf("store %s: %w", st.Path(), err)
	}
	var out []ImportStats
	for _, p := range profiles {
		s, err := importProfile(ctx, st, ix, filepath.Join(dir, p), keyer)
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err != nil {
			return out, err
		}
		out = append(out, s)
	}
	return out, nil
}

func importProfile(ctx context.Context, st *store.Store, ix *store.Index, pdir string, keyer Keyer) (ImportStats, error) {
	s := ImportStats{Profile: filepath.Base(pdir), Left: map[string]int{}}
	m, err := ReadManifest(pdir)
	if err != nil {
		return s, err
	}
	for _, id := range m.RunIDs() {
		if ctx.Err() != nil {
			return s, ctx.Err()
		}
		if r, ok := ix.ByID[id]; ok && r.Status == runs.StatusDone {
			s.Present++
			continue
		}
		why, err := importRun(st, RunPath(pdir, id), keyer, &s)
		if err != nil {
			return s, err
		}
		if why == whyNoFile {
			s.Unarchived++
			continue
		}
		if why != "" {
			s.Left[why]++
			continue
		}
		s.Imported++
	}
	for _, p := range m.Plans {
		if err := st.AddPlan(ctx, p.storePlan(m.Profile)); err != nil {
			return s, fmt.Errorf("store %s: %w", st.Path(), err)
		}
		s.Plans++
	}
	return s, nil
}

// importRun adds the run file at path to st, or says why not.
func importRun(st *store.Store, path string, keyer Keyer, s *ImportStats) (string, error) {
	run, err := ReadFile(path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return whyNoFile, nil
	case err != nil:
		s.Problems = append(s.Problems, err.Error())
		return WhyUnreadable, nil
	case ResultHash(run.Result) != run.ResultHash:
		s.Problems = append(s.Problems, fmt.Sprintf("%s: %s", path, WhyAltered))
		return WhyAltered, nil
	}
	key, skip, err := keyer(run.Spec)
	if err != nil {
		return "", fmt.Errorf("%s: %w", path, err)
	}
	if skip != "" {
		return WhyUnavailable, nil
	}
	if why := Why(run.Key, key); why != "" {
		return why, nil
	}
	if err := st.Put(run.Record); err != nil {
		return "", fmt.Errorf("store %s: %w", st.Path(), err)
	}
	return "", nil
}

// whyNoFile is a run a plan names without a run file.
const whyNoFile = "not archived"

// Reasons lists an ImportStats' reasons in a fixed order.
func (s ImportStats) Reasons() []string {
	var out []string
	for why := range s.Left {
		out = append(out, why)
	}
	slices.Sort(out)
	return out
}
