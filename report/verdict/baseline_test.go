package verdict

import "testing"

func TestBaselines(t *testing.T) {
	// PTB-like: 2 classes, 72.4% of the test split in class 1.
	ptb, ok := BaselinesOf([]int{724, 1896})
	if !ok || ptb.MajorityClass != 1 || ptb.Chance != 0.5 {
		t.Fatalf("BaselinesOf: %+v, %v", ptb, ok)
	}
	// EYB-like: 38 classes of 32 test images each.
	eyb := make([]int, 38)
	for i := range eyb {
		eyb[i] = 32
	}
	yale, _ := BaselinesOf(eyb)
	for _, tc := range []struct {
		name      string
		b         Baselines
		mean, std float64
		class     int
		one       bool
	}{
		{"exactly the majority share", ptb, 1896.0 / 2620, 0, 1, true},
		{"the majority share, other splits' spread", ptb, 0.728, 0.006, 1, true},
		{"the minority share", ptb, 724.0 / 2620, 0, 0, true},
		{"a learned net", ptb, 0.80, 0.01, 0, false},
		{"near the majority but spread beyond it", ptb, 0.724, 0.05, 0, false},
		{"38 classes: one class everywhere is 1/38", yale, 1.0 / 38, 0, 0, true},
		{"38 classes: a learned net", yale, 0.89, 0.01, 0, false},
	} {
		class, one := tc.b.OneClass(tc.mean, tc.std)
		if one != tc.one || (one && class != tc.class) {
			t.Errorf("%s: OneClass(%g, %g) = %d, %v; want %d, %v", tc.name, tc.mean, tc.std, class, one, tc.class, tc.one)
		}
	}
	if _, ok := BaselinesOf([]int{10}); ok {
		t.Error("one class has no baseline to compare with")
	}
	if _, ok := BaselinesOf(nil); ok {
		t.Error("no counts: no baselines")
	}
}
