package gitrev

import (
	"bytes"
	"errors"
	"fmt"
	"os/exec"
	"path/filepath"
	"strings"
)

// Commit names the working tree's commit: `git rev-parse HEAD`, with
// "-dirty" when `git status --porcelain` lists changes, and "" outside a
// repository or without git. Changes under results/ do not count: that is
// where the report itself is written, so a regenerated report would
// otherwise always call its own commit dirty. Callers compute it once per
// invocation.
func Commit(dir string) string {
	head, err := exec.Command("git", "-C", dir, "rev-parse", "HEAD").Output()
	if err != nil {
		return ""
	}
	commit := strings.TrimSpace(string(head))
	status, err := exec.Command("git", "-C", dir, "status", "--porcelain", "--", ":(top)", ":(top,exclude)results").Output()
	if err != nil || len(strings.TrimSpace(string(status))) > 0 {
		commit += "-dirty"
	}
	return commit
}

// CodeCommit names the code a report is rendered by: the last commit that
// changed anything outside results/ (`git log -1 -- . ':!results'`), with
// "-dirty" as Commit adds it. Unlike HEAD it stays the same when the
// rendered report (and its run archive) is committed, so that a fresh clone
// of that commit re-renders the same bytes. It needs the history: in a
// shallow clone it is the shallow commit.
func CodeCommit(dir string) string {
	last, err := exec.Command("git", "-C", dir, "log", "-1", "--format=%H", "--", ":(top)", ":(top,exclude)results").Output()
	if err != nil || len(strings.TrimSpace(string(last))) == 0 {
		return ""
	}
	commit := strings.TrimSpace(string(last))
	if strings.HasSuffix(Commit(dir), "-dirty") {
		commit += "-dirty"
	}
	return commit
}

// ErrUnknownRevision is Show's error for a revision git does not know as a
// commit.
var ErrUnknownRevision = errors.New("git knows no such commit")

// Show returns path as of revision rev (`git show rev:path`), path taken
// relative to the current directory, not the repository root, unless it is
// absolute or starts with ./ or ../. A revision git does not know is
// ErrUnknownRevision; any other failure says "git show rev:path: " and
// git's message.
func Show(rev, path string) ([]byte, error) {
	obj := rev + ":" + path
	if !filepath.IsAbs(path) && !strings.HasPrefix(path, "./") && !strings.HasPrefix(path, "../") {
		obj = rev + ":./" + path
	}
	if err := exec.Command("git", "rev-parse", "--verify", "--quiet", rev+"^{commit}").Run(); err != nil {
		return nil, ErrUnknownRevision
	}
	var out, errb bytes.Buffer
	cmd := exec.Command("git", "show", obj)
	cmd.Stdout, cmd.Stderr = &out, &errb
	if err := cmd.Run(); err != nil {
		msg := strings.TrimSpace(errb.String())
		if msg == "" {
			msg = err.Error()
		}
		return nil, fmt.Errorf("git show %s: %s", obj, msg)
	}
	return out.Bytes(), nil
}
