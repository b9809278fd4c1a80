package csvmat

import (
	"strings"
	"testing"

	"gonum.org/v1/gonum/mat"
)

func TestRead(t *testing.T) {
	for _, tc := range []struct {
		name, in string
		want     *mat.Dense
		errLike  string
	}{
		{name: "2x3", in: "1,2,3\n4,5,6\n", want: mat.NewDense(2, 3, []float64{1, 2, 3, 4, 5, 6})},
		{name: "crlf and blank lines", in: "1.5e-3, -2\r\n\r\n3,4", want: mat.NewDense(2, 2, []float64{1.5e-3, -2, 3, 4})},
		{name: "single", in: "0.078163129211621163\n", want: mat.NewDense(1, 1, []float64{0.078163129211621163})},
		{name: "ragged", in: "1,2\n3\n", errLike: "m.csv:2: 1 values, want 2"},
		{name: "nan text", in: "1,x\n", errLike: `m.csv:1: column 2: "x" is not a number`},
		{name: "empty", in: "\n\n", errLike: "m.csv: no rows"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := Read(strings.NewReader(tc.in), "m.csv")
			if tc.errLike != "" {
				if err == nil || !strings.Contains(err.Error(), tc.errLike) {
					t.Fatalf("err = %v, want one containing %q", err, tc.errLike)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if !mat.Equal(got, tc.want) {
				t.Fatalf("got %v, want %v", mat.Formatted(got), mat.Formatted(tc.want))
			}
		})
	}
}

func TestReadFileMissing(t *testing.T) {
	if _, err := ReadFile("does-not-exist.csv"); err == nil || !strings.Contains(err.Error(), "does-not-exist.csv") {
		t.Fatalf("err = %v, want one naming the file", err)
	}
}

func FuzzRead(f *testing.F) {
	f.Add("1,2\n3,4\n")
	f.Add("1,\n")
	f.Fuzz(func(t *testing.T, in string) {
		m, err := Read(strings.NewReader(in), "f.csv")
		if err == nil {
			r, c := m.Dims()
			if r == 0 || c == 0 {
				t.Fatalf("empty matrix without error")
			}
		}
	})
}
