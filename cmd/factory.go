package cmd

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
	"github.com/spf13/viper"

	"github.com/sanc-news/sanc/pkg/corpus"
	"github.com/sanc-news/sanc/pkg/doc"
	"github.com/sanc-news/sanc/pkg/index"
	"github.com/sanc-news/sanc/pkg/iostreams"
	"github.com/sanc-news/sanc/pkg/library"
	"github.com/sanc-news/sanc/pkg/render"
)

// Factory holds what every command needs: streams, clock, configuration.
type Factory struct {
	IO      *iostreams.IOStreams
	Now     func() time.Time
	Config  *viper.Viper
	Version string
	Getenv  func(string) string
}

// Configuration keys (flags of the same name; SANC_<KEY> in the environment
// with - as _; keys of the config file).
const (
	keyLibrary     = "library"
	keyFormat      = "format"
	keyMaxFileSize = "max-file-size"
	keyCorpus      = "corpus"
	keyJSON        = "json"
)

const defaultMaxFileSize = 32 << 20

// NewFactory returns a factory over the process's streams and environment.
func NewFactory(version string) *Factory {
	return &Factory{IO: iostreams.System(), Now: time.Now, Config: newConfig(), Version: version, Getenv: os.Getenv}
}

func newConfig() *viper.Viper {
	v := viper.New()
	v.SetEnvPrefix("SANC")
	v.SetEnvKeyReplacer(strings.NewReplacer("-", "_"))
	v.AutomaticEnv()
	v.SetDefault(keyFormat, string(render.Table))
	v.SetDefault(keyMaxFileSize, strconv.Itoa(defaultMaxFileSize))
	return v
}

// configDir is where config.yaml lives: SANC_CONFIG_DIR, else
// $XDG_CONFIG_HOME/sanc, else ~/.config/sanc.
func (f *Factory) configDir() string {
	if d := f.Getenv("SANC_CONFIG_DIR"); d != "" {
		return d
	}
	if d := f.Getenv("XDG_CONFIG_HOME"); d != "" {
		return filepath.Join(d, "sanc")
	}
	home, err := os.UserHomeDir()
	if err != nil {
		return ""
	}
	return filepath.Join(home, ".config", "sanc")
}

// defaultLibrary is $XDG_DATA_HOME/sanc/library, else ~/.local/share/sanc/library.
func (f *Factory) defaultLibrary() string {
	if d := f.Getenv("XDG_DATA_HOME"); d != "" {
		return filepath.Join(d, "sanc", "library")
	}
	home, err := os.UserHomeDir()
	if err != nil {
		return ""
	}
	return filepath.Join(home, ".local", "share", "sanc", "library")
}

// loadConfig binds the running command's flags (flags beat environment beat
// config file beat defaults) and reads the config file if there is one.
func (f *Factory) loadConfig(cmd *cobra.Command, explicit string) error {
	if err := f.Config.BindPFlags(cmd.Flags()); err != nil {
		return err
	}
	if explicit != "" {
		f.Config.SetConfigFile(explicit)
		if err := f.Config.ReadInConfig(); err != nil {
			return usageError(fmt.Errorf("config file %s: %w", explicit, err))
		}
		return nil
	}
	dir := f.configDir()
	if dir == "" {
		return nil
	}
	f.Config.SetConfigName("config")
	f.Config.AddConfigPath(dir)
	if err := f.Config.ReadInConfig(); err != nil {
		var notFound viper.ConfigFileNotFoundError
		if errors.As(err, &notFound) {
			return nil
		}
		return usageError(fmt.Errorf("config file in %s: %w", dir, err))
	}
	return nil
}

// Format is the output format chosen by --json, --format, SANC_FORMAT or config.
func (f *Factory) Format() (render.Format, error) {
	if f.Config.GetBool(keyJSON) {
		return render.JSON, nil
	}
	fm, err := render.ParseFormat(f.Config.GetString(keyFormat))
	if err != nil {
		return "", usageError(err)
	}
	return fm, nil
}

// Library is the user's library.
func (f *Factory) Library() *library.Library {
	dir := f.Config.GetString(keyLibrary)
	if dir == "" {
		dir = f.defaultLibrary()
	}
	return library.Open(dir)
}

// MaxFileSize is the largest article file read, in bytes.
func (f *Factory) MaxFileSize() (int64, error) {
	s := f.Config.GetString(keyMaxFileSize)
	n, err := parseSize(s)
	if err != nil {
		return 0, usageError(fmt.Errorf("max-file-size %q: %w", s, err))
	}
	return n, nil
}

// parseSize reads 1048576, 512K, 32M, 1G.
func parseSize(s string) (int64, error) {
	s = strings.TrimSpace(strings.ToUpper(s))
	mult := int64(1)
	for suffix, m := range map[string]int64{"K": 1 << 10, "M": 1 << 20, "G": 1 << 30} {
		if strings.HasSuffix(s, suffix) || strings.HasSuffix(s, suffix+"B") || strings.HasSuffix(s, suffix+"IB") {
			s = strings.TrimRight(s, "KMGIB")
			mult = m
			break
		}
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil || n < 0 {
		return 0, fmt.Errorf("want a size such as 32M")
	}
	return n * mult, nil
}

// Corpus loads the corpus the command works on and reports unreadable files
// on stderr. The returned error is an inputError when files were refused:
// commands finish their output, then exit with it.
func (f *Factory) Corpus() (*corpus.Corpus, *index.Index, error) {
	max, err := f.MaxFileSize()
	if err != nil {
		return nil, nil, err
	}
	spec := corpus.Spec{Paths: f.Config.GetStringSlice(keyCorpus), Library: f.Library(), Stdin: f.IO.In, MaxSize: max,
		Notice: func(msg string) { fmt.Fprintf(f.IO.ErrOut, "sanc: %s\n", msg) }}
	c, err := corpus.Load(spec)
	if err != nil {
		return nil, nil, err
	}
	var refused error
	for _, p := range c.Problems {
		fmt.Fprintf(f.IO.ErrOut, "sanc: %s\n", p.Error())
	}
	ix := index.New(c)
	if len(c.Problems) > 0 {
		refused = inputError(fmt.Errorf("%d of %d files could not be read", len(c.Problems), len(c.Problems)+ix.Len()))
	}
	return c, ix, refused
}

// parseAddedSince reads --added-since: a duration back from now (90m, 6h,
// 2d, 1w) or a date.
func (f *Factory) parseAddedSince(s string) (time.Time, error) {
	if s == "" {
		return time.Time{}, nil
	}
	if d, err := parseDuration(s); err == nil {
		return f.Now().Add(-d), nil
	}
	if t, ok := doc.ParseDate(s); ok {
		return t, nil
	}
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t, nil
	}
	return time.Time{}, usageError(fmt.Errorf("--added-since %q: want a duration (90m, 6h, 2d, 1w) or a date (2017-08-15)", s))
}

func parseDuration(s string) (time.Duration, error) {
	for suffix, unit := range map[string]time.Duration{"d": 24 * time.Hour, "w": 7 * 24 * time.Hour} {
		if n, ok := strings.CutSuffix(s, suffix); ok {
			v, err := strconv.ParseFloat(n, 64)
			if err != nil || v < 0 {
				return 0, fmt.Errorf("bad duration")
			}
			return time.Duration(v * float64(unit)), nil
		}
	}
	return time.ParseDuration(s)
}

// period reads a --since/--until value (2017, 2017-08, 2017-08-15).
func period(flag, s string) (from, to time.Time, err error) {
	if s == "" {
		return time.Time{}, time.Time{}, nil
	}
	from, to, ok := index.ParsePeriod(s)
	if !ok {
		return time.Time{}, time.Time{}, usageError(fmt.Errorf("%s %q: want 2017, 2017-08 or 2017-08-15", flag, s))
	}
	return from, to, nil
}

// scope builds the document scope common to the query commands.
func (f *Factory) scope(ix *index.Index, docs []string, since, until, addedSince string) (index.Scope, error) {
	var s index.Scope
	var err error
	if s.Docs, err = ix.ResolveDocs(docs); err != nil {
		return s, usageError(err)
	}
	if s.Since, _, err = period("--since", since); err != nil {
		return s, err
	}
	if _, s.Until, err = period("--until", until); err != nil {
		return s, err
	}
	if s.AddedSince, err = f.parseAddedSince(addedSince); err != nil {
		return s, err
	}
	return s, nil
}

// query is what a query command starts from: the output format, the corpus
// and its index, and the input error (refused files) to exit with at the end.
type query struct {
	format   render.Format
	corpus   *corpus.Corpus
	index    *index.Index
	inputErr error
}

// openQuery resolves the format, compiles a --match pattern (nil if empty)
// and loads the corpus.
func (f *Factory) openQuery(match string) (*query, *regexp.Regexp, error) {
	tuneGC(paceAnalysis) // files given with --corpus, or a stale index, are analysed
	format, err := f.Format()
	if err != nil {
		return nil, nil, err
	}
	var re *regexp.Regexp
	if match != "" {
		if re, err = regexp.Compile(match); err != nil {
			return nil, nil, usageError(fmt.Errorf("--match: %w", err))
		}
	}
	c, ix, inputErr := f.Corpus()
	if c == nil {
		return nil, nil, inputErr
	}
	tuneGC(paceQuery)
	return &query{format: format, corpus: c, index: ix, inputErr: inputErr}, re, nil
}

// addScopeFlags adds the document-selection flags shared by the queries.
func addScopeFlags(fl *pflag.FlagSet, addedSince *string, docs *[]string) {
	fl.StringVar(addedSince, "added-since", "", "documents added within a duration (6h, 2d) or since a date")
	fl.StringSliceVar(docs, "doc", nil, "only these documents (id, id prefix or file name)")
}

// tableWidth is the width tables wrap to: the terminal's, or none in a pipe.
func (f *Factory) tableWidth() int {
	if f.IO.StdoutTTY {
		return f.IO.Width
	}
	return 0
}

// progressBar reports work on stderr when stderr is a terminal, and says
// nothing otherwise (cron logs stay clean).
type progressBar struct {
	tick func()
	done func()
}

func (f *Factory) progress(what string, total int) progressBar {
	if !f.IO.StderrTTY || total < 50 {
		return progressBar{tick: nil, done: func() {}}
	}
	var n atomic.Int64
	quit := make(chan struct{})
	finished := make(chan struct{})
	go func() {
		defer close(finished)
		t := time.NewTicker(100 * time.Millisecond)
		defer t.Stop()
		for {
			select {
			case <-t.C:
				fmt.Fprintf(f.IO.ErrOut, "\r%s %d/%d files", what, n.Load(), total)
			case <-quit:
				fmt.Fprintf(f.IO.ErrOut, "\r%s %d/%d files\n", what, n.Load(), total)
				return
			}
		}
	}()
	return progressBar{tick: func() { n.Add(1) }, done: func() { close(quit); <-finished }}
}
