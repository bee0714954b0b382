// Package cmd is sanc's command line: it parses flags, calls pkg/ and
// renders. Each command has an options struct, a constructor that wires flags
// (taking a runF so tests can check parsing alone), and a run function.
package cmd

import (
	"errors"
	"fmt"
	"os"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"runtime/pprof"
	"runtime/trace"

	"github.com/spf13/cobra"

	"github.com/sanc-news/sanc/pkg/render"
)

// Exit statuses, as grep's.
const (
	ExitOK        = 0
	ExitNoResults = 1
	ExitError     = 2
)

// errNoResults ends a command that found nothing: exit 1, no message.
var errNoResults = errors.New("no results")

// exitError carries an exit status and a message.
type exitError struct {
	code  int
	err   error
	usage bool // print a hint to --help
}

func (e *exitError) Error() string { return e.err.Error() }
func (e *exitError) Unwrap() error { return e.err }

func usageError(err error) error { return &exitError{code: ExitError, err: err, usage: true} }
func inputError(err error) error { return &exitError{code: ExitError, err: err} }

const exitStatusHelp = `
EXIT STATUS
  0  results were found (or the command succeeded)
  1  nothing matched
  2  usage error, or some input could not be read (reported on stderr)`

// NewRootCmd builds the sanc command tree.
func NewRootCmd(f *Factory) *cobra.Command {
	var configFile string
	root := &cobra.Command{
		Use:   "sanc",
		Short: "Who said what, when, and where it is written: quotes and timelines from news articles",
		Long: `sanc reads plain-text news articles and answers, from the shell:
who said what (quotes), what happened when (timeline), and where it is
written (every record carries the file and byte offsets of its words).

Without --corpus and with an empty library, sanc works on the sample
articles built into it, so every command gives real answers at once.`,
		Version:       versionString(f.Version),
		SilenceUsage:  true,
		SilenceErrors: true,
		PersistentPreRunE: func(cmd *cobra.Command, args []string) error {
			return f.loadConfig(cmd, configFile)
		},
	}
	pf := root.PersistentFlags()
	pf.StringVar(&configFile, "config", "", "config file (default: config.yaml in $SANC_CONFIG_DIR, $XDG_CONFIG_HOME/sanc or ~/.config/sanc)")
	pf.String(keyFormat, string(render.Table), "output format: table, markdown, tsv, csv, json, jsonl")
	pf.Bool(keyJSON, false, "same as --format json")
	pf.StringArray(keyCorpus, nil, "read these files, folders (.txt/.md, recursively), globs or - (stdin) instead of the library; repeatable")
	pf.String(keyLibrary, "", "library folder (default $XDG_DATA_HOME/sanc/library or ~/.local/share/sanc/library)")
	pf.String(keyMaxFileSize, "32M", "refuse article files larger than this")
	root.SetFlagErrorFunc(func(c *cobra.Command, err error) error { return usageError(err) })

	root.AddCommand(
		NewCmdList(f, nil),
		NewCmdGrep(f, nil),
		NewCmdQuotes(f, nil),
		NewCmdTimeline(f, nil),
		NewCmdIngest(f, nil),
	)
	return root
}

func versionString(v string) string {
	if v != "" {
		return v
	}
	if info, ok := debug.ReadBuildInfo(); ok && info.Main.Version != "" && info.Main.Version != "(devel)" {
		return info.Main.Version
	}
	return "dev"
}

// Execute runs sanc with args and returns the exit status. Errors are printed
// once, here. A bug that panics is reported in one line, not a stack dump.
func Execute(f *Factory, args []string) (code int) {
	defer func() {
		if r := recover(); r != nil {
			fmt.Fprintf(f.IO.ErrOut, "sanc: internal error: %v (please report it, with the command that caused it)\n", r)
			code = ExitError
		}
	}()
	if path := os.Getenv("SANC_CPUPROFILE"); path != "" {
		// For measuring: go tool pprof reads it (README, Measuring).
		if out, err := os.Create(path); err == nil && pprof.StartCPUProfile(out) == nil {
			defer func() { pprof.StopCPUProfile(); out.Close() }()
		}
	}
	if path := os.Getenv("SANC_TRACE"); path != "" {
		// For measuring where wall time goes: go tool trace reads it.
		if out, err := os.Create(path); err == nil {
			if trace.Start(out) == nil {
				defer func() { trace.Stop(); out.Close() }()
			} else {
				out.Close()
			}
		}
	}
	if path := os.Getenv("SANC_MEMPROFILE"); path != "" {
		// The heap as the run ends, which for a query is near its peak.
		defer func() {
			runtime.GC() // the profile counts up to the last collection
			if out, err := os.Create(path); err == nil {
				_ = pprof.Lookup("heap").WriteTo(out, 0)
				out.Close()
			}
		}()
	}
	root := NewRootCmd(f)
	root.SetArgs(args)
	root.SetIn(f.IO.In)
	root.SetOut(f.IO.Out)
	root.SetErr(f.IO.ErrOut)
	err := root.Execute()
	if err == nil {
		return ExitOK
	}
	if errors.Is(err, errNoResults) {
		return ExitNoResults
	}
	var ee *exitError
	if errors.As(err, &ee) {
		fmt.Fprintf(f.IO.ErrOut, "sanc: %v\n", ee.err)
		if ee.usage {
			fmt.Fprintln(f.IO.ErrOut, "Run 'sanc --help' for usage.")
		}
		return ee.code
	}
	// cobra's own argument and command errors are usage errors too.
	fmt.Fprintf(f.IO.ErrOut, "sanc: %v\n", err)
	return ExitError
}

// How much garbage a run lets pile up between collections.
const (
	// Analysis makes much short-lived garbage and its heap mostly lives to
	// the end: collecting at 400% saves a fifth of the time.
	paceAnalysis = 400
	// A query lets up to 8 MB of garbage, or as much as it holds live if
	// that is more, pile up between collections: most queries end before
	// their first, and the memory of a large result stays within twice
	// what it holds.
	paceQuery  = -1
	querySlack = 8 << 20
)

// tuneGC sets how the garbage collector paces itself, unless the user's
// GOGC or GOMEMLIMIT says. The memory limit keeps a large ingest under a
// gigabyte.
func tuneGC(pace int) {
	if os.Getenv("GOGC") != "" || os.Getenv("GOMEMLIMIT") != "" {
		return
	}
	debug.SetMemoryLimit(768 << 20)
	if pace != paceQuery {
		debug.SetGCPercent(pace)
		return
	}
	debug.SetGCPercent(400)
	paceQueryEachCollection()
}

// paceQueryEachCollection sets, after each collection, the percentage
// that lets querySlack of garbage pile up over what the collection found
// live (at least 100%, at most 400%). Each collection finds the sentinel
// unreachable and runs its finalizer, which arms the next. (The sentinel
// holds a pointer: the finalizer of a tiny object without one may never
// run.)
func paceQueryEachCollection() {
	sentinel := &struct {
		p   *int
		pad [16]byte
	}{}
	runtime.SetFinalizer(sentinel, func(any) {
		live := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
		metrics.Read(live)
		percent := 400
		if n := live[0].Value.Uint64(); n > 0 {
			percent = int(max(100, min(400, querySlack*100/n)))
		}
		debug.SetGCPercent(percent)
		paceQueryEachCollection()
	})
}

// closeOutput ends a query's output: the error of the query if it failed
// (a failed write is both, once), else that of closing.
func closeOutput(err error, out interface{ Close() error }) error {
	if cerr := out.Close(); err == nil {
		err = cerr
	}
	return err
}

// finish picks the exit of a query: an input problem beats "nothing found".
func finish(found bool, inputErr error) error {
	if inputErr != nil {
		return inputErr
	}
	if !found {
		return errNoResults
	}
	return nil
}
