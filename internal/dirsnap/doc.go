// Package dirsnap is a test helper: a directory's files by their SHA-256,
// so that a test can tell whether anything under it changed (a report left
// byte-identical by a render that failed).
package dirsnap
