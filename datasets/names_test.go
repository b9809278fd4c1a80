package datasets

import (
	"slices"
	"strings"
	"testing"
)

// TestNamesCoverLoaders: Names lists exactly the toy tasks and the
// catalogue's real data sets, toy tasks first, each once.
func TestNamesCoverLoaders(t *testing.T) {
	var want []Name
	for _, n := range []Name{Square, Product, L1Radial, L2Radial} {
		if _, ok := toys[n]; !ok {
			t.Errorf("%s has no generator", n)
		}
		want = append(want, n)
	}
	if len(toys) != 4 {
		t.Errorf("%d generators, want 4", len(toys))
	}
	for _, s := range Catalog {
		want = append(want, s.Name)
	}
	if got := Names(); !slices.Equal(got, want) {
		t.Errorf("Names() = %v, want %v", got, want)
	}
	Names()[0] = "changed"
	if Names()[0] != Square {
		t.Error("Names returns the package's own slice")
	}
}

func TestInfo(t *testing.T) {
	cases := []struct {
		name     Name
		ok       bool
		real     bool
		learning bool
		noise    float64
		samples  int
		variants int
	}{
		{Square, true, false, false, 0, 1000, 0},
		{Product, true, false, false, 0, 1000, 0},
		{L1Radial, true, false, true, 0.1, 1000, 0},
		{L2Radial, true, false, true, 0.1, 1000, 0},
		{Earthquake, true, true, false, 0, 0, 0},
		{EYB, true, true, false, 0, 0, 6},
		{PTB, true, true, false, 0, 0, 0},
		{"mnist", false, false, false, 0, 0, 0},
		{"", false, false, false, 0, 0, 0},
	}
	for _, c := range cases {
		info, ok := c.name.Info()
		if ok != c.ok || info.Real != c.real || info.Learning != c.learning || info.PaperNoise != c.noise ||
			info.Samples != c.samples || len(info.Variants) != c.variants {
			t.Errorf("%q: Info() = %+v, %v", c.name, info, ok)
		}
		if c.ok && (info.Name != c.name || info.Version == "") {
			t.Errorf("%q: Info() = %+v: name or version missing", c.name, info)
		}
		if c.name.Known() != c.ok || c.name.IsReal() != (c.ok && c.real) || c.name.IsToy() != (c.ok && !c.real) {
			t.Errorf("%q: Known %v IsReal %v IsToy %v", c.name, c.name.Known(), c.name.IsReal(), c.name.IsToy())
		}
	}
	// The paper's noise is a setting generateToy accepts.
	for _, n := range Names() {
		if info, _ := n.Info(); !info.Real {
			if _, err := generateToy(n, Options{Samples: 10, Noise: info.PaperNoise}); err != nil {
				t.Errorf("%s at its paper noise %v: %v", n, info.PaperNoise, err)
			}
		}
	}
	// Info hands out copies.
	info, _ := EYB.Info()
	info.Variants[0] = "changed"
	if again, _ := EYB.Info(); again.Variants[0] != EYBKeepCorrupted {
		t.Error("Info returns the catalogue's own variants slice")
	}
}

func TestParseAndCheckVariant(t *testing.T) {
	cases := []struct {
		data, variant string
		dataErr       string // substring; "" means no error
		variantErr    string
	}{
		{"square", "", "", ""},
		{"eyb", "", "", ""},
		{"eyb", "drop-corrupted+unit", "", ""},
		{"eyb", "keep", "", `unknown "keep", want one of keep-corrupted, drop-corrupted,`},
		{"square", "drop-corrupted", "", `"drop-corrupted", but data set "square" has no variants`},
		{"ptb", "keep-corrupted", "", `"keep-corrupted", but data set "ptb" has no variants`},
		{"mnist", "", `unknown "mnist", want one of square, product, l1radial, l2radial, earthquake, eyb, ptb`, ""},
		{"EYB", "", `unknown "EYB"`, ""},
	}
	for _, c := range cases {
		n, err := Parse(c.data)
		if !matches(err, c.dataErr) {
			t.Errorf("Parse(%q) error %v, want %q", c.data, err, c.dataErr)
		}
		if err != nil {
			if n != "" {
				t.Errorf("Parse(%q) = %q with an error", c.data, n)
			}
			continue
		}
		if string(n) != c.data {
			t.Errorf("Parse(%q) = %q", c.data, n)
		}
		if err := n.CheckVariant(c.variant); !matches(err, c.variantErr) {
			t.Errorf("%s.CheckVariant(%q) error %v, want %q", n, c.variant, err, c.variantErr)
		}
	}
}

// matches says whether err is nil when want is "", or contains want.
func matches(err error, want string) bool {
	if want == "" {
		return err == nil
	}
	return err != nil && strings.Contains(err.Error(), want)
}
