package store

import "github.com/admmlab/admmlab/pipeline/runs"

// A base store lets a shard start from what it needs without a copy of the
// merged store: the shard reads the base's index for cached runs and for
// the dependencies of later stages, and writes only the runs it does to its
// own store. The base is opened read-only (OpenExisting), so that every
// shard of a cluster may read one merged store on a shared file system
// while none of them writes it.

// Overlay returns an index holding base's runs with ix's on top: a run in
// both is taken from ix unless base has it done and ix does not, and
// Latest, per spec hash, is the later finished of the two. Neither index
// changes; runs added to the result are not added to either.
func (ix *Index) Overlay(base *Index) *Index {
	if base == nil {
		return ix
	}
	out := &Index{ByID: make(map[string]runs.Record, len(base.ByID)+len(ix.ByID)), Latest: make(map[string]runs.Record, len(base.Latest)+len(ix.Latest)),
		store: ix.store, base: base, fromBase: make(map[string]bool, len(base.ByID))}
	for id, r := range base.ByID {
		out.ByID[id] = r
		out.fromBase[id] = true
	}
	for id, r := range ix.ByID {
		if old, ok := out.ByID[id]; ok && old.Status == runs.StatusDone && r.Status != runs.StatusDone {
			continue
		}
		out.ByID[id] = r
		delete(out.fromBase, id)
	}
	for h, r := range base.Latest {
		out.Latest[h] = r
	}
	for h, r := range ix.Latest {
		if old, ok := out.Latest[h]; ok && old.Finished.After(r.Finished) {
			continue
		}
		out.Latest[h] = r
	}
	return out
}
