package pipeline

import (
	"fmt"
	"io"
	"time"
)

// Counts tallies runs by outcome. In an experiment's counts a run that
// several experiments share is ran, failed or interrupted in the first of
// them (in plan order) and Shared in the others, so that the experiments'
// Ran add up to the total's.
type Counts struct {
	Ran, Cached, Failed, Skipped, OtherShards, Waiting, Interrupted, Shared int
}

func (c Counts) String() string {
	s := fmt.Sprintf("ran %d, cached %d, failed %d, skipped %d", c.Ran, c.Cached, c.Failed, c.Skipped)
	if c.Shared > 0 {
		s += fmt.Sprintf(", shared %d (run for an experiment above)", c.Shared)
	}
	if c.OtherShards > 0 {
		s += fmt.Sprintf(", other shards %d", c.OtherShards)
	}
	if c.Waiting > 0 {
		s += fmt.Sprintf(", waiting %d", c.Waiting)
	}
	if c.Interrupted > 0 {
		s += fmt.Sprintf(", interrupted %d", c.Interrupted)
	}
	return s
}

// Summary is what an invocation did.
type Summary struct {
	Total       Counts
	Experiments []ExperimentSummary
	Elapsed     time.Duration // wall clock
	RunTime     time.Duration // the runs' durations added up
	Workers     string        // what ran the runs, e.g. "-j 2"
}

// ExperimentSummary is one experiment's share.
type ExperimentSummary struct {
	Name    string
	Counts  Counts
	RunTime time.Duration // the durations of the runs it ran itself, added up
	Notes   []string      // skipped reasons, waiting reasons
}

// Summarize tallies the experiments' runs into a Summary: outcome
// classifies a run (one field of Counts set) and says how long it ran in
// this invocation (0: it did not). A run that several experiments share is
// counted in the first of them (in the order given) and as Shared in the
// others, so that the experiments' Ran add up to the total's.
func Summarize(states []*ExperimentState, outcome func(*PlannedRun) (Counts, time.Duration)) *Summary {
	sum := &Summary{}
	seen := map[string]bool{}
	for _, st := range states {
		es := ExperimentSummary{Name: st.Def.Name}
		switch {
		case st.Unavailable:
			es.Counts.Skipped = st.Expected
			sum.Total.Skipped += st.Expected
			es.Notes = append(es.Notes, st.Waiting)
		case st.Waiting != "":
			es.Counts.Waiting = st.Expected
			sum.Total.Waiting += st.Expected
			es.Notes = append(es.Notes, st.Waiting)
		}
		reasons := map[string]int{}
		var order []string
		mine := map[string]bool{} // an experiment may list a run twice: counted once
		for _, run := range st.Runs {
			c, ran := outcome(run)
			switch {
			case mine[run.ID]:
			case !seen[run.ID]:
				seen[run.ID] = true
				add(&sum.Total, c)
				add(&es.Counts, c)
				es.RunTime += ran
				sum.RunTime += ran
			case c.Ran+c.Failed+c.Interrupted > 0:
				es.Counts.Shared++
			default:
				add(&es.Counts, c)
			}
			mine[run.ID] = true
			if run.State == StateSkipped {
				if reasons[run.Why] == 0 {
					order = append(order, run.Why)
				}
				reasons[run.Why]++
			}
		}
		for _, why := range order {
			es.Notes = append(es.Notes, fmt.Sprintf("skipped %d runs: %s", reasons[why], why))
		}
		sum.Experiments = append(sum.Experiments, es)
	}
	return sum
}

// Print writes the summary as the run command shows it: a line per
// experiment with its notes, then the total.
func (s *Summary) Print(w io.Writer) {
	for _, e := range s.Experiments {
		fmt.Fprintf(w, "%s: %s; run time %s\n", e.Name, e.Counts, RoundDuration(e.RunTime))
		for _, n := range e.Notes {
			fmt.Fprintf(w, "  %s\n", n)
		}
	}
	fmt.Fprintf(w, "total: %s in %s (run time %s over %s)\n", s.Total, RoundDuration(s.Elapsed), RoundDuration(s.RunTime), s.Workers)
}

func add(dst *Counts, c Counts) {
	dst.Ran += c.Ran
	dst.Cached += c.Cached
	dst.Failed += c.Failed
	dst.Skipped += c.Skipped
	dst.OtherShards += c.OtherShards
	dst.Interrupted += c.Interrupted
	dst.Shared += c.Shared
}

// RoundDuration keeps a duration readable in the summary and the progress
// line: milliseconds under a second, tenths of a second above.
func RoundDuration(d time.Duration) time.Duration {
	if d < time.Second {
		return d.Round(time.Millisecond)
	}
	return d.Round(100 * time.Millisecond)
}
