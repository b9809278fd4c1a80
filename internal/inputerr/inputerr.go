// Package inputerr is the one error type for a problem with what a caller
// asked of a package (its flags, settings or input files), as against a
// failure of the work itself: the CLI maps it to an exit code, usage (2)
// or input (3), without knowing which package raised it.
package inputerr

import "fmt"

// Error is an error of the caller's input: Usage when what was asked
// cannot be (exit 2), else unreadable or unfit input (exit 3).
type Error struct {
	Usage bool
	Err   error
}

func (e *Error) Error() string { return e.Err.Error() }
func (e *Error) Unwrap() error { return e.Err }

// Usagef is an Error of what was asked.
func Usagef(format string, a ...any) error {
	return &Error{Usage: true, Err: fmt.Errorf(format, a...)}
}

// Inputf is an Error of the input read.
func Inputf(format string, a ...any) error {
	return &Error{Err: fmt.Errorf(format, a...)}
}
