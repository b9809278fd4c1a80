package main

import (
	"bufio"
	"context"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"hash"
	"io"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/admmlab/admmlab/datasets"
	"github.com/admmlab/admmlab/internal/engine"
	"github.com/admmlab/admmlab/pipeline/runs"
	"github.com/admmlab/admmlab/pipeline/store"
)

// dataExportAbout is the help of data export.
const dataExportAbout = `Writes the samples one run trains on (train: the training split less its
validation hold-out), chooses on (val) and is tested on (test), as the engine
reads them for the run: the same data loading and the same stratified
hold-out (datasets.HoldOut, its seed derived from the spec), so the files are
bit for bit the run's. Which run: --store S --run ID (a run ID or unique
prefix; its spec decides, and the data here must give the data digest the
run recorded, else exit 3), or the data fields of a spec given as flags
(--data, --variant, --samples, --noise, --trial, --validation), exactly as
"admmlab explain RUN" prints them (an omitted variant is not the default
variant's name: give what the spec has).

DIR receives train_x, train_y, val_x, val_y (when a hold-out is taken),
test_x and test_y, one sample per row (X is n×d_in, Y is n×d_out: one-hot
rows for classify-argmax, ±1 for classify-sign), as float64 .npy files
(little-endian, C order: numpy.load reads them) or, with --format csv, as
CSV with every value written to round-trip exactly; and split.json: the data
fields, task, data digest, validation seed, each part's shape and file
SHA-256 and, with --run, the run's ID, spec, metrics and curves. DIR is
written whole or not at all (a temporary directory renamed into place); an
earlier export there is replaced, any other existing non-empty directory is
refused.`

// exportPart is one part of the export as split.json describes it.
type exportPart struct {
	N       int    `json:"n"`
	DIn     int    `json:"d_in"`
	DOut    int    `json:"d_out"`
	X       string `json:"x"`
	Y       string `json:"y"`
	XSHA256 string `json:"x_sha256"`
	YSHA256 string `json:"y_sha256"`
}

// exportRun is the run an export was taken for.
type exportRun struct {
	ID            string           `json:"id"`
	Spec          runs.Spec        `json:"spec"`
	Status        string           `json:"status"`
	DataDigest    string           `json:"data_digest"`
	Diverged      bool             `json:"diverged,omitempty"`
	DivergedEpoch int              `json:"diverged_epoch,omitempty"`
	Metrics       map[string]any   `json:"metrics"`
	Curves        map[string][]any `json:"curves"` // a value that was not finite is null
}

// exportMeta is split.json.
type exportMeta struct {
	Version        int                   `json:"admmlab_split"`
	Format         string                `json:"format"`
	Layout         string                `json:"layout"`
	Data           string                `json:"data"`
	DataVariant    string                `json:"data_variant"`
	Samples        int                   `json:"samples"`
	Noise          float64               `json:"noise"`
	Trial          int                   `json:"trial"`
	Validation     float64               `json:"validation"`
	ValidationSeed string                `json:"validation_seed,omitempty"`
	Task           string                `json:"task"`
	DataDigest     string                `json:"data_digest"`
	Source         string                `json:"source"`
	Counts         string                `json:"counts"`
	Subset         string                `json:"subset,omitempty"`
	Parts          map[string]exportPart `json:"parts"`
	Run            *exportRun            `json:"run,omitempty"`
}

// exportMetaName is the file that marks a directory as an export.
const exportMetaName = "split.json"

func runDataExport(args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("data export", stderr)
	out := fs.String("out", "", "output `directory` (required)")
	format := fs.String("format", "npy", "file format: npy (float64) or csv")
	storePath := fs.String("store", "results/runs.db", "SQLite run store that holds --run (read-only)")
	runID := fs.String("run", "", "run `ID` or unique ID prefix whose split to export")
	data := fs.String("data", "", "data set (without --run), e.g. eyb, ptb, square")
	variant := fs.String("variant", "", "data variant (without --run), e.g. keep-corrupted")
	samples := fs.Int("samples", 0, "toy tasks: training samples, as the spec has them (without --run)")
	noise := fs.Float64("noise", 0, "toy learning tasks: noise variance, as the spec has it (without --run)")
	trial := fs.Int("trial", 0, "0-based trial (without --run)")
	validation := fs.Float64("validation", 0, "validation share held out of the training split, 0 for none (without --run)")
	dataDir := fs.String("data-dir", os.Getenv("ADMMLAB_DATA_DIR"), "data directory (default $ADMMLAB_DATA_DIR)")
	fetch := fs.Bool("fetch", false, "download a missing data set")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usageErrorf("unexpected arguments %q (admmlab help data export)", fs.Args())
	}
	if *out == "" {
		return usageErrorf("flag --out is required (admmlab help data export)")
	}
	if *format != "npy" && *format != "csv" {
		return usageErrorf("flag --format: %q, want npy or csv", *format)
	}
	if err := checkDataDir(*dataDir, *fetch); err != nil {
		return err
	}
	if err := checkExportDir(*out); err != nil {
		return err
	}
	ctx := context.Background()
	var spec runs.Spec
	var run *exportRun
	if *runID != "" {
		var specFlags []string
		fs.Visit(func(f *flag.Flag) {
			switch f.Name {
			case "data", "variant", "samples", "noise", "trial", "validation":
				specFlags = append(specFlags, "--"+f.Name)
			}
		})
		if len(specFlags) > 0 {
			return usageErrorf("%s with --run: the run's spec gives the data fields", strings.Join(specFlags, ", "))
		}
		r, err := exportedRun(ctx, *storePath, *runID)
		if err != nil {
			return err
		}
		spec, run = r.Spec, r
	} else {
		switch {
		case *data == "":
			return usageErrorf("want --store S --run ID, or the spec's data fields (--data and, as the spec has them, --variant, --samples, --noise, --trial, --validation)")
		case !datasets.Name(*data).Known():
			return usageErrorf("flag --data: unknown data set %q, want one of %s", *data, strings.Join(datasetNames(), ", "))
		case *trial < 0 || *samples < 0 || !(*noise >= 0) || math.IsInf(*noise, 0):
			return usageErrorf("flags --trial, --samples, --noise: want values ≥ 0")
		case !(*validation >= 0 && *validation < 1):
			return usageErrorf("flag --validation: %v, want 0 (no hold-out) or a share in (0, 1)", *validation)
		}
		if err := datasets.Name(*data).CheckVariant(*variant); err != nil {
			return usageErrorf("flag --variant: %v", err)
		}
		spec = runs.Spec{Data: *data, DataVariant: *variant, Samples: *samples, Noise: *noise, Trial: *trial, Validation: *validation}
	}

	e := engine.New(engine.Options{DataDir: *dataDir, Fetch: *fetch})
	split, err := e.Split(ctx, spec)
	var na *datasets.NotAvailableError
	switch {
	case errors.As(err, &na):
		return inputErrorf("%v", err)
	case err != nil:
		return err // a checksum or parse error maps to exit 3
	}
	if run != nil && run.DataDigest != split.DataDigest {
		return inputErrorf("run %s recorded data digest %s, the data here give %s: this is not the run's split (other data files or another preprocessing)",
			run.ID, run.DataDigest, split.DataDigest)
	}
	meta := exportMeta{Version: 1, Format: *format,
		Layout: "one sample per row: X is n×d_in, Y is n×d_out, float64",
		Data:   spec.Data, DataVariant: spec.DataVariant, Samples: spec.Samples, Noise: spec.Noise,
		Trial: spec.Trial, Validation: spec.Validation, Task: split.Task.String(),
		DataDigest: split.DataDigest, Source: split.Source, Counts: split.Counts, Subset: split.Subset,
		Parts: map[string]exportPart{}, Run: run}
	if spec.Validation > 0 {
		meta.ValidationSeed = fmt.Sprintf("%016x", split.ValidationSeed)
	}
	if err := writeExport(*out, *format, split, &meta); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "wrote %s: %s", *out, shapeLine(meta.Parts["train"], "train"))
	if p, ok := meta.Parts["val"]; ok {
		fmt.Fprintf(stdout, ", %s", shapeLine(p, "val"))
	}
	fmt.Fprintf(stdout, ", %s; task %s; data digest %s\n", shapeLine(meta.Parts["test"], "test"), meta.Task, meta.DataDigest)
	return nil
}

func shapeLine(p exportPart, name string) string {
	return fmt.Sprintf("%s %d×%d→%d", name, p.N, p.DIn, p.DOut)
}

func datasetNames() []string {
	var out []string
	for _, n := range datasets.Names() {
		out = append(out, string(n))
	}
	return out
}

// exportedRun reads run arg (an ID or unique prefix) from the store.
func exportedRun(ctx context.Context, path, arg string) (*exportRun, error) {
	st, err := store.OpenExisting(path)
	if err != nil {
		return nil, inputErrorf("%v", err)
	}
	if st == nil {
		return nil, usageErrorf("flag --store: store %s does not exist (or is empty)", path)
	}
	defer st.Close()
	ids, err := st.MatchPrefix(ctx, strings.ToLower(arg))
	if err != nil {
		return nil, inputErrorf("store %s: %v", path, err)
	}
	switch {
	case len(ids) == 0:
		return nil, usageErrorf("no run ID (prefix) %q in %s", arg, path)
	case len(ids) > 1:
		return nil, usageErrorf("run ID prefix %q is ambiguous: %d runs match (%s…)", arg, len(ids), strings.Join(ids[:min(3, len(ids))], ", "))
	}
	rec, _, err := st.Get(ctx, ids[0])
	if err != nil {
		return nil, inputErrorf("store %s: run %s: %v", path, ids[0], err)
	}
	r := &exportRun{ID: rec.ID, Spec: rec.Spec, Status: string(rec.Status), DataDigest: rec.Key.DataDigest,
		Diverged: rec.Result.Diverged, DivergedEpoch: rec.Result.DivergedEpoch,
		Metrics: map[string]any{}, Curves: map[string][]any{}}
	for k, v := range rec.Result.Metrics {
		r.Metrics[k] = finiteOrNil(v)
	}
	for k, c := range rec.Result.Curves {
		vs := make([]any, len(c))
		for i, v := range c {
			vs[i] = finiteOrNil(v)
		}
		r.Curves[k] = vs
	}
	return r, nil
}

// finiteOrNil is v, or nil (JSON null) when v is NaN or ±Inf.
func finiteOrNil(v float64) any {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return nil
	}
	return v
}

// checkExportDir refuses an output that exists and is neither an empty
// directory nor an earlier export: export never deletes what it did not write.
func checkExportDir(out string) error {
	fi, err := os.Stat(out)
	switch {
	case errors.Is(err, os.ErrNotExist):
		return nil
	case err != nil:
		return usageErrorf("flag --out: %v", err)
	case !fi.IsDir():
		return usageErrorf("flag --out: %s exists and is not a directory", out)
	}
	entries, err := os.ReadDir(out)
	if err != nil {
		return usageErrorf("flag --out: %v", err)
	}
	if len(entries) == 0 {
		return nil
	}
	if _, err := os.Stat(filepath.Join(out, exportMetaName)); err != nil {
		return usageErrorf("flag --out: %s exists, is not empty and holds no earlier export (%s): not replaced", out, exportMetaName)
	}
	return nil
}

// writeExport writes the parts and split.json into a temporary directory
// beside out and renames it into place, replacing an earlier export.
func writeExport(out, format string, s engine.Split, meta *exportMeta) (err error) {
	out = filepath.Clean(out)
	parent := filepath.Dir(out)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return fmt.Errorf("export: %w", err)
	}
	tmp, err := os.MkdirTemp(parent, "."+filepath.Base(out)+".*.tmp")
	if err != nil {
		return fmt.Errorf("export: %w", err)
	}
	defer func() {
		if err != nil {
			os.RemoveAll(tmp)
		}
	}()
	if err := os.Chmod(tmp, 0o755); err != nil {
		return fmt.Errorf("export: %w", err)
	}
	parts := []struct {
		name string
		p    datasets.Part
	}{{"train", s.Fit}, {"val", s.Val}, {"test", s.Test}}
	for _, q := range parts {
		if q.p.N == 0 {
			continue
		}
		ep := exportPart{N: q.p.N, DIn: q.p.DIn, DOut: q.p.DOut,
			X: q.name + "_x." + format, Y: q.name + "_y." + format}
		if ep.XSHA256, err = writeMatrix(filepath.Join(tmp, ep.X), format, q.p.X, q.p.DIn, q.p.N); err != nil {
			return err
		}
		if ep.YSHA256, err = writeMatrix(filepath.Join(tmp, ep.Y), format, q.p.Y, q.p.DOut, q.p.N); err != nil {
			return err
		}
		meta.Parts[q.name] = ep
	}
	b, err := json.MarshalIndent(meta, "", "  ")
	if err != nil {
		return fmt.Errorf("export: %w", err)
	}
	if err := writeSynced(filepath.Join(tmp, exportMetaName), func(w io.Writer) error {
		_, err := w.Write(append(b, '\n'))
		return err
	}); err != nil {
		return err
	}
	if err := syncDir(tmp); err != nil {
		return err
	}
	// An earlier export (checked before anything was computed) moves aside,
	// the new one takes its place, and the old one is removed.
	var old string
	if _, serr := os.Stat(out); serr == nil {
		old = tmp + ".old"
		if err := os.Rename(out, old); err != nil {
			return fmt.Errorf("export: replacing %s: %w", out, err)
		}
	}
	if err := os.Rename(tmp, out); err != nil {
		if old != "" {
			os.Rename(old, out)
		}
		return fmt.Errorf("export: %w", err)
	}
	if old != "" {
		os.RemoveAll(old)
	}
	return syncDir(parent)
}

// writeMatrix writes the feature-major rows×n matrix data transposed (one
// sample per line or row) and returns the file's SHA-256.
func writeMatrix(path, format string, data []float64, rows, n int) (string, error) {
	var sum hash.Hash = sha256.New()
	err := writeSynced(path, func(f io.Writer) error {
		w := bufio.NewWriterSize(io.MultiWriter(f, sum), 1<<16)
		var line []byte
		if format == "npy" {
			if _, err := w.Write(npyHeader(n, rows)); err != nil {
				return err
			}
		}
		var buf [8]byte
		for j := 0; j < n; j++ {
			line = line[:0]
			for r := 0; r < rows; r++ {
				v := data[r*n+j]
				if format == "npy" {
					binary.LittleEndian.PutUint64(buf[:], math.Float64bits(v))
					line = append(line, buf[:]...)
					continue
				}
				if r > 0 {
					line = append(line, ',')
				}
				line = strconv.AppendFloat(line, v, 'g', -1, 64)
			}
			if format == "csv" {
				line = append(line, '\n')
			}
			if _, err := w.Write(line); err != nil {
				return err
			}
		}
		return w.Flush()
	})
	if err != nil {
		return "", err
	}
	return hex.EncodeToString(sum.Sum(nil)), nil
}

// npyHeader is the header of a version 1.0 .npy file of a C-order float64
// array of shape (rows, cols), padded so that the data start at a multiple
// of 64 bytes.
func npyHeader(rows, cols int) []byte {
	dict := fmt.Sprintf("{'descr': '<f8', 'fortran_order': False, 'shape': (%d, %d), }", rows, cols)
	const pre = 10 // magic (6), version (2), header length (2)
	total := (pre + len(dict) + 1 + 63) / 64 * 64
	dict += strings.Repeat(" ", total-pre-len(dict)-1) + "\n"
	h := append([]byte("\x93NUMPY\x01\x00"), 0, 0)
	binary.LittleEndian.PutUint16(h[8:], uint16(len(dict)))
	return append(h, dict...)
}

// writeSynced creates path, lets write fill it, and syncs and closes it.
func writeSynced(path string, write func(io.Writer) error) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return fmt.Errorf("export: %w", err)
	}
	err = write(f)
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("export: writing %s: %w", path, err)
	}
	return nil
}

// syncDir makes a directory's entries durable.
func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return fmt.Errorf("export: %w", err)
	}
	defer d.Close()
	if err := d.Sync(); err != nil {
		return fmt.Errorf("export: syncing %s: %w", dir, err)
	}
	return nil
}
