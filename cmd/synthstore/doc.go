// Command synthstore writes synthetic shard stores for measuring `admmlab
// merge`: many runs shaped like real ADMM runs (the curves a depth-d ADMM run
// stores, each one value per epoch), split over shards the way `admmlab run
// --shard i/n` splits them, with the plans every shard saves.
//
// A few distinct runs are recorded through pipeline.Store.Put, so that their
// curve blobs are the codec's own; every other row is written by SQL from
// those, so that 40,000 runs of 2000 epochs take about a minute to write
// rather than the hours a run-by-run encoding would. The run IDs and spec
// hashes are synthetic (the trial number in hex), which merge does not read.
// A share of runs also appears failed in the next shard (a failure later
// retried elsewhere), so a merge meets a done run replacing a failed one.
//
// It lives under cmd/ as a main of its own: a measuring tool, not a verb of
// admmlab.
//
//	go run ./cmd/synthstore -runs 40000 -shards 4 -epochs 2000 -out /tmp/synth
//	/usr/bin/time -v admmlab merge --store /tmp/synth/merged.db /tmp/synth/shard-*.db
//
// scripts/bench_merge.sh runs both steps and prints peak RSS and time.
package main
