package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

func TestGitCommitIgnoresResults(t *testing.T) {
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
	c := gitCommit(dir)
	if len(c) != 40 {
		t.Fatalf("gitCommit with only results/ changed = %q, want a clean 40-hex commit", c)
	}
	write("solvers/x.go")
	if c := gitCommit(dir); !strings.HasSuffix(c, "-dirty") {
		t.Fatalf("gitCommit with a new source file = %q, want -dirty", c)
	}
	if c := gitCommit(filepath.Join(dir, "results")); !strings.HasSuffix(c, "-dirty") {
		t.Fatalf("gitCommit from a subdirectory = %q, want -dirty", c)
	}
}
