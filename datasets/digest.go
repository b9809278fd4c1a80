package datasets

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"math"
	"slices"
	"strings"
)

// Digest names the data Load(ctx, name, opt) returns without generating,
// reading or preprocessing them: it is the hex SHA-256 of what defines the
// numbers (the recipe below), so that a planner can key thousands of runs
// by their data in no time. Load puts the same string in Dataset.Digest.
//
// The recipe, one "key=value" line each:
//
//	every data set  the name, its Info.Version, PreprocessVersion, opt.Seed
//	toy task        the training samples (0 resolved to Info.Samples), the
//	                noise variance's float64 bits, the test samples
//	real data set   the variant ("" resolved to the default), which file set
//	                Load reads (the catalogue's Files or its Fallback), and
//	                each file's mirror path and SHA-256
//
// The mirror path and cache are not in it: the same bytes found elsewhere
// are the same data. A real data set's files are found as Load finds them
// (mirror, cache, then a download when opt.Fetch allows it) and hashed at
// most once per process and version of the file (path, size, modification
// time); a file without a catalogued SHA-256 contributes the hash of its
// content, so that replacing it changes the digest. The errors are Load's:
// *NotAvailableError for missing files (what to place where), a
// *ChecksumError for a file that fails verification, an error naming the
// setting for a toy task's bad Samples or Noise.
//
// A file without a catalogued SHA-256 can only be verified by reading it:
// such a set is parsed (not split, scaled or preprocessed), once per
// process and file version, the parse Load then reuses; one that does not
// parse gives Load's *FileError. A file with a catalogued SHA-256 that
// verifies is never read beyond its hash.
func Digest(ctx context.Context, name Name, opt Options) (string, error) {
	return digestWith(ctx, PreprocessVersion, name, opt)
}

// digestWith is Digest with the shared preprocessing version as a
// parameter, so that tests can show it counts.
func digestWith(ctx context.Context, preprocess string, name Name, opt Options) (string, error) {
	if name.IsToy() {
		n, err := toyCheck(name, opt)
		if err != nil {
			return "", err
		}
		return toyRecipe(preprocess, name, opt, n).digest(), nil
	}
	spec, err := realSpec(name, opt)
	if err != nil {
		return "", err
	}
	paths, _, fallback, err := locateSet(ctx, spec, opt)
	if err != nil {
		return "", err
	}
	if err := checkUnhashed(spec, fallback, paths); err != nil {
		return "", err
	}
	r, err := realRecipe(preprocess, spec, opt, fallback, paths)
	if err != nil {
		return "", err
	}
	return r.digest(), nil
}

// HoldOutDigest names the parts HoldOut(p, task, fraction, seed) returns,
// where p is the training part of the data whose Digest is of.
func HoldOutDigest(of string, fraction float64, seed uint64) string {
	return partDigest("holdout-of", of, fraction, seed)
}

// SubsampleDigest names the part Subsample(p, task, fraction, seed)
// returns, where p is the training part of the data whose Digest is of.
func SubsampleDigest(of string, fraction float64, seed uint64) string {
	return partDigest("subsample-of", of, fraction, seed)
}

// partDigest is the digest of a seeded share of the data whose Digest is
// of, drawn by the operation kind names; its lines are part of every run
// key that holds data out, so they never change.
func partDigest(kind, of string, fraction float64, seed uint64) string {
	var r recipe
	r.add(kind, of)
	r.add("preprocess", PreprocessVersion)
	r.add("fraction", bits(fraction))
	r.add("seed", fmt.Sprintf("%x", seed))
	return r.digest()
}

// recipe is the text a digest hashes: one "key=value" line per ingredient.
type recipe []string

func (r *recipe) add(key, value string) { *r = append(*r, key+"="+value) }

func (r recipe) digest() string {
	h := sha256.Sum256([]byte(strings.Join(r, "\n")))
	return hex.EncodeToString(h[:])
}

// bits writes a float64 exactly, as the hex of its bits.
func bits(v float64) string { return fmt.Sprintf("%x", math.Float64bits(v)) }

// baseRecipe holds what every data set's digest starts with.
func baseRecipe(preprocess string, name Name, seed uint64) recipe {
	info, _ := name.Info()
	r := recipe{"admmlab data digest"}
	r.add("name", string(name))
	r.add("version", info.Version)
	r.add("preprocess", preprocess)
	r.add("seed", fmt.Sprintf("%x", seed))
	return r
}

// toyRecipe: generateToy's inputs, n the resolved training size.
func toyRecipe(preprocess string, name Name, opt Options, n int) recipe {
	r := baseRecipe(preprocess, name, opt.Seed)
	r.add("samples", fmt.Sprint(n))
	r.add("noise", bits(opt.Noise))
	test := n // an approximation task tests on its training inputs
	if toys[name].learning {
		test = toyTestSamples
	}
	r.add("test-samples", fmt.Sprint(test))
	return r
}

// realRecipe: the variant and the files Load reads (paths, as locateSet
// found them in spec's Files or, with fallback, its Fallback).
func realRecipe(preprocess string, spec *Spec, opt Options, fallback bool, paths []string) (recipe, error) {
	r := baseRecipe(preprocess, spec.Name, opt.Seed)
	variant := opt.Variant
	if variant == "" {
		variant = spec.Name.defaultVariant()
	}
	r.add("variant", variant)
	files, set := spec.Files, "files"
	if fallback {
		files, set = spec.Fallback, "fallback"
	}
	r.add("file-set", set)
	for i, f := range files {
		fs, err := hashOnce(paths[i]) // Locate verified it: the memo answers
		if err != nil {
			return nil, err
		}
		r.add("file", f.Rel+" sha256:"+fs.sum)
	}
	return r, nil
}

// realSpec returns name's catalogue entry after checking the variant.
func realSpec(name Name, opt Options) (*Spec, error) {
	spec := lookup(name)
	if spec == nil {
		_, err := Parse(string(name))
		return nil, fmt.Errorf("datasets: data set: %w", err)
	}
	if err := name.CheckVariant(opt.Variant); err != nil {
		return nil, fmt.Errorf("datasets: %s: variant: %w", name, err)
	}
	return spec, nil
}

// checkUnhashed parses the files of spec's set (Files, or Fallback) when
// one of them has no catalogued SHA-256, with the readers Load uses (their
// parse is memoised per file); it returns Load's *FileError for a file
// that does not parse.
func checkUnhashed(spec *Spec, fallback bool, paths []string) error {
	files := spec.Files
	if fallback {
		files = spec.Fallback
	}
	if !slices.ContainsFunc(files, func(f File) bool { return f.SHA256 == "" }) {
		return nil
	}
	var err error
	switch {
	case spec.Name == EYB:
		_, err = readEYB(paths[0])
	case spec.Name == PTB && fallback:
		_, _, err = readPTBSubset(paths)
	case spec.Name == PTB:
		_, _, err = readPTBFull(paths[0], paths[1])
	case spec.Name == Earthquake:
		_, err = readEarthquake(paths[0])
	default:
		panic("datasets: catalog entry without a reader: " + string(spec.Name))
	}
	if err != nil {
		return &FileError{Name: spec.Name, Err: err}
	}
	return nil
}
