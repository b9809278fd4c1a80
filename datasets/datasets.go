package datasets

import (
	"context"
	"fmt"
	"net/http"
	"strings"

	"github.com/admmlab/admmlab/solvers"
)

// PreprocessVersion enters every Digest. Bump it whenever a change to the
// code the data sets share (the splits, z-scoring, HoldOut, the random
// streams) changes the numbers a Load or HoldOut returns for the same inputs
// and seed; a change to one data set's own generator or loader bumps its
// Info.Version instead.
const PreprocessVersion = "datasets/1"

// Part is one split of a data set, stored feature-major so that
// mat.NewDense(DIn, N, X) is the d₀×n input matrix of the paper.
type Part struct {
	N, DIn, DOut int
	X            []float64 // DIn×N row-major: X[f*N+j] is feature f of sample j
	Y            []float64 // DOut×N row-major: Y[o*N+j] is target o of sample j
}

// Dataset is a preprocessed data set ready for training.
type Dataset struct {
	Name        Name
	Task        solvers.Task // how targets are coded and predictions scored
	Train, Test Part
	Digest      string // what defines the numbers (see Digest), not a hash of them
	Source      string // where the raw data came from: mirror path, cache path, URL, or "generated"
	Counts      string // one human line, e.g. "2414 images, 38 subjects → 1207 train / 1207 test"
	// Subset, when not empty, says the data are only part of the paper's
	// data set, e.g. "PTB subset: 5,237 of 14,552 beats"; every table and
	// figure made from them carries it.
	Subset string
}

// Options control generation and lookup.
type Options struct {
	Seed     uint64
	Samples  int     // toy: training samples; 0 ⇒ 1000
	Noise    float64 // toy: noise VARIANCE of the training targets (learning tasks only)
	DataDir  string  // mirror directory, searched first
	CacheDir string  // where downloads go; "" ⇒ os.UserCacheDir()/admmlab
	Fetch    bool    // allow network downloads when a file is in neither mirror nor cache
	Client   *http.Client
	// Variant selects a declared variant of a real data set (Info.Variants);
	// "" is the default. eyb: "keep-corrupted" (the default: Yale's 18
	// corrupted shots stay in, the paper's 2432) or "drop-corrupted" (2414
	// images), optionally with "+feature-z" or "+unit" pixel scaling (see
	// eyb.go).
	Variant string
}

// Load returns the named data set, generated or read and preprocessed, with
// the split drawn from opt.Seed. Real data that cannot be found yields a
// *NotAvailableError; a file that fails verification a *ChecksumError; a
// file that cannot be read or parsed a *FileError.
func Load(ctx context.Context, name Name, opt Options) (*Dataset, error) {
	if name.IsToy() {
		return generateToy(name, opt)
	}
	spec, err := realSpec(name, opt)
	if err != nil {
		return nil, err
	}
	paths, source, fallback, err := locateSet(ctx, spec, opt)
	if err != nil {
		return nil, err
	}
	var ds *Dataset
	switch {
	case name == EYB:
		ds, err = loadEYB(paths[0], opt.Seed, opt.Variant)
	case name == PTB && fallback:
		ds, err = loadPTBSubset(paths, opt.Seed)
	case name == PTB:
		ds, err = loadPTB(paths[0], paths[1], opt.Seed)
	case name == Earthquake:
		ds, err = loadEarthquake(paths[0], opt.Seed)
	default:
		panic("datasets: catalog entry without a loader: " + string(name))
	}
	if err != nil {
		return nil, &FileError{Name: name, Err: err}
	}
	r, err := realRecipe(PreprocessVersion, spec, opt, fallback, paths)
	if err != nil {
		return nil, &FileError{Name: name, Err: err}
	}
	ds.Source = source
	ds.Digest = r.digest()
	return ds, nil
}

// Available reports whether Load could find the named data set's files
// without touching the network. It only looks at the mirror and the cache
// (existence, and size where known); it does not hash or parse.
func Available(name Name, opt Options) (ok bool, reason string) {
	if name.IsToy() {
		return true, "generated"
	}
	spec := lookup(name)
	if spec == nil {
		return false, fmt.Sprintf("unknown data set %q", name)
	}
	where, missing := findAll(spec.Files, opt)
	if len(missing) == 0 {
		return true, strings.Join(where, ", ")
	}
	na := notAvailable(spec, missing, opt, "not in mirror or cache")
	if len(spec.Fallback) > 0 {
		fw, fm := findAll(spec.Fallback, opt)
		if len(fm) == 0 {
			return true, strings.Join(fw, ", ")
		}
		fna := notAvailable(spec, fm, opt, "not in mirror or cache")
		na.Reason += fmt.Sprintf("; without it, %s would do (%s)", fna.File, fna.Reason)
	}
	return false, na.Error()
}

// findAll looks files up locally, returning the paths found and the files
// missing.
func findAll(files []File, opt Options) (where []string, missing []File) {
	for _, f := range files {
		p, _ := findLocal(f, opt)
		if p == "" {
			missing = append(missing, f)
			continue
		}
		where = append(where, p)
	}
	return where, missing
}

// NotAvailableError says which file to place where. It is the normal outcome
// for a data set that has not been provided.
type NotAvailableError struct {
	Name   Name   // data set
	File   string // file name(s) to place, comma-separated
	SHA256 string // expected hash(es), comma-separated; "" when unknown
	Reason string // one clause: why it could not be had, where it comes from
	Dir    string // where to place it: <mirror>/<subdir>/
}

func (e *NotAvailableError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "data not available: %s: place %s", e.Name, e.File)
	if e.SHA256 != "" {
		fmt.Fprintf(&b, " (sha256 %s)", e.SHA256)
	}
	fmt.Fprintf(&b, " in %s", e.Dir)
	if e.Reason != "" {
		fmt.Fprintf(&b, " (%s)", e.Reason)
	}
	return b.String()
}

// FileError reports a real data set whose files were found but cannot be
// read or parsed; Err names the file and, where it can, the line.
type FileError struct {
	Name Name // data set
	Err  error
}

func (e *FileError) Error() string { return e.Err.Error() }
func (e *FileError) Unwrap() error { return e.Err }

// ChecksumError reports a file whose content does not match the catalogue.
type ChecksumError struct {
	File             string // path of the offending file or URL
	Expected, Actual string // hex SHA-256, or sizes as "N bytes"
}

func (e *ChecksumError) Error() string {
	return fmt.Sprintf("checksum mismatch: %s: expected %s, actual %s", e.File, e.Expected, e.Actual)
}
