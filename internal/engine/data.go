package engine

import (
	"context"
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"sync"

	"github.com/admmlab/admmlab/datasets"
	"github.com/admmlab/admmlab/pipeline"
	"github.com/admmlab/admmlab/pipeline/runs"
	"github.com/admmlab/admmlab/solvers"
)

// The budget of the loaded data sets an Engine keeps for the runs that
// follow: the most recently used ones, at most cacheSets of them and
// cacheBytes of their arrays (the newest is kept whatever its size). A toy
// task's 20 trials fit in it; about six EYB or PTB trials do, and a seventh
// reloads from the datasets package's memo of the parsed file (a split and
// a copy, milliseconds against a run's seconds).
const (
	cacheSets  = 32
	cacheBytes = 128 << 20
)

// dataSeed derives the data set's seed from the fields that define the data
// alone, so that every algorithm of one trial sees the same samples and split.
func dataSeed(spec runs.Spec) uint64 {
	h := sha256.New()
	fmt.Fprintf(h, "data=%s samples=%d noise=%x trial=%d", spec.Data, spec.Samples, math.Float64bits(spec.Noise), spec.Trial)
	if spec.DataVariant != "" {
		fmt.Fprintf(h, " variant=%s", spec.DataVariant)
	}
	return binary.BigEndian.Uint64(h.Sum(nil)[:8])
}

// validationSeed derives the hold-out's seed from the data's seed and the
// fraction: every algorithm of a trial validates on the same samples.
func validationSeed(spec runs.Spec) uint64 {
	h := sha256.New()
	fmt.Fprintf(h, "data-seed=%x validation=%x", dataSeed(spec), math.Float64bits(spec.Validation))
	return binary.BigEndian.Uint64(h.Sum(nil)[:8])
}

// subsampleSeed derives the seed of a learning curve's training subset
// from the data's seed and the fraction: every algorithm of a trial trains
// on the same samples at one fraction.
func subsampleSeed(spec runs.Spec) uint64 {
	h := sha256.New()
	fmt.Fprintf(h, "data-seed=%x train-fraction=%x", dataSeed(spec), math.Float64bits(spec.TrainFraction))
	return binary.BigEndian.Uint64(h.Sum(nil)[:8])
}

// dataOptions are the datasets.Options that give spec's data.
func (e *Engine) dataOptions(spec runs.Spec) datasets.Options {
	return datasets.Options{
		Seed: dataSeed(spec), Samples: spec.Samples, Noise: spec.Noise, Variant: spec.DataVariant,
		DataDir: e.opt.DataDir, CacheDir: e.opt.CacheDir, Fetch: e.opt.Fetch,
	}
}

// DataDigest names the data spec trains and is scored on, without building
// them: datasets.Digest of the data set (its generator's inputs, or its
// files' SHA-256, with the preprocessing versions), extended by the
// validation hold-out when the spec takes one. A missing data set is not
// available (reason says what to place where); a file that fails
// verification makes the spec's data unusable.
func (e *Engine) DataDigest(spec runs.Spec) (string, bool, string, error) {
	opt := e.dataOptions(spec)
	d, err := datasets.Digest(context.Background(), datasets.Name(spec.Data), opt)
	var na *datasets.NotAvailableError
	if errors.As(err, &na) {
		return "", false, na.Error(), nil
	}
	if err != nil {
		// Present but unusable (checksum): only its runs are skipped.
		return "", false, "", &pipeline.UnusableDataError{Data: spec.Data, Err: err}
	}
	if spec.TrainFraction > 0 {
		d = datasets.SubsampleDigest(d, spec.TrainFraction, subsampleSeed(spec))
	}
	if spec.Validation > 0 {
		d = datasets.HoldOutDigest(d, spec.Validation, validationSeed(spec))
	}
	return d, true, "", nil
}

// load returns spec's data set, from the cache when a run before it
// loaded the same.
func (e *Engine) load(ctx context.Context, spec runs.Spec) (*datasets.Dataset, error) {
	opt := e.dataOptions(spec)
	key := fmt.Sprintf("%s/%s/%d/%x/%d", spec.Data, spec.DataVariant, spec.Samples, math.Float64bits(spec.Noise), opt.Seed)
	return e.data.get(ctx, key, func() (*datasets.Dataset, error) {
		ds, err := datasets.Load(ctx, datasets.Name(spec.Data), opt)
		if err == nil && e.alter != nil {
			ds = e.alter(ds)
		}
		return ds, err
	})
}

// dataCache keeps loaded data sets within a budget, least recently used
// out first. A data set is a function of its key alone, so one that was
// dropped and is asked for again is loaded again to the same bits:
// eviction costs time, never a changed result.
type dataCache struct {
	maxSets  int
	maxBytes int64

	mu    sync.Mutex
	order []*loadResult // most recently used first
}

type loadResult struct {
	key   string
	once  sync.Once
	ds    *datasets.Dataset
	err   error
	bytes int64 // of ds's arrays, once loaded
}

func newDataCache(maxSets int, maxBytes int64) *dataCache {
	return &dataCache{maxSets: maxSets, maxBytes: maxBytes}
}

// get returns key's data set, loading it (once, however many goroutines
// ask at the same time) when the cache does not hold it.
func (c *dataCache) get(ctx context.Context, key string, load func() (*datasets.Dataset, error)) (*datasets.Dataset, error) {
	c.mu.Lock()
	lr := c.touch(key)
	c.mu.Unlock()
	lr.once.Do(func() {
		lr.ds, lr.err = load()
		if lr.ds != nil {
			lr.bytes = arrayBytes(lr.ds)
		}
		c.mu.Lock()
		c.evict()
		c.mu.Unlock()
	})
	if lr.err != nil && ctx.Err() != nil {
		// A cancelled load must not poison later attempts.
		c.mu.Lock()
		c.drop(lr)
		c.mu.Unlock()
	}
	return lr.ds, lr.err
}

// touch returns key's entry, made the most recent (created when absent).
func (c *dataCache) touch(key string) *loadResult {
	for i, lr := range c.order {
		if lr.key == key {
			copy(c.order[1:i+1], c.order[:i])
			c.order[0] = lr
			return lr
		}
	}
	lr := &loadResult{key: key}
	c.order = append([]*loadResult{lr}, c.order...)
	return lr
}

// evict drops the least recently used entries beyond the budget, never
// the most recent one.
func (c *dataCache) evict() {
	var total int64
	for _, lr := range c.order {
		total += lr.bytes
	}
	for len(c.order) > 1 && (len(c.order) > c.maxSets || total > c.maxBytes) {
		last := c.order[len(c.order)-1]
		total -= last.bytes
		c.order = c.order[:len(c.order)-1]
	}
}

// drop removes lr if it is still cached.
func (c *dataCache) drop(lr *loadResult) {
	for i, x := range c.order {
		if x == lr {
			c.order = append(c.order[:i], c.order[i+1:]...)
			return
		}
	}
}

// keys lists the cached keys, most recent first (for tests).
func (c *dataCache) keys() []string {
	c.mu.Lock()
	defer c.mu.Unlock()
	out := make([]string, len(c.order))
	for i, lr := range c.order {
		out[i] = lr.key
	}
	return out
}

// arrayBytes is the size of a data set's float64 arrays.
func arrayBytes(ds *datasets.Dataset) int64 {
	n := len(ds.Train.X) + len(ds.Train.Y) + len(ds.Test.X) + len(ds.Test.Y)
	return 8 * int64(n)
}

// parts loads spec's data set and holds out its validation share: the
// samples a run of spec fits (train), chooses on (val, empty without a
// hold-out) and is tested on (ds.Test). Execute and Split both read them
// here, so that an exported split is the run's own.
func (e *Engine) parts(ctx context.Context, spec runs.Spec) (ds *datasets.Dataset, train, val datasets.Part, err error) {
	if ds, err = e.load(ctx, spec); err != nil {
		return nil, train, val, err
	}
	if train, val, err = e.split(spec, ds); err != nil {
		return nil, train, val, err
	}
	return ds, train, val, nil
}

// Split is the data of one run: the samples it fits, the held-out samples
// it chooses on (N = 0 without a validation hold-out) and its test samples,
// feature-major as datasets.Part keeps them, with the run's data digest.
type Split struct {
	Task           solvers.Task
	Fit, Val, Test datasets.Part
	DataDigest     string // as DataDigest gives it: what a run of the spec records in its key
	Source, Counts string // the data set's, for a human reader
	Subset         string // the data set's subset caveat, if any
	ValidationSeed uint64 // the hold-out's seed (0 without one)
}

// Split returns the data a run of spec trains, validates and is tested on,
// bit for bit: the data set loaded and the validation share held out
// exactly as Execute does. Only the data fields of spec matter (data,
// variant, samples, noise, trial, validation).
func (e *Engine) Split(ctx context.Context, spec runs.Spec) (Split, error) {
	ds, fit, val, err := e.parts(ctx, spec)
	if err != nil {
		return Split{}, err
	}
	digest, ok, reason, err := e.DataDigest(spec)
	switch {
	case err != nil:
		return Split{}, err
	case !ok:
		return Split{}, fmt.Errorf("%s: loaded, but its digest is not available: %s", spec.Data, reason)
	}
	s := Split{Task: ds.Task, Fit: fit, Val: val, Test: ds.Test, DataDigest: digest,
		Source: ds.Source, Counts: ds.Counts, Subset: ds.Subset}
	if spec.Validation > 0 {
		s.ValidationSeed = validationSeed(spec)
	}
	return s, nil
}
