// Package engine is the bridge between the pipeline, which knows run specs
// but no matrices, and the numerics: it loads a run's data through package
// datasets, builds and trains the net through package solvers, and turns the
// per-epoch statistics into the metrics and curves the store keeps.
//
// A run's data digest (DataDigest) is datasets.Digest of the data it reads,
// extended by its validation hold-out: computed from what defines the data,
// so planning loads nothing. The data sets loaded for runs are kept for the
// runs that follow in a small least-recently-used cache (data.go); a data
// set is a function of its spec's data fields, so one that was dropped is
// reloaded to the same bits. Split hands out the data of one run (the
// samples it fits, validates and is tested on, read exactly as Execute
// reads them), so that they can be exported for a check outside admmlab.
package engine
