package solvers

import (
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"io/fs"
	"sort"
	"strings"
)

// source holds this package's own code so that a run's cache key can name
// exactly the code that computed it.
//
//go:embed *.go
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
	case strings.HasPrefix(name, "admm"):
		return FamilyADMM
	case strings.HasPrefix(name, "sgd"), strings.HasPrefix(name, "backprop"):
		return FamilySGD
	}
	return ""
}

// Fingerprint returns a hex SHA-256 over the non-test source files that the
// family's runs depend on: its own files and the shared ones.
func Fingerprint(f Family) string {
	names, err := fs.Glob(source, "*.go")
	if err != nil {
		panic(err) // the pattern is constant; an error is a programmer error
	}
	sort.Strings(names)
	h := sha256.New()
	for _, name := range names {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		if fam := familyOf(name); fam != "" && fam != f {
			continue
		}
		b, err := source.ReadFile(name)
		if err != nil {
			panic(err)
		}
		h.Write([]byte(name))
		h.Write([]byte{0})
		h.Write(b)
		h.Write([]byte{0})
	}
	return hex.EncodeToString(h.Sum(nil))
}
