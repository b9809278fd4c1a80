// Package fixturetrace replays an ADMM reference fixture (read through
// solvers/fixture, the one fixture reader) the way its trace.csv was
// written, for `admmlab trace`: the rows' training MSE and augmented
// Lagrangian, with trace.csv's conventions.
package fixturetrace
