package cmd

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/sanc-news/sanc/pkg/iostreams"
)

// testFactory has buffers for streams, a fixed clock and an environment of
// its own, so nothing of the machine leaks in.
func testFactory(t *testing.T) *Factory {
	t.Helper()
	io, _, _, _ := iostreams.Test()
	env := map[string]string{"XDG_DATA_HOME": t.TempDir(), "XDG_CONFIG_HOME": t.TempDir()}
	f := &Factory{IO: io, Now: func() time.Time { return time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC) },
		Config: newConfig(), Version: "test", Getenv: func(k string) string { return env[k] }}
	return f
}

// Flag wiring is checked apart from running: runF receives the options.
func TestQuotesFlags(t *testing.T) {
	f := testFactory(t)
	var got *QuotesOptions
	c := NewCmdQuotes(f, func(o *QuotesOptions) error { got = o; return nil })
	c.SetArgs([]string{"--speaker", "Geng Shuang", "--kind", "direct,partial", "--since", "2016", "--doc", "abc", "--by", "speaker"})
	if err := c.Execute(); err != nil {
		t.Fatal(err)
	}
	if got.Speaker != "Geng Shuang" || strings.Join(got.Kinds, ",") != "direct,partial" || got.Since != "2016" ||
		strings.Join(got.Docs, ",") != "abc" || got.By != "speaker" {
		t.Errorf("options: %+v", got)
	}
}

func TestFlagValidation(t *testing.T) {
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"quotes", "--kind", "shouted"}, `--kind "shouted"`},
		{[]string{"quotes", "--by", "outlet"}, "only speaker"},
		{[]string{"timeline", "--types", "era"}, `--types "era"`},
		{[]string{"grep", "-C", "-1", "x"}, "negative"},
		{[]string{"grep", "-c", "-l", "x"}, "cannot be used together"},
		{[]string{"ingest"}, "requires at least 1 arg"},
		{[]string{"ingest", "x", "--date", "soon"}, `--date "soon"`},
		{[]string{"list", "--format", "yaml"}, "unknown format"},
		{[]string{"list", "--max-file-size", "big"}, "max-file-size"},
		{[]string{"list", "--added-since", "whenever"}, "--added-since"},
	}
	for _, tt := range tests {
		f := testFactory(t)
		io, _, out, errOut := iostreams.Test()
		f.IO = io
		code := Execute(f, tt.args)
		if code != ExitError || !strings.Contains(errOut.String(), tt.want) {
			t.Errorf("%v: exit %d, stderr %q; want exit 2 and %q", tt.args, code, errOut.String(), tt.want)
		}
		if out.Len() != 0 {
			t.Errorf("%v: wrote to stdout on a usage error: %q", tt.args, out.String())
		}
	}
}

func TestParseSizeAndDuration(t *testing.T) {
	for in, want := range map[string]int64{"1048576": 1 << 20, "512K": 512 << 10, "32M": 32 << 20, "1g": 1 << 30, "2MiB": 2 << 20} {
		if got, err := parseSize(in); err != nil || got != want {
			t.Errorf("parseSize(%q) = %d, %v; want %d", in, got, err, want)
		}
	}
	for in, want := range map[string]time.Duration{"90m": 90 * time.Minute, "2d": 48 * time.Hour, "1w": 7 * 24 * time.Hour, "1.5h": 90 * time.Minute} {
		if got, err := parseDuration(in); err != nil || got != want {
			t.Errorf("parseDuration(%q) = %v, %v; want %v", in, got, err, want)
		}
	}
}

// A table of a large run lists only the files that need attention, and
// says so; --all and the data formats list every file.
func TestIngestReportOfALargeRun(t *testing.T) {
	dir := t.TempDir()
	for i := range reportRows + 10 {
		body := fmt.Sprintf("Port report %d\n\nThe harbour board met on Monday, officials said, and approved budget line %d.\n", i, i)
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("a%04d.txt", i)), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	os.WriteFile(filepath.Join(dir, "empty.txt"), nil, 0o644)
	run := func(args ...string) (lines int, stderr string) {
		f := testFactory(t)
		io, _, out, errOut := iostreams.Test()
		f.IO = io
		if code := Execute(f, append([]string{"ingest", dir, "--dry-run"}, args...)); code != ExitError {
			t.Fatalf("%v: exit %d (a file is refused: want 2); %s", args, code, errOut)
		}
		return strings.Count(out.String(), "\n"), errOut.String()
	}
	lines, stderr := run()
	if lines > 10 || !strings.Contains(stderr, fmt.Sprintf("1 of %d files listed", reportRows+11)) {
		t.Errorf("table: %d lines; stderr %q", lines, stderr)
	}
	if lines, _ := run("--all"); lines < reportRows+11 {
		t.Errorf("--all: %d lines", lines)
	}
	if lines, stderr := run("--format", "jsonl"); lines != reportRows+11 || strings.Contains(stderr, "listed") {
		t.Errorf("jsonl: %d lines; stderr %q", lines, stderr)
	}
}

// fullWriter fails every write, as a full disk does.
type fullWriter struct{}

func (fullWriter) Write([]byte) (int, error) { return 0, errors.New("no space left on device") }

// A query whose output cannot be written says so once, and exits 2, when
// the output fails as the records stream as well as at its end.
func TestWriteErrorReportedOnce(t *testing.T) {
	dir := t.TempDir()
	for i := range 1500 { // records enough for several chunks in flight
		body := fmt.Sprintf("Port report %d\n\n\"The harbour will reopen on Monday,\" the board said of berth %d. It met last week.\n", i, i)
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("a%04d.txt", i)), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, args := range [][]string{
		{"list", "--format", "jsonl"},
		{"quotes", "--format", "json"},
		{"quotes", "--by", "speaker", "--format", "csv"},
		{"timeline", "--format", "jsonl"},
		{"grep", "-F", "harbour", "--format", "tsv"},
	} {
		f := testFactory(t)
		io, _, _, errOut := iostreams.Test()
		io.Out = fullWriter{}
		f.IO = io
		if code := Execute(f, append(args, "--corpus", dir)); code != ExitError || strings.Count(errOut.String(), "no space left") != 1 {
			t.Errorf("%v: exit %d, stderr %q; want exit 2 and the error once", args, code, errOut.String())
		}
	}
}
