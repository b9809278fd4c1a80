package datasets

import (
	"bytes"
	"compress/zlib"
	"encoding/binary"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// testdata/tiny.mat and tiny_be.mat are written by testdata/mktiny.py,
// byte by byte from the MAT-file format description; their contents are
// listed there.
func TestReadMATTiny(t *testing.T) {
	want := map[string]matVar{
		"a":        {Rows: 2, Cols: 3, Data: []float64{1, 4, 2, 5, 3, 6}},
		"b":        {Rows: 2, Cols: 1, Data: []float64{-1.5, 2.25}},
		"c":        {Rows: 1, Cols: 3, Data: []float64{-300, 7, 40000}},
		"features": {Rows: 3, Cols: 2, Data: []float64{10, 30, 50, 20, 40, 60}},
	}
	for _, c := range []struct {
		file  string
		names []string
	}{
		{"tiny.mat", []string{"a", "b", "c", "features"}},
		{"tiny_be.mat", []string{"a", "b"}},
	} {
		b, err := os.ReadFile(filepath.Join("testdata", c.file))
		if err != nil {
			t.Fatal(err)
		}
		vars, err := readMAT(b)
		if err != nil {
			t.Fatalf("%s: %v", c.file, err)
		}
		if len(vars) != len(c.names) {
			t.Fatalf("%s: %d variables, want %d", c.file, len(vars), len(c.names))
		}
		for i, v := range vars {
			w := want[c.names[i]]
			if v.Name != c.names[i] || v.Rows != w.Rows || v.Cols != w.Cols {
				t.Fatalf("%s: variable %d is %q %dx%d, want %q %dx%d", c.file, i, v.Name, v.Rows, v.Cols, c.names[i], w.Rows, w.Cols)
			}
			for k := range w.Data {
				if v.Data[k] != w.Data[k] {
					t.Errorf("%s: %s data %v, want %v", c.file, v.Name, v.Data, w.Data)
					break
				}
			}
		}
	}
}

func TestReadMATErrors(t *testing.T) {
	good, err := os.ReadFile(filepath.Join("testdata", "tiny.mat"))
	if err != nil {
		t.Fatal(err)
	}
	mutate := func(f func(b []byte) []byte) []byte { return f(append([]byte(nil), good...)) }
	le := binary.LittleEndian
	for _, c := range []struct {
		name string
		in   []byte
		want string
	}{
		{"short", good[:100], "shorter than the 128-byte header"},
		{"endian", mutate(func(b []byte) []byte { copy(b[126:], "XX"); return b }), "offset 126"},
		{"version", mutate(func(b []byte) []byte { le.PutUint16(b[124:], 0x0200); return b }), "offset 124: version"},
		{"oversized element", mutate(func(b []byte) []byte { le.PutUint32(b[132:], 1<<30); return b }), "offset 128: element of type 14 claims 1073741824 bytes"},
		{"truncated", good[:200], "offset 192: element of type 15 claims 45 bytes, only 0 remain"},
		{"unknown top-level type", mutate(func(b []byte) []byte { le.PutUint32(b[128:], 3); return b }), "unsupported data type 3"},
		{"complex", mutate(func(b []byte) []byte { b[128+8+8+1] |= 0x08; return b }), "complex arrays are not supported"},
		{"sparse class", mutate(func(b []byte) []byte { b[128+8+8] = 5; return b }), "array class 5 is not numeric"},
		{"3-d", mutate(func(b []byte) []byte { le.PutUint32(b[128+8+16+8+4:], 3); le.PutUint32(b[128+8+16+4:], 12); return b }), "dimensional arrays are not supported"},
		{"bad zlib", mutate(func(b []byte) []byte { b[128+64+8] ^= 0xff; return b }), "compressed element at offset 200"},
	} {
		_, err := readMAT(c.in)
		if err == nil {
			t.Errorf("%s: no error", c.name)
			continue
		}
		if !strings.Contains(err.Error(), c.want) || !strings.Contains(err.Error(), "offset") {
			t.Errorf("%s: error %q, want it to contain %q and an offset", c.name, err, c.want)
		}
	}
}

// A compressed element may not claim more than deflate could produce from
// its size, however small the file.
func TestReadMATInflateBound(t *testing.T) {
	var z bytes.Buffer
	zw := zlib.NewWriter(&z)
	var tag [8]byte
	binary.LittleEndian.PutUint32(tag[:], miMATRIX)
	binary.LittleEndian.PutUint32(tag[4:], 1<<31)
	zw.Write(tag[:])
	zw.Close()
	hdr, _ := os.ReadFile(filepath.Join("testdata", "tiny.mat"))
	b := append([]byte(nil), hdr[:128]...)
	var el [8]byte
	binary.LittleEndian.PutUint32(el[:], miCOMPRESSED)
	binary.LittleEndian.PutUint32(el[4:], uint32(z.Len()))
	b = append(append(b, el[:]...), z.Bytes()...)
	_, err := readMAT(b)
	if err == nil || !strings.Contains(err.Error(), "claims 2147483648 bytes") {
		t.Errorf("error %v, want a refusal of the 2 GiB claim", err)
	}
}
