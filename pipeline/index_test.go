package pipeline

import (
	"context"
	"reflect"
	"strings"
	"testing"
)

// The index reads no curve blob: a run whose blob does not decode is
// indexed all the same, and only ValidationResult, which reads the blob,
// reports it.
func TestIndexReadsNoCurves(t *testing.T) {
	ctx := context.Background()
	good, bad := mergeRec(0, StatusDone), mergeRec(1, StatusDone)
	good.Result.Curves["val_acc"] = []float64{0.1, 0.2, 0.3}
	st, _ := newStore(t, "runs.db", good, bad)
	if _, err := st.db.Exec(`UPDATE runs SET curves = x'00010203' WHERE id = ?`, bad.ID); err != nil {
		t.Fatal(err)
	}
	ix, err := st.Index(ctx)
	if err != nil {
		t.Fatalf("Index over a bad curve blob: %v", err)
	}
	for _, c := range []struct {
		name    string
		id      string
		want    map[string][]float64 // ValidationResult's curves
		wantErr string
	}{
		{"validation curves only", good.ID, map[string][]float64{"val_acc": {0.1, 0.2, 0.3}, "val_mse": {2, 1, 0.5}}, ""},
		{"bad blob", bad.ID, nil, "curves:"},
		{"unknown run", "ffff", nil, "not in the index"},
	} {
		t.Run(c.name, func(t *testing.T) {
			if r, ok := ix.ByID[c.id]; ok && (r.Result.Curves != nil || r.Result.Metrics["train_mse_final"] == 0) {
				t.Errorf("indexed run: curves %v, metrics %v; want no curves and the metrics", r.Result.Curves, r.Result.Metrics)
			}
			res, err := ix.ValidationResult(ctx, c.id)
			if (err == nil) != (c.wantErr == "") || (err != nil && !strings.Contains(err.Error(), c.wantErr)) {
				t.Fatalf("ValidationResult: %v, want an error with %q", err, c.wantErr)
			}
			if err == nil && !reflect.DeepEqual(res.Curves, c.want) {
				t.Errorf("curves %v, want %v", res.Curves, c.want)
			}
		})
	}
	// A run added after the index was built is read back the same way.
	added := mergeRec(2, StatusDone)
	if err := st.Put(added); err != nil {
		t.Fatal(err)
	}
	ix.add(added)
	if ix.ByID[added.ID].Result.Curves != nil {
		t.Errorf("added run keeps its curves in the index")
	}
	if res, err := ix.ValidationResult(ctx, added.ID); err != nil || len(res.Curves["val_mse"]) != 3 || res.Curves["train_mse"] != nil {
		t.Errorf("added run: %v, %v", res.Curves, err)
	}
}
