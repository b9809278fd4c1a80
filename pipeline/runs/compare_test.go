package runs

import (
	"math"
	"reflect"
	"strings"
	"testing"
)

func TestCompareResults(t *testing.T) {
	base := func() Result {
		return Result{
			Metrics: map[string]float64{"train_mse_best": 0.5, "seconds": 3, "nan": math.NaN()},
			Curves:  map[string][]float64{"train_mse": {1, 0.5}},
			Layers:  map[string][][]float64{LayerNorm: {{1, 2}, {3, math.Inf(1)}}},
		}
	}
	isTime := func(k string) bool { return k == "seconds" }
	tests := []struct {
		name  string
		alter func(*Result)
		want  []string // substrings, one per entry, in order
	}{
		{"identical, NaN and Inf included", func(*Result) {}, nil},
		{"wall-clock time left out", func(r *Result) { r.Metrics["seconds"] = 9 }, nil},
		{"last bit of a metric", func(r *Result) { r.Metrics["train_mse_best"] = math.Nextafter(0.5, 1) }, []string{"metric train_mse_best: 0.5 → 0.5000000000000001"}},
		{"metric gone", func(r *Result) { delete(r.Metrics, "train_mse_best") }, []string{"metric train_mse_best: 0.5 → absent"}},
		{"diverged", func(r *Result) { r.Diverged, r.DivergedEpoch = true, 2 }, []string{"diverged: false at 0 → true at 2"}},
		{"curve value", func(r *Result) { r.Curves["train_mse"] = []float64{1, 0.25} }, []string{"curve train_mse: first differs at epoch 2: 0.5 → 0.25"}},
		{"curve length", func(r *Result) { r.Curves["train_mse"] = []float64{1} }, []string{"curve train_mse: 2 values → 1"}},
		{"layer value", func(r *Result) { r.Layers[LayerNorm] = [][]float64{{1, 2}, {3, math.NaN()}} }, []string{"per-layer curve norm, layer 2: first differs at epoch 2: +Inf → NaN"}},
		{"layer count", func(r *Result) { r.Layers[LayerNorm] = r.Layers[LayerNorm][:1] }, []string{"per-layer curve norm: 2 layers → 1"}},
		{"two at once", func(r *Result) {
			r.Metrics["train_mse_best"] = 1
			r.Curves["val_mse"] = []float64{2}
		}, []string{"metric train_mse_best", "curve val_mse: 0 values → 1"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			b := base()
			tc.alter(&b)
			got := CompareResults(base(), b, isTime)
			if len(got) != len(tc.want) {
				t.Fatalf("got %q, want %d entries like %q", got, len(tc.want), tc.want)
			}
			for i := range got {
				if !strings.Contains(got[i], tc.want[i]) {
					t.Errorf("entry %d: %q, want it to contain %q", i, got[i], tc.want[i])
				}
			}
			if back := CompareResults(b, b, isTime); back != nil {
				t.Errorf("a result against itself: %q", back)
			}
		})
	}
	if got := CompareResults(base(), base(), nil); !reflect.DeepEqual(got, []string(nil)) {
		t.Errorf("no skip: %q", got)
	}
}
