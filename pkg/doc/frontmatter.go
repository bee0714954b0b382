package doc

import (
	"bytes"
	"fmt"
	"regexp"
	"strings"
	"time"

	"gopkg.in/yaml.v3"
)

type frontMatter struct {
	Title   string `yaml:"title"`
	Outlet  string `yaml:"outlet"`
	URL     string `yaml:"url"`
	Date    string `yaml:"date"`
	Author  string `yaml:"author"`
	date    time.Time
	dateErr string
	invalid bool // a block that is not valid YAML, left out of the text
}

var yamlLine = regexp.MustCompile(`^(?:[^\s:#-][^:]{0,60}:(?:\s|$)|[\s#-]|\.\.\.$)`)

// looksLikeYAML: every line of the block is a key, a continuation, a list
// item or a comment, as in metadata someone mistyped; prose is not.
func looksLikeYAML(block []byte) bool {
	n := 0
	for _, l := range strings.Split(string(block), "\n") {
		if strings.TrimSpace(l) == "" {
			continue
		}
		if !yamlLine.MatchString(l) {
			return false
		}
		n++
	}
	return n > 0
}

func (f frontMatter) meta() Meta {
	return Meta{Title: printable(f.Title), Outlet: printable(f.Outlet), URL: printable(f.URL), Author: printable(f.Author), Date: f.date}
}

// printable drops control characters from a value YAML may have escaped in
// ("\e]0;…"): metadata ends up on the user's terminal.
func printable(s string) string {
	return strings.Map(func(r rune) rune {
		if IsControl(r) {
			return -1
		}
		return r
	}, s)
}

// IsControl reports a C0 or C1 control character or DEL: what must never be
// passed from an article to a terminal.
func IsControl(r rune) bool {
	return r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0)
}

// maxFrontMatter bounds the search for the closing "---" so a file that opens
// a block and never closes it is read as text, not swallowed.
const maxFrontMatter = 16 << 10

// parseFrontMatter reads a YAML block between "---" lines at the top of the
// file (after an optional BOM). end is the byte offset just past the closing
// line, 0 when there is no block.
func parseFrontMatter(raw []byte) (fm frontMatter, end int, warning string) {
	start := 0
	if bytes.HasPrefix(raw, []byte("\xEF\xBB\xBF")) {
		start = 3
	}
	rest := raw[start:]
	if !bytes.HasPrefix(rest, []byte("---\n")) && !bytes.HasPrefix(rest, []byte("---\r\n")) {
		return fm, 0, ""
	}
	bodyStart := start + bytes.IndexByte(rest, '\n') + 1
	pos := bodyStart
	for pos < len(raw) && pos-start < maxFrontMatter {
		nl := bytes.IndexByte(raw[pos:], '\n')
		lineEnd, next := len(raw), len(raw)
		if nl >= 0 {
			lineEnd, next = pos+nl, pos+nl+1
		}
		if l := strings.TrimRight(string(raw[pos:lineEnd]), "\r \t"); l == "---" || l == "..." {
			block := raw[bodyStart:pos]
			// parsed, not fm, goes to yaml: fm would then live on the heap
			// for every file, with front matter or not.
			var parsed frontMatter
			err := yaml.Unmarshal(block, &parsed)
			fm = parsed
			if err != nil {
				if looksLikeYAML(block) {
					// Broken metadata: left out of the text, listed as dropped.
					return frontMatter{invalid: true}, next, "front matter is not valid YAML, ignored: " + oneLine(err.Error())
				}
				// Prose between two rules, not metadata: keep every line
				// as text rather than lose an article's opening.
				return frontMatter{}, 0, "file opens with a --- block that is not YAML front matter: read as text (" + oneLine(err.Error()) + ")"
			}
			if fm.Date != "" {
				t, ok := parseDate(fm.Date)
				if ok {
					fm.date = t
				} else {
					fm.dateErr = fmt.Sprintf("front matter date %q is not a date (want YYYY-MM-DD)", fm.Date)
				}
			}
			return fm, next, ""
		}
		pos = next
	}
	return fm, 0, "file opens a front matter block (---) that never closes: read as text"
}

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }
