package archive

import (
	"strings"

	"github.com/admmlab/admmlab/pipeline/runs"
)

// Trials reads how many trials the archived plans of a profile folder ran:
// by experiment (a refit's plan counted with the experiment it refits), one
// more than the largest trial index among its runs. With these as
// per-experiment caps, the profile's expansion names the archived plans
// again, e.g. after a change of code that recomputes them all, although
// each experiment was run with its own --trials.
//
// A run file that cannot be read is an error: a trial count read from part
// of a plan could be short.
func Trials(profileDir string) (map[string]int, error) {
	m, err := ReadManifest(profileDir)
	if err != nil {
		return nil, err
	}
	refit := runs.RefitName("")
	trials := map[string]int{}
	for _, p := range m.Plans {
		name := strings.TrimSuffix(p.Experiment, refit)
		for _, r := range p.Runs {
			run, err := ReadHeader(RunPath(profileDir, r[1]))
			if err != nil {
				return nil, err
			}
			trials[name] = max(trials[name], run.Spec.Trial+1)
		}
	}
	return trials, nil
}
