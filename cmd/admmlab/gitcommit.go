package main

import (
	"os/exec"
	"strings"
)

// gitCommit names the working tree's commit: `git rev-parse HEAD`, with
// "-dirty" when `git status --porcelain` lists changes, and "" outside a
// repository or without git. Changes under results/ do not count: that is
// where the report itself is written, so a regenerated report would
// otherwise always call its own commit dirty. Callers compute it once per
// invocation.
func gitCommit(dir string) string {
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

// codeCommit names the code a report is rendered by: the last commit that
// changed anything outside results/ (`git log -1 -- . ':!results'`), with
// "-dirty" as gitCommit adds it. Unlike HEAD it stays the same when the
// rendered report (and its run archive) is committed, so that a fresh clone
// of that commit re-renders the same bytes. It needs the history: in a
// shallow clone it is the shallow commit.
func codeCommit(dir string) string {
	last, err := exec.Command("git", "-C", dir, "log", "-1", "--format=%H", "--", ":(top)", ":(top,exclude)results").Output()
	if err != nil || len(strings.TrimSpace(string(last))) == 0 {
		return ""
	}
	commit := strings.TrimSpace(string(last))
	if strings.HasSuffix(gitCommit(dir), "-dirty") {
		commit += "-dirty"
	}
	return commit
}
