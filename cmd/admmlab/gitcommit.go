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
