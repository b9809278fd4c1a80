package datasets

import (
	"bytes"
	"compress/zlib"
	"encoding/binary"
	"fmt"
	"io"
	"math"
)

// A minimal reader for MATLAB level-5 MAT-files: enough for numeric, real,
// two-dimensional arrays such as Deng Cai's YaleB_32x32.mat, and an error
// (with the byte offset) for everything else. Input is untrusted: every
// length is checked against the bytes that remain before anything is
// allocated.

// MAT data types (the type field of a data element tag).
const (
	miINT8       = 1
	miUINT8      = 2
	miINT16      = 3
	miUINT16     = 4
	miINT32      = 5
	miUINT32     = 6
	miSINGLE     = 7
	miDOUBLE     = 9
	miINT64      = 12
	miUINT64     = 13
	miMATRIX     = 14
	miCOMPRESSED = 15
)

// Array classes that hold plain numbers.
const (
	mxDOUBLE = 6
	mxUINT64 = 15
)

// maxInflateRatio bounds how much a compressed element may expand: deflate
// cannot exceed about 1032:1, so a claim beyond that is a lie.
const maxInflateRatio = 1032

// matVar is one numeric variable, stored column-major as MATLAB does.
type matVar struct {
	Name       string
	Rows, Cols int
	Data       []float64 // Data[c*Rows+r] is element (r, c)
}

type matError struct {
	off int64 // byte offset in the file (or in the inflated element, see ctx)
	ctx string
	msg string
}

func (e *matError) Error() string {
	return fmt.Sprintf("MAT-file: %s offset %d: %s", e.ctx, e.off, e.msg)
}

// readMAT parses a whole MAT-file held in memory.
func readMAT(b []byte) ([]matVar, error) {
	if len(b) < 128 {
		return nil, &matError{0, "header", fmt.Sprintf("file is %d bytes, shorter than the 128-byte header", len(b))}
	}
	var bo binary.ByteOrder
	switch string(b[126:128]) {
	case "IM":
		bo = binary.LittleEndian
	case "MI":
		bo = binary.BigEndian
	default:
		return nil, &matError{126, "header", fmt.Sprintf("endian indicator %q is neither \"IM\" nor \"MI\"", b[126:128])}
	}
	if v := bo.Uint16(b[124:126]); v != 0x0100 {
		return nil, &matError{124, "header", fmt.Sprintf("version 0x%04x, want 0x0100 (level 5)", v)}
	}
	var vars []matVar
	off := 128
	for off < len(b) {
		typ, n, dataOff, small, err := readTag(b, off, bo)
		if err != nil {
			return nil, &matError{int64(off), "top-level element at", err.Error()}
		}
		if small {
			return nil, &matError{int64(off), "top-level element at", "small data element at top level"}
		}
		data := b[dataOff : dataOff+n]
		switch typ {
		case miCOMPRESSED:
			inner, err := inflate(data)
			if err != nil {
				return nil, &matError{int64(dataOff), "compressed element at", err.Error()}
			}
			t2, n2, d2, small2, err := readTag(inner, 0, bo)
			if err != nil || small2 || t2 != miMATRIX {
				msg := "inflated content is not one miMATRIX element"
				if err != nil {
					msg += ": " + err.Error()
				}
				return nil, &matError{int64(dataOff), "compressed element at", msg}
			}
			v, err := parseMatrix(inner[d2:d2+n2], bo)
			if err != nil {
				return nil, &matError{int64(dataOff), "compressed element at", "inflated " + err.Error()}
			}
			vars = append(vars, v)
			off = dataOff + n // compressed elements are not padded
			continue
		case miMATRIX:
			v, err := parseMatrix(data, bo)
			if err != nil {
				return nil, &matError{int64(dataOff), "matrix at", err.Error()}
			}
			vars = append(vars, v)
		default:
			return nil, &matError{int64(off), "top-level element at", fmt.Sprintf("unsupported data type %d", typ)}
		}
		off = dataOff + pad8(n)
		if off > len(b) {
			off = len(b) // missing final padding is harmless
		}
	}
	return vars, nil
}

func pad8(n int) int { return (n + 7) &^ 7 }

// readTag decodes the tag at off: type, byte count, offset of the data.
// Small data elements pack type and count in the first four bytes and the
// data in the next four.
func readTag(b []byte, off int, bo binary.ByteOrder) (typ, n, dataOff int, small bool, err error) {
	if off < 0 || len(b)-off < 8 {
		return 0, 0, 0, false, fmt.Errorf("truncated tag: %d bytes left, need 8", len(b)-off)
	}
	w := bo.Uint32(b[off:])
	if hi := w >> 16; hi != 0 {
		typ, n = int(w&0xffff), int(hi)
		if n > 4 {
			return 0, 0, 0, false, fmt.Errorf("small element claims %d bytes, at most 4 fit", n)
		}
		return typ, n, off + 4, true, nil
	}
	typ = int(w)
	nn := uint64(bo.Uint32(b[off+4:]))
	if nn > uint64(len(b)-off-8) {
		return 0, 0, 0, false, fmt.Errorf("element of type %d claims %d bytes, only %d remain", typ, nn, len(b)-off-8)
	}
	return typ, int(nn), off + 8, false, nil
}

// inflate decompresses one miCOMPRESSED element, refusing output larger than
// the compressed size can justify or than the inner tag declares.
func inflate(data []byte) ([]byte, error) {
	zr, err := zlib.NewReader(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("zlib: %v", err)
	}
	defer zr.Close()
	limit := int64(len(data))*maxInflateRatio + 64
	var head [8]byte
	if _, err := io.ReadFull(zr, head[:]); err != nil {
		return nil, fmt.Errorf("zlib: reading inner tag: %v", err)
	}
	// The inner tag's size (either byte order: take the plausible one) lets
	// us size the buffer exactly; anything beyond the bound is refused.
	nLE := int64(binary.LittleEndian.Uint32(head[4:]))
	nBE := int64(binary.BigEndian.Uint32(head[4:]))
	want := min(nLE, nBE)
	if want > limit {
		return nil, fmt.Errorf("inner element claims %d bytes, more than %d compressed bytes can hold", want, len(data))
	}
	buf := bytes.NewBuffer(make([]byte, 0, 8+want))
	buf.Write(head[:])
	n, err := io.Copy(buf, io.LimitReader(zr, limit))
	if err != nil {
		return nil, fmt.Errorf("zlib: after %d inflated bytes: %v", 8+n, err)
	}
	return buf.Bytes(), nil
}

// parseMatrix decodes the body of an miMATRIX element: array flags,
// dimensions, name, real part.
func parseMatrix(b []byte, bo binary.ByteOrder) (matVar, error) {
	var v matVar
	off := 0
	next := func(what string) (typ int, data []byte, at int, err error) {
		typ, n, d, small, err := readTag(b, off, bo)
		if err != nil {
			return 0, nil, off, fmt.Errorf("matrix offset %d: %s: %v", off, what, err)
		}
		at = off
		data = b[d : d+n]
		if small {
			off += 8
		} else {
			off = min(d+pad8(n), len(b))
		}
		return typ, data, at, nil
	}
	typ, flags, at, err := next("array flags")
	if err != nil {
		return v, err
	}
	if typ != miUINT32 || len(flags) != 8 {
		return v, fmt.Errorf("matrix offset %d: array flags: type %d with %d bytes, want miUINT32 with 8", at, typ, len(flags))
	}
	fw := bo.Uint32(flags)
	class := int(fw & 0xff)
	if fw&0x0800 != 0 {
		return v, fmt.Errorf("matrix offset %d: complex arrays are not supported", at)
	}
	if class < mxDOUBLE || class > mxUINT64 {
		return v, fmt.Errorf("matrix offset %d: array class %d is not numeric (only numeric classes 6-15 are supported)", at, class)
	}
	typ, dims, at, err := next("dimensions")
	if err != nil {
		return v, err
	}
	if typ != miINT32 || len(dims) < 8 || len(dims)%4 != 0 {
		return v, fmt.Errorf("matrix offset %d: dimensions: type %d with %d bytes, want miINT32 with at least 2 entries", at, typ, len(dims))
	}
	shape := make([]int, len(dims)/4)
	for i := range shape {
		d := int32(bo.Uint32(dims[4*i:]))
		if d < 0 {
			return v, fmt.Errorf("matrix offset %d: dimension %d is negative (%d)", at, i, d)
		}
		shape[i] = int(d)
	}
	for i := 2; i < len(shape); i++ {
		if shape[i] != 1 {
			return v, fmt.Errorf("matrix offset %d: %d-dimensional arrays are not supported (dims %v)", at, len(shape), shape)
		}
	}
	v.Rows, v.Cols = shape[0], shape[1]
	typ, name, at, err := next("name")
	if err != nil {
		return v, err
	}
	if typ != miINT8 && typ != miUINT8 {
		return v, fmt.Errorf("matrix offset %d: name has type %d, want miINT8", at, typ)
	}
	v.Name = string(name)
	typ, re, at, err := next("real part")
	if err != nil {
		return v, err
	}
	count := uint64(v.Rows) * uint64(v.Cols)
	size := elemSize(typ)
	if size == 0 {
		return v, fmt.Errorf("matrix offset %d: variable %q: data type %d is not numeric", at, v.Name, typ)
	}
	if uint64(len(re)) != count*uint64(size) {
		return v, fmt.Errorf("matrix offset %d: variable %q: %d bytes of type %d for %dx%d elements, want %d", at, v.Name, len(re), typ, v.Rows, v.Cols, count*uint64(size))
	}
	v.Data = make([]float64, count)
	for i := range v.Data {
		v.Data[i] = decodeNum(re[i*size:], typ, bo)
	}
	return v, nil
}

func elemSize(typ int) int {
	switch typ {
	case miINT8, miUINT8:
		return 1
	case miINT16, miUINT16:
		return 2
	case miINT32, miUINT32, miSINGLE:
		return 4
	case miDOUBLE, miINT64, miUINT64:
		return 8
	}
	return 0
}

func decodeNum(b []byte, typ int, bo binary.ByteOrder) float64 {
	switch typ {
	case miINT8:
		return float64(int8(b[0]))
	case miUINT8:
		return float64(b[0])
	case miINT16:
		return float64(int16(bo.Uint16(b)))
	case miUINT16:
		return float64(bo.Uint16(b))
	case miINT32:
		return float64(int32(bo.Uint32(b)))
	case miUINT32:
		return float64(bo.Uint32(b))
	case miSINGLE:
		return float64(math.Float32frombits(bo.Uint32(b)))
	case miDOUBLE:
		return math.Float64frombits(bo.Uint64(b))
	case miINT64:
		return float64(int64(bo.Uint64(b)))
	case miUINT64:
		return float64(bo.Uint64(b))
	}
	panic("datasets: decodeNum: unchecked type") // elemSize vetted typ
}
