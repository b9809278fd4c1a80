package gitrev

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

func TestCommitIgnoresResults(t *testing.T) {
	dir := t.TempDir()
	git := func(args ...string) {
		t.Helper()
		cmd := exec.Command("git", append([]string{"-C", dir}, args...)...)
		cmd.Env = append(os.Environ(), "GIT_AUTHOR_NAME=t", "GIT_AUTHOR_EMAIL=t@t", "GIT_COMMITTER_NAME=t", "GIT_COMMITTER_EMAIL=t@t")
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("git %v: %v\n%s", args, err, out)
		}
	}
	git("init", "-q")
	git("commit", "-q", "--allow-empty", "-m", "first")
	write := func(name string) {
		t.Helper()
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte("x"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("results/tables/table3.md")
	c := Commit(dir)
	if len(c) != 40 {
		t.Fatalf("Commit with only results/ changed = %q, want a clean 40-hex commit", c)
	}
	write("solvers/x.go")
	if c := Commit(dir); !strings.HasSuffix(c, "-dirty") {
		t.Fatalf("Commit with a new source file = %q, want -dirty", c)
	}
	if c := Commit(filepath.Join(dir, "results")); !strings.HasSuffix(c, "-dirty") {
		t.Fatalf("Commit from a subdirectory = %q, want -dirty", c)
	}
}

// The report's commit stays the same when the report itself is committed,
// so that a clone of that commit re-renders the same bytes.
func TestCodeCommitSkipsResultsCommits(t *testing.T) {
	dir := t.TempDir()
	git := func(args ...string) string {
		t.Helper()
		cmd := exec.Command("git", append([]string{"-C", dir}, args...)...)
		cmd.Env = append(os.Environ(), "GIT_AUTHOR_NAME=t", "GIT_AUTHOR_EMAIL=t@t", "GIT_COMMITTER_NAME=t", "GIT_COMMITTER_EMAIL=t@t")
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("git %v: %v\n%s", args, err, out)
		}
		return strings.TrimSpace(string(out))
	}
	write := func(name string) {
		t.Helper()
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(name), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	git("init", "-q")
	write("solvers/x.go")
	git("add", "-A")
	git("commit", "-q", "-m", "code")
	code := git("rev-parse", "HEAD")
	for _, c := range []struct {
		name, write, want string
	}{
		{"report rendered, not committed", "results/README.md", code},
		{"report committed", "", code},
		{"archive committed", "results/archive/quick/plans.json", code},
		{"code changed, not committed", "solvers/y.go", code + "-dirty"},
	} {
		if c.write != "" {
			write(c.write)
		}
		if c.name == "report committed" || c.name == "archive committed" {
			git("add", "-A")
			git("commit", "-q", "-m", c.name)
		}
		if got := CodeCommit(dir); got != c.want {
			t.Errorf("%s: CodeCommit = %q, want %q", c.name, got, c.want)
		}
	}
}
