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
		"fig12", "fig13", "fig14a", "fig14b", "fig15", "fig16b", "fig16c", "fig16d", "fig17a", "fig17b",
		"fig18a", "fig18b", "theorem4", "lla-ablation", "tanh"}
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
