package splitexport

import (
	"bufio"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"io"
	"math"
	"os"
	"strconv"
	"strings"
)

// writeMatrix writes the feature-major rows×n matrix data transposed (one
// sample per line or row) and returns the file's SHA-256.
func writeMatrix(path, format string, data []float64, rows, n int) (string, error) {
	sum := sha256.New()
	err := writeSynced(path, func(f io.Writer) error {
		w := bufio.NewWriterSize(io.MultiWriter(f, sum), 1<<16)
		var line []byte
		if format == NPY {
			if _, err := w.Write(npyHeader(n, rows)); err != nil {
				return err
			}
		}
		var buf [8]byte
		for j := 0; j < n; j++ {
			line = line[:0]
			for r := 0; r < rows; r++ {
				v := data[r*n+j]
				if format == NPY {
					binary.LittleEndian.PutUint64(buf[:], math.Float64bits(v))
					line = append(line, buf[:]...)
					continue
				}
				if r > 0 {
					line = append(line, ',')
				}
				line = strconv.AppendFloat(line, v, 'g', -1, 64)
			}
			if format == CSV {
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
