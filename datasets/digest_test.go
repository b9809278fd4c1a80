package datasets

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestDigestMatchesLoad: Digest, computed without building the data, is the
// Digest Load puts in the Dataset, for every case of TestContentGolden.
func TestDigestMatchesLoad(t *testing.T) {
	ctx := context.Background()
	for _, c := range contentCases(t) {
		d, err := Digest(ctx, c.name, c.opt)
		if err != nil {
			t.Fatalf("%s: Digest: %v", c.id, err)
		}
		ds, err := Load(ctx, c.name, c.opt)
		if err != nil {
			t.Fatalf("%s: Load: %v", c.id, err)
		}
		if d != ds.Digest || len(d) != 64 {
			t.Errorf("%s: Digest %q, Load's %q", c.id, d, ds.Digest)
		}
	}
}

// TestDigestSeparatesData: two loads of different numbers never share a
// digest, and the loads the cases below call the same data (the same
// inputs spelled differently) share one.
func TestDigestSeparatesData(t *testing.T) {
	ctx := context.Background()
	cases := contentCases(t)
	digests := make([]string, len(cases))
	contents := make([]string, len(cases))
	for i, c := range cases {
		ds, err := Load(ctx, c.name, c.opt)
		if err != nil {
			t.Fatal(err)
		}
		digests[i], contents[i] = ds.Digest, contentHash(ds)
	}
	for i := range cases {
		for j := i + 1; j < len(cases); j++ {
			if digests[i] == digests[j] && contents[i] != contents[j] {
				t.Errorf("%s and %s load different numbers under one digest", cases[i].id, cases[j].id)
			}
		}
	}

	mirror := sharedData(t)
	// The 2432-image file copied into a cache: the same bytes, found elsewhere.
	cache := t.TempDir()
	if err := os.MkdirAll(filepath.Join(cache, "eyb"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(filepath.Join(mirror, "eyb", "YaleB_32x32_2432.mat"), filepath.Join(cache, "eyb", "YaleB_32x32_2432.mat")); err != nil {
		t.Fatal(err)
	}
	same := []struct {
		why  string
		name Name
		a, b Options
	}{
		{"samples 0 is the default 1000", Square, Options{Seed: 3}, Options{Seed: 3, Samples: 1000}},
		{"the default variant spelled out", EYB, Options{Seed: 3, DataDir: mirror}, Options{Seed: 3, DataDir: mirror, Variant: EYBKeepCorrupted}},
		{"mirror or cache", EYB, Options{Seed: 3, DataDir: mirror, CacheDir: t.TempDir()}, Options{Seed: 3, CacheDir: cache}},
		{"real data ignore samples and noise", PTB, Options{Seed: 3, DataDir: mirror}, Options{Seed: 3, DataDir: mirror, Samples: 50, Noise: 0.1}},
		{"where the data dir is spelled", L1Radial, Options{Seed: 3, Noise: 0.1, DataDir: "a"}, Options{Seed: 3, Noise: 0.1, DataDir: "b"}},
	}
	for _, c := range same {
		da, err := Digest(ctx, c.name, c.a)
		if err != nil {
			t.Fatal(err)
		}
		db, err := Digest(ctx, c.name, c.b)
		if err != nil {
			t.Fatal(err)
		}
		if da != db {
			t.Errorf("%s: %s: digests %s and %s", c.why, c.name, da, db)
		}
		la, _ := Load(ctx, c.name, c.a)
		lb, _ := Load(ctx, c.name, c.b)
		if contentHash(la) != contentHash(lb) {
			t.Errorf("%s: %s: the case is wrong, the numbers differ", c.why, c.name)
		}
	}
}

// TestDigestVersions: the shared PreprocessVersion and each data set's own
// Version enter the digest; a data set's version moves its digest only.
func TestDigestVersions(t *testing.T) {
	ctx := context.Background()
	mirror := sharedData(t)
	eyb := Options{Seed: 1, DataDir: mirror}
	sq := Options{Seed: 1}
	digest := func(preprocess string, n Name, opt Options) string {
		t.Helper()
		d, err := digestWith(ctx, preprocess, n, opt)
		if err != nil {
			t.Fatal(err)
		}
		return d
	}
	eyb1, sq1 := digest(PreprocessVersion, EYB, eyb), digest(PreprocessVersion, Square, sq)
	if digest(PreprocessVersion+"+1", EYB, eyb) == eyb1 || digest(PreprocessVersion+"+1", Square, sq) == sq1 {
		t.Error("changing PreprocessVersion left a digest unchanged")
	}

	toy := toys[Square]
	toy.version += "+1"
	toys[Square] = toy
	sq2 := digest(PreprocessVersion, Square, sq)
	toy.version = strings.TrimSuffix(toy.version, "+1")
	toys[Square] = toy
	if sq2 == sq1 {
		t.Error("changing the square task's version left its digest unchanged")
	}

	spec := lookup(EYB)
	spec.Version += "+1"
	eyb2, sq3 := digest(PreprocessVersion, EYB, eyb), digest(PreprocessVersion, Square, sq)
	spec.Version = strings.TrimSuffix(spec.Version, "+1")
	if eyb2 == eyb1 {
		t.Error("changing EYB's version left its digest unchanged")
	}
	if sq3 != sq1 {
		t.Error("changing EYB's version moved the square task's digest")
	}
}

// TestDigestWithoutBuilding: Digest neither splits nor preprocesses, and
// reads a file beyond its hash only when the catalogue has no SHA-256 for
// it (then it parses it once, as Load would, and gives Load's error for a
// file that does not parse); a missing file and a file with the wrong
// checksum give Load's errors; each file is hashed once however many
// digests ask.
func TestDigestWithoutBuilding(t *testing.T) {
	ctx := context.Background()
	// A verified file is hashed, never parsed.
	hashed := t.TempDir()
	if err := os.MkdirAll(filepath.Join(hashed, "eyb"), 0o755); err != nil {
		t.Fatal(err)
	}
	mat := filepath.Join(hashed, "eyb", "YaleB_32x32_2432.mat")
	if err := os.Symlink(filepath.Join(sharedData(t), "eyb", "YaleB_32x32_2432.mat"), mat); err != nil {
		t.Fatal(err)
	}
	for seed := uint64(0); seed < 50; seed++ {
		if _, err := Digest(ctx, EYB, Options{Seed: seed, DataDir: hashed, CacheDir: t.TempDir()}); err != nil {
			t.Fatalf("seed %d: %v", seed, err)
		}
	}
	if n := memoEntries("sha256", mat); n != 1 {
		t.Errorf("the EYB file has %d hash entries after 50 digests, want 1", n)
	}
	if n := memoEntries("eyb", mat); n != 0 {
		t.Errorf("Digest parsed the EYB file (%d parse entries)", n)
	}

	// A file without a catalogued hash that does not parse.
	garbled := t.TempDir()
	if err := os.MkdirAll(filepath.Join(garbled, "earthquake"), 0o755); err != nil {
		t.Fatal(err)
	}
	quake := filepath.Join(garbled, "earthquake", "eqint_tsqp.txt")
	if err := os.WriteFile(quake, []byte("not a header\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for seed := uint64(0); seed < 50; seed++ {
		var fe *FileError
		if _, err := Digest(ctx, Earthquake, Options{Seed: seed, DataDir: garbled, CacheDir: t.TempDir()}); !errors.As(err, &fe) || !strings.Contains(err.Error(), quake) {
			t.Fatalf("seed %d: Digest error %v, want a *FileError naming %s", seed, err, quake)
		}
	}
	if n := memoEntries("sha256", quake); n != 1 {
		t.Errorf("the earthquake file has %d hash entries after 50 digests, want 1", n)
	}
	if n := memoEntries("earthquake", quake); n != 1 {
		t.Errorf("the earthquake file has %d parse entries after 50 digests, want 1", n)
	}
	// The fixture parses: a digest, and Load agrees.
	_, fixture := earthquakeFixture(t)
	opt := Options{Seed: 3, DataDir: fixture, CacheDir: t.TempDir()}
	d, err := Digest(ctx, Earthquake, opt)
	if err != nil {
		t.Fatal(err)
	}
	if ds, err := Load(ctx, Earthquake, opt); err != nil || ds.Digest != d {
		t.Fatalf("Load of the fixture: %v, digest %q, want %q", err, ds.Digest, d)
	}

	bad := t.TempDir()
	if err := os.MkdirAll(filepath.Join(bad, "eyb"), 0o755); err != nil {
		t.Fatal(err)
	}
	badFile := filepath.Join(bad, "eyb", "YaleB_32x32_2432.mat")
	if err := os.WriteFile(badFile, []byte("not a mat"), 0o644); err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name    Name
		opt     Options
		wantErr any
		inErr   string
	}{
		{Earthquake, Options{DataDir: t.TempDir(), CacheDir: t.TempDir()}, new(*NotAvailableError), "place eqint_tsqp.txt in"},
		{EYB, Options{DataDir: bad, CacheDir: t.TempDir()}, new(*ChecksumError), "checksum mismatch: " + badFile},
		{Square, Options{Noise: 0.1}, nil, "approximation task without noise"},
		{L1Radial, Options{Samples: -1}, nil, "Samples = -1"},
		{EYB, Options{Variant: "keep", DataDir: sharedData(t)}, nil, `variant: unknown "keep"`},
		{"mnist", Options{}, nil, `unknown "mnist"`},
	}
	for _, c := range cases {
		for range 3 {
			_, err := Digest(ctx, c.name, c.opt)
			if err == nil || !strings.Contains(err.Error(), c.inErr) {
				t.Fatalf("%s: Digest error %v, want one containing %q", c.name, err, c.inErr)
			}
			if c.wantErr != nil && !errors.As(err, c.wantErr) {
				t.Fatalf("%s: Digest error %T, want %T", c.name, err, c.wantErr)
			}
		}
	}
	if n := memoEntries("sha256", badFile); n != 1 {
		t.Errorf("the bad EYB file has %d hash entries after 3 digests, want 1", n)
	}
}

// memoEntries counts memoized's entries of kind for path.
func memoEntries(kind, path string) int {
	n := 0
	memo.Range(func(k, _ any) bool {
		if strings.HasPrefix(k.(string), kind+"\x00"+path+"\x00") {
			n++
		}
		return true
	})
	return n
}

// TestHoldOutDigest: the fraction, the seed and the data all count.
func TestHoldOutDigest(t *testing.T) {
	base := HoldOutDigest("a", 0.2, 1)
	if base != HoldOutDigest("a", 0.2, 1) {
		t.Fatal("HoldOutDigest is not a function of its inputs")
	}
	for _, other := range []string{HoldOutDigest("b", 0.2, 1), HoldOutDigest("a", 0.25, 1), HoldOutDigest("a", 0.2, 2)} {
		if other == base {
			t.Error("an input of HoldOutDigest does not count")
		}
	}
}
