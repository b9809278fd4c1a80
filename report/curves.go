package report

import (
	"container/list"
	"context"

	"github.com/admmlab/admmlab/pipeline/runs"
)

// curveBudget bounds the bytes of curves a report keeps decoded at once.
// A source lists runs without their curves; a panel reads the curves of the
// runs it draws, which stay cached while they fit, so that the report's
// memory does not grow with the number of stored runs (the full profile has
// tens of thousands, each with per-layer series over thousands of epochs).
const curveBudget = 256 << 20

// curveCache reads runs' curves from one source on demand and keeps the most
// recently used ones within a byte budget.
type curveCache struct {
	ctx     context.Context
	src     runs.Source
	budget  int
	used    int
	lru     *list.List // of *curveEntry, most recently used first
	entries map[string]*list.Element
	// err is the first read error; Build fails with it after the item that
	// met it, since a table or figure drawn without its curves is wrong.
	err error
}

type curveEntry struct {
	id    string
	res   runs.Result // Curves and Layers only
	bytes int
}

func newCurveCache(ctx context.Context, src runs.Source, budget int) *curveCache {
	return &curveCache{ctx: ctx, src: src, budget: budget, lru: list.New(), entries: map[string]*list.Element{}}
}

// result returns r's result with its curves. A run listed with its curves
// (a source that keeps them in memory) is returned as it is.
func (cc *curveCache) result(r runs.Labeled) runs.Result {
	out := r.Result
	if cc == nil || r.Result.Curves != nil || r.Result.Layers != nil {
		return out
	}
	if el, ok := cc.entries[r.ID]; ok {
		cc.lru.MoveToFront(el)
		e := el.Value.(*curveEntry)
		out.Curves, out.Layers = e.res.Curves, e.res.Layers
		return out
	}
	res, err := cc.src.Curves(cc.ctx, r.ID)
	if err != nil {
		if cc.err == nil {
			cc.err = err
		}
		return out
	}
	e := &curveEntry{id: r.ID, res: res, bytes: curveBytes(res)}
	cc.entries[r.ID] = cc.lru.PushFront(e)
	cc.used += e.bytes
	for cc.used > cc.budget && cc.lru.Len() > 1 {
		last := cc.lru.Back()
		old := last.Value.(*curveEntry)
		cc.lru.Remove(last)
		delete(cc.entries, old.id)
		cc.used -= old.bytes
	}
	out.Curves, out.Layers = res.Curves, res.Layers
	return out
}

// curveBytes is the size of a result's curve values.
func curveBytes(res runs.Result) int {
	n := 0
	for _, c := range res.Curves {
		n += 8 * len(c)
	}
	for _, ls := range res.Layers {
		for _, c := range ls {
			n += 8 * len(c)
		}
	}
	return n
}
