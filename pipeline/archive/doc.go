// Package archive keeps a store's runs as files beside the committed
// report, so that the runs travel with it: a fresh clone imports them
// instead of recomputing them, and any machine can recompute a sample and
// check it bit for bit.
//
// An archive directory holds one folder per profile:
//
//	<dir>/<profile>/plans.json          the profile's latest plan per experiment
//	<dir>/<profile>/runs/ab/<id>.run.gz one file per run the plans name
//
// A run file is named by the run's ID (the hash of its cache key), so a run
// that does not change keeps its file, and a re-export that changes k runs
// writes about k files. Its content is a gzip stream, written with fixed
// settings so that the same run always gives the same bytes: one line of
// JSON (the spec, the key's components, status, metrics, the run's time and
// provenance, and the hash of its full result), then the curves, whole-net
// and per-layer, in the store's layered layout (float64 bits, bit exact).
// plans.json is plain JSON, one run per line, so that a change of plan
// reads as a diff.
//
// Export writes a profile's folder from a store and prunes the run files
// that no plan names any more; Import seeds a store from the archive with
// the runs whose key still matches this build (same code fingerprint, data
// digest and toolchain) and says why it left out the others; Verify
// recomputes a seeded sample and compares it bit for bit.
//
// The archive knows nothing of matrices: keys and recomputations come from
// the caller (a pipeline.Executor behind the Keyer and Recomputer
// interfaces).
package archive
