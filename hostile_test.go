package main

// Hostile input: what a scraper may drop in a folder that cron hands to sanc.
// Every case runs sanc in-process over a folder holding the hostile file next
// to a good article, and checks that sanc names what it refused on stderr,
// still answers for the others, exits with the right status, writes only
// valid JSON lines, and that every offset it prints is a byte offset into the
// file on disk. Bigger cases (a 200 MB file, a 50 MB line) run with
// SANC_SLOW_TESTS=1.

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"syscall"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/sanc-news/sanc/cmd"
	"github.com/sanc-news/sanc/pkg/iostreams"
	"github.com/sanc-news/sanc/pkg/segment"
)

const goodArticle = "Mira Tal, the envoy, spoke on Thursday, March 21, 2013.\n\n\"Sanctions will not change our course,\" Tal said.\n"

// sancRun runs sanc in-process with its data and config folders under home.
func sancRun(t *testing.T, home string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	f := cmd.NewFactory("v0.0.0-test")
	ios, _, out, errOut := iostreams.Test()
	f.IO = ios
	env := map[string]string{"XDG_DATA_HOME": filepath.Join(home, "data"), "XDG_CONFIG_HOME": filepath.Join(home, "config"), "NO_COLOR": "1"}
	f.Getenv = func(k string) string { return env[k] }
	done := make(chan int, 1)
	go func() { done <- cmd.Execute(f, args) }()
	select {
	case code = <-done:
	case <-time.After(60 * time.Second):
		t.Fatalf("sanc %q did not finish in 60 s", args)
	}
	if strings.Contains(errOut.String(), "internal error") {
		t.Errorf("sanc %q: %s", args, errOut)
	}
	return code, out.String(), errOut.String()
}

// jsonLines parses stdout of --format jsonl: every line must be one valid
// JSON object in valid UTF-8.
func jsonLines(t *testing.T, stdout string) []map[string]any {
	t.Helper()
	var recs []map[string]any
	for i, l := range strings.Split(strings.TrimSuffix(stdout, "\n"), "\n") {
		if l == "" && stdout == "" {
			break
		}
		if !utf8.ValidString(l) || !json.Valid([]byte(l)) {
			t.Fatalf("line %d is not valid JSON in UTF-8: %.200q", i+1, l)
		}
		var m map[string]any
		if err := json.Unmarshal([]byte(l), &m); err != nil {
			t.Fatalf("line %d: %v", i+1, err)
		}
		recs = append(recs, m)
	}
	return recs
}

// normalise is what sanc does to a file's bytes before extraction, plus
// white space folding: control characters and bytes that are not UTF-8
// count as spaces.
func normalise(b []byte) string {
	var sb strings.Builder
	for i := 0; i < len(b); {
		r, n := utf8.DecodeRune(b[i:])
		switch {
		case r == utf8.RuneError, r < 0x20, r == 0x7F, r >= 0x80 && r <= 0x9F, r == 0xFEFF:
			sb.WriteByte(' ')
		default:
			sb.WriteString(string(b[i : i+n]))
		}
		i += n
	}
	return strings.Join(strings.Fields(sb.String()), " ")
}

func num(t *testing.T, m map[string]any, k string) int {
	t.Helper()
	v, ok := m[k].(float64)
	if !ok {
		t.Fatalf("record has no number %q: %v", k, m)
	}
	return int(v)
}

// checkOffsets: for every record, the file's bytes [start:end] are the
// record's text (textKey) modulo white space; a quotation interrupted by its
// attribution is checked segment by segment.
func checkOffsets(t *testing.T, recs []map[string]any, textKey string) {
	t.Helper()
	files := map[string][]byte{}
	for _, r := range recs {
		path, _ := r["path"].(string)
		raw, ok := files[path]
		if !ok {
			var err error
			if raw, err = os.ReadFile(path); err != nil {
				t.Errorf("record path %q cannot be read back: %v", path, err)
				continue
			}
			files[path] = raw
		}
		start, end := num(t, r, "start"), num(t, r, "end")
		if start < 0 || end > len(raw) || start > end {
			t.Errorf("%s: span [%d,%d) outside the file (%d bytes)", path, start, end, len(raw))
			continue
		}
		if !utf8.Valid(raw) {
			// Invalid bytes are blanked: compare only that the span is whole.
			continue
		}
		got := normalise(raw[start:end])
		if segs, ok := r["segments"].([]any); ok && len(segs) > 0 {
			var parts []string
			for _, s := range segs {
				se := s.([]any)
				parts = append(parts, normalise(raw[int(se[0].(float64)):int(se[1].(float64))]))
			}
			got = strings.Join(parts, " ")
		}
		want := normalise([]byte(r[textKey].(string)))
		if strings.ReplaceAll(got, " ", "") != strings.ReplaceAll(want, " ", "") {
			t.Errorf("%s: bytes [%d:%d] are %q, record says %q", path, start, end, got, want)
		}
	}
}

func pngBytes() []byte {
	return []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10\x00\x00\x00\x10\x08\x06\x00\x00\x00\x1f\xf3\xffa\x00\x00\x00\x00IEND\xaeB`\x82")
}

func gzipBytes() []byte {
	var b bytes.Buffer
	w := gzip.NewWriter(&b)
	w.Write([]byte(strings.Repeat(goodArticle, 20)))
	w.Close()
	return b.Bytes()
}

type hostileCase struct {
	name    string
	file    string // name in the corpus folder
	data    []byte
	refused string // reason on stderr; "" when the file is read
	warning string // a warning list must show
	quote   string // a quotation that must still be found in the file
}

func hostileCases() []hostileCase {
	ab := func(s string) []byte { return []byte(s) }
	return []hostileCase{
		{name: "empty", file: "empty.txt", data: nil, refused: "refused: empty file"},
		{name: "whitespace", file: "ws.txt", data: ab(" \n\t\r\n   \n"), refused: "refused: only white space"},
		{name: "png", file: "image.txt", data: pngBytes(), refused: "refused: not text (looks like a PNG image)"},
		{name: "pdf", file: "paper.txt", data: ab("%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n"), refused: "refused: not text (looks like a PDF document)"},
		{name: "gzip", file: "archive.txt", data: gzipBytes(), refused: "refused: not text (looks like gzip data)"},
		{name: "utf16le", file: "utf16le.txt", data: ab("\xff\xfeH\x00i\x00 \x00t\x00h\x00e\x00r\x00e\x00\n\x00"), refused: "refused: UTF-16 text; convert it to UTF-8"},
		{name: "utf16be", file: "utf16be.txt", data: ab("\xfe\xff\x00H\x00i\x00\n"), refused: "refused: UTF-16 text"},
		{name: "utf16 no BOM", file: "utf16nobom.txt", data: ab("H\x00e\x00l\x00l\x00o\x00 \x00w\x00o\x00r\x00l\x00d\x00.\x00\n\x00"), refused: "refused: not text (looks like binary data)"},
		{name: "zeros", file: "zeros.txt", data: make([]byte, 5000), refused: "refused: not text"},
		{name: "latin1", file: "latin1.txt", data: ab("Caf\xe9 owner Jos\xe9 Ram\xedrez spoke on Monday.\n\n\"We will stay open,\" Ram\xedrez said.\n"),
			warning: "looks like Latin-1", quote: `"We will stay open,"`},
		{name: "invalid utf8", file: "invalid.txt", data: ab("The envoy\xff\xfe\xc0 spoke on Monday.\n\n\"We \xedare ready,\" said Omar Haddad.\n"),
			warning: "not valid UTF-8", quote: `"We are ready,"`},
		{name: "utf8 BOM", file: "bom.txt", data: ab("\xef\xbb\xbf" + goodArticle), quote: `"Sanctions will not change our course,"`},
		{name: "CRLF", file: "crlf.txt", data: ab(strings.ReplaceAll(goodArticle, "\n", "\r\n")), quote: `"Sanctions will not change our course,"`},
		{name: "lone CR", file: "cr.txt", data: ab(strings.ReplaceAll(goodArticle, "\n", "\r")), quote: `"Sanctions will not change our course,"`},
		{name: "NUL in text", file: "nul.txt", data: ab("Mira Tal spoke on Monday.\x00\n\n\"Sanctions will not\x00 change our course,\" Tal said.\n"),
			warning: "control characters were ignored", quote: `"Sanctions will not change our course,"`},
		{name: "control chars", file: "ctrl.txt", data: ab("Mira Tal \x01spoke\x02 on \x1b[31mMonday\x1b[0m.\n\n\"Sanctions\x07 will \x7fnot change our course,\" Tal said.\xc2\x85\n"),
			warning: "control characters were ignored", quote: `"Sanctions will not change our course,"`},
		{name: "rtl and combining", file: "rtl.txt", data: ab("The envoy \u05e9\u05dc\u05d5\u05dd spoke \u200fon Monday.\n\n\"Sanctions \u0644\u0627 will not change our cou\u0301rse\u202e,\" said Jose\u0301 Rami\u0301rez.\n"),
			quote: "\"Sanctions \u0644\u0627 will not change our cou\u0301rse\u202e,\""},
		{name: "unclosed quote", file: "unclosed.txt", data: ab("Mira Tal spoke on Monday. \"This quote never closes and goes on.\n\nA new paragraph begins here.\n\nLater, Omar Haddad said: \"We are ready to talk,\" on Tuesday.\n\n\"Nothing changes,\" said Lena Ortiz.\n"),
			quote: `"Nothing changes,"`},
		{name: "ten thousand quote marks", file: "marks.txt", data: ab("The envoy spoke on Monday.\n\n" + strings.Repeat("\" a \u201c b \u201d ", 3400) + "\n\n\"We are ready,\" said Omar Haddad.\n"),
			quote: `"We are ready,"`},
		{name: "ten thousand quotations", file: "pairs.txt", data: ab("The envoy spoke on Monday.\n\n" + strings.Repeat("\"Yes.\" Tal said it again.\n", 10000) + "\n\"We are ready,\" said Omar Haddad.\n"),
			quote: `"We are ready,"`},
		{name: "nested quotes", file: "nested.txt", data: ab("Mira Tal said: \"Level one 'level two \u201clevel three \u2018level four \"five\" four\u2019 three\u201d two' one,\" on Monday.\n\n\"" +
			strings.Repeat("\u201c", 2000) + "deep" + strings.Repeat("\u201d", 2000) + "\"\n\n\"We are ready,\" said Omar Haddad.\n"),
			quote: `"We are ready,"`},
		{name: "front matter never ends", file: "fm_open.md", data: ab("---\n" + strings.Repeat("title: a line of a block that never closes\n", 2000) + "\n\"We are ready,\" said Omar Haddad.\n"),
			warning: "never closes", quote: `"We are ready,"`},
		{name: "front matter invalid YAML", file: "fm_bad.md", data: ab("---\ntitle: [unclosed\ndate: {{oops\n---\n\"We are ready,\" said Omar Haddad.\n"),
			warning: "front matter is not valid YAML", quote: `"We are ready,"`},
		{name: "front matter paths", file: "fm_paths.md", data: ab("---\ntitle: ../../etc/passwd\noutlet: ../../../tmp/evil\nurl: file:///etc/shadow\nauthor: \"/\\x00\"\n---\n\"We are ready,\" said Omar Haddad.\n"),
			quote: `"We are ready,"`},
		{name: "name with spaces", file: "with space .txt", data: ab("\"We are ready,\" said Omar Haddad in Paris.\n"), quote: `"We are ready,"`},
		{name: "name with newline", file: "new\nline.txt", data: ab("\"We are ready,\" said Omar Haddad in Rome.\n"), quote: `"We are ready,"`},
		{name: "name with dots", file: "..dots...txt", data: ab("\"We are ready,\" said Omar Haddad in Oslo.\n"), quote: `"We are ready,"`},
	}
}

// hostileDir writes the cases into a folder beside a good article.
func hostileDir(t *testing.T, cases []hostileCase) string {
	dir := filepath.Join(t.TempDir(), "scrapes")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "good.txt"), []byte(goodArticle), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, c := range cases {
		if err := os.WriteFile(filepath.Join(dir, c.file), c.data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// TestHostileFiles: each hostile file alone beside a good article, ad hoc.
func TestHostileFiles(t *testing.T) {
	for _, c := range hostileCases() {
		t.Run(c.name, func(t *testing.T) {
			dir := hostileDir(t, []hostileCase{c})
			home := t.TempDir()
			path := filepath.Join(dir, c.file)
			wantCode := 0
			if c.refused != "" {
				wantCode = 2
			}
			for _, command := range []string{"quotes", "list", "timeline"} {
				code, out, errOut := sancRun(t, home, command, "--corpus", dir, "--format", "jsonl")
				if code != wantCode {
					t.Errorf("%s: exit %d, want %d; stderr %q", command, code, wantCode, errOut)
				}
				recs := jsonLines(t, out)
				if c.refused != "" {
					if want := "sanc: " + path + ": " + c.refused; !strings.Contains(errOut, want) {
						t.Errorf("%s: stderr %q does not say %q", command, errOut, want)
					}
					if !strings.Contains(errOut, "1 of 2 files could not be read") {
						t.Errorf("%s: stderr %q has no count", command, errOut)
					}
				} else if errOut != "" {
					t.Errorf("%s: stderr %q", command, errOut)
				}
				var good, mine []map[string]any
				for _, r := range recs {
					switch r["path"] {
					case filepath.Join(dir, "good.txt"):
						good = append(good, r)
					case path:
						mine = append(mine, r)
					}
				}
				if len(good) == 0 {
					t.Errorf("%s: the good article is missing from the output", command)
				}
				switch command {
				case "quotes":
					checkOffsets(t, recs, "quote")
					if c.quote != "" && !hasQuote(mine, c.quote) {
						t.Errorf("quotes: %q not found in %s (%d quotes)", c.quote, c.file, len(mine))
					}
				case "timeline":
					checkOffsets(t, recs, "text")
				case "list":
					if c.refused != "" && len(mine) > 0 {
						t.Errorf("list: refused file listed: %v", mine[0])
					}
					if c.refused == "" && len(mine) != 1 {
						t.Errorf("list: %d rows for %s", len(mine), c.file)
					}
					if c.warning != "" && len(mine) == 1 && !strings.Contains(fmt.Sprint(mine[0]["warnings"]), c.warning) {
						t.Errorf("list: warnings %v do not say %q", mine[0]["warnings"], c.warning)
					}
				}
			}
		})
	}
}

func hasQuote(recs []map[string]any, q string) bool {
	for _, r := range recs {
		// The quote field is taken from the file's bytes: a NUL, a control
		// character or an invalid byte (U+FFFD in JSON) in it reads as a space.
		if s, _ := r["quote"].(string); normalise([]byte(s)) == normalise([]byte(q)) {
			return true
		}
	}
	return false
}

// TestHostileFolderIngest: all the hostile files in one folder, ingested;
// then the library is queried. Nothing is written outside the library.
func TestHostileFolderIngest(t *testing.T) {
	cases := hostileCases()
	dir := hostileDir(t, cases)
	home := t.TempDir()
	before := tree(t, filepath.Dir(dir))

	code, out, errOut := sancRun(t, home, "ingest", dir, "--format", "jsonl")
	if code != 2 {
		t.Errorf("ingest: exit %d, want 2; stderr %q", code, errOut)
	}
	recs := jsonLines(t, out)
	refused, added := 0, 0
	byPath := map[string]map[string]any{}
	for _, r := range recs {
		byPath[r["path"].(string)] = r
		switch r["status"] {
		case "refused":
			refused++
		case "added", "duplicate":
			added++
		}
	}
	wantRefused := 0
	for _, c := range cases {
		p := filepath.Join(dir, c.file)
		r := byPath[p]
		if r == nil {
			t.Errorf("ingest: no row for %q", c.file)
			continue
		}
		if c.refused != "" {
			wantRefused++
			if r["status"] != "refused" || !strings.Contains(r["error"].(string), strings.TrimPrefix(c.refused, "refused: ")) {
				t.Errorf("ingest %s: %v", c.file, r)
			}
			if !strings.Contains(errOut, "sanc: "+p+": ") {
				t.Errorf("ingest: stderr does not name %q", p)
			}
		} else if r["status"] != "added" {
			t.Errorf("ingest %s: status %v", c.file, r["status"])
		}
	}
	if refused != wantRefused || added != len(cases)+1-wantRefused {
		t.Errorf("ingest: %d refused, %d added; want %d, %d", refused, added, wantRefused, len(cases)+1-wantRefused)
	}
	if want := fmt.Sprintf("%d of %d files were refused", wantRefused, len(cases)+1); !strings.Contains(errOut, want) {
		t.Errorf("ingest stderr %q does not say %q", errOut, want)
	}

	// Nothing new next to the corpus; in the library only the manifest, the
	// lock, the index and packs.
	if after := tree(t, filepath.Dir(dir)); strings.Join(after, "\n") != strings.Join(before, "\n") {
		t.Errorf("ingest wrote beside the corpus:\nbefore %q\nafter  %q", before, after)
	}
	lib := filepath.Join(home, "data", "sanc", "library")
	for _, p := range tree(t, home) {
		full := filepath.Join(home, p)
		if strings.HasPrefix(lib, full+string(filepath.Separator)) {
			continue // a folder above the library
		}
		rel, err := filepath.Rel(lib, full)
		if err != nil || strings.HasPrefix(rel, "..") {
			t.Errorf("ingest wrote outside the library: %s", p)
			continue
		}
		switch {
		case rel == "." || rel == "manifest.json" || rel == ".lock" || rel == "index.bin" || rel == "packs":
		case strings.HasPrefix(rel, "packs"+string(filepath.Separator)) && strings.HasSuffix(rel, ".pack"):
		default:
			t.Errorf("unexpected file in the library: %s", rel)
		}
	}

	// The library answers, offsets into the stored files.
	code, out, errOut = sancRun(t, home, "quotes", "--format", "jsonl")
	if code != 0 || errOut != "" {
		t.Errorf("quotes from the library: exit %d, stderr %q", code, errOut)
	}
	qs := jsonLines(t, out)
	checkOffsets(t, qs, "quote")
	for _, c := range cases {
		if c.quote == "" {
			continue
		}
		found := false
		for _, q := range qs {
			if hasQuote([]map[string]any{q}, c.quote) {
				found = true
			}
		}
		if !found {
			t.Errorf("library quotes: %q (from %s) missing", c.quote, c.file)
		}
	}
	code, out, _ = sancRun(t, home, "list", "--format", "jsonl")
	if code != 0 {
		t.Errorf("list from the library: exit %d", code)
	}
	for _, r := range jsonLines(t, out) {
		if r["source"] == filepath.Join(dir, "fm_paths.md") && r["title"] != "../../etc/passwd" {
			t.Errorf("front matter title not kept as text: %v", r["title"])
		}
	}
}

// tree lists the paths below root, relative to it, sorted.
func tree(t *testing.T, root string) []string {
	var out []string
	filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if rel, _ := filepath.Rel(root, p); rel != "." {
			out = append(out, rel)
		}
		return nil
	})
	sort.Strings(out)
	return out
}

// TestHostileSpecialFiles: a named pipe, a symbolic link loop, a dangling
// link, a device, an unreadable file, a name that is not UTF-8.
func TestHostileSpecialFiles(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("no FIFOs or symbolic links")
	}
	dir := hostileDir(t, nil)
	home := t.TempDir()
	fifo := filepath.Join(dir, "fifo.txt")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Fatal(err)
	}
	os.Mkdir(filepath.Join(dir, "loop"), 0o755)
	os.Symlink("../loop", filepath.Join(dir, "loop", "self"))
	os.Symlink("self", filepath.Join(dir, "loop", "link.txt"))
	os.Symlink("nowhere.txt", filepath.Join(dir, "dangling.txt"))
	badName := filepath.Join(dir, "bad\xff\xfename.txt")
	if err := os.WriteFile(badName, []byte("\"We are ready,\" said Omar Haddad in Lima.\n"), 0o644); err != nil {
		t.Skipf("file system refuses non-UTF-8 names: %v", err)
	}
	unreadable := filepath.Join(dir, "unreadable.txt")
	os.WriteFile(unreadable, []byte(goodArticle+"Again.\n"), 0o000)

	// The folder: links and the pipe are not followed (not read, no hang);
	// the file with a non-UTF-8 name is read.
	code, out, errOut := sancRun(t, home, "quotes", "--corpus", dir, "--format", "jsonl")
	asRoot := os.Geteuid() == 0
	want := 2
	if asRoot {
		want = 0 // root reads mode-000 files
	}
	if code != want {
		t.Errorf("folder: exit %d, want %d; stderr %q", code, want, errOut)
	}
	if !asRoot && !strings.Contains(errOut, unreadable+": permission denied") {
		t.Errorf("stderr %q does not name the unreadable file", errOut)
	}
	recs := jsonLines(t, out)
	var paths []string
	for _, r := range recs {
		paths = append(paths, r["path"].(string))
	}
	// encoding/json writes each invalid byte as U+FFFD: valid JSON, but the
	// path no longer names the file.
	if !strings.Contains(strings.Join(paths, "\n"), "bad\ufffd\ufffdname.txt") {
		t.Errorf("the file with a non-UTF-8 name is missing: %q", paths)
	}

	// Named directly: each refused with its reason, the good one answered.
	code, out, errOut = sancRun(t, home, "quotes", "--corpus", fifo, "--corpus", filepath.Join(dir, "loop", "link.txt"),
		"--corpus", filepath.Join(dir, "dangling.txt"), "--corpus", "/dev/null", "--corpus", filepath.Join(dir, "good.txt"), "--format", "jsonl")
	if code != 2 {
		t.Errorf("named: exit %d, want 2", code)
	}
	for _, w := range []string{
		fifo + ": not a regular file (a named pipe)",
		"loop/link.txt: folder holds no .txt or .md files",
		"dangling.txt: no such file or folder",
		"/dev/null: not a regular file (a character device)",
		"4 of 5 files could not be read",
	} {
		if !strings.Contains(errOut, w) {
			t.Errorf("stderr %q does not say %q", errOut, w)
		}
	}
	if len(jsonLines(t, out)) == 0 {
		t.Error("the good article is not answered")
	}
}

// TestHostileSizeLimit: a file above the default limit (sparse: no disk
// used) is refused before it is read; --max-file-size moves the limit; stdin
// is bounded too.
func TestHostileSizeLimit(t *testing.T) {
	dir := hostileDir(t, nil)
	home := t.TempDir()
	big := filepath.Join(dir, "big.txt")
	f, err := os.Create(big)
	if err != nil {
		t.Fatal(err)
	}
	f.Truncate(33 << 20) // 1 MiB above the default 32M
	f.Close()
	code, out, errOut := sancRun(t, home, "list", "--corpus", dir, "--format", "jsonl")
	if code != 2 || !strings.Contains(errOut, big+": file too large: 34603008 bytes, limit is 33554432 (set max-file-size)") {
		t.Errorf("exit %d, stderr %q", code, errOut)
	}
	if n := len(jsonLines(t, out)); n != 1 {
		t.Errorf("%d rows, want the good article", n)
	}

	small := filepath.Join(dir, "small.txt")
	os.WriteFile(small, []byte(strings.Repeat("The council voted on the budget. ", 100)), 0o644)
	code, _, errOut = sancRun(t, home, "list", "--corpus", small, "--max-file-size", "1K")
	if code != 2 || !strings.Contains(errOut, small+": file too large: 3300 bytes, limit is 1024") {
		t.Errorf("--max-file-size 1K: exit %d, stderr %q", code, errOut)
	}
}

// TestHostileLongLines: a 2 MB article on one line and a file of 200,000
// repeated lines are analysed in bounded time (the second was quadratic).
func TestHostileLongLines(t *testing.T) {
	dir := hostileDir(t, nil)
	home := t.TempDir()
	line := strings.Repeat("the council voted on the budget and the envoy spoke about sanctions, ", 30000)
	os.WriteFile(filepath.Join(dir, "oneline.txt"), []byte("Intro.\n\n"+line+"\"We are ready,\" said Omar Haddad.\n"), 0o644)
	os.WriteFile(filepath.Join(dir, "repeated.txt"), []byte(strings.Repeat("Share this article on social media.\n", 200000)+"\n\"We are ready,\" said Omar Haddad.\n"), 0o644)
	start := time.Now()
	code, out, errOut := sancRun(t, home, "quotes", "--corpus", dir, "--format", "jsonl")
	if code != 0 {
		t.Errorf("exit %d, stderr %q", code, errOut)
	}
	checkOffsets(t, jsonLines(t, out), "quote")
	if d := time.Since(start); d > 20*time.Second {
		t.Errorf("took %v", d)
	}
}

// TestHostileHuge (SANC_SLOW_TESTS=1): a 200 MB file is refused at the
// default limit without being read; a 50 MB single line is read under
// --max-file-size 64M.
func TestHostileHuge(t *testing.T) {
	if os.Getenv("SANC_SLOW_TESTS") == "" {
		t.Skip("set SANC_SLOW_TESTS=1")
	}
	dir := hostileDir(t, nil)
	home := t.TempDir()
	big := filepath.Join(dir, "big200.txt")
	var b strings.Builder
	for i := 0; b.Len() < 200<<20; i++ {
		fmt.Fprintf(&b, "Mira Tal, envoy %d, spoke on Thursday. \"Sanctions will not change our course %d,\" Tal said.\n\n", i, i)
	}
	os.WriteFile(big, []byte(b.String()), 0o644)
	b.Reset()
	code, _, errOut := sancRun(t, home, "list", "--corpus", dir, "--format", "jsonl")
	if code != 2 || !strings.Contains(errOut, big+": file too large") {
		t.Errorf("200 MB: exit %d, stderr %q", code, errOut)
	}
	os.Remove(big)
	line := filepath.Join(dir, "line50.txt")
	os.WriteFile(line, []byte("Intro.\n\n"+strings.Repeat("the council voted on the budget and the envoy spoke about trade, ", 50<<20/66)+"\n"), 0o644)
	code, out, errOut := sancRun(t, home, "list", "--corpus", dir, "--max-file-size", "64M", "--format", "jsonl")
	if code != 0 || len(jsonLines(t, out)) != 2 {
		t.Errorf("50 MB line: exit %d, stderr %q", code, errOut)
	}
}

// TestHostileSentenceAmplification: a paragraph with no sentence break used
// to be one sentence, and every quotation or grep match in it copied the
// whole of it, so output and memory grew with the square of the paragraph
// (10,000 short quotations in 160 KB printed 1.8 GB). Sentences are now cut at
// segment.MaxSentence and matches share their sentence's text: output grows
// linearly, at most a sentence per record.
func TestHostileSentenceAmplification(t *testing.T) {
	dir := hostileDir(t, nil)
	home := t.TempDir()
	pairs := filepath.Join(dir, "pairs.txt")
	raw := "Intro.\n\n" + strings.Repeat("\"yes\" said Tal. ", 2000) + "\n"
	os.WriteFile(pairs, []byte(raw), 0o644)
	_, out, _ := sancRun(t, home, "quotes", "--corpus", pairs, "--format", "jsonl")
	if perRecord := segment.MaxSentence + 1024; len(out) > 2000*perRecord {
		t.Errorf("quotes: %d bytes of input gave %d bytes of output (more than %d per quotation)", len(raw), len(out), perRecord)
	}
	line := filepath.Join(dir, "line.txt")
	raw = "Intro.\n\n" + strings.Repeat("the envoy spoke about sanctions and trade, ", 2000) + "\n"
	os.WriteFile(line, []byte(raw), 0o644)
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	sancRun(t, home, "grep", "-c", "-F", "envoy", "--corpus", line, "--format", "jsonl")
	runtime.ReadMemStats(&after)
	if alloc := after.TotalAlloc - before.TotalAlloc; alloc > uint64(200*len(raw)) {
		t.Errorf("grep -c: %d bytes of input, %d bytes allocated", len(raw), alloc)
	}
}

// TestHostileTerminalEscapes: record text is cut from the file's bytes, so an
// escape sequence in an article could reach the terminal through a table
// ("\x1b]0;…\x07" retitles the window); control characters are now spaces.
func TestHostileTerminalEscapes(t *testing.T) {
	dir := hostileDir(t, []hostileCase{{file: "esc.txt", data: []byte("Mira Tal spoke.\n\n\"Sanctions \x1b[31mwill\x1b]0;pwned\x07 not change our course,\" Tal said.\n")}})
	for _, args := range [][]string{
		{"quotes", "--corpus", dir},
		{"grep", "Sanctions", "--corpus", dir},
		{"quotes", "--corpus", dir, "--format", "tsv"},
	} {
		_, out, _ := sancRun(t, t.TempDir(), args...)
		if strings.ContainsAny(out, "\x1b\x07") {
			t.Errorf("%q: control characters reach stdout: %q", args, out)
		}
	}
}

// A Latin-1 article keeps its names: analysis reads the accented letters
// unaccented (offsets stay file offsets), records show them decoded, and a
// name typed with or without accents finds the speaker.
func TestLatin1Article(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "latin1.txt")
	raw := "Caf\xe9 owner Jos\xe9 Ram\xedrez spoke on Monday.\n\n\"We will stay open,\" Ram\xedrez said.\n"
	if err := os.WriteFile(path, []byte(raw), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"Ramírez", "ramirez", "José Ramírez"} {
		code, out, errOut := sancRun(t, t.TempDir(), "quotes", "--corpus", path, "--speaker", name, "--format", "jsonl")
		if code != 0 {
			t.Fatalf("--speaker %q: exit %d: %s", name, code, errOut)
		}
		var rec map[string]any
		if err := json.Unmarshal([]byte(strings.SplitN(out, "\n", 2)[0]), &rec); err != nil {
			t.Fatalf("--speaker %q: %v in %q", name, err, out)
		}
		if rec["speaker"] != "Jose Ramirez" || rec["sentence"] != "\"We will stay open,\" Ramírez said." {
			t.Errorf("--speaker %q: speaker %v, sentence %v", name, rec["speaker"], rec["sentence"])
		}
		start, end := int(rec["start"].(float64)), int(rec["end"].(float64))
		if raw[start:end] != `"We will stay open,"` {
			t.Errorf("offsets %d-%d hold %q", start, end, raw[start:end])
		}
	}
}
