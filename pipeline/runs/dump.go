package runs

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
)

// Dump is the record's line in a store dump: its ID, status and metrics in
// the shortest decimal that reads back to the same float64, sorted by name,
// so that two stores can be compared bit for bit with cmp and a person can
// read them. Wall-clock times (IsWallClock) are left out: they measure the
// machine, not the result, and no two runs share them.
func (r Record) Dump() string {
	names := make([]string, 0, len(r.Result.Metrics))
	for k := range r.Result.Metrics {
		if !IsWallClock(k) {
			names = append(names, k)
		}
	}
	sort.Strings(names)
	var parts []string
	for _, k := range names {
		parts = append(parts, k+"="+strconv.FormatFloat(r.Result.Metrics[k], 'g', -1, 64))
	}
	return fmt.Sprintf("%s %s %s", r.ID, r.Status, strings.Join(parts, " "))
}
