package archive

import (
	"path/filepath"
	"slices"

	"github.com/admmlab/admmlab/pipeline/runs"
)

// WhyNotImported is why a spec pending in the store is in the archive under
// this build's key all the same: the archive was not imported.
const WhyNotImported = "archived, not imported (admmlab archive import)"

// Archived is what an archive holds of each spec: the keys of its archived
// runs, by spec hash.
type Archived map[string][]runs.Key

// ReadArchived lists the keys of the runs archived in dir's profile
// folders, reading only each run file's first line. A run file that cannot
// be read is left out (Import says why); a missing directory holds nothing.
func ReadArchived(dir string) (Archived, error) {
	profiles, err := Profiles(dir)
	if err != nil {
		return nil, err
	}
	a := Archived{}
	for _, p := range profiles {
		pdir := filepath.Join(dir, p)
		m, err := ReadManifest(pdir)
		if err != nil {
			return nil, err
		}
		for _, id := range m.RunIDs() {
			run, err := ReadHeader(RunPath(pdir, id))
			if err != nil {
				continue
			}
			if k := run.Key; !slices.Contains(a[k.SpecHash], k) {
				a[k.SpecHash] = append(a[k.SpecHash], k)
			}
		}
	}
	return a, nil
}

// Why says why a spec that the store lacks under key current is not cached
// from the archive: "" when the archive does not hold the spec; otherwise
// how the archived key differs (see Why), or WhyNotImported when it does
// not.
func (a Archived) Why(current runs.Key) string {
	keys := a[current.SpecHash]
	if len(keys) == 0 {
		return ""
	}
	if slices.Contains(keys, current) {
		return WhyNotImported
	}
	return Why(keys[0], current)
}
