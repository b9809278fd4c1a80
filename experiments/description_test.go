package experiments

import (
	"fmt"
	"strings"
	"testing"
)

// A profile's description states every depth cap that removes depths from
// some experiment's grid: the quick profile said "ReLU depths ≤ 10" while
// PTB and earthquake were capped at 6.
func TestProfileDescriptionStatesDepthCaps(t *testing.T) {
	c, err := Load("")
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range c.Profiles {
		for _, d := range c.Definitions {
			sc := EffectiveScale(&d, p)
			if sc.MaxDepth == 0 || sc.Skip {
				continue
			}
			capped := false
			for _, a := range d.Algorithms {
				for _, depth := range a.Grid.Depth {
					capped = capped || depth > sc.MaxDepth
				}
			}
			if want := fmt.Sprintf("≤ %d", sc.MaxDepth); capped && !strings.Contains(p.Description, want) {
				t.Errorf("profile %s: %s caps depths at %d, which its description does not state (%q)", p.Name, d.Name, sc.MaxDepth, want)
			}
		}
	}
}
