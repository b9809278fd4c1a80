package archive

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/admmlab/admmlab/pipeline/runs"
	"github.com/admmlab/admmlab/pipeline/store"
)

// FormatVersion is the run file layout this code writes and reads.
const FormatVersion = 1

// Run is one archived run: the stored record, curves included, and the
// hash of its full result as computed when it was archived.
type Run struct {
	runs.Record
	ResultHash string
}

// header is a run file's first line. Its fields are written in this order,
// so that the same run always gives the same bytes.
type header struct {
	Format        int             `json:"format"`
	ID            string          `json:"id"`
	Key           runs.Key        `json:"key"`
	Spec          json.RawMessage `json:"spec"` // canonical runs.Spec JSON
	Status        string          `json:"status"`
	Metrics       json.RawMessage `json:"metrics"` // as the store keeps them (store.MarshalMetrics)
	Diverged      bool            `json:"diverged"`
	DivergedEpoch int             `json:"diverged_epoch"`
	DurationMS    int64           `json:"duration_ms"`
	// CPUMS is the run's CPU time (runs.Record.CPU), left out when not
	// measured, so that the file of a run recorded before CPU times were
	// keeps its bytes.
	CPUMS        int64  `json:"cpu_ms,omitempty"`
	Started      string `json:"started"`  // RFC 3339, UTC
	Finished     string `json:"finished"` // RFC 3339, UTC
	Host         string `json:"host"`
	Commit       string `json:"commit"` // the commit whose code computed the run
	ResultSHA256 string `json:"result_sha256"`
	CurveBytes   int    `json:"curve_bytes"` // length of the curves after the line
}

// maxHeader bounds a run file's first line, so that a damaged file cannot
// ask for unbounded memory.
const maxHeader = 1 << 20

// Encode returns the run file of a done record (its curves included): the
// same record always gives the same bytes.
func Encode(r runs.Record) []byte { return encode(r, ResultHash(r.Result)) }

// encode is Encode with the result hash given.
func encode(r runs.Record, resultHash string) []byte {
	curves := store.MarshalCurves(r.Result.Curves, r.Result.Layers)
	h := header{
		Format: FormatVersion, ID: r.ID, Key: r.Key, Spec: r.Spec.Canonical(), Status: r.Status,
		Metrics: store.MarshalMetrics(r.Result.Metrics), Diverged: r.Result.Diverged, DivergedEpoch: r.Result.DivergedEpoch,
		DurationMS: r.Duration.Milliseconds(), CPUMS: r.CPU.Milliseconds(), Started: formatTime(r.Started), Finished: formatTime(r.Finished),
		Host: r.Host, Commit: r.Commit, ResultSHA256: resultHash, CurveBytes: len(curves),
	}
	line, err := json.Marshal(h)
	if err != nil {
		panic(err) // plain fields and valid JSON always marshal
	}
	var z bytes.Buffer
	w, _ := gzip.NewWriterLevel(&z, gzip.BestCompression) // no name, no time: fixed bytes
	w.Write(line)
	w.Write([]byte{'\n'})
	w.Write(curves)
	w.Close()
	return z.Bytes()
}

func formatTime(t time.Time) string { return t.UTC().Format(time.RFC3339Nano) }

// Decode reads a run file. It checks what the file says of itself: the
// run ID is the hash of its key, the key's spec hash is its spec's, and
// the curves are as long as stated. It does not check the result hash:
// Run.ResultHash is the archived one, ResultHash(run.Result) the content's.
func Decode(b []byte) (Run, error) {
	h, rest, err := readHeader(bytes.NewReader(b), true)
	if err != nil {
		return Run{}, err
	}
	r, err := h.record()
	if err != nil {
		return Run{}, err
	}
	if len(rest) != h.CurveBytes {
		return Run{}, fmt.Errorf("run %s: %d bytes of curves, the header says %d", h.ID, len(rest), h.CurveBytes)
	}
	if r.Result.Curves, r.Result.Layers, err = store.UnmarshalCurves(rest); err != nil {
		return Run{}, fmt.Errorf("run %s: %w", h.ID, err)
	}
	return Run{Record: r, ResultHash: h.ResultSHA256}, nil
}

// ReadFile reads and decodes the run file at path.
func ReadFile(path string) (Run, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return Run{}, err
	}
	r, err := Decode(b)
	if err != nil {
		return Run{}, fmt.Errorf("%s: %w", path, err)
	}
	return r, nil
}

// ReadHeader reads only the first line of the run file at path: the
// record without its curves, for listing an archive without decompressing
// every curve.
func ReadHeader(path string) (Run, error) {
	f, err := os.Open(path)
	if err != nil {
		return Run{}, err
	}
	defer f.Close()
	h, _, err := readHeader(f, false)
	if err != nil {
		return Run{}, fmt.Errorf("%s: %w", path, err)
	}
	r, err := h.record()
	if err != nil {
		return Run{}, fmt.Errorf("%s: %w", path, err)
	}
	return Run{Record: r, ResultHash: h.ResultSHA256}, nil
}

// readHeader decompresses src, parses its first line and, when rest, also
// returns everything after it.
func readHeader(src io.Reader, rest bool) (header, []byte, error) {
	var h header
	zr, err := gzip.NewReader(src)
	if err != nil {
		return h, nil, fmt.Errorf("not a run file: %w", err)
	}
	br := bufio.NewReader(io.LimitReader(zr, maxHeader))
	line, err := br.ReadBytes('\n')
	if err != nil {
		return h, nil, errors.New("not a run file: no header line")
	}
	dec := json.NewDecoder(bytes.NewReader(line))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&h); err != nil {
		return h, nil, fmt.Errorf("run file header: %w", err)
	}
	if h.Format != FormatVersion {
		return h, nil, fmt.Errorf("run file format %d, this admmlab reads %d", h.Format, FormatVersion)
	}
	if !rest {
		return h, nil, nil
	}
	var buf bytes.Buffer
	buf.ReadFrom(br) // what the header's reader already holds
	if _, err := io.Copy(&buf, zr); err != nil {
		return h, nil, fmt.Errorf("run %s: curves: %w", h.ID, err)
	}
	return h, buf.Bytes(), nil
}

// record is the header as a stored record, without curves, after checking
// that the ID is its key's and the spec hash its spec's.
func (h header) record() (runs.Record, error) {
	r := runs.Record{ID: h.ID, Key: h.Key, Status: h.Status, Host: h.Host, Commit: h.Commit,
		Duration: time.Duration(h.DurationMS) * time.Millisecond, CPU: time.Duration(h.CPUMS) * time.Millisecond}
	if err := json.Unmarshal(h.Spec, &r.Spec); err != nil {
		return r, fmt.Errorf("run %s: spec: %w", h.ID, err)
	}
	if got := r.Spec.SpecHash(); got != h.Key.SpecHash {
		return r, fmt.Errorf("run %s: spec hash %s, its spec hashes to %s", h.ID, h.Key.SpecHash, got)
	}
	if got := runs.RunID(h.Key); got != h.ID {
		return r, fmt.Errorf("run %s: its key hashes to %s", h.ID, got)
	}
	var err error
	if r.Result.Metrics, err = store.UnmarshalMetrics(h.Metrics); err != nil {
		return r, fmt.Errorf("run %s: %w", h.ID, err)
	}
	r.Result.Diverged, r.Result.DivergedEpoch = h.Diverged, h.DivergedEpoch
	if r.Started, err = time.Parse(time.RFC3339Nano, h.Started); err != nil {
		return r, fmt.Errorf("run %s: started: %w", h.ID, err)
	}
	if r.Finished, err = time.Parse(time.RFC3339Nano, h.Finished); err != nil {
		return r, fmt.Errorf("run %s: finished: %w", h.ID, err)
	}
	return r, nil
}
