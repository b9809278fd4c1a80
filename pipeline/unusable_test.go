package pipeline

import (
	"errors"
	"testing"
)

// TestUnusableErr: nil without an unusable data set; else ErrDataUnusable
// with the reasons in the data sets' order.
func TestUnusableErr(t *testing.T) {
	for _, tc := range []struct {
		unusable map[string]string
		want     string // "" for nil
	}{
		{nil, ""},
		{map[string]string{}, ""},
		{map[string]string{"eyb": "eyb: checksum mismatch"}, ErrDataUnusable.Error() + ": eyb: checksum mismatch"},
		{map[string]string{"ptb": "ptb: bad", "eyb": "eyb: bad"}, ErrDataUnusable.Error() + ": eyb: bad; ptb: bad"},
	} {
		r := NewResolver(nil, "t", nil)
		if tc.unusable != nil {
			r.Unusable = tc.unusable
		}
		err := r.UnusableErr()
		switch {
		case tc.want == "" && err != nil:
			t.Errorf("%v: got %v, want nil", tc.unusable, err)
		case tc.want != "" && (err == nil || err.Error() != tc.want || !errors.Is(err, ErrDataUnusable)):
			t.Errorf("%v: got %v, want %q wrapping ErrDataUnusable", tc.unusable, err, tc.want)
		}
	}
}
