package datasets

import (
	"fmt"
	"os"
)

// FileCheck is what VerifyFiles found of one catalogued file: a present
// copy (Path, where it was found, Label) hashed against the catalogue, or
// no copy anywhere (Path "").
type FileCheck struct {
	Data        Name
	File        File
	Path, Label string
	Sum         string // the copy's hex SHA-256
	Size        int64
	Err         error // the copy could not be read
}

// Bad reports whether the copy could not be read or differs from the
// catalogue's hash or size.
func (c FileCheck) Bad() bool {
	return c.Path != "" && (c.Err != nil || c.File.SHA256 != "" && (c.Sum != c.File.SHA256 || (c.File.Size > 0 && c.Size != c.File.Size)))
}

// String is the check's line, e.g. "eyb: DIR/f.mat (mirror): ok sha256 …".
func (c FileCheck) String() string {
	f := c.File
	switch {
	case c.Path == "":
		return fmt.Sprintf("%s: %s: absent", c.Data, f.Rel)
	case c.Err != nil:
		return fmt.Sprintf("%s: %s (%s): unreadable: %v", c.Data, c.Path, c.Label, c.Err)
	case f.SHA256 == "":
		return fmt.Sprintf("%s: %s (%s): present, no known sha256 to check (sha256 %s, %d bytes)", c.Data, c.Path, c.Label, c.Sum, c.Size)
	case c.Bad():
		return fmt.Sprintf("%s: %s (%s): MISMATCH: expected sha256 %s (%d bytes), actual sha256 %s (%d bytes)", c.Data, c.Path, c.Label, f.SHA256, f.Size, c.Sum, c.Size)
	}
	return fmt.Sprintf("%s: %s (%s): ok sha256 %s", c.Data, c.Path, c.Label, c.Sum)
}

// VerifyFiles hashes every present copy of every catalogued file (required,
// fallback and auxiliary; in the mirror and the cache) and calls each with
// what it found, once per copy, or once for a file with no copy.
func VerifyFiles(opt Options, each func(FileCheck)) {
	for _, spec := range Catalog {
		files := append(append(append([]File(nil), spec.Files...), spec.Fallback...), spec.Aux...)
		for _, f := range files {
			paths, labels := Candidates(f, opt)
			found := false
			for i, p := range paths {
				if st, err := os.Stat(p); err != nil || !st.Mode().IsRegular() {
					continue
				}
				found = true
				c := FileCheck{Data: spec.Name, File: f, Path: p, Label: labels[i]}
				c.Sum, c.Size, c.Err = HashFile(p)
				each(c)
			}
			if !found {
				each(FileCheck{Data: spec.Name, File: f})
			}
		}
	}
}
