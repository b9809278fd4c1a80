package datasets

import (
	"bufio"
	"bytes"
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/admmlab/admmlab/solvers"
)

// NOAA/NCEI U.S. Earthquake Intensity Database, 1638-1985 (Section 6.1), as
// NCEI exports it: tab-separated text, one felt report per line, a header
// row of column names. The export carries many columns (date and time,
// LOCAL_TO_UTC, STATE, CITY_NAME, EPIDISTANCE, source codes, …); the
// loader maps the seven it needs by header name, case-insensitively, taking
// the first name of each list that the header has:
//
//	epicentre latitude   EQ_LATITUDE, EPICENTER_LATITUDE, LATITUDE     (degrees, north +)
//	epicentre longitude  EQ_LONGITUDE, EPICENTER_LONGITUDE, LONGITUDE  (degrees, east +)
//	city latitude        CITY_LATITUDE                                 (degrees)
//	city longitude       CITY_LONGITUDE                                (degrees)
//	magnitude            EQ_MAGNITUDE, MAGNITUDE, EQ_PRIMARY
//	depth                EQ_DEPTH, FOCAL_DEPTH, DEPTH                  (km, positive down)
//	MMI                  MMI, INTENSITY                                (integer 1-12)
//
// Preprocessing, as the paper says: a record missing any of the seven
// (blank, non-numeric, or an MMI that is not an integer in 1..12) is
// dropped; MMI 1-4 → +1, 5-12 → −1 (ClassifySign); a random split (from the
// seed) of 4173 train / 4000 test when the file has the paper's 8173
// complete records, otherwise the same 4173:4000 proportion; each feature
// z-scored with the training split's mean and standard deviation.

// EarthquakeLayout is the file the mirror needs, stated in every "data not
// available" message for the earthquake data.
const EarthquakeLayout = "layout: <data-dir>/earthquake/eqint_tsqp.txt, the NCEI tab-separated text export " +
	"(an XLSX copy saved as tab-separated text works): one felt report per line, a header row naming at least " +
	"EQ_LATITUDE, EQ_LONGITUDE, CITY_LATITUDE, CITY_LONGITUDE, EQ_MAGNITUDE, EQ_DEPTH and MMI (the alternatives of datasets/earthquake.go are accepted)"

const (
	eqComplete = 8173
	eqTrain    = 4173
)

var eqColumns = [7][]string{
	{"EQ_LATITUDE", "EPICENTER_LATITUDE", "LATITUDE"},
	{"EQ_LONGITUDE", "EPICENTER_LONGITUDE", "LONGITUDE"},
	{"CITY_LATITUDE"},
	{"CITY_LONGITUDE"},
	{"EQ_MAGNITUDE", "MAGNITUDE", "EQ_PRIMARY"},
	{"EQ_DEPTH", "FOCAL_DEPTH", "DEPTH"},
	{"MMI", "INTENSITY"},
}

// eqRaw holds the complete records: six features and the MMI.
type eqRaw struct {
	Features [][]float64
	MMI      []int
	Dropped  int // incomplete records skipped
}

func parseEarthquake(b []byte) (*eqRaw, error) {
	sc := bufio.NewScanner(bytes.NewReader(b))
	sc.Buffer(make([]byte, 0, 64*1024), 1<<20)
	line := 0
	var col [7]int
	header := false
	raw := &eqRaw{}
	var fields []string
	for sc.Scan() {
		line++
		text := strings.TrimRight(sc.Text(), "\r")
		if strings.TrimSpace(text) == "" {
			continue
		}
		fields = strings.Split(text, "\t")
		if !header {
			if err := mapColumns(fields, &col); err != nil {
				return nil, fmt.Errorf("line %d (header): %w", line, err)
			}
			header = true
			continue
		}
		var rec [7]float64
		complete := true
		for k, c := range col {
			if c >= len(fields) { // NCEI drops trailing empty fields
				complete = false
				break
			}
			s := strings.Trim(strings.TrimSpace(fields[c]), `"`)
			v, err := strconv.ParseFloat(s, 64)
			if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
				complete = false
				break
			}
			rec[k] = v
		}
		if complete && (rec[6] != math.Trunc(rec[6]) || rec[6] < 1 || rec[6] > 12) {
			complete = false
		}
		if !complete {
			raw.Dropped++
			continue
		}
		raw.Features = append(raw.Features, append([]float64(nil), rec[:6]...))
		raw.MMI = append(raw.MMI, int(rec[6]))
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("line %d: %v", line+1, err)
	}
	if !header {
		return nil, fmt.Errorf("no header row")
	}
	if len(raw.MMI) < 2 {
		return nil, fmt.Errorf("%d complete records (of %d), need at least 2", len(raw.MMI), len(raw.MMI)+raw.Dropped)
	}
	return raw, nil
}

func mapColumns(header []string, col *[7]int) error {
	index := map[string]int{}
	for i, h := range header {
		h = strings.ToUpper(strings.Trim(strings.TrimSpace(h), `"`))
		if _, dup := index[h]; !dup {
			index[h] = i
		}
	}
	for k, names := range eqColumns {
		col[k] = -1
		for _, n := range names {
			if i, ok := index[n]; ok {
				col[k] = i
				break
			}
		}
		if col[k] < 0 {
			return fmt.Errorf("no column named %s", strings.Join(names, " or "))
		}
	}
	return nil
}

func loadEarthquake(path string, seed uint64) (*Dataset, error) {
	raw, err := readEarthquake(path)
	if err != nil {
		return nil, err
	}
	return prepareEarthquake(raw, seed), nil
}

// readEarthquake parses the export at path once per process.
func readEarthquake(path string) (*eqRaw, error) {
	return readOnce("earthquake", path, parseEarthquake)
}

func prepareEarthquake(raw *eqRaw, seed uint64) *Dataset {
	n := len(raw.MMI)
	nTrain := eqTrain
	note := ""
	if n != eqComplete {
		nTrain = int(math.Round(float64(n) * eqTrain / eqComplete))
		nTrain = min(max(nTrain, 1), n-1)
		note = fmt.Sprintf(" (not the paper's %d records: split in its 4173:4000 proportion)", eqComplete)
	}
	ys := make([][]float64, n)
	pos := 0
	for i, m := range raw.MMI {
		if m <= 4 {
			ys[i] = []float64{1}
			pos++
		} else {
			ys[i] = []float64{-1}
		}
	}
	train, test := splitIndices(newRNG(seed, streamSplit), n, nTrain)
	ds := &Dataset{
		Name:  Earthquake,
		Task:  solvers.ClassifySign,
		Train: gather(train, raw.Features, ys),
		Test:  gather(test, raw.Features, ys),
		Counts: fmt.Sprintf("%d complete records (%d incomplete dropped; %d MMI 1-4 → +1, %d MMI 5-12 → −1) → %d train / %d test%s",
			n, raw.Dropped, pos, n-pos, len(train), len(test), note),
	}
	zscoreFeatures(&ds.Train, &ds.Test)
	return ds
}
