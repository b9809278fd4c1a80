// Package pipeline turns the declarative experiment catalogue into runs and
// keeps their results.
//
// Expand crosses each definition's grid per algorithm with its trials under a
// profile and validates the whole catalogue before anything runs. Identical
// run specs requested by several experiments become one run. Thinning never
// drops an algorithm's paper structure (PaperPoint), and a definition's noise
// floor adds one estimator run per noise level and trial. BestFor is the one
// rule for "best configuration" that dependencies and the report share
// (runs.BestFor). Every run is cached in a store.Store under a runs.Key of
// four parts — the spec's hash, the
// solver code's fingerprint, the data digest and the toolchain — so a changed
// part reruns exactly the runs it affects, and Plan can say which part
// changed. Runner schedules the pending runs with bounded parallelism,
// stage by stage along the dependencies between experiments (an experiment
// that refits its validation choices on the whole training split has a
// refit stage after it, runs.RefitName, see refit.go), committing each
// finished run at once so that an interrupted invocation loses only the runs
// in flight. Stores of sharded invocations fold together with store.Merge, which
// copies their stored rows as they are, and the Index that plans read holds
// no curves.
//
// The pipeline knows nothing of matrices: the numerics sit behind Executor.
package pipeline
