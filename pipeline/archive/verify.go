package archive

import (
	"context"
	"crypto/sha256"
	"encoding/binary"
	"fmt"
	"math"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/admmlab/admmlab/pipeline/runs"
)

// Recomputer computes a spec's result as `admmlab run` does: a
// pipeline.Executor is one.
type Recomputer interface {
	Execute(ctx context.Context, spec runs.Spec) (runs.Result, error)
}

// Check is the outcome of verifying one archived run.
type Check struct {
	ID   string
	Spec runs.Spec
	// Skip, when not empty, says why the run could not be recomputed here
	// (its data set is not available): it is neither passed nor failed.
	Skip string
	// Key says how this build's key for the spec differs from the archived
	// one (Why): a run archived by other code is not this build's result.
	Key string
	// Altered is set when the file's content no longer matches the result
	// hash it was archived with.
	Altered bool
	// Diffs are how the recomputed result differs from the archived one,
	// first difference first (runs.CompareResults, wall-clock metrics left
	// out), or "result hash" when only the hashes differ.
	Diffs []string
	// Err is a file that could not be read or a recomputation that failed.
	Err error
	// Took is how long the archived run took where it was computed.
	Took time.Duration
}

// OK reports whether the run was recomputed and matches the archive bit
// for bit under the same key.
func (c Check) OK() bool {
	return c.Skip == "" && c.Err == nil && c.Key == "" && !c.Altered && len(c.Diffs) == 0
}

// Problem names the check's first problem, "" for a run that passed or was
// skipped.
func (c Check) Problem() string {
	switch {
	case c.Err != nil:
		return c.Err.Error()
	case c.Altered:
		if len(c.Diffs) > 0 {
			return "archived file altered; " + c.Diffs[0]
		}
		return "archived file altered: its content no longer matches its result hash"
	case len(c.Diffs) > 0:
		return c.Diffs[0]
	case c.Key != "":
		return c.Key + " (the result is the same bits)"
	}
	return ""
}

// Sample chooses a seeded random percent of ids: ⌈percent/100 · n⌉ of them
// (at least one when percent > 0), returned sorted. The choice ranks the
// ids by SHA-256 of the seed and the ID, so it depends on nothing but the
// seed and the ids: the same runs on every machine and Go release, whatever
// the order the ids come in.
func Sample(ids []string, percent float64, seed uint64) []string {
	rank := func(id string) string {
		var b [8]byte
		binary.BigEndian.PutUint64(b[:], seed)
		h := sha256.Sum256(append(b[:], id...))
		return string(h[:])
	}
	sorted := slices.Clone(ids)
	slices.Sort(sorted)
	sorted = slices.Compact(sorted)
	slices.SortFunc(sorted, func(a, b string) int { return strings.Compare(rank(a), rank(b)) })
	k := int(math.Ceil(percent / 100 * float64(len(sorted))))
	k = max(0, min(k, len(sorted)))
	if k == 0 && percent > 0 && len(sorted) > 0 {
		k = 1
	}
	out := sorted[:k]
	slices.Sort(out)
	return out
}

// VerifyRun checks the run id archived in profile folder pdir: it reads
// the file, checks its content against its own result hash, keys its spec
// as this build would (keyer), recomputes it (exec) and compares the result
// with the archived one bit for bit.
func VerifyRun(ctx context.Context, pdir, id string, keyer Keyer, exec Recomputer) Check {
	c := Check{ID: id}
	run, err := ReadFile(RunPath(pdir, id))
	if err != nil {
		c.Err = err
		return c
	}
	c.Spec, c.Took = run.Spec, run.Duration
	c.Altered = ResultHash(run.Result) != run.ResultHash
	key, skip, err := keyer(run.Spec)
	if err != nil {
		c.Err = err
		return c
	}
	if skip != "" {
		c.Skip = skip
		return c
	}
	c.Key = Why(run.Key, key)
	got, err := exec.Execute(ctx, run.Spec)
	if err != nil {
		c.Err = fmt.Errorf("recomputing: %w", err)
		return c
	}
	c.Diffs = runs.CompareResults(run.Result, got, runs.IsWallClock)
	if len(c.Diffs) == 0 && ResultHash(got) != run.ResultHash {
		c.Diffs = []string{fmt.Sprintf("result hash: archived %s, recomputed %s", run.ResultHash[:12], ResultHash(got)[:12])}
	}
	return c
}

// VerifyAll checks the runs ids of profile folder pdir (VerifyRun), up to
// jobs at a time, and calls report with each Check in the order of ids as
// soon as it and every one before it are done. keyer is called by one
// goroutine at a time; exec.Execute by up to jobs.
func VerifyAll(ctx context.Context, pdir string, ids []string, jobs int, keyer Keyer, exec Recomputer, report func(Check)) []Check {
	var mu sync.Mutex
	serial := func(spec runs.Spec) (runs.Key, string, error) {
		mu.Lock()
		defer mu.Unlock()
		return keyer(spec)
	}
	checks := make([]Check, len(ids))
	done := make([]chan struct{}, len(ids))
	for i := range done {
		done[i] = make(chan struct{})
	}
	next := make(chan int)
	var wg sync.WaitGroup
	for range max(1, jobs) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				checks[i] = VerifyRun(ctx, pdir, ids[i], serial, exec)
				close(done[i])
			}
		}()
	}
	go func() {
		for i := range ids {
			next <- i
		}
		close(next)
	}()
	for i := range ids {
		<-done[i]
		if report != nil {
			report(checks[i])
		}
	}
	wg.Wait()
	return checks
}

// CheckFile reads the run file of id in profile folder pdir and checks its
// content against the result hash it was archived with, without
// recomputing anything: a cheap check of every file of an archive.
func CheckFile(pdir, id string) (runs.Spec, error) {
	run, err := ReadFile(RunPath(pdir, id))
	if err != nil {
		return runs.Spec{}, err
	}
	if got := ResultHash(run.Result); got != run.ResultHash {
		return run.Spec, fmt.Errorf("content hashes to %s, archived as %s: altered since it was archived", got[:12], run.ResultHash[:12])
	}
	return run.Spec, nil
}
