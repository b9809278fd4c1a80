package datasets

import (
	"context"
	"testing"
)

func TestDigest(t *testing.T) {
	ctx := context.Background()
	opt := Options{DataDir: sharedData(t), CacheDir: t.TempDir(), Seed: 9}
	a, err := Load(ctx, "eyb", opt)
	if err != nil {
		t.Fatal(err)
	}
	b, err := Load(ctx, "eyb", opt)
	if err != nil {
		t.Fatal(err)
	}
	if a.Digest != b.Digest || len(a.Digest) != 64 {
		t.Fatalf("same inputs and seed: digests %s and %s", a.Digest, b.Digest)
	}
	if digest(a) != a.Digest {
		t.Fatal("Digest is not the digest of the returned arrays")
	}
	// Every ingredient counts: one bit of one value, the name, the shape.
	b.Test.X[len(b.Test.X)-1] += 1e-12
	if digest(b) == a.Digest {
		t.Error("changing one test value left the digest unchanged")
	}
	c := *a
	c.Name = "eyb2"
	if digest(&c) == a.Digest {
		t.Error("the name does not enter the digest")
	}
	p := Part{N: 2, DIn: 1, DOut: 1, X: []float64{1, 2}, Y: []float64{3, 4}}
	q := Part{N: 1, DIn: 2, DOut: 1, X: []float64{1, 2}, Y: []float64{3, 4}}
	if digest(&Dataset{Train: p}) == digest(&Dataset{Train: q}) {
		t.Error("the shape does not enter the digest")
	}
}
