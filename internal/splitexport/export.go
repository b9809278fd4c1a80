package splitexport

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/admmlab/admmlab/datasets"
	"github.com/admmlab/admmlab/internal/engine"
	"github.com/admmlab/admmlab/internal/inputerr"
	"github.com/admmlab/admmlab/pipeline/runs"
)

// The file formats: float64 .npy (little-endian, C order) or CSV whose
// values round-trip exactly.
const (
	NPY = "npy"
	CSV = "csv"
)

// MetaName is the file that describes an export and marks a directory as one.
const MetaName = "split.json"

// Part is one part of the export as split.json describes it.
type Part struct {
	N       int    `json:"n"`
	DIn     int    `json:"d_in"`
	DOut    int    `json:"d_out"`
	X       string `json:"x"`
	Y       string `json:"y"`
	XSHA256 string `json:"x_sha256"`
	YSHA256 string `json:"y_sha256"`
}

// Meta is split.json.
type Meta struct {
	Version        int             `json:"admmlab_split"`
	Format         string          `json:"format"`
	Layout         string          `json:"layout"`
	Data           string          `json:"data"`
	DataVariant    string          `json:"data_variant"`
	Samples        int             `json:"samples"`
	Noise          float64         `json:"noise"`
	Trial          int             `json:"trial"`
	Validation     float64         `json:"validation"`
	ValidationSeed string          `json:"validation_seed,omitempty"`
	Task           string          `json:"task"`
	DataDigest     string          `json:"data_digest"`
	Source         string          `json:"source"`
	Counts         string          `json:"counts"`
	Subset         string          `json:"subset,omitempty"`
	Parts          map[string]Part `json:"parts"`
	Run            *Run            `json:"run,omitempty"`
}

// Shapes is the parts' shapes in one line, e.g. "train 32×1→1, val 8×1→1,
// test 40×1→1" (no val without a hold-out).
func (m *Meta) Shapes() string {
	s := ""
	for _, name := range []string{"train", "val", "test"} {
		if p, ok := m.Parts[name]; ok {
			if s != "" {
				s += ", "
			}
			s += fmt.Sprintf("%s %d×%d→%d", name, p.N, p.DIn, p.DOut)
		}
	}
	return s
}

// Splitter hands out a run's split; *engine.Engine is one.
type Splitter interface {
	Split(ctx context.Context, spec runs.Spec) (engine.Split, error)
}

// Export writes the split of spec (the data fields alone matter) into the
// directory out in format (NPY or CSV), with split.json, and returns what
// split.json says. run, when not nil, is the run whose spec it is: the data
// must then give the data digest it recorded. Out is checked as CheckDir
// does; call CheckDir first to refuse it before the data are read.
func Export(ctx context.Context, s Splitter, spec runs.Spec, run *Run, out, format string) (*Meta, error) {
	if format != NPY && format != CSV {
		return nil, inputerr.Usagef("flag --format: %q, want npy or csv", format)
	}
	if err := CheckDir(out); err != nil {
		return nil, err
	}
	split, err := s.Split(ctx, spec)
	var na *datasets.NotAvailableError
	switch {
	case errors.As(err, &na):
		return nil, inputerr.Inputf("%v", err)
	case err != nil:
		return nil, err // a checksum or parse error of the data set's
	}
	if run != nil && run.DataDigest != split.DataDigest {
		return nil, inputerr.Inputf("run %s recorded data digest %s, the data here give %s: this is not the run's split (other data files or another preprocessing)",
			run.ID, run.DataDigest, split.DataDigest)
	}
	meta := &Meta{Version: 1, Format: format,
		Layout: "one sample per row: X is n×d_in, Y is n×d_out, float64",
		Data:   spec.Data, DataVariant: spec.DataVariant, Samples: spec.Samples, Noise: spec.Noise,
		Trial: spec.Trial, Validation: spec.Validation, Task: split.Task.String(),
		DataDigest: split.DataDigest, Source: split.Source, Counts: split.Counts, Subset: split.Subset,
		Parts: map[string]Part{}, Run: run}
	if spec.Validation > 0 {
		meta.ValidationSeed = fmt.Sprintf("%016x", split.ValidationSeed)
	}
	if err := write(out, format, split, meta); err != nil {
		return nil, err
	}
	return meta, nil
}

// CheckDir refuses an output that exists and is neither an empty directory
// nor an earlier export: export never deletes what it did not write.
func CheckDir(out string) error {
	fi, err := os.Stat(out)
	switch {
	case errors.Is(err, os.ErrNotExist):
		return nil
	case err != nil:
		return inputerr.Usagef("flag --out: %v", err)
	case !fi.IsDir():
		return inputerr.Usagef("flag --out: %s exists and is not a directory", out)
	}
	entries, err := os.ReadDir(out)
	if err != nil {
		return inputerr.Usagef("flag --out: %v", err)
	}
	if len(entries) == 0 {
		return nil
	}
	if _, err := os.Stat(filepath.Join(out, MetaName)); err != nil {
		return inputerr.Usagef("flag --out: %s exists, is not empty and holds no earlier export (%s): not replaced", out, MetaName)
	}
	return nil
}

// write writes the parts and split.json into a temporary directory beside
// out and renames it into place, replacing an earlier export.
func write(out, format string, s engine.Split, meta *Meta) (err error) {
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
		ep := Part{N: q.p.N, DIn: q.p.DIn, DOut: q.p.DOut,
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
	if err := writeSynced(filepath.Join(tmp, MetaName), func(w io.Writer) error {
		_, err := w.Write(append(b, '\n'))
		return err
	}); err != nil {
		return err
	}
	if err := syncDir(tmp); err != nil {
		return err
	}
	return replaceDir(tmp, out)
}

// replaceDir renames the complete directory tmp to out. An earlier export
// at out (checked before anything was computed) moves aside, the new one
// takes its place, and the old one is removed.
func replaceDir(tmp, out string) error {
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
	return syncDir(filepath.Dir(out))
}
