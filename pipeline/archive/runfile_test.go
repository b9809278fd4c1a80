package archive

import (
	"bytes"
	"compress/gzip"
	"io"
	"math"
	"strings"
	"testing"
	"time"

	"github.com/admmlab/admmlab/pipeline/runs"
)

func TestEncodeRoundTrip(t *testing.T) {
	r := testRecord(3)
	b := Encode(r)
	if !bytes.Equal(b, Encode(r)) {
		t.Fatal("Encode gives different bytes for the same run")
	}
	got, err := Decode(b)
	if err != nil {
		t.Fatal(err)
	}
	if d := runs.CompareResults(r.Result, got.Result, nil); len(d) > 0 {
		t.Fatalf("result changed by the round trip: %v", d)
	}
	if got.ResultHash != ResultHash(r.Result) {
		t.Errorf("archived hash %s, want %s", got.ResultHash, ResultHash(r.Result))
	}
	if got.ID != r.ID || got.Key != r.Key || got.Spec != r.Spec || got.Duration != r.Duration ||
		!got.Started.Equal(r.Started) || !got.Finished.Equal(r.Finished) || got.Host != r.Host || got.Commit != r.Commit {
		t.Errorf("record changed by the round trip:\n got %+v\nwant %+v", got.Record, r)
	}
	if !bytes.Equal(Encode(got.Record), b) {
		t.Error("re-encoding a decoded run gives other bytes")
	}
	if math.Signbit(got.Result.Curves["kkt"][1]) != true || !math.IsNaN(got.Result.Curves["kkt"][0]) {
		t.Error("-0 or NaN not kept")
	}
}

// rezip replaces a run file's decompressed content by edit's.
func rezip(t *testing.T, b []byte, edit func([]byte) []byte) []byte {
	t.Helper()
	zr, err := gzip.NewReader(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	raw, err := io.ReadAll(zr)
	if err != nil {
		t.Fatal(err)
	}
	var z bytes.Buffer
	w := gzip.NewWriter(&z)
	w.Write(edit(raw))
	w.Close()
	return z.Bytes()
}

func TestDecodeRejects(t *testing.T) {
	good := Encode(testRecord(1))
	other := testRecord(2)
	replace := func(old, new string) func([]byte) []byte {
		return func(raw []byte) []byte { return bytes.Replace(raw, []byte(old), []byte(new), 1) }
	}
	for _, c := range []struct {
		name string
		file []byte
		want string
	}{
		{"not gzip", []byte("hello"), "not a run file"},
		{"no header line", rezip(t, good, func([]byte) []byte { return []byte(`{"format":1}`) }), "no header line"},
		{"newer format", rezip(t, good, replace(`"format":1`, `"format":2`)), "format 2"},
		{"unknown field", rezip(t, good, replace(`"format":1`, `"format":1,"weights":[]`)), "unknown field"},
		{"ID not its key's", rezip(t, good, replace(testRecord(1).ID, other.ID)), "its key hashes to"},
		{"spec edited", rezip(t, good, replace(`"trial":1`, `"trial":7`)), "its spec hashes to"},
		{"curves cut short", rezip(t, good, func(raw []byte) []byte { return raw[:len(raw)-8] }), "bytes of curves"},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, err := Decode(c.file)
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Fatalf("Decode: %v, want an error containing %q", err, c.want)
			}
		})
	}
}

func TestResultHash(t *testing.T) {
	base := testRecord(0).Result
	h := ResultHash(base)
	for _, c := range []struct {
		name string
		edit func(*runs.Result)
		same bool
	}{
		{"unchanged", func(*runs.Result) {}, true},
		{"wall-clock time", func(r *runs.Result) { r.Metrics["seconds"] = 99 }, true},
		{"metric's last bit", func(r *runs.Result) {
			r.Metrics["train_mse_final"] = math.Float64frombits(math.Float64bits(r.Metrics["train_mse_final"]) ^ 1)
		}, false},
		{"metric added", func(r *runs.Result) { r.Metrics["epochs_run"] = 3 }, false},
		{"curve's last bit", func(r *runs.Result) {
			r.Curves["train_mse"][2] = math.Float64frombits(math.Float64bits(r.Curves["train_mse"][2]) ^ 1)
		}, false},
		{"-0 for 0", func(r *runs.Result) { r.Curves["kkt"][1] = 0 }, false},
		{"per-layer curve", func(r *runs.Result) { r.Layers[runs.LayerNorm][1][2] = 7 }, false},
		{"per-layer curve dropped", func(r *runs.Result) { r.Layers = nil }, false},
		{"diverged", func(r *runs.Result) { r.Diverged, r.DivergedEpoch = true, 2 }, false},
	} {
		t.Run(c.name, func(t *testing.T) {
			r := testRecord(0).Result // a fresh copy
			c.edit(&r)
			if got := ResultHash(r) == h; got != c.same {
				t.Errorf("same hash: %t, want %t", got, c.same)
			}
			if identical := len(runs.CompareResults(base, r, runs.IsWallClock)) == 0; identical != c.same {
				t.Errorf("CompareResults finds them identical: %t, but the hash says %t", identical, c.same)
			}
		})
	}
}

// A run's CPU time is archived when it was measured and left out when it
// was not, so that the file of a run recorded before CPU times were keeps
// its bytes (no "cpu_ms" key at all).
func TestEncodeCPU(t *testing.T) {
	header := func(b []byte) string {
		var line string
		rezip(t, b, func(raw []byte) []byte { line, _, _ = strings.Cut(string(raw), "\n"); return raw })
		return line
	}
	r := testRecord(3)
	r.CPU = 0
	if h := header(Encode(r)); strings.Contains(h, "cpu_ms") {
		t.Errorf("a run without CPU time archives %q", h)
	}
	r.CPU = 2345 * time.Millisecond
	b := Encode(r)
	if h := header(b); !strings.Contains(h, `"duration_ms":`) || !strings.Contains(h, `"cpu_ms":2345,"started"`) {
		t.Errorf("header %q, want cpu_ms 2345 after duration_ms", h)
	}
	got, err := Decode(b)
	if err != nil || got.CPU != r.CPU {
		t.Errorf("decoded CPU %s, %v; want %s", got.CPU, err, r.CPU)
	}
}
