package inputerr

import (
	"errors"
	"testing"
)

// Each constructor says which kind it is, and the message and the wrapped
// error pass through, so that errors.As finds an Error under a wrapping.
func TestKinds(t *testing.T) {
	for _, tc := range []struct {
		name  string
		err   error
		usage bool
	}{
		{"usage", Usagef("flag -x: %d, want ≥ 1", 0), true},
		{"input", Inputf("file %s: %w", "a.json", errors.ErrUnsupported), false},
	} {
		var e *Error
		wrapped := errors.Join(errors.New("context"), tc.err)
		if !errors.As(wrapped, &e) || e.Usage != tc.usage || e.Error() != tc.err.Error() {
			t.Errorf("%s: As=%v, Usage=%v, want an Error with Usage %v", tc.name, e != nil, e != nil && e.Usage, tc.usage)
		}
	}
	if !errors.Is(Inputf("x: %w", errors.ErrUnsupported), errors.ErrUnsupported) {
		t.Error("Inputf does not unwrap to the error it wraps")
	}
}
