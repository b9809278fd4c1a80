// Package datasets produces the training and test data of Zeng, Lin, Yao and
// Zhou, "On ADMM in Deep Learning" (JMLR 2021): the four toy tasks of their
// Section 5 and the three real data sets of Section 6, preprocessed exactly as
// the paper says and returned feature-major (X is DIn×N, one column per
// sample), the layout the solvers use.
//
// The package owns the data sets' vocabulary: Name and its constants (Square,
// …, PTB), Names, Parse, and Name.Info, which says what each is (toy or real,
// learning or approximation task), its paper noise variance, its default
// sample count, its declared variants (Name.CheckVariant) and its version.
// Definitions, the planner and the report spell data sets through it.
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
// Digest names the numbers Load would return without building them: the
// SHA-256 of what defines them (a toy task's generator inputs; a real data
// set's variant and its files' SHA-256, each file hashed at most once per
// process) with PreprocessVersion and the data set's Info.Version. Load puts
// the same string in Dataset.Digest, and HoldOutDigest extends it by a
// validation hold-out, so a run's cache key names exactly the data it was
// computed from, and a planner keys thousands of runs without loading any.
//
// Parsed files and their seed-independent preprocessing are kept per
// process (one entry per file version and kind, readOnce), so the many Loads
// of one data set parse its file once.
package datasets
