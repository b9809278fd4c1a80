package report

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestSummaryAt reads a summary from a file given as the revision, from the
// working tree and through show, and says where any failure happened.
func TestSummaryAt(t *testing.T) {
	dir := t.TempDir()
	good := `{"profile": "quick", "commit": "c", "numbers": {"table3/A/test_mse": {"value": 0.5, "std": null, "n": 1}}}`
	write := func(name, content string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	file := write("other.json", good)
	broken := write("broken.json", `{"profile": "quick"}`)
	unknown := errors.New("git knows no such commit")
	show := func(rev, path string) ([]byte, error) {
		switch rev {
		case "HEAD":
			return []byte(good), nil
		case "HEAD~1":
			return []byte("{"), nil
		}
		return nil, unknown
	}
	for _, tc := range []struct {
		name, rev, path string
		say             string // "" when it reads
		is              error  // the error returned as it is, if any
	}{
		{"file", file, "absent.json", "", nil},
		{"broken file", broken, "absent.json", broken + `: summary.json: no "numbers" object`, nil},
		{"worktree", Worktree, file, "", nil},
		{"worktree missing", Worktree, filepath.Join(dir, "absent.json"), "working tree: open " + filepath.Join(dir, "absent.json"), nil},
		{"worktree broken", Worktree, broken, broken + " in the working tree: summary.json", nil},
		{"revision", "HEAD", "results/summary.json", "", nil},
		{"revision broken", "HEAD~1", "results/summary.json", "results/summary.json at HEAD~1: summary.json", nil},
		{"unknown revision", "nosuch", "results/summary.json", "git knows no such commit", unknown},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s, err := SummaryAt(tc.rev, tc.path, show)
			switch {
			case tc.say == "" && (err != nil || s.Profile != "quick" || s.Numbers["table3/A/test_mse"].N != 1):
				t.Errorf("got %+v, %v; want the summary", s, err)
			case tc.say != "" && (err == nil || !strings.HasPrefix(err.Error(), tc.say)):
				t.Errorf("got %v, want an error starting %q", err, tc.say)
			case tc.is != nil && !errors.Is(err, tc.is):
				t.Errorf("got %v, want show's error", err)
			}
		})
	}
}
