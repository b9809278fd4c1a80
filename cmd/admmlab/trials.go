package main

import (
	"fmt"
	"io"
	"maps"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/admmlab/admmlab/experiments"
	"github.com/admmlab/admmlab/pipeline/archive"
)

// trialsFlag is --trials: a cap on every experiment's trials, or
// "archived": each experiment's trials as the run archive holds them.
type trialsFlag struct {
	n        int  // 0: the profile's
	archived bool // per experiment, as archived
}

// trialsArchived is the --trials value that reads the caps off the archive.
const trialsArchived = "archived"

func (f *trialsFlag) String() string {
	if f.archived {
		return trialsArchived
	}
	return strconv.Itoa(f.n)
}

func (f *trialsFlag) Set(s string) error {
	if s == trialsArchived {
		*f = trialsFlag{archived: true}
		return nil
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < 0 {
		return fmt.Errorf("want a count ≥ 0 or %q", trialsArchived)
	}
	*f = trialsFlag{n: n}
	return nil
}

// capAsArchived caps each experiment the archive holds of the profile to
// the trials its archived plan ran, and returns the experiments to select:
// those of only, each of which the archive must hold, or else every
// experiment it holds. Points runs are archived with a --trials of their
// own per experiment, so this is what recomputes them as they are archived
// after a change of code.
func capAsArchived(cat *experiments.Catalogue, profile, dir string, only []string, stderr io.Writer) ([]string, error) {
	pdir := filepath.Join(dir, profile)
	trials, err := archive.Trials(pdir)
	if err != nil {
		return nil, inputErrorf("flag --trials %s: %v", trialsArchived, err)
	}
	var held, caps []string
	for _, name := range slices.Sorted(maps.Keys(trials)) {
		if !cat.CapDefinitionTrials(profile, name, trials[name]) {
			fmt.Fprintf(stderr, "admmlab: warning: %s holds experiment %s, which the catalogue does not define; left out\n", pdir, name)
			continue
		}
		held = append(held, name)
		caps = append(caps, fmt.Sprintf("%s %d", name, trials[name]))
	}
	if len(held) == 0 {
		return nil, inputErrorf("flag --trials %s: %s holds no plan of an experiment the catalogue defines", trialsArchived, pdir)
	}
	fmt.Fprintf(stderr, "admmlab: trials as archived in %s: %s\n", pdir, strings.Join(caps, ", "))
	if len(only) == 0 {
		return held, nil
	}
	for _, name := range only {
		if !slices.Contains(held, name) {
			return nil, usageErrorf("flag --only: %s: %s holds no plan of it (with --trials %s, only the experiments the archive holds run)", name, pdir, trialsArchived)
		}
	}
	return only, nil
}
