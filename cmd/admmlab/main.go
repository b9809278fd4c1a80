// Command admmlab regenerates the tables and figures of Zeng, Lin, Yao and
// Zhou, "On ADMM in Deep Learning" (JMLR 2021). Each verb lives in its own
// file and registers itself in commands; exit codes live in exitcodes.go.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"
)

// command is one verb.
type command struct {
	name    string
	summary string
	// args is the synopsis after "admmlab <verb>", e.g. "[flags] RUN-ID|EXPERIMENT";
	// "" means "[flags]".
	args string
	// about is further help text, printed under the summary by help.
	about string
	// subs lists the subverbs of a verb such as data; help lists them.
	subs []subverb
	// run gets the arguments after the verb and the process's stdout/stderr.
	run func(args []string, stdout, stderr io.Writer) error
}

// subverb is one subverb of a verb such as store; args is its synopsis
// after "admmlab <verb> <subverb>" ("" means "[flags]"), about its further
// help text ("" for none), printed under the summary by help.
type subverb struct{ name, summary, args, about string }

var commands = map[string]*command{}

func register(c *command) {
	if _, dup := commands[c.name]; dup {
		panic("admmlab: verb registered twice: " + c.name)
	}
	commands[c.name] = c
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "usage: admmlab <verb> [flags] [arguments]")
	fmt.Fprintln(w, "       admmlab help <verb> [subverb]")
	fmt.Fprintln(w, "\nverbs:")
	names := make([]string, 0, len(commands))
	for n := range commands {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		fmt.Fprintf(w, "  %-10s %s\n", n, commands[n].summary)
	}
	fmt.Fprintln(w, "\nFlags may come before or after the arguments. Exit codes (admmlab help exit-codes):")
	writeExitCodes(w)
}

func main() { os.Exit(run(os.Args[1:], os.Stdout, os.Stderr)) }

// isHelp reports whether arg asks for help.
func isHelp(arg string) bool {
	return arg == "-h" || arg == "-help" || arg == "--help" || arg == "help"
}

// run is main without os.Exit, so that testscript can call it in-process.
// Help goes to stdout and exits 0; a usage error goes to stderr and exits 2.
func run(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		usage(stderr)
		return exitUsage
	}
	if isHelp(args[0]) {
		if len(args) == 1 {
			usage(stdout)
			return exitOK
		}
		if args[1] == "exit-codes" {
			writeExitCodes(stdout)
			return exitOK
		}
		// help VERB [SUB] is VERB [SUB] --help.
		args = append(append([]string(nil), args[1:]...), "--help")
	}
	c, ok := commands[args[0]]
	if !ok {
		fmt.Fprintf(stderr, "admmlab: unknown verb %q\n", args[0])
		usage(stderr)
		return exitUsage
	}
	err := c.run(args[1:], stdout, stderr)
	var h *helpRequest
	if errors.As(err, &h) {
		h.write(stdout)
		return exitOK
	}
	if err != nil {
		fmt.Fprintf(stderr, "admmlab %s: %v\n", c.name, err)
	}
	return exitCode(err)
}

// helpRequest is returned by a verb asked for help; run prints it on stdout.
type helpRequest struct {
	verb string        // "data" or "data fetch"
	fs   *flag.FlagSet // nil for a verb with subverbs asked without one
}

func (h *helpRequest) Error() string { return "help requested" }

func (h *helpRequest) write(w io.Writer) {
	name, sub, _ := strings.Cut(h.verb, " ")
	c := commands[name]
	if c == nil {
		return
	}
	if len(c.subs) > 0 && sub == "" {
		fmt.Fprintf(w, "usage: admmlab %s <subverb> [flags]\n\n%s\n\nsubverbs:\n", name, c.summary)
		for _, s := range c.subs {
			fmt.Fprintf(w, "  %-8s %s\n", s.name, s.summary)
		}
		fmt.Fprintf(w, "\nadmmlab help %s <subverb> lists a subverb's flags.\n", name)
		return
	}
	args := c.args
	if args == "" {
		args = "[flags]"
	}
	summary, about := c.summary, c.about
	if sub != "" {
		about = ""
	}
	for _, s := range c.subs {
		if s.name == sub {
			summary, about = s.summary, s.about
			if s.args != "" {
				args = s.args
			}
		}
	}
	fmt.Fprintf(w, "usage: admmlab %s %s\n\n", h.verb, args)
	fmt.Fprintln(w, summary)
	if about != "" {
		fmt.Fprintln(w, "\n"+about)
	}
	if h.fs == nil {
		return
	}
	n := 0
	h.fs.VisitAll(func(*flag.Flag) { n++ })
	if n > 0 {
		fmt.Fprintln(w, "\nflags (before or after the arguments):")
		h.fs.SetOutput(w)
		h.fs.PrintDefaults()
	}
}

// subverbOf splits a verb-with-subverbs' arguments: it returns the subverb,
// a help request when asked for help, or a usage error.
func subverbOf(c *command, args []string) (string, error) {
	if len(args) == 0 {
		var names []string
		for _, s := range c.subs {
			names = append(names, s.name)
		}
		return "", usageErrorf("want a subverb: %s (admmlab help %s)", strings.Join(names, ", "), c.name)
	}
	if isHelp(args[0]) {
		return "", &helpRequest{verb: c.name}
	}
	for _, s := range c.subs {
		if s.name == args[0] {
			return args[0], nil
		}
	}
	return "", usageErrorf("unknown %s subverb %q (admmlab help %s)", c.name, args[0], c.name)
}

// newFlagSet returns a flag set whose errors parseFlags reports; its
// messages are not printed by the flag package itself.
func newFlagSet(name string, _ io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.Usage = func() {}
	return fs
}

// parseFlags parses flags before, between and after the positional
// arguments (up to a "--"), so that fs.Args() afterwards holds the
// positional arguments alone. -h and --help yield a help request; any other
// flag error is a usage error (exit 2).
func parseFlags(fs *flag.FlagSet, args []string) error {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return &helpRequest{verb: fs.Name(), fs: fs}
			}
			return &exitError{exitUsage, fmt.Errorf("%v (admmlab help %s)", err, fs.Name())}
		}
		rest := fs.Args()
		if consumed := len(args) - len(rest); consumed > 0 && args[consumed-1] == "--" {
			pos = append(pos, rest...)
			break
		}
		if len(rest) == 0 {
			break
		}
		pos = append(pos, rest[0])
		args = rest[1:]
	}
	return fs.Parse(append([]string{"--"}, pos...))
}
