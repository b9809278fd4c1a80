package solvers_test

import (
	"testing"
	"testing/fstest"

	"github.com/admmlab/admmlab/solvers"
	"github.com/admmlab/admmlab/solvers/admm"
	"github.com/admmlab/admmlab/solvers/kernels"
	"github.com/admmlab/admmlab/solvers/nn"
	"github.com/admmlab/admmlab/solvers/sgd"
)

func TestSourceFingerprint(t *testing.T) {
	base := fstest.MapFS{
		"a.go":       {Data: []byte("package a")},
		"a_amd64.s":  {Data: []byte("TEXT ·f(SB)")},
		"a_test.go":  {Data: []byte("package a // test")},
		"sub/b.go":   {Data: []byte("package b")},
		"notes.txt":  {Data: []byte("not code")},
		"a_other.go": {Data: []byte("//go:build !amd64")},
	}
	want := solvers.SourceFingerprint(base)
	edit := func(name, data string) fstest.MapFS {
		m := fstest.MapFS{}
		for k, v := range base {
			m[k] = v
		}
		m[name] = &fstest.MapFile{Data: []byte(data)}
		return m
	}
	tests := []struct {
		name    string
		fsys    fstest.MapFS
		deps    []string
		changes bool
	}{
		{"Go file", edit("a.go", "package a // edited"), nil, true},
		{"assembly", edit("a_amd64.s", "TEXT ·g(SB)"), nil, true},
		{"other architecture", edit("a_other.go", "//go:build arm64"), nil, true},
		{"test file", edit("a_test.go", "package a // edited test"), nil, false},
		{"subdirectory", edit("sub/b.go", "package b // edited"), nil, false},
		{"not code", edit("notes.txt", "edited"), nil, false},
		{"a dependency", base, []string{"dep"}, true},
	}
	for _, tc := range tests {
		got := solvers.SourceFingerprint(tc.fsys, tc.deps...)
		if (got != want) != tc.changes {
			t.Errorf("%s: fingerprint changed = %v, want %v", tc.name, got != want, tc.changes)
		}
	}
	if solvers.SourceFingerprint(base, "x", "y") == solvers.SourceFingerprint(base, "y", "x") {
		t.Error("the order of the dependencies does not count")
	}
}

// TestFamilyFingerprints checks that every package has its own fingerprint,
// that it does not change within a process, and that the two families differ.
func TestFamilyFingerprints(t *testing.T) {
	fps := map[string]func() string{
		"solvers": solvers.Fingerprint, "kernels": kernels.Fingerprint, "nn": nn.Fingerprint,
		"admm": admm.Fingerprint, "sgd": sgd.Fingerprint,
	}
	seen := map[string]string{}
	for name, f := range fps {
		fp := f()
		if len(fp) != 64 {
			t.Errorf("%s: fingerprint %q is not a hex SHA-256", name, fp)
		}
		if f() != fp {
			t.Errorf("%s: fingerprint changed between calls", name)
		}
		if other, ok := seen[fp]; ok {
			t.Errorf("%s and %s share a fingerprint", name, other)
		}
		seen[fp] = name
	}
}
