package datasets

import (
	"bufio"
	"context"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"flag"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var updateContent = flag.Bool("update-content", false, "rewrite testdata/content.golden from the current loaders (only when the numbers are meant to change)")

// contentHash hashes the numbers a run sees and nothing else: both parts'
// dimensions and the float64 bits of X and Y.
func contentHash(ds *Dataset) string {
	h := sha256.New()
	var buf [8]byte
	put := func(u uint64) {
		binary.LittleEndian.PutUint64(buf[:], u)
		h.Write(buf[:])
	}
	for _, p := range []*Part{&ds.Train, &ds.Test} {
		partHash(put, p)
	}
	return hex.EncodeToString(h.Sum(nil))
}

func partHash(put func(uint64), p *Part) {
	put(uint64(p.N))
	put(uint64(p.DIn))
	put(uint64(p.DOut))
	for _, v := range p.X {
		put(math.Float64bits(v))
	}
	for _, v := range p.Y {
		put(math.Float64bits(v))
	}
}

// holdOutHash hashes the part HoldOut leaves to fit.
func holdOutHash(t *testing.T, ds *Dataset, fraction float64, seed uint64) string {
	t.Helper()
	fit, val, err := HoldOut(ds.Train, ds.Task, fraction, seed)
	if err != nil {
		t.Fatal(err)
	}
	h := sha256.New()
	var buf [8]byte
	put := func(u uint64) {
		binary.LittleEndian.PutUint64(buf[:], u)
		h.Write(buf[:])
	}
	partHash(put, &fit)
	partHash(put, &val)
	return hex.EncodeToString(h.Sum(nil))
}

// contentCase is one Load whose numbers are pinned.
type contentCase struct {
	id   string
	name Name
	opt  Options
}

// contentCases covers every data set and variant the mirror can give: every
// toy task at two seeds, two sample counts and (learning tasks) three noise
// variances; EYB's six variants from the 2432-image file and from the
// 2414-image fallback; the PTB subset; the earthquake fixture.
func contentCases(t *testing.T) []contentCase {
	t.Helper()
	mirror := sharedData(t)
	// A mirror with only Cai's 2414-image file: Load falls back to it.
	cai := t.TempDir()
	if err := os.MkdirAll(filepath.Join(cai, "eyb"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(filepath.Join(mirror, "eyb", "YaleB_32x32.mat"), filepath.Join(cai, "eyb", "YaleB_32x32.mat")); err != nil {
		t.Fatal(err)
	}
	_, quake := earthquakeFixture(t)
	cache := t.TempDir()
	var cs []contentCase
	for _, name := range []Name{Square, Product, L1Radial, L2Radial} {
		noises := []float64{0}
		if toys[name].learning {
			noises = []float64{0, 0.1, 0.01}
		}
		for _, seed := range []uint64{0, 7} {
			for _, samples := range []int{0, 300} {
				for _, noise := range noises {
					cs = append(cs, contentCase{fmt.Sprintf("%s seed=%d samples=%d noise=%g", name, seed, samples, noise), name,
						Options{Seed: seed, Samples: samples, Noise: noise}})
				}
			}
		}
	}
	for _, dir := range []struct{ label, dir string }{{"2432", mirror}, {"2414", cai}} {
		for _, v := range append([]string{""}, eybVariants...) {
			for _, seed := range []uint64{0, 7} {
				cs = append(cs, contentCase{fmt.Sprintf("eyb file=%s variant=%q seed=%d", dir.label, v, seed), "eyb",
					Options{Seed: seed, Variant: v, DataDir: dir.dir, CacheDir: cache}})
			}
		}
	}
	for _, seed := range []uint64{0, 7} {
		cs = append(cs, contentCase{fmt.Sprintf("ptb subset seed=%d", seed), "ptb", Options{Seed: seed, DataDir: mirror, CacheDir: cache}})
		cs = append(cs, contentCase{fmt.Sprintf("earthquake fixture seed=%d", seed), "earthquake", Options{Seed: seed, DataDir: quake, CacheDir: cache}})
	}
	return cs
}

// TestContentGolden pins the numbers every data set and variant gives (and
// the hold-outs the engine takes from them) to testdata/content.golden, so
// that no refactoring of this package moves a result unnoticed.
func TestContentGolden(t *testing.T) {
	ctx := context.Background()
	var lines []string
	for _, c := range contentCases(t) {
		ds, err := Load(ctx, c.name, c.opt)
		if err != nil {
			t.Fatalf("%s: %v", c.id, err)
		}
		line := c.id + " " + contentHash(ds)
		if c.opt.Seed == 7 && ds.Train.N >= 10 {
			line += " holdout=" + holdOutHash(t, ds, 0.2, 11)
		}
		lines = append(lines, line)
	}
	ds, err := loadPTBSample(filepath.Join(sharedData(t), "ptbdb_sample", "ptbdb_normal_sample.csv"), filepath.Join(sharedData(t), "ptbdb_sample", "ptbdb_abnormal_sample.csv"), 3)
	if err != nil {
		t.Fatal(err)
	}
	lines = append(lines, "ptb sample seed=3 "+contentHash(ds))

	golden := filepath.Join("testdata", "content.golden")
	if *updateContent {
		if err := os.WriteFile(golden, []byte(strings.Join(lines, "\n")+"\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	f, err := os.Open(golden)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var want []string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		want = append(want, sc.Text())
	}
	if len(want) != len(lines) {
		t.Fatalf("%d cases, golden has %d", len(lines), len(want))
	}
	for i := range lines {
		if lines[i] != want[i] {
			t.Errorf("numbers moved:\n got  %s\n want %s", lines[i], want[i])
		}
	}
}
