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
)

// encodeMetrics writes metrics as a JSON object so that sqlite's json_extract
// can read them. JSON has no NaN or infinities; those (diverged runs) are
// written as the strings "NaN", "+Inf" and "-Inf", which json_type reports
// as 'text', so SQL aggregates can leave them out.
func encodeMetrics(m map[string]float64) []byte {
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

func decodeMetrics(b []byte) (map[string]float64, error) {
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

// encodeCurves packs curves compactly and exactly: gzip of, per curve in
// name order, uvarint name length, name, uvarint count, then the values as
// little-endian float64 bits.
func encodeCurves(c map[string][]float64) []byte {
	var raw bytes.Buffer
	names := slices.Sorted(maps.Keys(c))
	var tmp [binary.MaxVarintLen64]byte
	for _, name := range names {
		raw.Write(tmp[:binary.PutUvarint(tmp[:], uint64(len(name)))])
		raw.WriteString(name)
		v := c[name]
		raw.Write(tmp[:binary.PutUvarint(tmp[:], uint64(len(v)))])
		for _, x := range v {
			binary.LittleEndian.PutUint64(tmp[:8], math.Float64bits(x))
			raw.Write(tmp[:8])
		}
	}
	var z bytes.Buffer
	w, _ := gzip.NewWriterLevel(&z, gzip.BestCompression)
	w.Write(raw.Bytes())
	w.Close()
	return z.Bytes()
}

func decodeCurves(b []byte) (map[string][]float64, error) {
	c := map[string][]float64{}
	if len(b) == 0 {
		return c, nil
	}
	zr, err := gzip.NewReader(bytes.NewReader(b))
	if err != nil {
		return nil, fmt.Errorf("curves: %w", err)
	}
	raw, err := io.ReadAll(zr)
	if err != nil {
		return nil, fmt.Errorf("curves: %w", err)
	}
	r := bytes.NewReader(raw)
	bad := errors.New("curves: truncated")
	for r.Len() > 0 {
		n, err := binary.ReadUvarint(r)
		if err != nil || n > uint64(r.Len()) {
			return nil, bad
		}
		name := make([]byte, n)
		io.ReadFull(r, name)
		cnt, err := binary.ReadUvarint(r)
		if err != nil || cnt > uint64(r.Len()/8) {
			return nil, bad
		}
		v := make([]float64, cnt)
		var u [8]byte
		for i := range v {
			io.ReadFull(r, u[:])
			v[i] = math.Float64frombits(binary.LittleEndian.Uint64(u[:]))
		}
		c[string(name)] = v
	}
	return c, nil
}
