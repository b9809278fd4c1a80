package experiments

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestBuiltinCatalogueLoads(t *testing.T) {
	c, err := Load("")
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	fed := map[string]bool{}
	for _, d := range c.Definitions {
		if seen[d.Name] {
			t.Errorf("duplicate experiment name %q", d.Name)
		}
		seen[d.Name] = true
		for _, it := range d.Items {
			fed[it] = true
		}
	}
	// Every results table and figure of the catalogue that needs runs is fed
	// by at least one definition (Tables 2 and 7 and Fig 2(a)(b) are rendered
	// from definitions or analytically).
	want := []string{"table3", "table4", "table5", "table6", "table8", "table9", "table10",
		"fig2c", "fig4", "fig6", "fig7a", "fig7b", "fig8", "fig9a", "fig9b", "fig10", "fig11a", "fig11b",
		"fig12", "fig13", "fig14a", "fig14b", "fig15", "fig16b", "fig16c", "fig16d", "fig17a", "fig17b", "fig17c",
		"fig18a", "fig18b", "fig18c", "fig18d", "theorem4", "lla-ablation", "tanh"}
	for _, it := range want {
		if !fed[it] {
			t.Errorf("no definition feeds %s", it)
		}
	}
	for _, p := range []string{"smoke", "quick", "full"} {
		if _, err := c.Profile(p); err != nil {
			t.Error(err)
		}
	}
	if _, err := c.Profile("huge"); err == nil || !strings.Contains(err.Error(), "smoke") {
		t.Errorf("unknown profile error = %v, want it to list the known ones", err)
	}
}

func TestLoadRejectsUnknownField(t *testing.T) {
	dir := t.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, "defs"), 0o755); err != nil {
		t.Fatal(err)
	}
	bad := `{"name": "x", "widht": [1]}`
	if err := os.WriteFile(filepath.Join(dir, "defs", "x.json"), []byte(bad), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "profiles.json"), []byte(`[]`), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := Load(dir)
	if err == nil || !strings.Contains(err.Error(), "x.json") || !strings.Contains(err.Error(), "widht") {
		t.Fatalf("Load error = %v, want one naming x.json and the unknown field", err)
	}
}

// Broken JSON is reported with the file, line and column; anything after
// the definition's object is an error; integral numbers in any syntax
// decode into integer axes, others are refused.
func TestLoadErrors(t *testing.T) {
	for _, tc := range []struct {
		name, def, want string
	}{
		{"syntax", "{\"name\": \"x\",\n \"title\": \"t\",,\n}", "x.json:2:15: invalid character ','"},
		{"trailing", "{\"name\": \"x\"}\n{\"name\": \"y\"}\n", "x.json:2:1: data after the JSON value"},
		{"truncated", "{\"name\": \"x\",\n", "x.json:2:1: unexpected end of file"},
		{"type", "{\"name\": \"x\",\n \"epochs\": \"ten\"}", "x.json:2:16: json: cannot unmarshal string"},
		{"fraction", "{\"name\": \"x\",\n \"algorithms\": [{\"grid\": {\"width\": [2.5]}}]}", "2.5 is not an integer"},
		{"huge", "{\"name\": \"x\",\n \"algorithms\": [{\"grid\": {\"width\": [1e300]}}]}", "1e300 is not an integer"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := writeCatalogue(t, tc.def)
			_, err := Load(dir)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("Load error = %v, want it to contain %q", err, tc.want)
			}
		})
	}
	c, err := Load(writeCatalogue(t, `{"name": "x", "algorithms": [{"grid": {"width": [1e12, 20, 3.0e1]}}]}`))
	if err != nil {
		t.Fatal(err)
	}
	if got := c.Definitions[0].Algorithms[0].Grid.Width; len(got) != 3 || got[0] != 1e12 || got[1] != 20 || got[2] != 30 {
		t.Errorf("width = %v, want [1e12 20 30]", got)
	}
	if f := c.Definitions[0].File; !strings.HasSuffix(f, "defs/x.json") {
		t.Errorf("File = %q, want it to end in defs/x.json", f)
	}
}

func writeCatalogue(t *testing.T, def string) string {
	t.Helper()
	dir := t.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, "defs"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "defs", "x.json"), []byte(def), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "profiles.json"), []byte(`[]`), 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}

// The repository's experiments/ is the built-in catalogue; an edited copy
// of it is told apart file by file.
func TestDiffBuiltin(t *testing.T) {
	same, err := DiffBuiltin(".")
	if err != nil || len(same) != 0 {
		t.Fatalf("DiffBuiltin(.) = %v, %v; want no difference", same, err)
	}
	dir := t.TempDir()
	if err := os.CopyFS(dir, os.DirFS(".")); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "defs", "tanh.json"), []byte("{}"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "defs", "new.json"), []byte("{}"), 0o644); err != nil {
		t.Fatal(err)
	}
	got, err := DiffBuiltin(dir)
	if err != nil || strings.Join(got, " ") != "defs/new.json defs/tanh.json" {
		t.Fatalf("DiffBuiltin = %v, %v; want defs/new.json defs/tanh.json", got, err)
	}
}
