package experiments

import (
	"fmt"
	"testing"
)

// Position finds a field as written: keys, array indices, nested objects;
// FieldPosition reads the field as validation names it, falling back to
// the parent of a field left out.
func TestPosition(t *testing.T) {
	d := Definition{source: []byte(`{"name": "x",
 "algorithms": [{"label": "A"},
   {"label": "B", "grid": {"width": [2, 1e12]}}],
 "select": {"on": "test"}}`)}
	for _, tc := range []struct {
		field string
		want  string
	}{
		{"name", "1:10"},
		{`algorithms[1] "B": grid.width`, "3:37"},
		{`algorithms[0] "A": label`, "2:27"},
		{"select.on", "4:19"},
		{"select.fraction", "4:12"}, // left out: its parent
		// a field left out: its parent, the grid
		{`algorithms[1] "B": grid.depth × grid.width: 1 × 2`, "3:27"},
		{"nothing", ""},
	} {
		if got := d.FieldPosition(tc.field); got != tc.want {
			t.Errorf("FieldPosition(%q) = %q, want %q (path %v)", tc.field, got, tc.want, FieldPath(tc.field))
		}
	}
	if got := fmt.Sprint(FieldPath(`algorithms[12] "a: b": grid.init_scale`)); got != "[algorithms 12 grid init_scale]" {
		t.Errorf("FieldPath = %s", got)
	}
	if (&Definition{}).Position("name") != "" {
		t.Error("a definition made in Go has a position")
	}
}
