package progress

import (
	"fmt"
	"io"
	"os"
	"strings"
	"sync"
	"time"

	"github.com/admmlab/admmlab/pipeline"
	"github.com/admmlab/admmlab/pipeline/runs"
	"github.com/admmlab/admmlab/pipeline/store"
)

// Progress shows per-experiment done/total, the rate and an ETA. On a
// terminal it redraws one line; otherwise (a log, CI, nohup) it writes a
// plain line at a steady pace, so that a log shows where a long run stands.
type Progress struct {
	w          io.Writer
	terminal   bool
	jobs       int
	start      time.Time
	every      time.Duration // redraw period on a terminal
	plainEvery time.Duration // period of the plain line elsewhere
	failed     int

	mu      sync.Mutex
	names   []string
	total   map[string]int
	done    map[string]int
	members map[string][]string    // run ID → experiments counting it
	pending map[string]pendingRun  // queued, not finished
	similar map[similarKey]meanDur // per epoch
	soFar   meanDur                // per run, for the line's rate
	soFarEp meanDur                // per epoch, when no similar run is known
	price   func(runs.Spec) time.Duration
	now     func() time.Time // the clock; a test's own

	quit chan struct{}
	once sync.Once
	wg   sync.WaitGroup
}

// similarKey groups runs whose durations per epoch predict each other: the
// same algorithm, data and shape, trained on the same number of samples.
// Epochs are left out and scaled by instead: one configuration runs at 200
// epochs in a sweep and at 2000 in a study, or stops at its chosen epoch in
// a refit, so a mean per run would price a 2000-epoch run as a 200-epoch
// one.
type similarKey struct {
	Algorithm, Data string
	Depth, Width    int
	Samples         int
	TrainFraction   float64
}

// pendingRun is what remaining needs of a queued run, taken once when it is
// queued rather than on every redraw.
type pendingRun struct {
	key     similarKey
	epochs  time.Duration
	model   time.Duration // the cost model's price (SetPrice); 0: none
	started time.Time     // when a worker began it; zero while it waits
}

type meanDur struct {
	sum time.Duration
	n   int
}

// IsTerminal reports whether w is a character device, so that progress may
// be redrawn in place.
func IsTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}

func (m *meanDur) add(d time.Duration) { m.sum += d; m.n++ }

func keyOf(s runs.Spec) similarKey {
	return similarKey{s.Algorithm, s.Data, s.Depth, s.Width, s.Samples, s.TrainFraction}
}

// epochsOf is the epochs a run trains, at least 1 (a noise floor trains
// none; its duration is taken as one epoch's).
func epochsOf(s runs.Spec) time.Duration { return time.Duration(max(s.Epochs, 1)) }

// New returns a Progress writing to w; terminal says whether w is a
// terminal, where the line is redrawn in place. It draws nothing until
// Begin.
func New(w io.Writer, terminal bool) *Progress {
	if w == nil {
		w = io.Discard
		terminal = false
	}
	return &Progress{w: w, terminal: terminal, jobs: 1, start: time.Now(), every: 500 * time.Millisecond, plainEvery: time.Minute,
		total: map[string]int{}, done: map[string]int{}, members: map[string][]string{},
		pending: map[string]pendingRun{}, similar: map[similarKey]meanDur{}, quit: make(chan struct{}), now: time.Now}
}

// Begin takes the stored durations to estimate from and starts redrawing
// the line on a terminal (pipeline.Observer).
func (p *Progress) Begin(ix *store.Index, jobs int) {
	p.mu.Lock()
	p.jobs = max(jobs, 1)
	for _, r := range ix.ByID {
		if r.Status == runs.StatusDone && r.Duration > 0 {
			p.addSimilar(r.Spec, r.Duration)
		}
	}
	p.mu.Unlock()
	p.draw()
}

// draw starts redrawing the line every p.every on a terminal, or writing
// the plain line every p.plainEvery elsewhere.
func (p *Progress) draw() {
	switch {
	case p.terminal:
		p.wg.Add(1)
		go p.loop()
	case p.plainEvery > 0 && p.w != io.Discard:
		p.wg.Add(1)
		go p.plainLoop()
	}
}

// plainLoop writes plainLine every p.plainEvery until stopped.
func (p *Progress) plainLoop() {
	defer p.wg.Done()
	t := time.NewTicker(p.plainEvery)
	defer t.Stop()
	for {
		select {
		case <-p.quit:
			return
		case <-t.C:
			fmt.Fprintln(p.w, p.plainLine())
		}
	}
}

// plainLine renders "progress: 12 runs done (1 failed), 30 pending,
// elapsed 3m0s, about 5m left" for a log.
func (p *Progress) plainLine() string {
	p.mu.Lock()
	defer p.mu.Unlock()
	s := fmt.Sprintf("progress: %d runs done (%d failed), %d pending, elapsed %s", p.soFar.n, p.failed, len(p.pending),
		pipeline.RoundDuration(time.Since(p.start)))
	if rest, ok := p.remaining(); ok && len(p.pending) > 0 {
		s += ", about " + pipeline.RoundDuration(rest).String() + " left"
	}
	return s
}

func (p *Progress) loop() {
	defer p.wg.Done()
	t := time.NewTicker(p.every)
	defer t.Stop()
	for {
		select {
		case <-p.quit:
			fmt.Fprint(p.w, "\r\x1b[K")
			return
		case <-t.C:
			fmt.Fprint(p.w, "\r\x1b[K"+p.line())
		}
	}
}

// Stop ends the drawing (erasing the line on a terminal); it may be called
// more than once.
func (p *Progress) Stop() {
	p.once.Do(func() {
		close(p.quit)
		p.wg.Wait()
	})
}

// SetPrice gives the price of a run with no similar run to go by, e.g. the
// cost model's CPU time: a new shape or data set is priced by its work, not
// by the mean per epoch of whatever ran so far (an EYB run's epoch costs
// a hundred of a toy run's). It is called once for each queued run with
// no similar run known when it is queued (so a rerun whose runs all have
// stored twins never calls it), outside the lock, so it may load what it
// needs on first use; 0 means no price. Call it before Begin.
func (p *Progress) SetPrice(price func(runs.Spec) time.Duration) { p.price = price }

// Experiment registers an experiment's runs of this invocation.
func (p *Progress) Experiment(name string, n int) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.names = append(p.names, name)
	p.total[name] += n
}

// Queued notes a run that will execute and the experiments counting it.
func (p *Progress) Queued(run *pipeline.PlannedRun) {
	key := keyOf(run.Spec)
	p.mu.Lock()
	_, similar := p.similar[key]
	p.mu.Unlock()
	var model time.Duration
	if p.price != nil && !similar {
		model = p.price(run.Spec) // outside the lock: its first call may load data
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	p.pending[run.ID] = pendingRun{key: key, epochs: epochsOf(run.Spec), model: model}
	for _, m := range run.Members {
		p.members[run.ID] = append(p.members[run.ID], m.Experiment)
	}
}

// Started notes that a worker began a queued run (pipeline.Observer): the
// time left counts only what remains of it.
func (p *Progress) Started(run *pipeline.PlannedRun) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if r, ok := p.pending[run.ID]; ok {
		r.started = p.now()
		p.pending[run.ID] = r
	}
}

// Finished notes a run that ended (pipeline.Observer).
func (p *Progress) Finished(run *pipeline.PlannedRun, d time.Duration, failed bool) {
	p.mu.Lock()
	defer p.mu.Unlock()
	delete(p.pending, run.ID)
	if failed {
		p.failed++
	}
	seen := map[string]bool{}
	for _, m := range run.Members {
		if !seen[m.Experiment] {
			seen[m.Experiment] = true
			p.done[m.Experiment]++
		}
	}
	p.soFar.add(d)
	if !failed && d > 0 {
		p.addSimilar(run.Spec, d)
		p.soFarEp.add(d / epochsOf(run.Spec))
	}
}

// addSimilar counts a run's duration per epoch under its similarKey: runs
// stored before (Begin) and runs finished in this invocation, which tell
// this machine's speed now. The caller holds p.mu.
func (p *Progress) addSimilar(s runs.Spec, d time.Duration) {
	k := keyOf(s)
	m := p.similar[k]
	m.add(d / epochsOf(s))
	p.similar[k] = m
}

// line renders "exp 3/10 · exp2 0/4 · 1.2 runs/s · ETA 40s".
func (p *Progress) line() string {
	p.mu.Lock()
	defer p.mu.Unlock()
	var parts []string
	for _, n := range p.names {
		if p.total[n] > 0 {
			parts = append(parts, fmt.Sprintf("%s %d/%d", n, min(p.done[n], p.total[n]), p.total[n]))
		}
	}
	el := time.Since(p.start)
	if p.soFar.n > 0 {
		parts = append(parts, fmt.Sprintf("%.2f runs/s", float64(p.soFar.n)/el.Seconds()))
	}
	if rest, ok := p.remaining(); ok && len(p.pending) > 0 {
		parts = append(parts, "ETA "+pipeline.RoundDuration(rest).String())
	}
	return strings.Join(parts, " · ")
}

// remaining is the pending runs' expected wall time: their summed
// expected durations over p.jobs workers, but no less than the longest of
// them, which one worker must run alone (a sweep's last stage is often a
// few long refits). A run's expected duration is its epochs times the mean
// duration per epoch of similar runs (similarKey); when none is similar,
// its price (SetPrice), else its epochs times the mean duration per epoch
// of every run finished so far; ok is false while some pending run has
// none of these. A run a worker has begun counts with what remains of its
// expected duration, none once it has run longer, so that the time left
// goes down while long runs are in flight. The caller holds p.mu.
func (p *Progress) remaining() (time.Duration, bool) {
	var rest, longest time.Duration
	for _, r := range p.pending {
		var d time.Duration
		switch m := p.similar[r.key]; {
		case m.n > 0:
			d = m.sum / time.Duration(m.n) * r.epochs
		case r.model > 0:
			d = r.model
		case p.soFarEp.n > 0:
			d = p.soFarEp.sum / time.Duration(p.soFarEp.n) * r.epochs
		default:
			return 0, false
		}
		if !r.started.IsZero() {
			d = max(d-p.now().Sub(r.started), 0)
		}
		rest += d
		longest = max(longest, d)
	}
	return max(rest/time.Duration(p.jobs), longest), true
}
