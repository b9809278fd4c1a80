// Command admmlab regenerates the tables and figures of Zeng, Lin, Yao and
// Zhou, "On ADMM in Deep Learning" (JMLR 2021). Each verb lives in its own
// file and registers itself in commands.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"sort"
)

// Exit codes. Scripts and CI rely on them.
const (
	exitOK      = 0
	exitFailure = 1 // the command ran and found a problem (failed runs, flagged diff)
	exitUsage   = 2 // bad flags, arguments or definitions
	exitInput   = 3 // unreadable or malformed input files, data not verifiable
	exitLocked  = 4 // another admmlab holds the store
)

// command is one verb.
type command struct {
	name    string
	summary string
	// run gets the arguments after the verb and the process's stdout/stderr.
	run func(args []string, stdout, stderr io.Writer) error
}

var commands = map[string]*command{}

func register(c *command) {
	if _, dup := commands[c.name]; dup {
		panic("admmlab: verb registered twice: " + c.name)
	}
	commands[c.name] = c
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

// exitCode maps an error to the process's exit status.
func exitCode(err error) int {
	if err == nil {
		return exitOK
	}
	var ee *exitError
	if errors.As(err, &ee) {
		return ee.code
	}
	if errors.Is(err, flag.ErrHelp) {
		return exitOK
	}
	return exitFailure
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "usage: admmlab <verb> [flags]")
	fmt.Fprintln(w, "\nverbs:")
	names := make([]string, 0, len(commands))
	for n := range commands {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		fmt.Fprintf(w, "  %-10s %s\n", n, commands[n].summary)
	}
}

func main() { os.Exit(run(os.Args[1:], os.Stdout, os.Stderr)) }

// run is main without os.Exit, so that testscript can call it in-process.
func run(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		usage(stderr)
		if len(args) == 0 {
			return exitUsage
		}
		return exitOK
	}
	c, ok := commands[args[0]]
	if !ok {
		fmt.Fprintf(stderr, "admmlab: unknown verb %q\n", args[0])
		usage(stderr)
		return exitUsage
	}
	err := c.run(args[1:], stdout, stderr)
	if err != nil && !errors.Is(err, flag.ErrHelp) {
		fmt.Fprintf(stderr, "admmlab %s: %v\n", c.name, err)
	}
	return exitCode(err)
}

// newFlagSet returns a flag set whose parse errors are usage errors.
func newFlagSet(name string, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet("admmlab "+name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	return fs
}

// parseFlags parses and maps flag errors to exit code 2.
func parseFlags(fs *flag.FlagSet, args []string) error {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return err
		}
		return &exitError{exitUsage, err}
	}
	return nil
}
