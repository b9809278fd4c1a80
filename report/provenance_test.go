package report

import (
	"slices"
	"strings"
	"testing"

	"github.com/admmlab/admmlab/pipeline/runs"
)

// Runs are counted once by ID, by the toolchain of their key; a run whose
// key records no toolchain is counted under "unrecorded toolchain".
func TestProvenance(t *testing.T) {
	if got := (provenance{}).markdown(); got != "" {
		t.Errorf("no runs: %q, want nothing", got)
	}
	mk := func(id, toolchain string) runs.Labeled {
		r := runs.Labeled{Record: runs.Record{ID: id}}
		r.Key.Toolchain = toolchain
		return r
	}
	p := provenance{}
	p.add([]runs.Labeled{mk("a", "go1.26 linux/amd64"), mk("b", "go1.26 linux/amd64"), mk("c", "")})
	p.add([]runs.Labeled{mk("a", "go1.26 linux/amd64"), mk("d", "go1.25 linux/arm64")}) // a again: one run
	names, n := p.counts()
	if want := []string{"", "go1.25 linux/arm64", "go1.26 linux/amd64"}; !slices.Equal(names, want) {
		t.Errorf("toolchains %q, want %q", names, want)
	}
	if n["go1.26 linux/amd64"] != 2 || n["go1.25 linux/arm64"] != 1 || n[""] != 1 {
		t.Errorf("counts %v, want 2, 1 and 1 unrecorded", n)
	}
	md := p.markdown()
	if want := "Computed by: 1 runs by `unrecorded toolchain`; 1 runs by `go1.25 linux/arm64`; 2 runs by `go1.26 linux/amd64`. "; !strings.HasPrefix(md, want) {
		t.Errorf("markdown %q, want it to start %q", md, want)
	}
}
