package experiments

import (
	"slices"
	"testing"
)

func TestThin(t *testing.T) {
	for _, tc := range []struct {
		in   []int
		k    int
		want []int
	}{
		{[]int{1, 2, 3, 4, 5}, 2, []int{1, 5}},
		{[]int{1, 2, 3, 4, 5}, 3, []int{1, 3, 5}},
		{[]int{20, 40, 60, 80, 100}, 4, []int{20, 40, 80, 100}},
		{[]int{1, 2, 3}, 0, []int{1, 2, 3}},
		{[]int{1, 2, 3}, 5, []int{1, 2, 3}},
		{[]int{7, 8, 9}, 1, []int{7}},
	} {
		if got := thin(tc.in, tc.k); !slices.Equal(got, tc.want) {
			t.Errorf("thin(%v, %d) = %v, want %v", tc.in, tc.k, got, tc.want)
		}
	}
	if got := capAxis([]int{4, 5, 6}, 3); !slices.Equal(got, []int{4}) {
		t.Errorf("capAxis keeps the smallest when all exceed: %v", got)
	}
}
