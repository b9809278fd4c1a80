// Package runs holds the vocabulary every other part of the pipeline
// shares: a run's Spec and its canonical hash and seed, its Result, its
// cache Key and stored Record, and the one rule for "best configuration"
// (Best, or BestOnValidation when a definition selects on a validation
// split; BestFor picks between them), with what a definition that refits
// its choice plans after it (Refits, RefitName, RefitSpec) and the losses a
// spec may name (Spec.Loss, stored as "" for the square loss so that older
// keys keep their bytes). It imports nothing that touches
// SQLite, files or matrices, so that the report can depend on it alone.
package runs
