package datasets

import (
	"context"
	"reflect"
	"testing"

	"github.com/admmlab/admmlab/solvers"
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

// ClassCounts counts each class of a part: sign targets as 0 (−1) and 1
// (+1), one-hot targets by their argmax; a regression has none.
func TestClassCounts(t *testing.T) {
	sign := Part{N: 5, DIn: 1, DOut: 1, X: make([]float64, 5), Y: []float64{-1, 1, 1, -1, 1}}
	onehot := Part{N: 4, DIn: 1, DOut: 3, X: make([]float64, 4), Y: []float64{
		1, 0, 0, 0, // class 0: sample 0
		0, 1, 1, 0, // class 1: samples 1, 2
		0, 0, 0, 1, // class 2: sample 3
	}}
	for _, tc := range []struct {
		name string
		p    Part
		task solvers.Task
		want []int
	}{
		{"sign", sign, solvers.ClassifySign, []int{2, 3}},
		{"argmax", onehot, solvers.ClassifyArgmax, []int{1, 2, 1}},
		{"regression", sign, solvers.Regression, nil},
	} {
		if got := ClassCounts(tc.p, tc.task); !reflect.DeepEqual(got, tc.want) {
			t.Errorf("%s: %v, want %v", tc.name, got, tc.want)
		}
	}
}
