package pipeline

import "fmt"

// WaitingNote says plainly that runs wait for a later stage, and what
// starts it: with --shard, the other shards' runs merged into the store;
// without, the dependencies' failed runs done.
func WaitingNote(n int, sharded bool) string {
	if sharded {
		return fmt.Sprintf("%d runs wait for a later stage: their dependencies are not all done in this store (other shards run them).\n"+
			"  Merge every shard's store (admmlab merge) and run the next round from the merged store (--base); "+
			"admmlab run --executor slurm does these rounds itself.", n)
	}
	return fmt.Sprintf("%d runs wait for a later stage: their dependencies have runs that are not done (failed above); "+
		"run again to retry them, and the waiting runs follow.", n)
}
