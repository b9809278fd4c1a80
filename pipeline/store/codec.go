package store

import (
	"bytes"
	"compress/gzip"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"maps"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/admmlab/admmlab/pipeline/runs"
)

// MarshalMetrics writes metrics as a JSON object so that sqlite's json_extract
// can read them. JSON has no NaN or infinities; those (diverged runs) are
// written as the strings "NaN", "+Inf" and "-Inf", which json_type reports
// as 'text', so SQL aggregates can leave them out.
func MarshalMetrics(m map[string]float64) []byte {
	out := make(map[string]any, len(m))
	for k, v := range m {
		switch {
		case math.IsNaN(v):
			out[k] = "NaN"
		case math.IsInf(v, 1):
			out[k] = "+Inf"
		case math.IsInf(v, -1):
			out[k] = "-Inf"
		default:
			out[k] = v
		}
	}
	b, err := json.Marshal(out) // sorted keys; shortest round-trip floats
	if err != nil {
		panic(err) // finite floats and strings always marshal
	}
	return b
}

// UnmarshalMetrics reads what MarshalMetrics wrote.
func UnmarshalMetrics(b []byte) (map[string]float64, error) {
	var raw map[string]any
	if err := json.Unmarshal(b, &raw); err != nil {
		return nil, fmt.Errorf("metrics: %w", err)
	}
	m := make(map[string]float64, len(raw))
	for k, v := range raw {
		switch v := v.(type) {
		case float64:
			m[k] = v
		case string:
			switch v {
			case "NaN":
				m[k] = math.NaN()
			case "+Inf":
				m[k] = math.Inf(1)
			case "-Inf":
				m[k] = math.Inf(-1)
			default:
				return nil, fmt.Errorf("metrics: %s: unexpected %q", k, v)
			}
		default:
			return nil, fmt.Errorf("metrics: %s: unexpected %T", k, v)
		}
	}
	return m, nil
}

// The curve blob is gzip of one of two layouts. Both write names in sorted
// order, counts as uvarints and values as little-endian float64 bits, so a
// curve comes back bit for bit (NaN and ±Inf included).
//
//   - layered (written since schema v3): the bytes 0, 2, then per series:
//     name length, name, layer (0 for a whole-net curve, i ≥ 1 for layer
//     i of a per-layer curve), count, values.
//   - legacy (schema v1 and v2): per curve: name length, name, count,
//     values. Per-layer curves were names with the layer as a suffix, and
//     non-finite values were written as ±MaxFloat64; decodeCurves reads
//     them back as the layered layout holds them (see legacyLayer).
//
// A legacy blob never starts with 0, as no curve name was empty.
var layeredMagic = [2]byte{0, 2}

// encodeCurves packs a result's curves in the layered layout, compressed.
func encodeCurves(curves map[string][]float64, layers map[string][][]float64) []byte {
	var z bytes.Buffer
	w, _ := gzip.NewWriterLevel(&z, gzip.BestCompression)
	w.Write(MarshalCurves(curves, layers))
	w.Close()
	return z.Bytes()
}

// MarshalCurves is the layered layout of a result's curves, uncompressed:
// the bytes a stored blob holds once gunzipped. The same curves always give
// the same bytes (names sorted, values as their bits), so they serve as a
// canonical form of the curves (the run archive keeps and hashes them).
func MarshalCurves(curves map[string][]float64, layers map[string][][]float64) []byte {
	var raw bytes.Buffer
	raw.Write(layeredMagic[:])
	var tmp [binary.MaxVarintLen64]byte
	uvarint := func(n int) { raw.Write(tmp[:binary.PutUvarint(tmp[:], uint64(n))]) }
	series := func(name string, layer int, v []float64) {
		uvarint(len(name))
		raw.WriteString(name)
		uvarint(layer)
		uvarint(len(v))
		for _, x := range v {
			binary.LittleEndian.PutUint64(tmp[:8], math.Float64bits(x))
			raw.Write(tmp[:8])
		}
	}
	for _, name := range slices.Sorted(maps.Keys(curves)) {
		series(name, 0, curves[name])
	}
	for _, name := range slices.Sorted(maps.Keys(layers)) {
		for i, v := range layers[name] {
			series(name, i+1, v)
		}
	}
	return raw.Bytes()
}

// decodeCurves unpacks a blob of either layout. layers is nil when the run
// recorded no per-layer curve.
func decodeCurves(b []byte) (curves map[string][]float64, layers map[string][][]float64, err error) {
	curves = map[string][]float64{}
	if len(b) == 0 {
		return curves, nil, nil
	}
	zr, err := gzip.NewReader(bytes.NewReader(b))
	if err != nil {
		return nil, nil, fmt.Errorf("curves: %w", err)
	}
	raw, err := io.ReadAll(zr)
	if err != nil {
		return nil, nil, fmt.Errorf("curves: %w", err)
	}
	return unmarshalCurves(raw)
}

// UnmarshalCurves reads what MarshalCurves wrote. layers is nil when there
// is no per-layer curve.
func UnmarshalCurves(raw []byte) (curves map[string][]float64, layers map[string][][]float64, err error) {
	if !bytes.HasPrefix(raw, layeredMagic[:]) {
		return nil, nil, errors.New("curves: not the layered layout")
	}
	return unmarshalCurves(raw)
}

// unmarshalCurves reads an uncompressed blob of either layout.
func unmarshalCurves(raw []byte) (curves map[string][]float64, layers map[string][][]float64, err error) {
	curves = map[string][]float64{}
	legacy := !bytes.HasPrefix(raw, layeredMagic[:])
	if !legacy {
		raw = raw[len(layeredMagic):]
	}
	r := bytes.NewReader(raw)
	bad := errors.New("curves: truncated")
	for r.Len() > 0 {
		n, err := binary.ReadUvarint(r)
		if err != nil || n > uint64(r.Len()) {
			return nil, nil, bad
		}
		nameBytes := make([]byte, n)
		io.ReadFull(r, nameBytes)
		name, layer := string(nameBytes), uint64(0)
		if !legacy {
			if layer, err = binary.ReadUvarint(r); err != nil || layer > maxLayers {
				return nil, nil, bad
			}
		}
		cnt, err := binary.ReadUvarint(r)
		if err != nil || cnt > uint64(r.Len()/8) {
			return nil, nil, bad
		}
		v := make([]float64, cnt)
		var u [8]byte
		for i := range v {
			io.ReadFull(r, u[:])
			v[i] = math.Float64frombits(binary.LittleEndian.Uint64(u[:]))
		}
		if legacy {
			name, layer = legacyLayer(name)
			restoreNonFinite(v)
		}
		if layer == 0 {
			curves[name] = v
			continue
		}
		if layers == nil {
			layers = map[string][][]float64{}
		}
		ls := layers[name]
		for uint64(len(ls)) < layer {
			ls = append(ls, nil)
		}
		ls[layer-1] = v
		layers[name] = ls
	}
	if blocks, ok := layers[legacyKKTBlocks]; ok {
		half := len(blocks) / 2
		layers[runs.LayerKKTW], layers[runs.LayerKKTV] = blocks[:half], blocks[half:]
		delete(layers, legacyKKTBlocks)
	}
	return curves, layers, nil
}

// maxLayers bounds a stored layer index, so that a corrupt blob cannot ask
// for a huge slice.
const maxLayers = 1 << 16

// legacyLayer maps a legacy curve name to its series: "norm_layer3" is layer
// 3 of runs.LayerNorm (likewise weight_ and violation_), and "kkt_i" the
// i-th of the 2N residual blocks of (24), which decodeCurves splits into
// runs.LayerKKTW (the first N) and runs.LayerKKTV once all are read. Any
// other name is a whole-net curve (layer 0).
func legacyLayer(name string) (string, uint64) {
	for _, p := range []struct{ prefix, layered string }{
		{"norm_layer", runs.LayerNorm},
		{"weight_layer", runs.LayerWeight},
		{"violation_layer", runs.LayerViolation},
		{"kkt_", legacyKKTBlocks},
	} {
		if rest, ok := strings.CutPrefix(name, p.prefix); ok {
			if i, err := strconv.ParseUint(rest, 10, 32); err == nil && i >= 1 {
				return p.layered, i
			}
		}
	}
	return name, 0
}

// legacyKKTBlocks collects the legacy "kkt_i" blocks while decoding.
const legacyKKTBlocks = "kkt blocks"

// restoreNonFinite undoes the legacy layout's stand-in for a value that was
// not finite: ±MaxFloat64 becomes ±Inf. (A NaN was written as +MaxFloat64
// too, so it comes back as +Inf; both count as not finite everywhere.)
func restoreNonFinite(v []float64) {
	for i, x := range v {
		switch x {
		case math.MaxFloat64:
			v[i] = math.Inf(1)
		case -math.MaxFloat64:
			v[i] = math.Inf(-1)
		}
	}
}
