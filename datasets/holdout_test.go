package datasets

import (
	"context"
	"reflect"
	"testing"
)

// HoldOut is stratified, deterministic per seed, and partitions the
// training part: on the 2432-image EYB split each subject gives
// round(0.2·32) = 6 of its 32 training images.
func TestHoldOut(t *testing.T) {
	ds, err := Load(context.Background(), "eyb", Options{DataDir: sharedData(t), CacheDir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	fit, val, err := HoldOut(ds.Train, ds.Task, 0.2, 7)
	if err != nil {
		t.Fatal(err)
	}
	if fit.N+val.N != ds.Train.N || val.N != 38*6 {
		t.Fatalf("fit %d + validation %d of %d, want 988 + 228", fit.N, val.N, ds.Train.N)
	}
	perClass := map[int]int{}
	for j := 0; j < val.N; j++ {
		perClass[classOf(val, ds.Task, j)]++
	}
	for c := 0; c < 38; c++ {
		if perClass[c] != 6 {
			t.Errorf("subject %d: %d validation images, want 6", c+1, perClass[c])
		}
	}
	again, val2, _ := HoldOut(ds.Train, ds.Task, 0.2, 7)
	if !reflect.DeepEqual(fit, again) || !reflect.DeepEqual(val, val2) {
		t.Error("the same seed gave a different hold-out")
	}
	if _, other, _ := HoldOut(ds.Train, ds.Task, 0.2, 8); reflect.DeepEqual(val, other) {
		t.Error("seeds 7 and 8 gave the same hold-out")
	}
	for _, bad := range []float64{0, 1, -0.1} {
		if _, _, err := HoldOut(ds.Train, ds.Task, bad, 7); err == nil {
			t.Errorf("fraction %v: no error", bad)
		}
	}
}
