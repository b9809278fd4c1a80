package datasets

import (
	"bufio"
	"compress/gzip"
	"context"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/admmlab/admmlab/internal/sharedtest"
	"github.com/admmlab/admmlab/solvers"
)

// sharedData is the workplace's shared/data; the real-data tests need it.
func sharedData(t testing.TB) string {
	t.Helper()
	return sharedtest.Dir(t, "data")
}

// eybCounts are the images per subject that SOURCES.md lists.
func eybCounts() map[int]int {
	c := map[int]int{11: 60, 12: 59, 13: 60, 14: 63, 15: 62, 16: 63, 17: 63}
	for l := 1; l <= 38; l++ {
		if _, ok := c[l]; !ok {
			c[l] = 64
		}
	}
	return c
}

// The MAT reader must reproduce the Octave CSV conversion exactly: every
// pixel, every label, in the same order.
func TestEYBMatchesCSV(t *testing.T) {
	dir := sharedData(t)
	raw, err := readEYB(filepath.Join(dir, "eyb", "YaleB_32x32.mat"))
	if err != nil {
		t.Fatal(err)
	}
	fh, err := os.Open(filepath.Join(dir, "eyb", "YaleB_32x32.csv.gz"))
	if err != nil {
		t.Fatal(err)
	}
	defer fh.Close()
	zr, err := gzip.NewReader(fh)
	if err != nil {
		t.Fatal(err)
	}
	sc := bufio.NewScanner(zr)
	sc.Buffer(make([]byte, 0, 1<<16), 1<<20)
	i := 0
	for sc.Scan() {
		f := strings.Split(sc.Text(), ",")
		if len(f) != 1025 {
			t.Fatalf("CSV line %d: %d fields", i+1, len(f))
		}
		if i >= len(raw.Labels) {
			t.Fatalf("CSV has more than the MAT-file's %d images", len(raw.Labels))
		}
		if l, _ := strconv.Atoi(f[0]); l != raw.Labels[i] {
			t.Fatalf("image %d: label %d in MAT, %s in CSV", i, raw.Labels[i], f[0])
		}
		for k := 0; k < 1024; k++ {
			p, err := strconv.ParseFloat(f[k+1], 64)
			if err != nil || p != raw.Pixels[i][k] {
				t.Fatalf("image %d pixel %d: MAT %v, CSV %q", i, k, raw.Pixels[i][k], f[k+1])
			}
		}
		i++
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	if i != 2414 || len(raw.Labels) != 2414 {
		t.Fatalf("%d CSV lines, %d MAT images, want 2414", i, len(raw.Labels))
	}
	got := map[int]int{}
	for _, l := range raw.Labels {
		got[l]++
	}
	for l, n := range eybCounts() {
		if got[l] != n {
			t.Errorf("subject %d: %d images, want %d", l, got[l], n)
		}
	}
}

// The three ways EYB can be had: the 2432-image file with the corrupted
// shots kept (the paper's count) or dropped, and Cai's 2414-image file when
// the 2432-image one is absent.
func TestEYBPreprocessing(t *testing.T) {
	shared := sharedData(t)
	only2414 := t.TempDir()
	os.MkdirAll(filepath.Join(only2414, "eyb"), 0o755)
	if err := os.Symlink(filepath.Join(shared, "eyb", "YaleB_32x32.mat"), filepath.Join(only2414, "eyb", "YaleB_32x32.mat")); err != nil {
		t.Fatal(err)
	}
	all64 := map[int]int{}
	for l := 1; l <= 38; l++ {
		all64[l] = 64
	}
	for _, c := range []struct {
		name, dir, variant, file string
		half                     int
		counts                   string
		perSubject               map[int]int
	}{
		{"2432 kept", shared, "", "YaleB_32x32_2432.mat", 1216,
			"2432 images, 38 subjects × 64 → 1216 train / 1216 test; 18 of them Yale's corrupted shots, kept (variant keep-corrupted)", all64},
		{"2432 dropped", shared, EYBDropCorrupted, "YaleB_32x32_2432.mat", 1207,
			"2414 images, 38 subjects → 1207 train / 1207 test; Yale's 18 corrupted shots dropped from 2432 (variant drop-corrupted)", eybCounts()},
		{"2414 fallback", only2414, "", "YaleB_32x32.mat", 1207,
			"2414 images, 38 subjects → 1207 train / 1207 test; Cai's file, without Yale's 18 corrupted shots (variant keep-corrupted has none to keep)", eybCounts()},
	} {
		t.Run(c.name, func(t *testing.T) {
			opt := Options{DataDir: c.dir, CacheDir: t.TempDir(), Variant: c.variant}
			ds, err := Load(context.Background(), "eyb", opt)
			if err != nil {
				t.Fatal(err)
			}
			if ds.Source != filepath.Join(c.dir, "eyb", c.file) {
				t.Errorf("Source %q, want the mirror's %s", ds.Source, c.file)
			}
			if ds.Counts != c.counts {
				t.Errorf("Counts %q, want %q", ds.Counts, c.counts)
			}
			checkEYB(t, ds, c.half, c.perSubject)
			// The split depends on the seed; the set of images does not.
			opt.Seed = 1
			other, err := Load(context.Background(), "eyb", opt)
			if err != nil {
				t.Fatal(err)
			}
			if contentHash(other) == contentHash(ds) {
				t.Error("seeds 0 and 1 give the same split")
			}
		})
	}
	if _, err := Load(context.Background(), "eyb", Options{DataDir: shared, CacheDir: t.TempDir(), Variant: "keep"}); err == nil || !strings.Contains(err.Error(), `variant: unknown "keep", want one of keep-corrupted`) {
		t.Errorf("unknown variant: error %v", err)
	}
}

// checkEYB checks the split sizes, the one-hot targets, the per-image
// z-score and the per-subject halves.
func checkEYB(t *testing.T, ds *Dataset, half int, perSubject map[int]int) {
	t.Helper()
	if ds.Task != solvers.ClassifyArgmax || ds.Train.N != half || ds.Test.N != half || ds.Train.DIn != 1024 || ds.Train.DOut != 38 {
		t.Fatalf("task %v, train %d×%d→%d, test %d; want argmax, %d×1024→38, %d", ds.Task, ds.Train.N, ds.Train.DIn, ds.Train.DOut, ds.Test.N, half, half)
	}
	// Per subject: half and half; odd subjects (12, 14, 16, 17 in label
	// order) give the extra image to train, test, train, test.
	extra := map[int]int{12: 1, 14: 0, 16: 1, 17: 0}
	trainCount, testCount := map[int]int{}, map[int]int{}
	for _, c := range []struct {
		p     Part
		count map[int]int
	}{{ds.Train, trainCount}, {ds.Test, testCount}} {
		p := c.p
		for j := 0; j < p.N; j++ {
			label, ones := 0, 0
			for o := 0; o < p.DOut; o++ {
				switch p.Y[o*p.N+j] {
				case 1:
					label, ones = o+1, ones+1
				case 0:
				default:
					t.Fatalf("target (%d,%d) = %v, want 0 or 1", o, j, p.Y[o*p.N+j])
				}
			}
			if ones != 1 {
				t.Fatalf("sample %d: %d ones in its one-hot target", j, ones)
			}
			c.count[label]++
			var s, s2 float64
			for f := 0; f < p.DIn; f++ {
				v := p.X[f*p.N+j]
				s += v
				s2 += v * v
			}
			mean, variance := s/1024, s2/1024-(s/1024)*(s/1024)
			// A constant (all-black) shot stays constant: z-scored to 0.
			if math.Abs(mean) > 1e-12 || (math.Abs(variance-1) > 1e-9 && variance != 0) {
				t.Fatalf("sample %d: pixel mean %v, variance %v; want 0 and 1 (per-image z-score)", j, mean, variance)
			}
		}
	}
	for l, n := range perSubject {
		wantTrain := n/2 + extra[l]
		if n%2 == 0 {
			wantTrain = n / 2
		}
		if trainCount[l] != wantTrain || testCount[l] != n-wantTrain {
			t.Errorf("subject %d: %d train / %d test, want %d / %d", l, trainCount[l], testCount[l], wantTrain, n-wantTrain)
		}
	}
}
