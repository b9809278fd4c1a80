package datasets

import (
	"fmt"
	"slices"
	"strings"
)

// Name names a data set: a toy task of the paper's Section 5 or a real data
// set of its Section 6. Definitions and run specs spell it as a string;
// Parse turns that string into a Name, and everything else asks the Name.
type Name string

// The data sets. Toy tasks first, in the paper's order, then the real data
// sets of Catalog.
const (
	Square     Name = "square"     // approximation: x² on [-1,1]
	Product    Name = "product"    // approximation: uv on [-1,1]²
	L1Radial   Name = "l1radial"   // learning: (‖x‖₁ − 1)₊ on [0.75,1.125]²
	L2Radial   Name = "l2radial"   // learning: g(‖x‖₂²) on [-1,1]²
	Earthquake Name = "earthquake" // NCEI earthquake intensity, 6 features, ±1
	EYB        Name = "eyb"        // Extended Yale B 32×32, 38 classes
	PTB        Name = "ptb"        // PTB diagnostic ECG beats, ±1
)

// names is every data set, in the order Names lists them.
var names = []Name{Square, Product, L1Radial, L2Radial, Earthquake, EYB, PTB}

// Names lists every data set Load knows, toy tasks first.
func Names() []Name { return slices.Clone(names) }

// Info says what a data set is and which settings it takes.
type Info struct {
	Name Name
	// Real marks a real data set, read from files, that comes with its own
	// train/test split: Options.Samples and Options.Noise do not apply.
	// Otherwise the data set is a toy task generated from the seed.
	Real bool
	// Learning marks a toy learning task: Gaussian noise of variance
	// Options.Noise on the training targets, a clean test set of its own.
	// A toy task without it is an approximation task: noise-free, Noise
	// must be 0, and its test part is the training inputs again.
	Learning bool
	// PaperNoise is the noise variance of the paper's runs on the task:
	// 0.1 for the learning tasks (Tables 5 and 6), 0 for everything else.
	PaperNoise float64
	// Samples is a toy task's training size when Options.Samples is 0;
	// 0 for real data.
	Samples int
	// Inputs is a toy task's input dimension (0 for real data), which
	// analytic noise floors need: least squares on d inputs fits d + 1
	// parameters.
	Inputs int
	// Variants are the declared values of Options.Variant, the default
	// first; nil when the data set has none ("" is always the default).
	Variants []string
	// Version names this data set's own generator or loader. It enters the
	// Digest beside PreprocessVersion (which covers the code every data
	// set shares): bump it when a change moves this data set's numbers
	// and no other's.
	Version string
}

// Info says what n is; ok is false for a name Load does not know.
func (n Name) Info() (info Info, ok bool) {
	if t, ok := toys[n]; ok {
		info := Info{Name: n, Learning: t.learning, Samples: toySamples, Inputs: t.d, Version: t.version}
		if t.learning {
			info.PaperNoise = toyPaperNoise
		}
		return info, true
	}
	if s := lookup(n); s != nil {
		return Info{Name: n, Real: true, Variants: slices.Clone(s.Variants), Version: s.Version}, true
	}
	return Info{}, false
}

// Known reports whether Load knows n.
func (n Name) Known() bool { _, ok := n.Info(); return ok }

// IsToy reports whether n is a toy task, generated rather than read.
func (n Name) IsToy() bool { _, ok := toys[n]; return ok }

// IsReal reports whether n is a real data set of Catalog.
func (n Name) IsReal() bool { return lookup(n) != nil }

// Parse returns the data set named s, or an error listing the known names.
func Parse(s string) (Name, error) {
	n := Name(s)
	if !n.Known() {
		return "", fmt.Errorf("unknown %q, want one of %s", s, joinNames(names))
	}
	return n, nil
}

// CheckVariant returns nil when v is a variant n declares, or "" (the
// default); otherwise an error saying what n accepts.
func (n Name) CheckVariant(v string) error {
	if v == "" {
		return nil
	}
	info, _ := n.Info()
	switch {
	case len(info.Variants) == 0:
		return fmt.Errorf("%q, but data set %q has no variants", v, n)
	case !slices.Contains(info.Variants, v):
		return fmt.Errorf("unknown %q, want one of %s", v, strings.Join(info.Variants, ", "))
	}
	return nil
}

// defaultVariant is n's default variant ("" when it has none).
func (n Name) defaultVariant() string {
	if info, _ := n.Info(); len(info.Variants) > 0 {
		return info.Variants[0]
	}
	return ""
}

func joinNames(ns []Name) string {
	s := make([]string, len(ns))
	for i, n := range ns {
		s[i] = string(n)
	}
	return strings.Join(s, ", ")
}
