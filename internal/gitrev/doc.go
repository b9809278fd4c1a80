// Package gitrev asks git about the working tree: the commit runs are
// recorded at (Commit), the commit a report is rendered by (CodeCommit,
// which skips commits of results/ alone), and a file as of a revision
// (Show, for admmlab diff). Outside a repository, or without git, the
// commits are "".
package gitrev
