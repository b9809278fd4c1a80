package archive

import (
	"context"
	"fmt"
	"math"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/admmlab/admmlab/pipeline/runs"
)

func flipBit(v float64) float64 { return math.Float64frombits(math.Float64bits(v) ^ 1) }

// recomputer returns each test run's own result, after edit.
type recomputer struct{ edit func(*runs.Result) }

func (r recomputer) Execute(_ context.Context, spec runs.Spec) (runs.Result, error) {
	res := testRecord(spec.Trial).Result
	res.Metrics["seconds"] = 42 // another machine's run time
	if r.edit != nil {
		r.edit(&res)
	}
	return res, nil
}

func TestVerifyRun(t *testing.T) {
	for _, c := range []struct {
		name  string
		alter bool
		keyer Keyer
		edit  func(*runs.Result)
		want  string // the first problem; "" passes
	}{
		{"identical", false, sameKeyer, nil, ""},
		{"archived curve altered", true, sameKeyer, nil, "archived file altered; per-layer curve norm, layer 2: first differs at epoch 3"},
		{"recomputed curve differs", false, sameKeyer, func(r *runs.Result) { r.Curves["train_mse"][1] = flipBit(r.Curves["train_mse"][1]) },
			"curve train_mse: first differs at epoch 2"},
		{"recomputed metric differs", false, sameKeyer, func(r *runs.Result) { r.Metrics["train_mse_final"] = 1 }, "metric train_mse_final"},
		{"archived by other solver code", false, otherKeyer(func(k *runs.Key) { k.CodeFingerprint = "code-2" }), nil,
			"archived under other code (the result is the same bits)"},
		{"data not here", false, func(runs.Spec) (runs.Key, string, error) { return runs.Key{}, "no data", nil }, nil, ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			st, recs := testStore(t, 2)
			dir := t.TempDir()
			mustExport(t, st, dir)
			pdir := filepath.Join(dir, "quick")
			if c.alter {
				flipLastCurveBit(t, RunPath(pdir, recs[1].ID))
			}
			got := VerifyRun(context.Background(), pdir, recs[1].ID, c.keyer, recomputer{c.edit})
			if got.Problem() == "" != (c.want == "") || !strings.HasPrefix(got.Problem(), c.want) {
				t.Fatalf("problem %q, want %q", got.Problem(), c.want)
			}
			if wantOK := c.want == "" && c.name != "data not here"; got.OK() != wantOK {
				t.Errorf("OK() = %t, want %t", got.OK(), wantOK)
			}
			if got.Spec != recs[1].Spec {
				t.Errorf("check names spec %+v", got.Spec)
			}
		})
	}
}

func TestVerifyAllKeepsOrder(t *testing.T) {
	st, recs := testStore(t, 6)
	dir := t.TempDir()
	mustExport(t, st, dir)
	var ids []string
	for _, r := range recs {
		ids = append(ids, r.ID)
	}
	var seen []string
	checks := VerifyAll(context.Background(), filepath.Join(dir, "quick"), ids, 3, sameKeyer, recomputer{}, func(c Check) { seen = append(seen, c.ID) })
	if !slices.Equal(seen, ids) || len(checks) != len(ids) {
		t.Fatalf("reported %v, want %v", seen, ids)
	}
	for _, c := range checks {
		if !c.OK() {
			t.Errorf("%s: %s", c.ID[:8], c.Problem())
		}
	}
}

func TestSample(t *testing.T) {
	var ids []string
	for i := range 250 {
		ids = append(ids, fmt.Sprintf("%064x", i*7919))
	}
	for _, c := range []struct {
		percent float64
		want    int
	}{{2, 5}, {0.1, 1}, {100, 250}, {50, 125}} {
		got := Sample(ids, c.percent, 1)
		if len(got) != c.want || !slices.IsSorted(got) {
			t.Errorf("Sample(%g%%) = %d runs (sorted %t), want %d", c.percent, len(got), slices.IsSorted(got), c.want)
		}
		for _, id := range got {
			if !slices.Contains(ids, id) {
				t.Errorf("Sample chose %s, not among the ids", id)
			}
		}
	}
	shuffled := slices.Clone(ids)
	slices.Reverse(shuffled)
	if a, b := Sample(ids, 10, 7), Sample(shuffled, 10, 7); !slices.Equal(a, b) {
		t.Error("the sample depends on the order of the ids")
	}
	if a, b := Sample(ids, 10, 7), Sample(ids, 10, 8); slices.Equal(a, b) {
		t.Error("seeds 7 and 8 choose the same sample")
	}
}

// Sample chooses the same runs on every machine for a seed.
func ExampleSample() {
	ids := []string{"a1", "b2", "c3", "d4", "e5", "f6", "g7", "h8", "i9", "j0"}
	fmt.Println(Sample(ids, 20, 1))
	fmt.Println(Sample(ids, 20, 1))
	// Output:
	// [e5 h8]
	// [e5 h8]
}

func TestCheckFile(t *testing.T) {
	st, recs := testStore(t, 2)
	dir := t.TempDir()
	mustExport(t, st, dir)
	pdir := filepath.Join(dir, "quick")
	flipLastCurveBit(t, RunPath(pdir, recs[0].ID))
	for _, c := range []struct {
		id   string
		want string // "" passes
	}{
		{recs[1].ID, ""},
		{recs[0].ID, "altered since it was archived"},
		{strings.Repeat("0", 64), "no such file"},
	} {
		_, err := CheckFile(pdir, c.id)
		if (err == nil) != (c.want == "") || err != nil && !strings.Contains(err.Error(), c.want) {
			t.Errorf("CheckFile(%s): %v, want %q", c.id[:8], err, c.want)
		}
	}
}
