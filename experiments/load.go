package experiments

import (
	"bytes"
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"sort"
	"strconv"
	"strings"
)

//go:embed defs/*.json profiles.json
var builtin embed.FS

// Catalogue is the set of definitions and profiles.
type Catalogue struct {
	Definitions []Definition
	Profiles    []Profile
}

// Load reads the catalogue from dir, which holds defs/*.json and
// profiles.json; dir == "" means the definitions built into the binary.
// Unknown JSON fields are errors naming the file, so a typo never silently
// changes an experiment.
func Load(dir string) (*Catalogue, error) {
	var fsys fs.FS = builtin
	if dir != "" {
		fsys = os.DirFS(dir)
	}
	c := &Catalogue{}
	names, err := fs.Glob(fsys, "defs/*.json")
	if err != nil {
		return nil, err
	}
	if len(names) == 0 {
		return nil, fmt.Errorf("experiments: no definitions in %s", path.Join(dirName(dir), "defs"))
	}
	sort.Strings(names)
	for _, name := range names {
		var d Definition
		if err := decodeStrict(fsys, name, &d); err != nil {
			return nil, fmt.Errorf("experiments: %s:%w", path.Join(dirName(dir), name), err)
		}
		d.File = path.Join(dirName(dir), name)
		d.source, _ = fs.ReadFile(fsys, name) // decodeStrict has read it
		c.Definitions = append(c.Definitions, d)
	}
	if err := decodeStrict(fsys, "profiles.json", &c.Profiles); err != nil {
		return nil, fmt.Errorf("experiments: %s:%w", path.Join(dirName(dir), "profiles.json"), err)
	}
	return c, nil
}

func dirName(dir string) string {
	if dir == "" {
		return "(built-in)"
	}
	return dir
}

// decodeStrict decodes the one JSON value of file name into v: unknown
// fields and anything after the value are errors. Its error starts with
// "LINE:COL: " where the position is known, else with " ".
func decodeStrict(fsys fs.FS, name string, v any) error {
	b, err := fs.ReadFile(fsys, name)
	if err != nil {
		return fmt.Errorf(" %w", err)
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		var syn *json.SyntaxError
		var typ *json.UnmarshalTypeError
		switch {
		case errors.As(err, &syn):
			return fmt.Errorf("%s: %w", position(b, syn.Offset-1), err) // Offset is past the bad byte
		case errors.As(err, &typ):
			return fmt.Errorf("%s: %w", position(b, typ.Offset-1), err) // the value's last byte
		case errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF):
			return fmt.Errorf("%s: unexpected end of file", position(b, int64(len(b))))
		}
		// An unknown field is reported once its object has been read: place
		// it at its key instead. Errors of a field's own decoder (Ints)
		// carry no offset; the decoder has read up to the failing value.
		if name, ok := strings.CutPrefix(err.Error(), "json: unknown field "); ok {
			if key, uerr := strconv.Unquote(name); uerr == nil {
				if i := keyOffset(b[:dec.InputOffset()], key); i >= 0 {
					return fmt.Errorf("%s: %w", position(b, i), err)
				}
			}
		}
		return fmt.Errorf("%s: %w", position(b, dec.InputOffset()), err)
	}
	end := dec.InputOffset()
	if _, err := dec.Token(); err != io.EOF {
		return fmt.Errorf("%s: data after the JSON value (one value per file)", position(b, end+skipSpace(b[end:])))
	}
	return nil
}

// keyOffset is the offset of the first member named key in b (its quoted
// name followed by a colon), or -1.
func keyOffset(b []byte, key string) int64 {
	quoted, _ := json.Marshal(key)
	for from := 0; ; {
		i := bytes.Index(b[from:], quoted)
		if i < 0 {
			return -1
		}
		at := from + i
		rest := b[at+len(quoted):]
		if n := skipSpace(rest); n < int64(len(rest)) && rest[n] == ':' {
			return int64(at)
		}
		from = at + 1
	}
}

// skipSpace counts the leading JSON white space of b.
func skipSpace(b []byte) int64 {
	n := int64(0)
	for _, c := range b {
		if c != ' ' && c != '\t' && c != '\n' && c != '\r' {
			break
		}
		n++
	}
	return n
}

// position turns the byte offset of a byte into "line:column" (both from
// 1, the column counting bytes).
func position(b []byte, off int64) string {
	if off > int64(len(b)) {
		off = int64(len(b))
	}
	line := 1 + bytes.Count(b[:off], []byte("\n"))
	col := off - int64(bytes.LastIndexByte(b[:off], '\n'))
	return fmt.Sprintf("%d:%d", line, col)
}

// Profile returns the named profile.
func (c *Catalogue) Profile(name string) (Profile, error) {
	var names []string
	for _, p := range c.Profiles {
		if p.Name == name {
			return p, nil
		}
		names = append(names, p.Name)
	}
	return Profile{}, fmt.Errorf("unknown profile %q, want one of %s", name, strings.Join(names, ", "))
}

// DiffBuiltin compares the definitions built into the binary with the
// catalogue directory dir (defs/*.json and profiles.json) and lists the
// files, relative to dir, that differ or exist on one side only.
func DiffBuiltin(dir string) ([]string, error) {
	disk := os.DirFS(dir)
	onDisk, err := fs.Glob(disk, "defs/*.json")
	if err != nil {
		return nil, err
	}
	built, err := fs.Glob(builtin, "defs/*.json")
	if err != nil {
		return nil, err
	}
	names := map[string]bool{"profiles.json": true}
	for _, n := range append(onDisk, built...) {
		names[n] = true
	}
	var differ []string
	for n := range names {
		a, errA := fs.ReadFile(builtin, n)
		b, errB := fs.ReadFile(disk, n)
		if (errA == nil) != (errB == nil) || !bytes.Equal(a, b) {
			differ = append(differ, n)
		}
	}
	sort.Strings(differ)
	return differ, nil
}
