package report

import (
	"testing"

	"github.com/admmlab/admmlab/report/figure"
)

// A notice shared by every panel is written once; per-layer norm panels
// share the y range of all their values.
func TestHarmonise(t *testing.T) {
	long := "data not available: earthquake (a long reason)"
	it := item{Panels: []panelSpec{{kind: pkScatter}, {kind: pkDepth}}}
	got := harmonise(it, []figure.Panel{{Title: "(a)", Notice: long}, {Title: "(b)", Notice: long}})
	if got[0].Notice != long || got[1].Notice != "as in (a)" {
		t.Errorf("notices: %q, %q", got[0].Notice, got[1].Notice)
	}
	it = item{Panels: []panelSpec{{kind: pkLayerNorms}, {kind: pkLayerNorms}}}
	got = harmonise(it, []figure.Panel{
		{Series: []figure.Series{{Y: []float64{1e-8, 1e-2}}}},
		{Series: []figure.Series{{Y: []float64{1e-3, 3}}}},
	})
	for i, p := range got {
		if p.Y == nil || p.Y.Min != 1e-8 || p.Y.Max != 3 {
			t.Errorf("panel %d: y range %+v, want [1e-8, 3]", i, p.Y)
		}
	}
}
