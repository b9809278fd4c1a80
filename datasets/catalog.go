package datasets

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// File is one raw file of a real data set.
type File struct {
	Rel    string   // path relative to the mirror (and cache) root, slash-separated
	URLs   []string // direct download URLs, tried in order; empty when none is known
	SHA256 string   // expected hex SHA-256; "" when no authoritative copy was hashed
	Size   int64    // expected size in bytes; 0 when unknown
	Format string   // what the bytes are
}

// Name is the file's base name.
func (f File) Name() string { return filepath.Base(filepath.FromSlash(f.Rel)) }

// Spec declares a real data set: where its files come from and what they are.
type Spec struct {
	Name  Name
	Files []File // required, in the order the loader takes them
	// Fallback, when not empty, is a second set of files that Load uses
	// when Files cannot all be had: the 2414-image EYB file when the
	// 2432-image one is absent, the PTB subset when the full Kaggle files
	// are absent. What it gives is stated in the Dataset's Counts.
	Fallback []File
	Aux      []File // optional companions: verified when present, never required
	Upstream string // human landing page or citation for the raw data
	// Layout says, for a data set that may be missing, exactly what to
	// place in the mirror (file name and content); it ends every
	// "data not available" message.
	Layout string
	// Variants are the declared values of Options.Variant, the default
	// first (see Info.Variants).
	Variants []string
	// Version names the loader's own preprocessing (see Info.Version).
	Version string
}

// Catalog is the table of real data sets. Hashes and sizes are those of the
// copies described in shared/data/SOURCES.md.
var Catalog = []Spec{
	{
		Name:    Earthquake,
		Version: "1",
		Files: []File{{
			Rel: "earthquake/eqint_tsqp.txt",
			// NCEI serves the database through its hazard-service search pages
			// and the DOI landing page; no stable direct file URL is known, and
			// no copy was available to hash.
			Format: "NCEI U.S. Earthquake Intensity Database 1638-1985, tab-separated text export with a header row (see earthquake.go for the columns used)",
		}},
		Upstream: "three copies of the NCEI U.S. Earthquake Intensity Database: NOAA NCEI doi:10.25921/wa4zd240 (metadata record G01142; paper: https://www.ngdc.noaa.gov/hazard/intintro.shtml); " +
			"PANGAEA doi:10.1594/PANGAEA.981234 (XLSX and TXT); Stanford Digital Repository https://purl.stanford.edu/nr891xx1476 (XLSX snapshot of 2025-04-24)",
		Layout: EarthquakeLayout,
	},
	{
		Name:     EYB,
		Version:  "1",
		Variants: eybVariants,
		// The paper's 2432 images (38 × 64), rebuilt from Yale's cropped
		// images with the exact downsampling rule of Cai's file; it has no
		// download URL, so without it Load falls back to Cai's 2414 images.
		Files: []File{{
			Rel:    "eyb/YaleB_32x32_2432.mat",
			SHA256: "1e0a49d8bb04c58eac086259250d47fd972331c94c0053dbeacb35a8a38667cf",
			Size:   3633432,
			Format: "MATLAB level-5 MAT-file: fea 2432x1024 double (0..255, column-major images), gnd 2432x1 double (1..38, 64 each), isbad 2432x1 double (1 for Yale's 18 corrupted shots)",
		}},
		Fallback: []File{{
			Rel:    "eyb/YaleB_32x32.mat",
			URLs:   []string{"http://www.cad.zju.edu.cn/home/dengcai/Data/YaleB/YaleB_32x32.mat"},
			SHA256: "3fbbda4eb781b9bb28025189677b6727706e114eb0215bbfd718f1f4fcb54b99",
			Size:   2214688,
			Format: "MATLAB level-5 MAT-file: fea 2414x1024 double (column-major), gnd 2414x1 double",
		}},
		Aux: []File{{
			Rel:    "eyb/YaleB_32x32.csv.gz",
			SHA256: "3ff02863d16746ee2f5a02c181f0a860e54ef1692ac5a3e2b7cb19148df70e2d",
			Size:   2525715,
			Format: "gzip CSV, label + 1024 pixels per line (cross-check only)",
		}},
		Upstream: "Deng Cai's Extended Yale Face Database B, 32x32 (http://www.cad.zju.edu.cn/home/dengcai/Data/FaceData.html)",
	},
	{
		Name:    PTB,
		Version: "1",
		// The full Kaggle files (Kachuee et al. 2018 preprocessing). Kaggle
		// needs a login, so there is no direct URL, and no copy was available
		// to hash: sha256 and size stay empty.
		Files: []File{
			{Rel: "ptbdb/ptbdb_normal.csv", Format: "CSV, no header, 187 values + label 0, 4046 rows"},
			{Rel: "ptbdb/ptbdb_abnormal.csv", Format: "CSV, no header, 187 values + label 1, 10506 rows"},
		},
		// Without them: 5,237 real beats, the test and validation splits of
		// a published split of the same rows, with the last (padding) value
		// of each beat dropped. Everything they produce says "PTB subset".
		Fallback: []File{
			{Rel: "ptbdb_subset/ptb_test_186.csv.gz", SHA256: "3dcacdd9890f5d06c258a3b8f3cc805464dd49f9091221fcab8e0ad2c9b7e2e1", Size: 1562557, Format: "gzip CSV, no header, 186 values + label (0 normal, 1 abnormal), 2909 rows"},
			{Rel: "ptbdb_subset/ptb_val_186.csv.gz", SHA256: "18b0df33e6ba599c47ce85d108b08de412b092d98658f8ccbdcda11473fb2fe4", Size: 1253887, Format: "gzip CSV, no header, 186 values + label (0 normal, 1 abnormal), 2328 rows"},
		},
		Aux: []File{
			{Rel: "ptbdb_sample/ptbdb_normal_sample.csv", SHA256: "cbebabcfbde92e0819351e6ba5cbd098d5b90d2129ad218d64af67850c88d8c4", Size: 278565, Format: "100-row sample of ptbdb_normal.csv (tests only)"},
			{Rel: "ptbdb_sample/ptbdb_abnormal_sample.csv", SHA256: "b6cb8934f02e05847008e81840d453d1e90f042900810a0e07a6dbb5ed86314c", Size: 246331, Format: "100-row sample of ptbdb_abnormal.csv (tests only)"},
		},
		Upstream: "Kaggle dataset shayanfazeli/heartbeat (ECG Heartbeat Categorization), from PhysioNet's PTB Diagnostic ECG Database",
	},
}

func lookup(name Name) *Spec {
	for i := range Catalog {
		if Catalog[i].Name == name {
			return &Catalog[i]
		}
	}
	return nil
}

// cacheRoot is opt.CacheDir, or os.UserCacheDir()/admmlab.
func cacheRoot(opt Options) string {
	if opt.CacheDir != "" {
		return opt.CacheDir
	}
	d, err := os.UserCacheDir()
	if err != nil {
		return ""
	}
	return filepath.Join(d, "admmlab")
}

// Candidates lists where f may be found, mirror first, with a label each.
func Candidates(f File, opt Options) (paths, labels []string) {
	if opt.DataDir != "" {
		paths = append(paths, filepath.Join(opt.DataDir, filepath.FromSlash(f.Rel)))
		labels = append(labels, "mirror")
	}
	if c := cacheRoot(opt); c != "" {
		paths = append(paths, filepath.Join(c, filepath.FromSlash(f.Rel)))
		labels = append(labels, "cache")
	}
	return paths, labels
}

// findLocal returns the first existing regular file for f whose size matches
// (when known). It neither hashes nor parses.
func findLocal(f File, opt Options) (path, label string) {
	paths, labels := Candidates(f, opt)
	for i, p := range paths {
		st, err := os.Stat(p)
		if err != nil || !st.Mode().IsRegular() {
			continue
		}
		if f.Size > 0 && st.Size() != f.Size && labels[i] == "cache" {
			continue // a stale cache copy; a download may replace it
		}
		return p, labels[i]
	}
	return "", ""
}

func notAvailable(spec *Spec, missing []File, opt Options, reason string) *NotAvailableError {
	var names, sums []string
	for _, f := range missing {
		names = append(names, f.Name())
		if f.SHA256 != "" {
			sums = append(sums, f.SHA256)
		}
	}
	mirror := opt.DataDir
	if mirror == "" {
		mirror = "<data-dir>"
	}
	dir := filepath.Join(mirror, filepath.Dir(filepath.FromSlash(missing[0].Rel))) + string(filepath.Separator)
	if spec.Upstream != "" {
		reason += "; upstream: " + spec.Upstream
	}
	if spec.Layout != "" {
		reason += "; " + spec.Layout
	}
	return &NotAvailableError{
		Name:   spec.Name,
		File:   strings.Join(names, " and "),
		SHA256: strings.Join(sums, ", "),
		Reason: reason,
		Dir:    dir,
	}
}

// locateSet finds spec's files, or its Fallback files when the first set
// cannot be had (missing, or not downloadable). fallback says which set the
// paths are. A file that is present but fails verification is an error,
// never a reason to fall back: a corrupt 2432-image file must not silently
// turn into the 2414-image data set.
func locateSet(ctx context.Context, spec *Spec, opt Options) (paths []string, source string, fallback bool, err error) {
	paths, source, err = locateAll(ctx, spec, spec.Files, opt)
	var na *NotAvailableError
	if err == nil || len(spec.Fallback) == 0 || !errors.As(err, &na) {
		return paths, source, false, err
	}
	fp, fsrc, ferr := locateAll(ctx, spec, spec.Fallback, opt)
	var fna *NotAvailableError
	if errors.As(ferr, &fna) {
		na.Reason += fmt.Sprintf("; without it, %s would do (%s)", fna.File, fna.Reason)
		return nil, "", false, na
	}
	return fp, fsrc, ferr == nil, ferr
}

// locateAll finds (or, if allowed, downloads) every file of files (spec's
// Files or Fallback), verifying each against its known hash. It returns the
// paths in order and a one-line description of where they came from.
func locateAll(ctx context.Context, spec *Spec, files []File, opt Options) ([]string, string, error) {
	paths := make([]string, len(files))
	var missing []File
	noURL := false
	for i, f := range files {
		p, err := Locate(ctx, f, opt)
		var na *missingError
		switch {
		case errors.As(err, &na):
			missing = append(missing, f)
			noURL = noURL || len(f.URLs) == 0
			continue
		case err != nil:
			return nil, "", err
		}
		paths[i] = p
	}
	if len(missing) > 0 {
		reason := "not in mirror or cache"
		switch {
		case noURL:
			reason += "; no direct download URL is known"
		case !opt.Fetch:
			reason += "; download not allowed (offline)"
		}
		return nil, "", notAvailable(spec, missing, opt, reason)
	}
	return paths, strings.Join(paths, ", "), nil
}

// missingError marks a file found nowhere (internal; becomes a NotAvailableError).
type missingError struct{ f File }

func (e *missingError) Error() string { return fmt.Sprintf("%s: not found", e.f.Rel) }

// Locate returns a verified local path for f: the mirror copy, else the cache
// copy, else (when opt.Fetch and URLs are known) a fresh download into the
// cache. A mirror copy that fails verification is an error (the mirror is the
// user's); a cache copy that fails is removed and fetched again.
func Locate(ctx context.Context, f File, opt Options) (string, error) {
	paths, labels := Candidates(f, opt)
	for i, p := range paths {
		st, err := os.Stat(p)
		if err != nil || !st.Mode().IsRegular() {
			continue
		}
		_, err = verifyCached(p, f)
		if err == nil {
			return p, nil
		}
		var ce *ChecksumError
		if labels[i] == "cache" && errors.As(err, &ce) {
			_ = os.Remove(p) // a bad cache copy is never kept
			continue
		}
		return "", err
	}
	if !opt.Fetch || len(f.URLs) == 0 {
		return "", &missingError{f}
	}
	root := cacheRoot(opt)
	if root == "" {
		return "", fmt.Errorf("datasets: %s: no cache directory to download into (set CacheDir)", f.Rel)
	}
	dest := filepath.Join(root, filepath.FromSlash(f.Rel))
	if err := Download(ctx, opt.Client, f, dest); err != nil {
		return "", err
	}
	return dest, nil
}
