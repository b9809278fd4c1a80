// Package progress draws a Runner's progress (it is a pipeline.Observer):
// per-experiment done/total, the rate and an ETA estimated from the
// durations per epoch of similar runs (stored, or finished in this
// invocation), redrawn in place on a terminal or written as a plain line at
// a steady pace in a log.
package progress
