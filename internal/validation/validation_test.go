package validation

import "testing"

func TestSplit(t *testing.T) {
	for _, tc := range []struct{ n, fit, val int }{
		{1000, 800, 200},
		{10, 8, 2},
		{3, 2, 1},
		{2, 1, 1},
		{1, 1, 0},
		{0, 0, 0},
	} {
		fit, val := Split(tc.n)
		if fit != tc.fit || val != tc.val {
			t.Errorf("Split(%d) = %d, %d, want %d, %d", tc.n, fit, val, tc.fit, tc.val)
		}
	}
}
