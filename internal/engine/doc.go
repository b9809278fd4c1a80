// Package engine is the bridge between the pipeline, which knows run specs
// but no matrices, and the numerics: it loads a run's data through package
// datasets, builds and trains the net through package solvers, and turns the
// per-epoch statistics into the metrics and curves the store keeps.
package engine
