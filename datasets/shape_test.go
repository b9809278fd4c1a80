package datasets

import (
	"context"
	"testing"
)

// ShapeOf agrees with what Load returns, for the toy tasks at their default
// and a given size, and for the real data set the shared mirror holds.
func TestShapeOf(t *testing.T) {
	cases := []struct {
		name    Name
		samples int
		opt     Options
	}{
		{"square", 0, Options{}},
		{"square", 37, Options{}},
		{"product", 50, Options{}},
		{"l1radial", 20, Options{Noise: 0.1}},
		{"l2radial", 0, Options{Noise: 0.1}},
		{"eyb", 0, Options{DataDir: sharedData(t)}},
	}
	for _, tc := range cases {
		opt := tc.opt
		opt.Samples = tc.samples
		ds, err := Load(context.Background(), tc.name, opt)
		if err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		got, ok := ShapeOf(tc.name, tc.samples)
		want := Shape{Train: ds.Train.N, Test: ds.Test.N, DIn: ds.Train.DIn, DOut: ds.Train.DOut}
		if !ok || got != want {
			t.Errorf("ShapeOf(%s, %d) = %+v, %v; Load gives %+v", tc.name, tc.samples, got, ok, want)
		}
	}
	if _, ok := ShapeOf("mnist", 0); ok {
		t.Error("ShapeOf(mnist) is ok")
	}
}
