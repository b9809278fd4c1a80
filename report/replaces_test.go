package report

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/admmlab/admmlab/experiments"
	"github.com/admmlab/admmlab/pipeline/runs"
)

// failingSource fails every read.
type failingSource struct{ fakeSource }

func (failingSource) ExperimentRuns(context.Context, string) ([]runs.Labeled, error) {
	return nil, errors.New("disk I/O error")
}

// TestReplacesWithEmpty: only a report that exists, replaced from a source
// without a run of any experiment, is replaced with an empty one.
func TestReplacesWithEmpty(t *testing.T) {
	cat := &experiments.Catalogue{Definitions: []experiments.Definition{{Name: "a"}, {Name: "b"}}}
	some := fakeSource{"b": {run("b", "A", "admm", "sigmoid", 1, 2, 0, "test_mse", 1, 1, 1)}}
	other := fakeSource{"c": {run("c", "A", "admm", "sigmoid", 1, 2, 0, "test_mse", 1, 1, 1)}}
	for _, tc := range []struct {
		name    string
		readme  bool
		src     runs.Source
		want    bool
		wantErr bool
	}{
		{"no report", false, fakeSource{}, false, false},
		{"no report, unreadable source", false, failingSource{}, false, false},
		{"report, no runs", true, fakeSource{}, true, false},
		{"report, runs of no experiment of the catalogue", true, other, true, false},
		{"report, runs", true, some, false, false},
		{"report, unreadable source", true, failingSource{}, false, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out := t.TempDir()
			if tc.readme {
				if err := os.WriteFile(filepath.Join(out, "README.md"), []byte("# report\n"), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			got, err := ReplacesWithEmpty(context.Background(), tc.src, cat, out)
			if got != tc.want || (err != nil) != tc.wantErr {
				t.Errorf("got %v, %v; want %v, error %v", got, err, tc.want, tc.wantErr)
			}
		})
	}
}
