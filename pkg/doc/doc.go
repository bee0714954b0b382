// Package doc turns the bytes of a scraped article into a Document: metadata
// (title, outlet, date and where each came from) and a cleaned text.
//
// The cleaned text is the file's bytes with everything that is not article
// prose (front matter, BOM, carriage returns, page header, site furniture)
// overwritten by spaces, newlines kept. It is exactly as long as the file, so
// every offset computed on it is an offset into the file.
package doc

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"math/bits"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/sanc-news/sanc/pkg/segment"
)

// DateSource says where a document's date came from.
type DateSource string

// Date provenances, strongest first.
const (
	DateFrontMatter DateSource = "front-matter"
	DateFlag        DateSource = "flag"
	DateText        DateSource = "text"     // a dateline or byline date in the article
	DateHeader      DateSource = "header"   // a page-header timestamp
	DateInferred    DateSource = "inferred" // reasoned from the article's own dates
	DateUnknown     DateSource = "unknown"
)

// Meta is metadata given from outside the text (command-line flags). Empty
// fields are not set.
type Meta struct {
	Title, Outlet, URL, Author string
	Date                       time.Time
}

// Dropped is a line left out of the article text, and why.
type Dropped struct {
	Start  int    `json:"start"`
	End    int    `json:"end"`
	Reason string `json:"reason"`
}

// Document is one article.
type Document struct {
	ID         string
	Path       string
	Raw        []byte // the file's bytes, untouched
	Text       string // Raw with non-article bytes blanked; same length as Raw
	Title      string
	TitleFrom  string // "front-matter", "flag", "header", "first-sentence"
	Outlet     string
	URL        string
	Author     string
	Date       time.Time // zero when unknown
	DateSource DateSource
	// HeaderDate is a page-header timestamp; CrawlDate marks it as the date the
	// page was fetched rather than published.
	HeaderDate time.Time
	CrawlDate  bool
	// TextDate is a dateline or byline date found in the article text.
	TextDate time.Time
	// Latin1 marks a file in Latin-1/Windows-1252 rather than UTF-8: the
	// text reads its accented letters unaccented, records decode them.
	Latin1   bool
	Dropped  []Dropped
	Warnings []string

	droppedAt map[int]bool // starts of the Dropped lines, for drop
}

// ErrRefused marks input that is not an article sanc can read (binary, empty,
// too large). Callers report it per file and carry on.
var ErrRefused = errors.New("refused")

// IDLen is the length of a document id: 40 bits of the content hash, enough
// that a hundred thousand articles are very unlikely to collide.
const IDLen = 10

// ContentID is the id of a document with these bytes: the same article under
// another name gets the same id.
func ContentID(raw []byte) string {
	sum := sha256.Sum256(raw)
	return hex.EncodeToString(sum[:IDLen/2]) // two hex digits a byte
}

// Parse reads an article. meta overrides what the text says, except that a
// front matter block in the file wins over everything.
func Parse(path string, raw []byte, meta Meta) (*Document, error) {
	if err := checkReadable(raw); err != nil {
		return nil, err
	}
	d := &Document{ID: ContentID(raw), Path: path, Raw: raw, DateSource: DateUnknown}
	text := bytes.Clone(raw)
	d.sanitize(text)

	bodyStart := 0
	fm, fmEnd, fmWarn := parseFrontMatter(raw)
	if fmWarn != "" {
		d.Warnings = append(d.Warnings, fmWarn)
	}
	if fmEnd > 0 {
		blank(text, 0, fmEnd)
		bodyStart = fmEnd
		if fm.invalid {
			d.Dropped = append(d.Dropped, Dropped{Start: 0, End: fmEnd, Reason: "invalid front matter"})
		}
	}

	// Lines keep the text they had before any was blanked; d.drop skips a
	// line already dropped.
	lines := splitLines(text, bodyStart)
	d.readHeader(text, lines)
	d.dropFurniture(text, lines)
	d.Text = string(text)

	if d.Title == "" {
		d.Title, d.TitleFrom = firstSentence(d.Text), "first-sentence"
	}
	d.applyMeta(meta, DateFlag, "flag")
	d.applyMeta(fm.meta(), DateFrontMatter, "front-matter")
	if fm.dateErr != "" {
		d.Warnings = append(d.Warnings, fm.dateErr)
	}
	if d.DateSource == DateUnknown && !d.TextDate.IsZero() {
		d.Date, d.DateSource = d.TextDate, DateText
	}
	if strings.TrimSpace(d.Text) == "" {
		d.Warnings = append(d.Warnings, "no article text left after cleaning")
	}
	return d, nil
}

func (d *Document) applyMeta(m Meta, src DateSource, from string) {
	if m.Title != "" {
		d.Title, d.TitleFrom = m.Title, from
	}
	if m.Outlet != "" {
		d.Outlet = m.Outlet
	}
	if m.URL != "" {
		d.URL = m.URL
	}
	if m.Author != "" {
		d.Author = m.Author
	}
	if !m.Date.IsZero() {
		d.Date, d.DateSource = m.Date, src
	}
}

// crawlGap is how many years a header timestamp must lie beyond every year
// the article mentions to be taken for the crawl date. News mostly names
// recent years, but a story may cite only an older one ("base 1981" in a 1987
// wire story), so a gap of a year or two proves nothing; a decade does.
const crawlGap = 8

// UseHeaderDate decides about the page-header timestamp once the caller knows
// the latest year the article talks about (0 if none): a timestamp years after
// everything in the text is a crawl date, kept but not used as the date.
func (d *Document) UseHeaderDate(latestYear int) {
	if d.HeaderDate.IsZero() {
		return
	}
	if latestYear > 0 && d.HeaderDate.Year() > latestYear+crawlGap {
		d.CrawlDate = true
		d.Warnings = append(d.Warnings, fmt.Sprintf("header timestamp %s is years after the latest year the article mentions (%d): taken as the crawl date",
			d.HeaderDate.Format("2006-01-02"), latestYear))
		return
	}
	if d.DateSource == DateUnknown {
		d.Date, d.DateSource = d.HeaderDate, DateHeader
	}
}

// SetInferred records a date reasoned from the text when nothing better is known.
func (d *Document) SetInferred(date time.Time, why string) {
	if d.DateSource != DateUnknown || date.IsZero() {
		return
	}
	d.Date, d.DateSource = date, DateInferred
	if why != "" {
		d.Warnings = append(d.Warnings, "date inferred: "+why)
	}
}

// checkReadable refuses what is not text.
func checkReadable(raw []byte) error {
	if len(bytes.TrimSpace(raw)) == 0 {
		if len(raw) == 0 {
			return fmt.Errorf("%w: empty file", ErrRefused)
		}
		return fmt.Errorf("%w: only white space", ErrRefused)
	}
	if bytes.HasPrefix(raw, []byte{0xFF, 0xFE}) || bytes.HasPrefix(raw, []byte{0xFE, 0xFF}) {
		return fmt.Errorf("%w: UTF-16 text; convert it to UTF-8 (e.g. iconv -f UTF-16 -t UTF-8)", ErrRefused)
	}
	head := raw
	if len(head) > 8192 {
		head = head[:8192]
	}
	// A file that opens with an unmistakable binary signature is refused
	// whatever follows it (a PDF's header is mostly printable). Only long or
	// unprintable signatures count: "BM" or "ID3" may open a headline.
	for _, sig := range binarySignatures {
		if bytes.HasPrefix(head, []byte(sig.magic)) {
			return fmt.Errorf("%w: not text (looks like %s)", ErrRefused, sig.kind)
		}
	}
	// Otherwise judge by the bytes: text has few NULs (UTF-16 or UTF-32
	// without a BOM, and most binary formats, have many), few other control
	// characters, and is mostly valid UTF-8. A few stray NULs or escape codes
	// in an article are blanked with a warning, not a reason to refuse it.
	nul, ctrl, invalid := 0, 0, 0
	for i := 0; i < len(head); {
		// printable ASCII, most of any text, is skipped eight bytes at a time
		if i = printableEnd(head, i, false); i >= len(head) {
			break
		}
		c := head[i]
		if c >= 0x20 && c < utf8.RuneSelf {
			i++
			continue
		}
		if c >= utf8.RuneSelf {
			r, n := utf8.DecodeRune(head[i:])
			if r == utf8.RuneError && n <= 1 && len(head)-i >= utf8.UTFMax {
				invalid++ // a rune cut by the 8 KiB window is not counted
			}
			i += n
			continue
		}
		switch {
		case c == 0:
			nul++
		case c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f' && c != '\v':
			ctrl++
		}
		i++
	}
	n := len(head)
	if nul*20 > n || (nul+ctrl)*10 > n {
		return fmt.Errorf("%w: not text (looks like binary data)", ErrRefused)
	}
	if (nul+ctrl+invalid)*3 > n {
		// Mostly high bytes and few controls: text in a legacy encoding
		// (Windows-1251, ISO-8859-7, Shift JIS…) more likely than binary.
		return fmt.Errorf("%w: not UTF-8 (%d of the first %d bytes are not valid UTF-8); convert it (e.g. iconv -f WINDOWS-1251 -t UTF-8)", ErrRefused, invalid, n)
	}
	return nil
}

var binarySignatures = []struct{ magic, kind string }{
	{"%PDF-", "a PDF document"},
	{"%!PS-Adobe", "a PostScript document"},
	{"\x89PNG\r\n\x1a\n", "a PNG image"},
	{"GIF87a", "a GIF image"},
	{"GIF89a", "a GIF image"},
	{"\xff\xd8\xff", "a JPEG image"},
	{"PK\x03\x04", "a zip archive (or an office document)"},
	{"\x1f\x8b\x08", "gzip data"},
	{"\xfd7zXZ\x00", "xz data"},
	{"7z\xbc\xaf\x27\x1c", "a 7-zip archive"},
	{"Rar!\x1a\x07", "a RAR archive"},
	{"\x7fELF", "an executable"},
	{"{\\rtf1", "an RTF document"},
}

// sanitize blanks bytes no extractor should see: a BOM, carriage returns,
// control characters, and bytes that are not valid UTF-8. A carriage return
// that is not part of a CRLF pair becomes a line break, so text with old Mac
// line endings keeps its lines (and its length).
func (d *Document) sanitize(text []byte) {
	if bytes.HasPrefix(text, []byte("\xEF\xBB\xBF")) {
		blank(text, 0, 3)
	}
	invalid, ctrl := 0, 0
	d.Latin1 = !utf8.Valid(text) && latin1Like(d.Raw)
	for i := 0; i < len(text); {
		// printable ASCII, most of any text, is skipped eight bytes at a time
		if i = printableEnd(text, i, true); i >= len(text) {
			break
		}
		c := text[i]
		if c >= 0x20 && c < 0x7F {
			i++
			continue
		}
		if c < utf8.RuneSelf {
			switch {
			case c == '\r' && (i+1 == len(text) || text[i+1] != '\n'):
				text[i] = '\n' // a lone CR (old Mac text) ends a line
			case c == '\r' || c == '\f' || c == '\v':
				text[i] = ' ' // line and page breaks of other systems: no warning
			case (c < 0x20 && c != '\n' && c != '\t') || c == 0x7F:
				text[i] = ' '
				ctrl++
			}
			i++
			continue
		}
		r, n := utf8.DecodeRune(text[i:])
		if r == utf8.RuneError && n <= 1 {
			text[i] = ' '
			if d.Latin1 {
				// A Latin-1 letter: its unaccented form keeps words and
				// names whole ("M\xfcller" reads "Muller") in a byte of
				// its own, so offsets stay file offsets.
				text[i] = foldLatin1(c)
			}
			invalid++
			i++
			continue
		}
		if r >= 0x80 && r <= 0x9F {
			// C1 controls, mostly Windows-1252 text decoded as Latin-1.
			blank(text, i, i+n)
			ctrl++
		}
		i += n
	}
	if invalid > 0 {
		w := fmt.Sprintf("%d bytes are not valid UTF-8 and were ignored (offsets are unchanged)", invalid)
		if d.Latin1 {
			w = fmt.Sprintf("%d bytes are not valid UTF-8: the file looks like Latin-1 or Windows-1252; its accented letters were read without accents and are shown decoded (offsets are unchanged); convert it to UTF-8 (e.g. iconv -f WINDOWS-1252 -t UTF-8) to search them as written", invalid)
		}
		d.Warnings = append(d.Warnings, w)
	}
	if ctrl > 0 {
		d.Warnings = append(d.Warnings, fmt.Sprintf("%d control characters were ignored (offsets are unchanged)", ctrl))
	}
}

// printableEnd is the offset of the first byte of b from i on that is not
// printable ASCII, 0x20 to 0x7F (to 0x7E with noDEL), testing eight bytes at
// once; it stops before the last seven bytes, which the caller reads itself.
// Jumping straight to the byte that fails, rather than one byte on, keeps a
// line break from costing eight tries.
func printableEnd(b []byte, i int, noDEL bool) int {
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	for ; i+8 <= len(b); i += 8 {
		x := binary.LittleEndian.Uint64(b[i:])
		// A byte beyond ASCII has its high bit set; one below 0x20 borrows
		// into it; DEL, the one byte 0x7F, carries into it when one is added.
		// A borrow or carry can mark bytes above a marked one, never below,
		// so the lowest mark is exact.
		bad := (x | (x-0x20*ones)&^x) & highs
		if noDEL {
			bad |= (x + ones) & highs
		}
		if bad != 0 {
			return i + bits.TrailingZeros64(bad)/8
		}
	}
	return i
}

// latin1Like: the bytes that are not valid UTF-8 read as Latin-1 or
// Windows-1252: letters (é is E9) inside words, punctuation (curly quotes,
// dashes) anywhere; not stray bytes of another kind.
// latin1Fold gives the unaccented letter of each Latin-1 byte from 0xC0.
const latin1Fold = "AAAAAAACEEEEIIIIDNOOOOO OUUUUYTsaaaaaaaceeeeiiiidnooooo ouuuuyty"

// foldLatin1 reads byte c as a Latin-1 letter without its accent, or a space.
func foldLatin1(c byte) byte {
	if c >= 0xC0 {
		return latin1Fold[c-0xC0]
	}
	return ' '
}

func latin1Like(raw []byte) bool {
	isLetter := func(i int) bool {
		if i < 0 || i >= len(raw) {
			return false
		}
		c := raw[i]
		return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
	}
	bad := 0
	for i := 0; i < len(raw); {
		r, n := utf8.DecodeRune(raw[i:])
		if r != utf8.RuneError || n > 1 {
			i += n
			continue
		}
		c := raw[i]
		switch {
		case c == 0x81 || c == 0x8D || c == 0x8F || c == 0x90 || c == 0x9D:
			return false // undefined in Windows-1252
		case c >= 0xC0 && c != 0xD7 && c != 0xF7:
			// A letter: next to an ASCII letter or another such byte.
			j := i
			for j < len(raw) && raw[j] >= 0xC0 {
				j++
			}
			if j-i > 3 || !isLetter(i-1) && !isLetter(j) {
				return false
			}
		}
		bad++
		i++
	}
	return bad > 0
}

// blank overwrites text[start:end] with spaces, keeping newlines so line
// structure (and so paragraph breaks) survives.
func blank(text []byte, start, end int) {
	for i := start; i < end && i < len(text); i++ {
		if text[i] != '\n' {
			text[i] = ' '
		}
	}
}

// firstSentence stands in for a missing headline: the article's first
// sentence, shortened at a word boundary.
func firstSentence(text string) string {
	paras := segment.Split(text)
	if len(paras) == 0 {
		return ""
	}
	first := paras[0].Sentences[0]
	s := strings.Join(strings.Fields(text[first.Start:first.End]), " ")
	const max = 90
	if utf8.RuneCountInString(s) <= max {
		return s
	}
	cut := string([]rune(s)[:max])
	if i := strings.LastIndexByte(cut, ' '); i > max/2 {
		cut = cut[:i]
	}
	return cut + "…"
}
