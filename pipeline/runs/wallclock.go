package runs

import "strings"

// IsWallClock reports whether a metric ("seconds", "…_seconds"), or a
// summary key ending in one after its last "/", is a wall-clock time: it
// measures the machine and its load, not the computation, so comparisons of
// results (diff, store compare, the archive's result hash and verify) and
// the store dump leave it out.
func IsWallClock(key string) bool {
	q := key[strings.LastIndex(key, "/")+1:]
	return q == "seconds" || strings.HasSuffix(q, "_seconds")
}
