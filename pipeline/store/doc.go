// Package store keeps runs in SQLite: one Store per file, opened in WAL
// mode with a busy timeout, migrated forward on open (migrate.go), with
// metrics as JSON and curves as a compact exact binary codec (codec.go).
// A Lock (lockedfile) keeps two writers off one store; the Index is the
// in-memory view of the stored keys that planning consults; plans record
// which runs each experiment asked for under a profile, and Merge folds the
// stores of sharded invocations together.
package store
