package runs

import (
	"fmt"
	"maps"
	"math"
	"slices"
)

// CompareResults lists how two results of one spec differ, one entry per
// quantity: the diverged flag, each metric (those skip names are left out:
// wall-clock times), each whole-net curve and each per-layer curve. Values
// compare by their bits, so a NaN equals the same NaN and nothing is
// forgiven as rounding: the same spec, code and data give the same bits.
// No entries: the results are identical.
func CompareResults(a, b Result, skip func(metric string) bool) []string {
	var out []string
	if a.Diverged != b.Diverged || a.DivergedEpoch != b.DivergedEpoch {
		out = append(out, fmt.Sprintf("diverged: %t at %d → %t at %d", a.Diverged, a.DivergedEpoch, b.Diverged, b.DivergedEpoch))
	}
	for _, k := range unionKeys(a.Metrics, b.Metrics) {
		if skip != nil && skip(k) {
			continue
		}
		va, okA := a.Metrics[k]
		vb, okB := b.Metrics[k]
		switch {
		case !okA || !okB:
			out = append(out, fmt.Sprintf("metric %s: %s → %s", k, present(va, okA), present(vb, okB)))
		case math.Float64bits(va) != math.Float64bits(vb):
			out = append(out, fmt.Sprintf("metric %s: %v → %v", k, va, vb))
		}
	}
	for _, k := range unionKeys(a.Curves, b.Curves) {
		if d := compareSeries(a.Curves[k], b.Curves[k]); d != "" {
			out = append(out, "curve "+k+": "+d)
		}
	}
	for _, k := range unionKeys(a.Layers, b.Layers) {
		la, lb := a.Layers[k], b.Layers[k]
		if len(la) != len(lb) {
			out = append(out, fmt.Sprintf("per-layer curve %s: %d layers → %d", k, len(la), len(lb)))
			continue
		}
		for i := range la {
			if d := compareSeries(la[i], lb[i]); d != "" {
				out = append(out, fmt.Sprintf("per-layer curve %s, layer %d: %s", k, i+1, d))
			}
		}
	}
	return out
}

// compareSeries describes the first difference of two series ("" if none).
func compareSeries(a, b []float64) string {
	for i := range min(len(a), len(b)) {
		if math.Float64bits(a[i]) != math.Float64bits(b[i]) {
			return fmt.Sprintf("first differs at epoch %d: %v → %v", i+1, a[i], b[i])
		}
	}
	if len(a) != len(b) {
		return fmt.Sprintf("%d values → %d", len(a), len(b))
	}
	return ""
}

func present(v float64, ok bool) string {
	if !ok {
		return "absent"
	}
	return fmt.Sprint(v)
}

func unionKeys[V any](a, b map[string]V) []string {
	keys := slices.Collect(maps.Keys(a))
	for k := range b {
		if _, ok := a[k]; !ok {
			keys = append(keys, k)
		}
	}
	slices.Sort(keys)
	return keys
}
