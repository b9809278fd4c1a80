package runs

import "testing"

func TestIsWallClock(t *testing.T) {
	for _, tc := range []struct {
		key  string
		want bool
	}{
		{"seconds", true},
		{"epoch_seconds", true},
		{"table3/ADMM (sigmoid)/seconds", true},
		{"table3/ADMM (sigmoid)/train_mse_best", false},
		{"seconds_per_epoch", false},
		{"table3/seconds/train_mse", false},
		{"", false},
	} {
		if got := IsWallClock(tc.key); got != tc.want {
			t.Errorf("IsWallClock(%q) = %v, want %v", tc.key, got, tc.want)
		}
	}
}
