package datasets

import (
	"os"
	"path/filepath"
	"testing"
)

// The parsers take untrusted bytes: they must return an error or a result,
// never panic, and what they return must be self-consistent. Seed corpora
// live in testdata/fuzz/FuzzX; f.Add seeds the valid fixtures.

func FuzzMAT(f *testing.F) {
	for _, name := range []string{"tiny.mat", "tiny_be.mat"} {
		if b, err := os.ReadFile(filepath.Join("testdata", name)); err == nil {
			f.Add(b)
		}
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		vars, err := readMAT(b)
		if err != nil {
			return
		}
		for _, v := range vars {
			if len(v.Data) != v.Rows*v.Cols {
				t.Fatalf("%s: %d values for %dx%d", v.Name, len(v.Data), v.Rows, v.Cols)
			}
		}
		if raw, err := parseEYBMAT(b); err == nil {
			for i, l := range raw.Labels {
				if l < 1 || l > eybClasses || len(raw.Pixels[i]) != eybPixels {
					t.Fatalf("image %d: label %d, %d pixels", i, l, len(raw.Pixels[i]))
				}
			}
		}
	})
}

func FuzzPTBCSV(f *testing.F) {
	row := []byte{}
	for i := 0; i < 187; i++ {
		row = append(row, "0.25,"...)
	}
	f.Add(append(append([]byte(nil), row...), "0.0\n"...))
	f.Add(append(append([]byte(nil), row...), "0.000000000000000000e+00\r\n"...))
	f.Fuzz(func(t *testing.T, b []byte) {
		f, err := parsePTBCSV(b, nil)
		if err != nil {
			return
		}
		if f.width != ptbLen && f.width != ptbLen-1 {
			t.Fatalf("width %d, want 186 or 187", f.width)
		}
		for i, r := range f.rows {
			if len(r) != f.width || (f.labels[i] != 0 && f.labels[i] != 1) {
				t.Fatalf("row %d has %d values and label %v", i, len(r), f.labels[i])
			}
		}
	})
}

func FuzzEarthquake(f *testing.F) {
	if b, err := os.ReadFile(filepath.Join("testdata", "earthquake_ncei.tsv")); err == nil {
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		raw, err := parseEarthquake(b)
		if err != nil {
			return
		}
		if len(raw.Features) != len(raw.MMI) || len(raw.MMI) < 2 {
			t.Fatalf("%d feature rows, %d labels", len(raw.Features), len(raw.MMI))
		}
		for i, m := range raw.MMI {
			if m < 1 || m > 12 || len(raw.Features[i]) != 6 {
				t.Fatalf("record %d: MMI %d, %d features", i, m, len(raw.Features[i]))
			}
		}
		ds := prepareEarthquake(raw, 1)
		if ds.Train.N+ds.Test.N != len(raw.MMI) || ds.Train.N < 1 || ds.Test.N < 1 {
			t.Fatalf("split %d / %d of %d", ds.Train.N, ds.Test.N, len(raw.MMI))
		}
	})
}
