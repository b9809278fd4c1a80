package csvmat

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"

	"gonum.org/v1/gonum/mat"
)

// ReadFile reads the matrix stored in the file at path.
func ReadFile(path string) (*mat.Dense, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return Read(f, path)
}

// Read parses a matrix from r; name is used in error messages. Blank lines
// are ignored; every other line is one row and all rows must have the same
// number of comma-separated numbers.
func Read(r io.Reader, name string) (*mat.Dense, error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64*1024), 1<<28)
	var data []float64
	rows, cols := 0, -1
	for line := 1; sc.Scan(); line++ {
		text := strings.TrimSpace(sc.Text())
		if text == "" {
			continue
		}
		fields := strings.Split(text, ",")
		if cols >= 0 && len(fields) != cols {
			return nil, fmt.Errorf("%s:%d: %d values, want %d (the number in the first row); the matrix is ragged", name, line, len(fields), cols)
		}
		cols = len(fields)
		for j, fld := range fields {
			v, err := strconv.ParseFloat(strings.TrimSpace(fld), 64)
			if err != nil {
				return nil, fmt.Errorf("%s:%d: column %d: %q is not a number", name, line, j+1, fld)
			}
			data = append(data, v)
		}
		rows++
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s: %v", name, err)
	}
	if rows == 0 {
		return nil, fmt.Errorf("%s: no rows, want a non-empty matrix", name)
	}
	return mat.NewDense(rows, cols, data), nil
}
