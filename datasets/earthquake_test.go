package datasets

import (
	"context"
	"errors"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/admmlab/admmlab/solvers"
)

// earthquakeFixture parses testdata/earthquake_ncei.tsv and returns it with
// a mirror directory that holds it where Load looks for the data set. The
// file is hand-written in the NCEI export layout: 12 complete felt reports
// and 5 that must be dropped (blank depth, blank magnitude, MMI "F", MMI 0,
// a line cut short).
func earthquakeFixture(t *testing.T) (*eqRaw, string) {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", "earthquake_ncei.tsv"))
	if err != nil {
		t.Fatal(err)
	}
	raw, err := parseEarthquake(b)
	if err != nil {
		t.Fatal(err)
	}
	mirror := t.TempDir()
	if err := os.MkdirAll(filepath.Join(mirror, "earthquake"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(mirror, "earthquake", "eqint_tsqp.txt"), b, 0o644); err != nil {
		t.Fatal(err)
	}
	return raw, mirror
}

// TestEarthquakeFixture: parsing, dropping and the split of the fixture.
func TestEarthquakeFixture(t *testing.T) {
	raw, mirror := earthquakeFixture(t)
	if len(raw.MMI) != 12 || raw.Dropped != 5 {
		t.Fatalf("%d complete, %d dropped; want 12 and 5", len(raw.MMI), raw.Dropped)
	}
	// First record: San Fernando 1971 felt at San Fernando, MMI 8.
	want := []float64{34.411, -118.401, 34.282, -118.439, 6.6, 8}
	for k, v := range want {
		if raw.Features[0][k] != v {
			t.Errorf("record 1 feature %d = %v, want %v", k, raw.Features[0][k], v)
		}
	}
	if raw.MMI[0] != 8 || raw.MMI[11] != 1 {
		t.Errorf("MMI %v, want 8 first and 1 last", raw.MMI)
	}

	ds, err := Load(context.Background(), "earthquake", Options{DataDir: mirror, CacheDir: t.TempDir(), Seed: 5})
	if err != nil {
		t.Fatal(err)
	}
	// 12 records in the 4173:4000 proportion: round(12·4173/8173) = 6.
	if ds.Train.N != 6 || ds.Test.N != 6 || ds.Train.DIn != 6 || ds.Task != solvers.ClassifySign {
		t.Fatalf("train %d×%d, test %d, task %v; want 6×6, 6, classify-sign", ds.Train.N, ds.Train.DIn, ds.Test.N, ds.Task)
	}
	if !strings.Contains(ds.Counts, "12 complete records (5 incomplete dropped; 6 MMI 1-4 → +1, 6 MMI 5-12 → −1)") || !strings.Contains(ds.Counts, "proportion") {
		t.Errorf("Counts %q", ds.Counts)
	}
	// Each training feature is z-scored: mean 0, population std 1.
	for f := 0; f < 6; f++ {
		row := ds.Train.X[f*6 : f*6+6]
		var s, s2 float64
		for _, v := range row {
			s += v
			s2 += v * v
		}
		if math.Abs(s/6) > 1e-12 || math.Abs(s2/6-1) > 1e-9 {
			t.Errorf("train feature %d: mean %v, mean square %v", f, s/6, s2/6)
		}
	}
	// Undo the z-score of the test part with the training statistics
	// recomputed from the raw records: each test sample must be a raw
	// record with its label.
	train, test := splitIndices(newRNG(5, streamSplit), 12, 6)
	for f := 0; f < 6; f++ {
		col := make([]float64, 6)
		for j, i := range train {
			col[j] = raw.Features[i][f]
		}
		mu, sd := meanStd(col)
		for j, i := range test {
			if got := ds.Test.X[f*6+j]*sd + mu; math.Abs(got-raw.Features[i][f]) > 1e-9 {
				t.Fatalf("test sample %d feature %d: %v, raw %v", j, f, got, raw.Features[i][f])
			}
			wantY := -1.0
			if raw.MMI[i] <= 4 {
				wantY = 1
			}
			if ds.Test.Y[j] != wantY {
				t.Fatalf("test sample %d: label %v for MMI %d", j, ds.Test.Y[j], raw.MMI[i])
			}
		}
	}
}

func TestEarthquakeColumns(t *testing.T) {
	// Alternative names, other order, extra columns, quotes.
	in := "\"MMI\"\tCITY_LONGITUDE\tCITY_LATITUDE\tFOCAL_DEPTH\tEQ_PRIMARY\tLONGITUDE\tLATITUDE\tSTATE\n" +
		"3\t-100.5\t40.25\t10\t5.5\t-101\t41\t\"NE\"\n" +
		"6\t-100\t40\t12\t6\t-101\t41\tNE\n"
	raw, err := parseEarthquake([]byte(in))
	if err != nil {
		t.Fatal(err)
	}
	if got := raw.Features[0]; got[0] != 41 || got[1] != -101 || got[2] != 40.25 || got[3] != -100.5 || got[4] != 5.5 || got[5] != 10 || raw.MMI[0] != 3 {
		t.Errorf("record %v MMI %d, want epicentre (41,-101), city (40.25,-100.5), M5.5, 10 km, MMI 3", got, raw.MMI[0])
	}
	_, err = parseEarthquake([]byte("EQ_LATITUDE\tEQ_LONGITUDE\tMMI\n1\t2\t3\n"))
	if err == nil || !strings.Contains(err.Error(), "no column named CITY_LATITUDE") {
		t.Errorf("missing column: error %v", err)
	}
}

func TestEarthquakeNotAvailable(t *testing.T) {
	opt := Options{DataDir: sharedData(t), CacheDir: t.TempDir(), Fetch: true}
	_, err := Load(context.Background(), "earthquake", opt)
	var na *NotAvailableError
	if !errors.As(err, &na) || na.File != "eqint_tsqp.txt" || !strings.Contains(err.Error(), "no direct download URL") {
		t.Fatalf("error %v, want NotAvailableError naming eqint_tsqp.txt", err)
	}
}

// TestEarthquakeMap: Fig 16(a)'s points are the complete records' city
// coordinates, split by class; without the file the error says what to place.
func TestEarthquakeMap(t *testing.T) {
	raw, mirror := earthquakeFixture(t)
	classes, err := EarthquakeMap(context.Background(), Options{DataDir: mirror, CacheDir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	if len(classes) != 2 {
		t.Fatalf("%d classes, want 2", len(classes))
	}
	low := 0
	for _, m := range raw.MMI {
		if m <= 4 {
			low++
		}
	}
	if len(classes[0].Lon) != low || len(classes[1].Lon) != len(raw.MMI)-low || len(classes[0].Lat) != low {
		t.Errorf("class sizes %d and %d, want %d and %d", len(classes[0].Lon), len(classes[1].Lon), low, len(raw.MMI)-low)
	}
	// The first record (MMI 8, felt at San Fernando) is the first high-intensity point.
	if classes[1].Lat[0] != 34.282 || classes[1].Lon[0] != -118.439 {
		t.Errorf("first MMI 5–12 point (%v, %v), want San Fernando (34.282, -118.439)", classes[1].Lat[0], classes[1].Lon[0])
	}
	_, err = EarthquakeMap(context.Background(), Options{DataDir: t.TempDir(), CacheDir: t.TempDir()})
	var na *NotAvailableError
	if !errors.As(err, &na) || !strings.Contains(err.Error(), "eqint_tsqp.txt") {
		t.Errorf("missing file: error %v, want a NotAvailableError naming eqint_tsqp.txt", err)
	}
}
