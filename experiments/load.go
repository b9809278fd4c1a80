package experiments

import (
	"embed"
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"path"
	"sort"
	"strings"
)

//go:embed defs/*.json profiles.json
var builtin embed.FS

// Catalogue is the set of definitions and profiles.
type Catalogue struct {
	Definitions []Definition
	Profiles    []Profile
}

// Load reads the catalogue from dir, which holds defs/*.json and
// profiles.json; dir == "" means the definitions built into the binary.
// Unknown JSON fields are errors naming the file, so a typo never silently
// changes an experiment.
func Load(dir string) (*Catalogue, error) {
	var fsys fs.FS = builtin
	if dir != "" {
		fsys = os.DirFS(dir)
	}
	c := &Catalogue{}
	names, err := fs.Glob(fsys, "defs/*.json")
	if err != nil {
		return nil, err
	}
	if len(names) == 0 {
		return nil, fmt.Errorf("experiments: no definitions in %s", path.Join(dirName(dir), "defs"))
	}
	sort.Strings(names)
	for _, name := range names {
		var d Definition
		if err := decodeStrict(fsys, name, &d); err != nil {
			return nil, fmt.Errorf("experiments: %s: %w", path.Join(dirName(dir), name), err)
		}
		c.Definitions = append(c.Definitions, d)
	}
	if err := decodeStrict(fsys, "profiles.json", &c.Profiles); err != nil {
		return nil, fmt.Errorf("experiments: %s: %w", path.Join(dirName(dir), "profiles.json"), err)
	}
	return c, nil
}

func dirName(dir string) string {
	if dir == "" {
		return "(built-in)"
	}
	return dir
}

func decodeStrict(fsys fs.FS, name string, v any) error {
	b, err := fs.ReadFile(fsys, name)
	if err != nil {
		return err
	}
	dec := json.NewDecoder(strings.NewReader(string(b)))
	dec.DisallowUnknownFields()
	return dec.Decode(v)
}

// Profile returns the named profile.
func (c *Catalogue) Profile(name string) (Profile, error) {
	var names []string
	for _, p := range c.Profiles {
		if p.Name == name {
			return p, nil
		}
		names = append(names, p.Name)
	}
	return Profile{}, fmt.Errorf("unknown profile %q, want one of %s", name, strings.Join(names, ", "))
}
