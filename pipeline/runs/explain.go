package runs

import (
	"fmt"
	"io"
	"sort"
)

// Explain writes the record as `admmlab explain` shows a run: its ID,
// spec, the four components of its key, status, error, duration, CPU time, metrics
// (sorted) and divergence, one line each.
func (r Record) Explain(w io.Writer) {
	fmt.Fprintf(w, "run %s\n", r.ID)
	fmt.Fprintf(w, "  spec             %s\n", Describe(r.Spec))
	fmt.Fprintf(w, "  spec_hash        %s\n", r.Key.SpecHash)
	fmt.Fprintf(w, "  code_fingerprint %s\n", r.Key.CodeFingerprint)
	fmt.Fprintf(w, "  data_digest      %s\n", r.Key.DataDigest)
	fmt.Fprintf(w, "  toolchain        %s\n", r.Key.Toolchain)
	fmt.Fprintf(w, "  status           %s\n", r.Status)
	if r.Error != "" {
		fmt.Fprintf(w, "  error            %s\n", r.Error)
	}
	fmt.Fprintf(w, "  duration         %s on %q at commit %q, finished %s\n", r.Duration, r.Host, r.Commit, r.Finished.Format("2006-01-02 15:04:05Z07:00"))
	if r.CPU > 0 {
		fmt.Fprintf(w, "  cpu              %s\n", r.CPU)
	} else {
		fmt.Fprintf(w, "  cpu              not measured\n")
	}
	names := make([]string, 0, len(r.Result.Metrics))
	for k := range r.Result.Metrics {
		names = append(names, k)
	}
	sort.Strings(names)
	for _, k := range names {
		fmt.Fprintf(w, "  metric %-20s %g\n", k, r.Result.Metrics[k])
	}
	if r.Result.Diverged {
		fmt.Fprintf(w, "  diverged at epoch %d\n", r.Result.DivergedEpoch)
	}
}
