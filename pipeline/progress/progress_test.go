package progress

import (
	"bytes"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/admmlab/admmlab/pipeline"
	"github.com/admmlab/admmlab/pipeline/runs"
	"github.com/admmlab/admmlab/pipeline/store"
)

func progressRun(id, alg string, depth int, experiments ...string) *pipeline.PlannedRun {
	r := &pipeline.PlannedRun{ID: id, Spec: runs.Spec{Algorithm: alg, Data: "square", Depth: depth, Width: 10}}
	for _, e := range experiments {
		r.Members = append(r.Members, pipeline.Membership{Experiment: e})
	}
	return r
}

// TestProgressLine: counts per experiment, the rate once a run finished, and
// an ETA only when every pending run has a duration to go by (a stored run
// of the same algorithm, data and shape, or the mean so far).
func TestProgressLine(t *testing.T) {
	stored := progressRun("old", "admm", 2)
	ix := &store.Index{ByID: map[string]runs.Record{
		"old": {Spec: stored.Spec, Status: runs.StatusDone, Duration: 8 * time.Second},
	}}
	p := New(&bytes.Buffer{}, false)
	p.Begin(ix, 2)
	p.Experiment("sweep", 2)
	p.Experiment("inits", 1)
	like, unlike := progressRun("r1", "admm", 2, "sweep"), progressRun("r2", "sgd", 5, "sweep", "inits")
	p.Queued(like)
	p.Queued(unlike)
	if got := p.line(); got != "sweep 0/2 · inits 0/1" {
		t.Errorf("before any run: %q, want counts only (the SGD run has nothing to go by)", got)
	}
	p.Finished(unlike, 4*time.Second, false)
	got := p.line()
	for _, want := range []string{"sweep 1/2", "inits 1/1", " runs/s", "ETA 8s"} {
		if !strings.Contains(got, want) {
			t.Errorf("after one run: %q lacks %q (the ADMM run is like the stored 8 s one, which one worker runs alone)", got, want)
		}
	}
	p.Finished(like, time.Second, false)
	if got := p.line(); strings.Contains(got, "ETA") || !strings.Contains(got, "sweep 2/2") {
		t.Errorf("all done: %q, want full counts and no ETA", got)
	}
}

// TestProgressRemaining: a pending run is priced at its epochs times the
// duration per epoch of similar runs (stored, or finished in this
// invocation), else at its price where one is given (the cost model's),
// else of every run finished so far; the total is shared by the workers
// but is never less than the longest pending run.
func TestProgressRemaining(t *testing.T) {
	spec := func(alg string, width, epochs, samples int) runs.Spec {
		return runs.Spec{Algorithm: alg, Data: "square", Depth: 2, Width: width, Epochs: epochs, Samples: samples}
	}
	stored := spec("admm", 300, 200, 1000) // 20 s: 0.1 s an epoch
	tests := []struct {
		name     string
		jobs     int
		priced   bool        // a price of 7 s a run, 0 for ADMM at width 100
		finished []runs.Spec // each took 1 s in this invocation
		pending  []runs.Spec
		want     time.Duration
		ok       bool
	}{
		{"a sweep's epochs", 2, false, nil, []runs.Spec{stored, stored}, 20 * time.Second, true},
		{"ten times the epochs", 2, false, nil, []runs.Spec{spec("admm", 300, 2000, 1000)}, 200 * time.Second, true},
		{"a refit stopped at epoch 50", 1, false, nil, []runs.Spec{spec("admm", 300, 50, 1000)}, 5 * time.Second, true},
		{"shared by the workers", 2, false, nil, []runs.Spec{stored, stored, stored, stored}, 40 * time.Second, true},
		{"other samples: nothing to go by", 2, false, nil, []runs.Spec{spec("admm", 300, 200, 500)}, 0, false},
		{"other samples: the mean per epoch so far", 1, false, []runs.Spec{spec("sgd", 10, 100, 1000)},
			[]runs.Spec{spec("admm", 300, 200, 500)}, 2 * time.Second, true},
		{"this invocation's runs count as similar", 1, false, []runs.Spec{spec("admm", 300, 200, 1000)},
			[]runs.Spec{stored}, 10500 * time.Millisecond, true}, // (0.1 + 0.005)/2 s an epoch
		{"other samples: the price before the mean so far", 1, true, []runs.Spec{spec("sgd", 10, 100, 1000)},
			[]runs.Spec{spec("admm", 300, 200, 500)}, 7 * time.Second, true},
		{"other samples: the price with nothing finished", 2, true, nil,
			[]runs.Spec{spec("admm", 300, 200, 500), spec("sgd", 10, 100, 1000)}, 7 * time.Second, true},
		{"similar runs before the price", 2, true, nil, []runs.Spec{stored, stored}, 20 * time.Second, true},
		{"no price: the mean so far", 1, true, []runs.Spec{spec("sgd", 10, 100, 1000)},
			[]runs.Spec{spec("admm", 100, 200, 500)}, 2 * time.Second, true},
		{"no price, nothing finished", 1, true, nil, []runs.Spec{spec("admm", 100, 200, 500)}, 0, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			ix := &store.Index{ByID: map[string]runs.Record{
				"old": {Spec: stored, Status: runs.StatusDone, Duration: 20 * time.Second},
			}}
			p := New(nil, false)
			if tc.priced {
				p.SetPrice(func(s runs.Spec) time.Duration {
					if s.Algorithm == "admm" && s.Width == 100 {
						return 0
					}
					return 7 * time.Second
				})
			}
			p.Begin(ix, tc.jobs)
			for i, s := range tc.finished {
				r := &pipeline.PlannedRun{ID: fmt.Sprint("done", i), Spec: s}
				p.Queued(r)
				p.Finished(r, time.Second, false)
			}
			for i, s := range tc.pending {
				p.Queued(&pipeline.PlannedRun{ID: fmt.Sprint("pending", i), Spec: s})
			}
			p.mu.Lock()
			got, ok := p.remaining()
			p.mu.Unlock()
			if got != tc.want || ok != tc.ok {
				t.Errorf("remaining() = %v, %v; want %v, %v", got, ok, tc.want, tc.ok)
			}
		})
	}
}

// syncBuffer is a bytes.Buffer safe for the drawing goroutine and the test.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// TestProgressTerminal: on a terminal the line is redrawn in place (carriage
// return, erase line) and erased when the run ends.
func TestProgressTerminal(t *testing.T) {
	var out syncBuffer
	p := New(&out, true)
	p.every = time.Millisecond
	p.Experiment("sweep", 1)
	p.Begin(&store.Index{ByID: map[string]runs.Record{}}, 1)
	deadline := time.Now().Add(10 * time.Second)
	for !strings.Contains(out.String(), "\r\x1b[Ksweep 0/1") {
		if time.Now().After(deadline) {
			p.Stop()
			t.Fatalf("no line drawn in 10 s: %q", out.String())
		}
		time.Sleep(time.Millisecond)
	}
	p.Stop()
	if s := out.String(); !strings.HasSuffix(s, "\r\x1b[K") {
		t.Errorf("the line is not erased at the end: %q", s[max(0, len(s)-40):])
	}

}

// TestProgressPlain: elsewhere than on a terminal, a plain line (no carriage
// return, no escape) comes at the plain pace with runs done, failed,
// pending, elapsed and the time left once known.
func TestProgressPlain(t *testing.T) {
	var out syncBuffer
	p := New(&out, false)
	p.every, p.plainEvery = time.Millisecond, 5*time.Millisecond
	p.Experiment("sweep", 3)
	p.Begin(&store.Index{ByID: map[string]runs.Record{}}, 1)
	a, b, c := progressRun("a", "admm", 2, "sweep"), progressRun("b", "admm", 2, "sweep"), progressRun("c", "admm", 2, "sweep")
	p.Queued(a)
	p.Queued(b)
	p.Queued(c)
	p.Finished(a, 2*time.Second, false)
	p.Finished(b, 2*time.Second, true)
	deadline := time.Now().Add(10 * time.Second)
	for !strings.Contains(out.String(), "\n") {
		if time.Now().After(deadline) {
			p.Stop()
			t.Fatalf("no plain line in 10 s: %q", out.String())
		}
		time.Sleep(time.Millisecond)
	}
	p.Stop()
	first, _, _ := strings.Cut(out.String(), "\n")
	if strings.ContainsAny(first, "\r\x1b") {
		t.Errorf("plain line %q has terminal control characters", first)
	}
	for _, want := range []string{"progress: 2 runs done (1 failed), 1 pending, elapsed ", ", about 2s left"} {
		if !strings.Contains(first, want) {
			t.Errorf("plain line %q lacks %q", first, want)
		}
	}
}

// TestProgressInFlight: a run a worker has begun counts with what remains
// of its expected duration, and none once it has run longer, so that the
// time left goes down while it runs.
func TestProgressInFlight(t *testing.T) {
	stored := progressRun("old", "admm", 2)
	ix := &store.Index{ByID: map[string]runs.Record{
		"old": {Spec: stored.Spec, Status: runs.StatusDone, Duration: 20 * time.Second},
	}}
	clock := time.Date(2026, 12, 4, 0, 0, 0, 0, time.UTC)
	p := New(nil, false)
	p.now = func() time.Time { return clock }
	p.Begin(ix, 1)
	first, second := progressRun("a", "admm", 2, "sweep"), progressRun("b", "admm", 2, "sweep")
	p.Queued(first)
	p.Queued(second)
	p.Started(first)
	for _, tc := range []struct {
		elapsed time.Duration
		want    time.Duration
	}{
		{0, 40 * time.Second},
		{15 * time.Second, 25 * time.Second},
		{30 * time.Second, 20 * time.Second}, // the first overran: none of it left
	} {
		clock = time.Date(2026, 12, 4, 0, 0, 0, 0, time.UTC).Add(tc.elapsed)
		p.mu.Lock()
		got, ok := p.remaining()
		p.mu.Unlock()
		if !ok || got != tc.want {
			t.Errorf("%v into the first run: remaining() = %v, %v; want %v", tc.elapsed, got, ok, tc.want)
		}
	}
}

// The price is asked only of a run with no similar run known when it is
// queued: a rerun whose runs all have stored twins never calls it (the
// cost model's first call loads the data sets and reads the store).
func TestProgressPriceOnlyUnseen(t *testing.T) {
	stored := progressRun("old", "admm", 2)
	ix := &store.Index{ByID: map[string]runs.Record{
		"old": {Spec: stored.Spec, Status: runs.StatusDone, Duration: 8 * time.Second},
	}}
	var asked []string
	p := New(nil, false)
	p.SetPrice(func(s runs.Spec) time.Duration {
		asked = append(asked, s.Algorithm)
		return 3 * time.Second
	})
	p.Begin(ix, 1)
	p.Queued(progressRun("like", "admm", 2, "sweep"))
	p.Queued(progressRun("unlike", "sgd", 5, "sweep"))
	if len(asked) != 1 || asked[0] != "sgd" {
		t.Errorf("price asked of %q, want only the SGD run, which has no similar run", asked)
	}
	p.mu.Lock()
	got, ok := p.remaining()
	p.mu.Unlock()
	if want := 11 * time.Second; !ok || got != want {
		t.Errorf("remaining() = %v, %v; want %v (8 s stored twin + 3 s price)", got, ok, want)
	}
}
