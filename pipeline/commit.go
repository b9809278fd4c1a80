package pipeline

import (
	"os/exec"
	"strings"
)

// GitCommit names the working tree's commit: `git rev-parse HEAD`, with
// "-dirty" when `git status --porcelain` lists changes, and "" outside a
// repository or without git. Callers compute it once per invocation.
func GitCommit(dir string) string {
	head, err := exec.Command("git", "-C", dir, "rev-parse", "HEAD").Output()
	if err != nil {
		return ""
	}
	commit := strings.TrimSpace(string(head))
	status, err := exec.Command("git", "-C", dir, "status", "--porcelain").Output()
	if err != nil || len(strings.TrimSpace(string(status))) > 0 {
		commit += "-dirty"
	}
	return commit
}
