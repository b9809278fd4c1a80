package main

import (
	"errors"
	"fmt"
	"io"

	"github.com/admmlab/admmlab/datasets"
	"github.com/admmlab/admmlab/internal/inputerr"
	"github.com/admmlab/admmlab/pipeline/store"
)

// Exit codes. Scripts and CI rely on them; exitCodes is their one table,
// printed by "admmlab help exit-codes" and copied into the README (a test
// keeps the two equal).
const (
	exitOK      = 0
	exitFailure = 1
	exitUsage   = 2
	exitInput   = 3
	exitLocked  = 4
)

var exitCodes = []struct {
	code    int
	meaning string
}{
	{exitOK, "success; also help"},
	{exitFailure, "the command ran and found a problem: failed runs, a damaged store, a flagged diff, runs that differ between two stores (store compare), a report that would replace results with an empty one"},
	{exitUsage, "bad flags, arguments or definitions (including a run too large for this machine); nothing was done"},
	{exitInput, "unreadable or malformed input: a store, a data file that fails verification, a summary"},
	{exitLocked, "another admmlab holds the store"},
}

func writeExitCodes(w io.Writer) {
	for _, e := range exitCodes {
		fmt.Fprintf(w, "  %d  %s\n", e.code, e.meaning)
	}
}

// exitError carries an exit code with the error shown to the user.
type exitError struct {
	code int
	err  error
}

func (e *exitError) Error() string { return e.err.Error() }
func (e *exitError) Unwrap() error { return e.err }

// usageErrorf and inputErrorf wrap messages with the matching exit code.
func usageErrorf(format string, a ...any) error {
	return &exitError{exitUsage, fmt.Errorf(format, a...)}
}

func inputErrorf(format string, a ...any) error {
	return &exitError{exitInput, fmt.Errorf(format, a...)}
}

// exitCode maps an error to the process's exit status: an explicit
// exitError first, then the kinds of error every verb may meet (a held
// store, a data file that fails verification or cannot be parsed), else 1.
func exitCode(err error) int {
	if err == nil {
		return exitOK
	}
	var ee *exitError
	if errors.As(err, &ee) {
		return ee.code
	}
	var le *store.LockedError
	if errors.As(err, &le) {
		return exitLocked
	}
	var ce *datasets.ChecksumError
	var fe *datasets.FileError
	if errors.As(err, &ce) || errors.As(err, &fe) {
		return exitInput
	}
	return exitFailure
}

// withExitCode gives an input error a package raised (inputerr.Error) its
// exit code: usage or input. Any other error passes unchanged.
func withExitCode(err error) error {
	var ie *inputerr.Error
	switch {
	case errors.As(err, &ie) && ie.Usage:
		return &exitError{exitUsage, err}
	case errors.As(err, &ie):
		return &exitError{exitInput, err}
	}
	return err
}
