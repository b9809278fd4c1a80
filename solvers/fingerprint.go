package solvers

import (
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"io/fs"
	"sort"
	"strings"
)

// source holds this package's own code, Go and assembly, so that a run's
// cache key can name exactly the code that computed it.
//
//go:embed *.go *.s
var source embed.FS

// Family groups the algorithms whose code is fingerprinted together.
type Family string

const (
	FamilyADMM Family = "admm"
	FamilySGD  Family = "sgd"
)

// familyOf says which family a source file belongs to; "" means shared code.
func familyOf(name string) Family {
	switch {
	case strings.HasPrefix(name, "backprop_gemm"):
		return "" // gemm serves ADMM's products too (linalg.go)
	case strings.HasPrefix(name, "admm"):
		return FamilyADMM
	case strings.HasPrefix(name, "sgd"), strings.HasPrefix(name, "backprop"):
		return FamilySGD
	}
	return ""
}

// Fingerprint returns a hex SHA-256 over the non-test source files that the
// family's runs depend on: its own files and the shared ones. Files for
// other architectures are included too, so a fingerprint does not depend on
// the machine that computes it.
func Fingerprint(f Family) string {
	h := sha256.New()
	for _, name := range fingerprintFiles(f) {
		b, err := source.ReadFile(name)
		if err != nil {
			panic(err) // the name came from the embedded FS itself
		}
		h.Write([]byte(name))
		h.Write([]byte{0})
		h.Write(b)
		h.Write([]byte{0})
	}
	return hex.EncodeToString(h.Sum(nil))
}

// fingerprintFiles lists, sorted, the embedded files Fingerprint(f) hashes.
func fingerprintFiles(f Family) []string {
	var names []string
	for _, pattern := range []string{"*.go", "*.s"} {
		m, err := fs.Glob(source, pattern)
		if err != nil {
			panic(err) // the patterns are constant; an error is a programmer error
		}
		for _, name := range m {
			if strings.HasSuffix(name, "_test.go") {
				continue
			}
			if fam := familyOf(name); fam != "" && fam != f {
				continue
			}
			names = append(names, name)
		}
	}
	sort.Strings(names)
	return names
}
