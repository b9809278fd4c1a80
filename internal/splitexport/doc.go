// Package splitexport writes the samples one run trains on, chooses on and
// is tested on (`admmlab data export`): the run's split as the engine reads
// it (engine.Split: the same data loading and the same stratified hold-out),
// as float64 .npy files or CSV that round-trips every value exactly, with
// split.json describing the parts, the data digest and, for a run of a
// store, the run itself.
//
// Which split: a run of a store (FindRun; its spec decides, and the data
// must give the digest the run recorded) or the data fields of a spec
// (CheckSpec). The directory is written whole or not at all: the files go
// to a temporary directory beside it, renamed into place; an earlier export
// there is replaced, any other non-empty directory refused (CheckDir).
//
// Errors of the caller's input are *inputerr.Error (Usage when what was asked does
// not fit, else unreadable input); the engine's data errors pass through.
package splitexport
