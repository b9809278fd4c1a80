package report

import (
	"fmt"
	"sort"
	"strings"

	"github.com/admmlab/admmlab/pipeline/runs"
)

// provenance counts the distinct runs behind the report by the toolchain
// that computed them (Go release, platform, instruction-set level and BLAS,
// as recorded in each run's cache key), so that a reader sees which build
// produced every number. The solvers' results do not depend on the machine,
// but the toolchain is part of the key all the same.
type provenance map[string]string // run ID → toolchain

func (p provenance) add(runs []runs.Labeled) {
	for _, r := range runs {
		p[r.ID] = r.Key.Toolchain
	}
}

// counts returns the toolchains, sorted, with their numbers of runs.
func (p provenance) counts() (names []string, n map[string]int) {
	n = map[string]int{}
	for _, t := range p {
		n[t]++
	}
	for t := range n {
		names = append(names, t)
	}
	sort.Strings(names)
	return names, n
}

// markdown is the report's "Computed by" paragraph.
func (p provenance) markdown() string {
	names, n := p.counts()
	if len(names) == 0 {
		return ""
	}
	var parts []string
	for _, t := range names {
		name := t
		if name == "" {
			name = "unrecorded toolchain"
		}
		parts = append(parts, fmt.Sprintf("%d runs by `%s`", n[t], name))
	}
	return "Computed by: " + strings.Join(parts, "; ") + ". ADMM and the SGD family compute on admmlab's own kernels, " +
		"so the same spec gives the same bits on any machine and with any BLAS (see the top-level README, *Reproducibility*).\n\n"
}
