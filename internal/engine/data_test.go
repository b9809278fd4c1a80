package engine

import (
	"context"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/admmlab/admmlab/datasets"
	"github.com/admmlab/admmlab/pipeline"
	"github.com/admmlab/admmlab/pipeline/runs"
)

// trainedOn hashes the bytes a run of spec fits, validates and is scored
// on: its training part after the hold-out, the hold-out and the test part.
func trainedOn(t *testing.T, e *Engine, spec runs.Spec) string {
	t.Helper()
	ds, err := e.load(context.Background(), spec)
	if err != nil {
		t.Fatal(err)
	}
	train, val, err := e.split(spec, ds)
	if err != nil {
		t.Fatal(err)
	}
	h := sha256.New()
	var buf [8]byte
	for _, p := range []datasets.Part{train, val, ds.Test} {
		for _, v := range append(append([]float64{float64(p.N), float64(p.DIn), float64(p.DOut)}, p.X...), p.Y...) {
			binary.LittleEndian.PutUint64(buf[:], math.Float64bits(v))
			h.Write(buf[:])
		}
	}
	return hex.EncodeToString(h.Sum(nil))
}

// TestDataDigest: specs that train on different bytes get different
// digests, specs that train on the same bytes the same digest, over toy
// tasks and the real data sets of the mirror, with and without a hold-out.
func TestDataDigest(t *testing.T) {
	e := New(Options{DataDir: sharedData(t), CacheDir: t.TempDir()})
	admm, sgd := smallSpecs()[0], smallSpecs()[1]
	with := func(s runs.Spec, f func(*runs.Spec)) runs.Spec { f(&s); return s }
	eyb := with(admm, func(s *runs.Spec) {
		s.Data, s.Samples, s.DataVariant = string(datasets.EYB), 0, datasets.EYBKeepCorrupted
	})
	ptb := with(sgd, func(s *runs.Spec) { s.Data, s.Samples, s.Validation = string(datasets.PTB), 0, 0.2 })
	l1 := with(admm, func(s *runs.Spec) { s.Data, s.Noise = string(datasets.L1Radial), 0.1 })
	specs := []struct {
		name string
		spec runs.Spec
	}{
		{"square admm", admm},
		{"square sgd (same data)", sgd},
		{"square other structure (same data)", with(admm, func(s *runs.Spec) { s.Depth, s.Width, s.Epochs = 4, 7, 3 })},
		{"square trial 1", with(admm, func(s *runs.Spec) { s.Trial = 1 })},
		{"square 300 samples", with(admm, func(s *runs.Spec) { s.Samples = 300 })},
		{"square validation 0.2", with(admm, func(s *runs.Spec) { s.Validation = 0.2 })},
		{"square validation 0.2, sgd (same data)", with(sgd, func(s *runs.Spec) { s.Validation = 0.2 })},
		{"square validation 0.25", with(admm, func(s *runs.Spec) { s.Validation = 0.25 })},
		{"l1radial noise 0.1", l1},
		{"l1radial noise 0.01", with(l1, func(s *runs.Spec) { s.Noise = 0.01 })},
		{"eyb", eyb},
		{"eyb sgd (same data)", with(eyb, func(s *runs.Spec) { s.Algorithm, s.Act = "sgd", "relu" })},
		{"eyb drop-corrupted", with(eyb, func(s *runs.Spec) { s.DataVariant = datasets.EYBDropCorrupted })},
		{"eyb trial 1", with(eyb, func(s *runs.Spec) { s.Trial = 1 })},
		{"ptb validation 0.2", ptb},
		{"ptb no validation", with(ptb, func(s *runs.Spec) { s.Validation = 0 })},
		{"ptb half the training split", with(ptb, func(s *runs.Spec) { s.TrainFraction = 0.5 })},
		{"ptb half, sgd→admm (same data)", with(ptb, func(s *runs.Spec) { s.TrainFraction, s.Algorithm, s.Act = 0.5, "admm", "sigmoid" })},
		{"ptb a quarter", with(ptb, func(s *runs.Spec) { s.TrainFraction = 0.25 })},
		{"ptb half, trial 1", with(ptb, func(s *runs.Spec) { s.TrainFraction, s.Trial = 0.5, 1 })},
	}
	digests := make([]string, len(specs))
	bytes := make([]string, len(specs))
	for i, c := range specs {
		d, ok, reason, err := e.DataDigest(c.spec)
		if err != nil || !ok || len(d) != 64 {
			t.Fatalf("%s: digest %q ok=%v reason=%q err=%v", c.name, d, ok, reason, err)
		}
		digests[i], bytes[i] = d, trainedOn(t, e, c.spec)
	}
	for i := range specs {
		for j := i + 1; j < len(specs); j++ {
			if (digests[i] == digests[j]) != (bytes[i] == bytes[j]) {
				t.Errorf("%s and %s: same digest %v, same data %v", specs[i].name, specs[j].name, digests[i] == digests[j], bytes[i] == bytes[j])
			}
		}
	}
	if digests[0] != digests[1] {
		t.Error("the ADMM and SGD runs of one trial see different data")
	}
}

// TestDataDigestAvailability: a missing data set is not available, with
// what to place where; a file with the wrong checksum, or without a
// catalogued one that does not parse, is unusable; none is loaded.
func TestDataDigestAvailability(t *testing.T) {
	bad := t.TempDir()
	if err := os.MkdirAll(filepath.Join(bad, "eyb"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(bad, "eyb", "YaleB_32x32_2432.mat"), []byte("not a mat"), 0o644); err != nil {
		t.Fatal(err)
	}
	garbled := t.TempDir()
	if err := os.MkdirAll(filepath.Join(garbled, "earthquake"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(garbled, "earthquake", "eqint_tsqp.txt"), []byte("no header\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	spec := smallSpecs()[0]
	cases := []struct {
		data     datasets.Name
		dir      string
		reason   string // in the reason when not available
		unusable string // in the error when unusable
	}{
		{datasets.Earthquake, t.TempDir(), "place eqint_tsqp.txt in", ""},
		{datasets.EYB, bad, "", "checksum mismatch"},
		{datasets.Earthquake, garbled, "", "eqint_tsqp.txt: line 1 (header): no column named"},
	}
	for _, c := range cases {
		e := New(Options{DataDir: c.dir, CacheDir: t.TempDir()})
		s := spec
		s.Data, s.Samples = string(c.data), 0
		d, ok, reason, err := e.DataDigest(s)
		if ok || d != "" {
			t.Errorf("%s: digest %q ok=%v, want not ok", c.data, d, ok)
		}
		var ude *pipeline.UnusableDataError
		switch {
		case c.unusable == "" && (err != nil || !strings.Contains(reason, c.reason)):
			t.Errorf("%s: reason %q err %v, want not available naming %q", c.data, reason, err, c.reason)
		case c.unusable != "" && (!errors.As(err, &ude) || !strings.Contains(err.Error(), c.unusable)):
			t.Errorf("%s: err %v, want a *pipeline.UnusableDataError naming %q", c.data, err, c.unusable)
		}
		if keys := e.data.keys(); len(keys) != 0 {
			t.Errorf("%s: DataDigest loaded %q", c.data, keys)
		}
	}
}

// TestDataCacheBudget: the cache keeps the most recently used data sets
// within its count and byte budgets, and a run whose data were dropped
// gives the same bits when its data are loaded again.
func TestDataCacheBudget(t *testing.T) {
	specs := make([]runs.Spec, 4)
	for i := range specs {
		specs[i] = smallSpecs()[0]
		specs[i].Trial = i
	}
	e := New(Options{})
	e.data = newDataCache(2, 1<<30)
	ctx := context.Background()
	first, err := e.Execute(ctx, specs[0])
	if err != nil {
		t.Fatal(err)
	}
	keyOf := func(s runs.Spec) string {
		for _, k := range e.data.keys() {
			if strings.HasSuffix(k, "/"+strconv.FormatUint(dataSeed(s), 10)) {
				return k
			}
		}
		return ""
	}
	k0 := keyOf(specs[0])
	for _, s := range specs[1:] {
		if _, err := e.load(ctx, s); err != nil {
			t.Fatal(err)
		}
	}
	if got := e.data.keys(); len(got) != 2 || keyOf(specs[3]) != got[0] || keyOf(specs[2]) != got[1] {
		t.Fatalf("cache holds %q, want trials 3 and 2, most recent first", got)
	}
	if slices.Contains(e.data.keys(), k0) {
		t.Fatal("trial 0 was not dropped")
	}
	again, err := e.Execute(ctx, specs[0])
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(first, again) {
		t.Fatal("a run whose data were dropped and reloaded gave different results")
	}
	// Touching an entry makes it the most recent.
	if _, err := e.load(ctx, specs[3]); err != nil {
		t.Fatal(err)
	}
	if got := e.data.keys(); got[0] != keyOf(specs[3]) {
		t.Fatalf("cache order %q, want trial 3 first", got)
	}

	// The byte budget: 200 square samples are 200·(1+1)·2 float64s; room
	// for one data set drops the rest, yet always keeps the newest.
	e.data = newDataCache(10, 1)
	for _, s := range specs {
		if _, err := e.load(ctx, s); err != nil {
			t.Fatal(err)
		}
	}
	if got := e.data.keys(); len(got) != 1 || got[0] != keyOf(specs[3]) {
		t.Fatalf("cache holds %q, want only the newest", got)
	}
}

// TestSplit: Split gives the bytes a run of the spec trains, validates and
// is tested on, whatever its algorithm; the digest its key records; the
// sizes Execute reports; and no hold-out without a validation share.
func TestSplit(t *testing.T) {
	ctx := context.Background()
	e := New(Options{DataDir: sharedData(t), CacheDir: t.TempDir()})
	hash := func(s Split) string {
		h := sha256.New()
		var buf [8]byte
		for _, p := range []datasets.Part{s.Fit, s.Val, s.Test} {
			for _, v := range append(append([]float64{float64(p.N), float64(p.DIn), float64(p.DOut)}, p.X...), p.Y...) {
				binary.LittleEndian.PutUint64(buf[:], math.Float64bits(v))
				h.Write(buf[:])
			}
		}
		return hex.EncodeToString(h.Sum(nil))
	}
	sgd := smallSpecs()[1]
	sgd.Validation, sgd.Trial, sgd.Epochs = 0.2, 1, 2
	ptb := sgd
	ptb.Data, ptb.Samples = string(datasets.PTB), 0
	for _, spec := range []runs.Spec{sgd, ptb} {
		t.Run(spec.Data, func(t *testing.T) {
			s, err := e.Split(ctx, spec)
			if err != nil {
				t.Fatal(err)
			}
			if got, want := hash(s), trainedOn(t, e, spec); got != want {
				t.Errorf("Split's bytes hash to %s, the run's to %s", got, want)
			}
			d, _, _, err := e.DataDigest(spec)
			if err != nil || s.DataDigest != d {
				t.Errorf("Split's digest %s, the run's %s (%v)", s.DataDigest, d, err)
			}
			if s.ValidationSeed != validationSeed(spec) {
				t.Errorf("validation seed %x, want %x", s.ValidationSeed, validationSeed(spec))
			}
			admm := spec
			admm.Algorithm, admm.Act, admm.Lambda, admm.Beta, admm.LLA = "admm", "sigmoid", 1e-6, 1, "reference"
			if s2, err := New(Options{DataDir: sharedData(t)}).Split(ctx, admm); err != nil || hash(s2) != hash(s) {
				t.Errorf("another algorithm of the trial, on a fresh engine, gets other data (%v)", err)
			}
			if spec.Data != "square" {
				return // one run is enough
			}
			res, err := e.Execute(ctx, spec)
			if err != nil {
				t.Fatal(err)
			}
			if res.Metrics["fit_n"] != float64(s.Fit.N) || res.Metrics["validation_n"] != float64(s.Val.N) {
				t.Errorf("run fits %v and validates on %v samples, Split has %d and %d", res.Metrics["fit_n"], res.Metrics["validation_n"], s.Fit.N, s.Val.N)
			}
		})
	}
	none := sgd
	none.Validation = 0
	s, err := e.Split(ctx, none)
	if err != nil {
		t.Fatal(err)
	}
	if s.Val.N != 0 || s.Fit.N != none.Samples || s.ValidationSeed != 0 {
		t.Errorf("without validation: fit %d, val %d, seed %x; want %d, 0, 0", s.Fit.N, s.Val.N, s.ValidationSeed, none.Samples)
	}
}
