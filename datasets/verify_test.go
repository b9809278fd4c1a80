package datasets

import (
	"errors"
	"strings"
	"testing"
)

func TestFileCheck(t *testing.T) {
	f := File{Rel: "eyb/x.mat", SHA256: "abc", Size: 3}
	for _, c := range []struct {
		check FileCheck
		bad   bool
		line  string
	}{
		{FileCheck{Data: EYB, File: f}, false, "eyb/x.mat: absent"},
		{FileCheck{Data: EYB, File: f, Path: "p", Label: "mirror", Sum: "abc", Size: 3}, false, "(mirror): ok sha256 abc"},
		{FileCheck{Data: EYB, File: f, Path: "p", Sum: "abd", Size: 3}, true, "MISMATCH"},
		{FileCheck{Data: EYB, File: f, Path: "p", Sum: "abc", Size: 4}, true, "MISMATCH"},
		{FileCheck{Data: EYB, File: File{Rel: "r"}, Path: "p", Sum: "abc", Size: 4}, false, "no known sha256"},
		{FileCheck{Data: EYB, File: f, Path: "p", Err: errors.New("denied")}, true, "unreadable: denied"},
	} {
		if got := c.check.Bad(); got != c.bad {
			t.Errorf("%+v: Bad = %t, want %t", c.check, got, c.bad)
		}
		if got := c.check.String(); !strings.Contains(got, c.line) {
			t.Errorf("%+v: line %q lacks %q", c.check, got, c.line)
		}
	}
}
