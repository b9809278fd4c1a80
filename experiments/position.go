package experiments

import (
	"bytes"
	"encoding/json"
	"fmt"
	"regexp"
	"strconv"
	"strings"
)

// Position returns "LINE:COL" of the field at path in the file the
// definition was read from, e.g. Position("algorithms", 0, "grid", "width"),
// or "" when the definition was not read from a file or has no such field.
// Path elements are object keys (string) and array indices (int).
func (d *Definition) Position(path ...any) string {
	if d.source == nil {
		return ""
	}
	off, ok := locate(d.source, path)
	if !ok {
		return ""
	}
	return position(d.source, off)
}

// FieldPosition is Position for a field written as validation messages
// name it: `algorithms[0] "A": grid.width`, `select.fraction`,
// `profiles.quick`. It falls back to the longest prefix of the path that
// the file has, so that a field left out is placed at its parent.
func (d *Definition) FieldPosition(field string) string {
	path := FieldPath(field)
	for n := len(path); n > 0; n-- {
		if p := d.Position(path[:n]...); p != "" {
			return p
		}
	}
	return ""
}

var labelInPath = regexp.MustCompile(`\[(\d+)\] "(?:[^"\\]|\\.)*"`)

// FieldPath splits a field as validation messages name it into a path:
// `algorithms[0] "A": grid.width` is algorithms, 0, grid, width. Words
// after a space (such as "× grid.width") end the path.
func FieldPath(field string) []any {
	field = labelInPath.ReplaceAllString(field, ".[$1]")
	field = strings.ReplaceAll(field, ": ", ".")
	field, _, _ = strings.Cut(field, " ")
	var path []any
	for _, part := range strings.Split(field, ".") {
		if part == "" {
			continue
		}
		if i, err := strconv.Atoi(strings.Trim(part, "[]")); err == nil && strings.HasPrefix(part, "[") {
			path = append(path, i)
			continue
		}
		path = append(path, part)
	}
	return path
}

// locate returns the byte offset where the value at path starts in the
// JSON document b.
func locate(b []byte, path []any) (int64, bool) {
	dec := json.NewDecoder(bytes.NewReader(b))
	for {
		start := dec.InputOffset()
		for start < int64(len(b)) && strings.IndexByte(" \t\r\n:,", b[start]) >= 0 {
			start++
		}
		if len(path) == 0 {
			return start, true
		}
		tok, err := dec.Token()
		if err != nil {
			return 0, false
		}
		switch want := path[0].(type) {
		case string:
			if tok != json.Delim('{') || !skipToKey(dec, want) {
				return 0, false
			}
		case int:
			if tok != json.Delim('[') || !skipElements(dec, want) {
				return 0, false
			}
		default:
			panic(fmt.Sprintf("experiments: path element %v is neither key nor index", want))
		}
		path = path[1:]
	}
}

// skipToKey reads an object's members up to the key; the decoder is then
// at its value.
func skipToKey(dec *json.Decoder, key string) bool {
	for dec.More() {
		k, err := dec.Token()
		if err != nil {
			return false
		}
		if k == key {
			return true
		}
		var skip json.RawMessage
		if dec.Decode(&skip) != nil {
			return false
		}
	}
	return false
}

// skipElements reads n elements of an array; the decoder is then at the
// next one, which must exist.
func skipElements(dec *json.Decoder, n int) bool {
	for range n {
		var skip json.RawMessage
		if !dec.More() || dec.Decode(&skip) != nil {
			return false
		}
	}
	return dec.More()
}
