package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"strings"
)

// Exit codes, for scripts and schedulers.
const (
	exitOK       = 0 // success; nothing to report (or findings without --fail-on-findings)
	exitFindings = 1 // findings were reported and the caller asked to fail on them
	exitError    = 2 // usage error or a failure that stopped the command
)

// usageError is a mistake in how the command was called.
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

func usagef(format string, args ...any) error { return usageError{fmt.Sprintf(format, args...)} }

// errFindings asks for exit code 1 after a successful run.
var errFindings = errors.New("findings reported")

// env is what every subcommand gets: where to write, and the logger.
type env struct {
	stdout, stderr io.Writer
	log            *slog.Logger
	quiet          bool          // --quiet: nothing on stderr unless something went wrong
	jsonLog        bool          // --log-format json: every stderr line is a JSON object
	flags          *flag.FlagSet // the flag set the command made last: completion reads it
}

type command struct {
	name    string
	summary string
	run     func(ctx context.Context, e *env, args []string) error
}

var commands = []command{
	{"check", "check folders of articles and print a contradiction report (keeps no state)", runCheck},
	{"ingest", "read folders of articles into a database", runIngest},
	{"report", "print the findings stored in a database", runReport},
	{"run", "ingest, reconcile and report what changed since the last run (for cron)", runScheduled},
	{"reconcile", "reconcile a database's stored claims once (after a sharded ingest)", runReconcileCmd},
	{"review", "confirm, dismiss or reopen a finding", runReview},
	{"serve", "serve a local review page over a database", runServe},
	{"tickers", "import a ticker listing into a database (tickers import FILE...)", runTickers},
	{"rules", "list the rules in use, or test them (rules test [--rules DIR])", runRules},
}

// The commands that describe the program itself come last in help; they
// read the table above, so they join it at init.
func init() {
	commands = append(commands,
		command{"version", "print the version and the revision it was built from", runVersion},
		command{"completion", "print a shell completion script (completion bash|zsh|fish)", runCompletion})
}

// run is the whole program: it maps every outcome to an exit code.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	e := &env{stdout: stdout, stderr: stderr, log: slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: slog.LevelInfo}))}
	if len(args) == 0 || args[0] == "help" || args[0] == "-h" || args[0] == "--help" {
		if len(args) > 1 {
			return run(ctx, []string{args[1], "--help"}, stdout, stderr)
		}
		usage(stdout)
		return exitOK
	}
	if args[0] == "--version" {
		args = append([]string{"version"}, args[1:]...)
	}
	for _, c := range commands {
		if c.name != args[0] {
			continue
		}
		err := c.run(ctx, e, args[1:])
		return exitCode(e, c.name, err)
	}
	fmt.Fprintf(stderr, "claimcheck: unknown command %q\n\n", args[0])
	usage(stderr)
	return exitError
}

func exitCode(e *env, name string, err error) int {
	var ue usageError
	switch {
	case err == nil:
		return exitOK
	case errors.Is(err, flag.ErrHelp):
		return exitOK
	case errors.Is(err, errFindings):
		return exitFindings
	case errors.As(err, &ue):
		e.fail(name, err.Error(), "Run 'claimcheck "+name+" --help' for usage.")
		return exitError
	case errors.Is(err, context.Canceled):
		e.fail(name, "interrupted; everything finished so far is stored", "")
		return exitError
	}
	e.fail(name, err.Error(), "")
	return exitError
}

// fail tells what stopped a command: a JSON line under --log-format json,
// so that a log collector never meets a line it cannot read.
func (e *env) fail(name, msg, hint string) {
	if e.jsonLog {
		e.log.Error(msg, "command", name)
		return
	}
	fmt.Fprintf(e.stderr, "claimcheck %s: %s\n", name, msg)
	if hint != "" {
		fmt.Fprintln(e.stderr, hint)
	}
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "claimcheck finds contradictions across news coverage: conflicting figures and dates,")
	fmt.Fprintln(w, "unverified tickers and arithmetic that does not hold, each with its evidence.")
	fmt.Fprintln(w, "\nUsage:\n  claimcheck <command> [flags] [folders]\n\nCommands:")
	for _, c := range commands {
		fmt.Fprintf(w, "  %-10s %s\n", c.name, c.summary)
	}
	fmt.Fprintln(w, "\nExit codes: 0 success, 1 findings (with --fail-on-findings, or new ones with 'run'), 2 errors.")
	fmt.Fprintln(w, "Run 'claimcheck <command> --help' for a command's flags.")
}

// newFlags returns a flag set that prints its usage with a line of text.
func newFlags(e *env, name, synopsis string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	e.flags = fs
	fs.Usage = func() {
		fmt.Fprintf(e.stderr, "Usage: claimcheck %s\n\n", synopsis)
		fs.PrintDefaults()
	}
	return fs
}

// parse parses flags that may stand before or after the positional
// arguments ("check DIR --format json" works as "check --format json DIR").
func parse(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return nil, err
			}
			return nil, usageError{err.Error()}
		}
		args = fs.Args()
		if len(args) == 0 {
			return pos, nil
		}
		pos = append(pos, args[0])
		args = args[1:]
	}
}

func oneOf(name, v string, allowed ...string) error {
	for _, a := range allowed {
		if v == a {
			return nil
		}
	}
	return usagef("--%s %q: want one of %s", name, v, strings.Join(allowed, ", "))
}
