package pipeline

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"testing"
)

// Every run belongs to exactly one shard, the one ShardOf names, and the
// shards share the runs out about evenly.
func TestShardOf(t *testing.T) {
	for _, n := range []int{1, 2, 3, 7} {
		counts := make([]int, n+1)
		for k := range 700 {
			sum := sha256.Sum256([]byte(fmt.Sprint(k)))
			id := hex.EncodeToString(sum[:])
			s := ShardOf(id, n)
			if s < 1 || s > n {
				t.Fatalf("ShardOf(%s, %d) = %d, want 1 to %d", id, n, s, n)
			}
			for i := 1; i <= n; i++ {
				if InShard(id, i, n) != (i == s) {
					t.Errorf("InShard(%s, %d, %d) = %v, but ShardOf says %d", id, i, n, !(i == s), s)
				}
			}
			counts[s]++
		}
		for i := 1; i <= n; i++ {
			if want := 700 / n; counts[i] < want/2 || counts[i] > 2*want {
				t.Errorf("%d shards: shard %d has %d of 700 runs, want about %d", n, i, counts[i], want)
			}
		}
	}
}

func TestParseShard(t *testing.T) {
	for _, tc := range []struct {
		in   string
		i, n int
		ok   bool
	}{
		{"1/1", 1, 1, true},
		{"2/3", 2, 3, true},
		{"0/3", 0, 0, false},
		{"4/3", 0, 0, false},
		{"1/0", 0, 0, false},
		{"02/3", 0, 0, false},
		{"2/3x", 0, 0, false},
		{"", 0, 0, false},
	} {
		i, n, err := ParseShard(tc.in)
		if i != tc.i || n != tc.n || (err == nil) != tc.ok {
			t.Errorf("ParseShard(%q) = %d, %d, %v; want %d, %d, ok %v", tc.in, i, n, err, tc.i, tc.n, tc.ok)
		}
	}
}
