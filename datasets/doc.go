// Package datasets produces the training and test data of Zeng, Lin, Yao and
// Zhou, "On ADMM in Deep Learning" (JMLR 2021): the four toy tasks of their
// Section 5 and the three real data sets of Section 6, preprocessed exactly as
// the paper says and returned feature-major (X is DIn×N, one column per
// sample), the layout the solvers use.
//
// Toy tasks are generated from a seed (see Load for the streams). Real data
// are looked up in a mirror directory (Options.DataDir), then in a cache
// directory, and only then, when Options.Fetch allows it and a direct URL is
// known, downloaded. Every file whose SHA-256 is known is verified wherever it
// was found; a download is written to a temporary file and renamed into place
// only after it verified, so a bad or partial file never sits at the
// destination. Missing data is a normal condition: Load returns a
// *NotAvailableError naming the file (and hash) to place.
//
// The parsers (MAT-file v5, the PTB CSVs, the NCEI earthquake export) treat
// their input as untrusted: they return errors with byte offsets or line
// numbers, never panic, and never allocate more than the input can justify.
// Each has a fuzz target.
//
// Every Dataset carries a Digest, the SHA-256 of the preprocessed arrays with
// the data set's name and PreprocessVersion, so a result can name exactly the
// numbers it was computed from.
package datasets
