package store

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"maps"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/admmlab/admmlab/pipeline/runs"
)

// sameBits reports whether a and b hold the same float64 bits.
func sameBits(a, b []float64) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if math.Float64bits(a[i]) != math.Float64bits(b[i]) {
			return false
		}
	}
	return true
}

func TestCurvesRoundTrip(t *testing.T) {
	tests := []struct {
		name   string
		curves map[string][]float64
		layers map[string][][]float64
	}{
		{"empty", map[string][]float64{}, nil},
		{"whole-net only", map[string][]float64{"train_mse": {1, 0.5}, "empty": {}}, nil},
		{"non-finite kept", map[string][]float64{"x": {math.NaN(), math.Inf(1), math.Inf(-1), math.MaxFloat64, math.Nextafter(1, 2)}}, nil},
		{"layers", map[string][]float64{"kkt": {3, 2}}, map[string][][]float64{
			runs.LayerNorm:   {{0.1, 0.2}, {1.1, math.NaN()}, {2.1, 2.2}},
			runs.LayerKKTW:   {{1, 2}},
			runs.LayerWeight: {{}, {5, 6}},
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			curves, layers, err := decodeCurves(encodeCurves(tc.curves, tc.layers))
			if err != nil {
				t.Fatal(err)
			}
			if len(curves) != len(tc.curves) {
				t.Errorf("%d curves, want %d", len(curves), len(tc.curves))
			}
			for name, want := range tc.curves {
				if !sameBits(curves[name], want) {
					t.Errorf("curve %s: %v, want %v", name, curves[name], want)
				}
			}
			if len(layers) != len(tc.layers) {
				t.Errorf("%d layered curves, want %d", len(layers), len(tc.layers))
			}
			for name, want := range tc.layers {
				if len(layers[name]) != len(want) {
					t.Errorf("%s: %d layers, want %d", name, len(layers[name]), len(want))
					continue
				}
				for i := range want {
					if !sameBits(layers[name][i], want[i]) {
						t.Errorf("%s layer %d: %v, want %v", name, i+1, layers[name][i], want[i])
					}
				}
			}
		})
	}
}

// A blob written by the legacy layout (schema v2 and before, made by that
// code's encodeCurves from the curves in its comment) decodes into the
// layered structure: the layer suffixes become indices, the 2N "kkt_i"
// blocks split into W- and V-stationarity halves, and the ±MaxFloat64 that
// stood for a non-finite value becomes ±Inf.
func TestCurvesLegacyLayout(t *testing.T) {
	raw, err := os.ReadFile("testdata/legacy-curves.hex")
	if err != nil {
		t.Fatal(err)
	}
	blob, err := hex.DecodeString(strings.TrimSpace(string(raw)))
	if err != nil {
		t.Fatal(err)
	}
	curves, layers, err := decodeCurves(blob)
	if err != nil {
		t.Fatal(err)
	}
	inf := math.Inf(1)
	wantCurves := map[string][]float64{"train_mse": {0.5, 0.25, math.Nextafter(0.125, 1)}, "kkt": {3, 2, 1}}
	wantLayers := map[string][][]float64{
		runs.LayerKKTW:      {{1, 0.5, 0.25}, {2, 1, 0.5}},
		runs.LayerKKTV:      {{3, 1.5, 0.75}, {4, 2, inf}}, // NaN was stored as MaxFloat64
		runs.LayerNorm:      {{0.1, 0.2, 0.3}, {1.1, 1.2, inf}},
		runs.LayerWeight:    {{5, 6, 7}, {8, 9, -inf}},
		runs.LayerViolation: {{0.01, 0.001, 0.0001}, {0.02, 0.002, 0.0002}},
	}
	if len(curves) != len(wantCurves) {
		t.Errorf("curves %v, want %v", curves, wantCurves)
	}
	for name, want := range wantCurves {
		if !sameBits(curves[name], want) {
			t.Errorf("curve %s: %v, want %v", name, curves[name], want)
		}
	}
	if len(layers) != len(wantLayers) {
		t.Errorf("layered curves %v, want %v", layers, wantLayers)
	}
	for name, want := range wantLayers {
		if len(layers[name]) != len(want) {
			t.Errorf("%s: %v, want %v", name, layers[name], want)
			continue
		}
		for i := range want {
			if !sameBits(layers[name][i], want[i]) {
				t.Errorf("%s layer %d: %v, want %v", name, i+1, layers[name][i], want[i])
			}
		}
	}
}

func TestCurvesCorrupt(t *testing.T) {
	gz := func(raw []byte) []byte {
		var z bytes.Buffer
		w := gzip.NewWriter(&z)
		w.Write(raw)
		w.Close()
		return z.Bytes()
	}
	uv := func(n uint64) []byte { return binary.AppendUvarint(nil, n) }
	layered := func(parts ...[]byte) []byte { return gz(bytes.Join(append([][]byte{layeredMagic[:]}, parts...), nil)) }
	tests := []struct {
		name string
		blob []byte
	}{
		{"not gzip", []byte("curves")},
		{"name past the end", layered(uv(9), []byte("ab"))},
		{"huge layer", layered(uv(1), []byte("x"), uv(1<<40), uv(0))},
		{"count past the end", layered(uv(1), []byte("x"), uv(1), uv(3), make([]byte, 16))},
		{"legacy count past the end", gz(bytes.Join([][]byte{uv(1), []byte("x"), uv(2), make([]byte, 8)}, nil))},
	}
	for _, tc := range tests {
		if _, _, err := decodeCurves(tc.blob); err == nil {
			t.Errorf("%s: decoded without an error", tc.name)
		}
	}
}

// FuzzDecodeCurves: a stored blob, however corrupt, decodes or errors
// without panicking, and what decodes re-encodes to a blob that decodes to
// the same series.
func FuzzDecodeCurves(f *testing.F) {
	f.Add(encodeCurves(map[string][]float64{"train_mse": {1, 0.5}}, map[string][][]float64{runs.LayerNorm: {{1}, {2}}}))
	f.Add(encodeLegacyCurves(map[string][]float64{"kkt_1": {1}, "kkt_2": {2}, "norm_layer2": {3}}))
	if raw, err := os.ReadFile("testdata/legacy-curves.hex"); err == nil {
		if b, err := hex.DecodeString(strings.TrimSpace(string(raw))); err == nil {
			f.Add(b)
		}
	}
	f.Fuzz(func(t *testing.T, blob []byte) {
		curves, layers, err := decodeCurves(blob)
		if err != nil {
			return
		}
		again, againLayers, err := decodeCurves(encodeCurves(curves, layers))
		if err != nil {
			t.Fatalf("re-encoded blob: %v", err)
		}
		if len(again) != len(curves) || len(againLayers) != len(layers) {
			t.Fatalf("re-encoded: %d curves and %d per-layer curves, want %d and %d", len(again), len(againLayers), len(curves), len(layers))
		}
		for name, c := range curves {
			if !sameBits(again[name], c) {
				t.Fatalf("curve %q changed in a round trip", name)
			}
		}
		for name, ls := range layers {
			for i, c := range ls {
				if i >= len(againLayers[name]) || !sameBits(againLayers[name][i], c) {
					t.Fatalf("%q layer %d changed in a round trip", name, i+1)
				}
			}
		}
	})
}

// encodeLegacyCurves writes curves in the legacy layout (schema v2 and
// before), as a store of that time holds them.
func encodeLegacyCurves(c map[string][]float64) []byte {
	var raw bytes.Buffer
	for _, name := range slices.Sorted(maps.Keys(c)) {
		raw.Write(binary.AppendUvarint(nil, uint64(len(name))))
		raw.WriteString(name)
		raw.Write(binary.AppendUvarint(nil, uint64(len(c[name]))))
		for _, x := range c[name] {
			raw.Write(binary.LittleEndian.AppendUint64(nil, math.Float64bits(x)))
		}
	}
	var z bytes.Buffer
	w := gzip.NewWriter(&z)
	w.Write(raw.Bytes())
	w.Close()
	return z.Bytes()
}

// A store of schema v2 has the current tables and legacy curve blobs: the
// read-only commands read it as it is (no migration, which they could not
// write), its per-layer curves decoded into Layers. A v1 store, whose tables
// differ, is refused with a message that says how to migrate it.
func TestOpenExistingReadsLegacyLayout(t *testing.T) {
	dir := t.TempDir()
	mk := func(name string, version int) string {
		path := filepath.Join(dir, name)
		db, err := openDB(path, false)
		if err != nil {
			t.Fatal(err)
		}
		defer db.db.Close()
		if err := migrate(db.db, version); err != nil {
			t.Fatal(err)
		}
		r := mergeRec(0, runs.StatusDone)
		if _, err := db.db.Exec(`INSERT INTO runs (id, spec_hash, code_fingerprint, data_digest, toolchain, spec,
			status, metrics, curves) VALUES (?, ?, 'c', 'd', 't', ?, 'done', '{}', ?)`,
			r.ID, r.Key.SpecHash, string(r.Spec.Canonical()),
			encodeLegacyCurves(map[string][]float64{"train_mse": {1, 0.5}, "norm_layer1": {3, 2}, "norm_layer2": {5, 4}})); err != nil {
			t.Fatal(err)
		}
		return path
	}
	v2 := mk("v2.db", 2)
	st, err := OpenExisting(v2)
	if err != nil {
		t.Fatalf("v2 store: %v", err)
	}
	defer st.Close()
	var v int
	st.db.QueryRow(`PRAGMA user_version`).Scan(&v)
	if v != 2 {
		t.Errorf("user_version %d after a read-only open, want 2 (not migrated)", v)
	}
	all, err := st.All(context.Background())
	if err != nil || len(all) != 1 {
		t.Fatalf("%d runs, %v", len(all), err)
	}
	res := all[0].Result
	if len(res.Curves) != 1 || !sameBits(res.Layers[runs.LayerNorm][1], []float64{5, 4}) {
		t.Errorf("curves %v, layers %v", res.Curves, res.Layers)
	}
	if _, err := OpenExisting(mk("v1.db", 1)); err == nil || !strings.Contains(err.Error(), "admmlab run migrates") {
		t.Errorf("v1 store: %v, want a refusal that says how to migrate", err)
	}
	// A newer store is not one that run migrates: the hint names the newer
	// admmlab instead.
	newer := mk("newer.db", SchemaVersion)
	if db, err := openDB(newer, false); err != nil {
		t.Fatal(err)
	} else if _, err := db.db.Exec(fmt.Sprintf(`PRAGMA user_version = %d`, SchemaVersion+1)); err != nil {
		t.Fatal(err)
	} else {
		db.Close()
	}
	_, err = OpenExisting(newer)
	if err == nil || strings.Contains(err.Error(), "migrates") || !strings.Contains(err.Error(), "newer admmlab") {
		t.Errorf("newer store: %v, want a refusal naming a newer admmlab, without the migration hint", err)
	}
}
