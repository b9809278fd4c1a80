package main

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
)

// archiveFlipMain is the scripts' archiveflip command: archiveflip DIR
// flips the lowest bit of the last stored curve value of the first run file
// (in path order) under the archive profile folder DIR, and rewrites the
// file as a valid gzip stream with its header (and so its archived result
// hash) untouched: a stored curve altered after it was archived. It prints
// the run's ID.
func archiveFlipMain(args []string) int {
	if len(args) != 1 {
		fmt.Fprintln(os.Stderr, "usage: archiveflip PROFILE-DIR")
		return 2
	}
	files, _ := filepath.Glob(filepath.Join(args[0], "runs", "*", "*.run.gz"))
	if len(files) == 0 {
		fmt.Fprintln(os.Stderr, "archiveflip: no run file under", args[0])
		return 1
	}
	slices.Sort(files)
	if err := flipLastValue(files[0]); err != nil {
		fmt.Fprintln(os.Stderr, "archiveflip:", err)
		return 1
	}
	fmt.Println(filepath.Base(files[0])[:64])
	return 0
}

// flipLastValue flips bit 0 of the last float64 of the file's content: the
// curves end the file, little-endian, so that is the last value's lowest
// mantissa bit.
func flipLastValue(path string) error {
	b, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	zr, err := gzip.NewReader(bytes.NewReader(b))
	if err != nil {
		return err
	}
	raw, err := io.ReadAll(zr)
	if err != nil {
		return err
	}
	if len(raw) < 8 {
		return fmt.Errorf("%s: too short", path)
	}
	raw[len(raw)-8] ^= 1
	var z bytes.Buffer
	w := gzip.NewWriter(&z)
	w.Write(raw)
	if err := w.Close(); err != nil {
		return err
	}
	return os.WriteFile(path, z.Bytes(), 0o644)
}
