package solvers

import (
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"io/fs"
	"sort"
	"strings"
	"sync"
)

// source holds this package's own code, so that a run's cache key can name
// the vocabulary that parsed its spec.
//
//go:embed *.go
var source embed.FS

var fingerprint = sync.OnceValue(func() string { return SourceFingerprint(source) })

// Fingerprint returns the hex SHA-256 of this package's non-test source,
// computed once per process.
func Fingerprint() string { return fingerprint() }

// SourceFingerprint returns a hex SHA-256 over the non-test Go and assembly
// files at the root of src (a package's embedded source: files for every
// architecture and build tag, so that it does not depend on the machine that
// computes it) and over deps, the fingerprints of the packages it builds on,
// in the order given. Each implementation package calls it once per process
// (sync.OnceValue) and exposes the result as its Fingerprint.
func SourceFingerprint(src fs.FS, deps ...string) string {
	h := sha256.New()
	for _, name := range sourceFiles(src) {
		b, err := fs.ReadFile(src, name)
		if err != nil {
			panic(err) // the name came from src itself
		}
		h.Write([]byte(name))
		h.Write([]byte{0})
		h.Write(b)
		h.Write([]byte{0})
	}
	for _, d := range deps {
		h.Write([]byte("dep:" + d))
		h.Write([]byte{0})
	}
	return hex.EncodeToString(h.Sum(nil))
}

// sourceFiles lists, sorted, the non-test *.go and *.s files at src's root.
func sourceFiles(src fs.FS) []string {
	var names []string
	for _, pattern := range []string{"*.go", "*.s"} {
		m, err := fs.Glob(src, pattern)
		if err != nil {
			panic(err) // the patterns are constant; an error is a programmer error
		}
		for _, name := range m {
			if !strings.HasSuffix(name, "_test.go") {
				names = append(names, name)
			}
		}
	}
	sort.Strings(names)
	return names
}
