// Package slurmexec is `admmlab run --executor slurm`'s round driver: it
// submits one Slurm array job per round of pending runs (each task a shard
// of the store, run by admmlab itself with --shard and --base), waits,
// resubmits tasks that died, merges the shard stores into the main store
// and starts the next round until no run is left that the invocation has
// not tried; then it prints the summary a local run prints.
//
// Killed and started again it resumes: the main store holds every merged
// round, the work directory's state.json (state.go) the jobs in flight.
//
// It knows Slurm (through internal/slurm), the pipeline's plans and
// stores; what only the CLI knows (resolving a plan against the store with
// the data's availability, the store's lock, the binary the jobs run, the
// cost model that sizes a round) comes in through Config.
package slurmexec
