package doc

import (
	"bytes"
	"cmp"
	"math/bits"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// line is one line of the text: its byte span and its trimmed content.
type line struct {
	start, end int
	text       string
	words      int
	// chrome is furniture(l), read once: the header rules and the body
	// pass ask it of the same lines.
	chrome string
}

func splitLines(text []byte, from int) []line {
	// One copy of the document, not one per line: the lines' text as it was
	// before any was blanked.
	s := string(text)
	out := make([]line, 0, bytes.Count(text[from:], []byte{'\n'})+1)
	pos := from
	for pos < len(text) {
		end := pos + bytes.IndexByte(text[pos:], '\n')
		if end < pos {
			end = len(text)
		}
		i, j := trimSpace(s, pos, end)
		l := line{start: pos, end: end, text: s[i:j], words: countFields(s[i:j])}
		if l.text != "" {
			l.chrome = furniture(l)
		}
		out = append(out, l)
		pos = end + 1
	}
	return out
}

// trimSpace is strings.TrimSpace(s[i:j]) as the bounds of the result.
func trimSpace(s string, i, j int) (int, int) {
	for i < j {
		r, n := decodeRune(s, i)
		if !isSpace(r) {
			break
		}
		i += n
	}
	for j > i {
		r, n := rune(s[j-1]), 1
		if r >= utf8.RuneSelf {
			r, n = utf8.DecodeLastRuneInString(s[i:j])
		}
		if !isSpace(r) {
			break
		}
		j -= n
	}
	return i, j
}

// countFields is len(strings.Fields(s)) without building the slice: a
// single line may be tens of megabytes.
func countFields(s string) (n int) {
	// A word starts where a space byte (1) is followed by another (0):
	// counted without a branch, which alternating words and spaces defeat,
	// and eight ASCII bytes at a time.
	prev := byte(1)
	for i := 0; i < len(s); i++ {
		if i+8 <= len(s) {
			if x := load64(s, i); x&highs == 0 {
				sp := asciiSpaces(x)
				n += bits.OnesCount64(^sp & highs & (sp<<8 | uint64(prev)<<7))
				prev = byte(sp >> 63)
				i += 7
				continue
			}
		}
		c := s[i]
		if c >= utf8.RuneSelf {
			r, size := utf8.DecodeRuneInString(s[i:])
			cur := byte(0)
			if unicode.IsSpace(r) {
				cur = 1
			}
			n += int(prev &^ cur)
			prev = cur
			i += size - 1
			continue
		}
		cur := spaceBit[c]
		n += int(prev &^ cur)
		prev = cur
	}
	return n
}

const ones, highs = 0x0101010101010101, 0x8080808080808080

// load64 reads s[i:i+8] as a little-endian word (one load, once compiled).
func load64(s string, i int) uint64 {
	s = s[i : i+8]
	return uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24 |
		uint64(s[4])<<32 | uint64(s[5])<<40 | uint64(s[6])<<48 | uint64(s[7])<<56
}

// asciiSpaces marks with its high bit each byte of x, eight ASCII bytes,
// that spaceBit marks: ' ' and '\t' to '\r'. With no high bit set, adding to
// a byte cannot carry into the next.
func asciiSpaces(x uint64) uint64 {
	t := x ^ 0x20*ones
	blank := ^((t&^highs + 0x7f*ones) | t) & highs // the bytes equal to ' '
	ctl := (x + (0x80-'\t')*ones) &^ (x + (0x80-'\r'-1)*ones) & highs
	return blank | ctl
}

// spaceBit is 1 for the ASCII bytes unicode.IsSpace accepts.
var spaceBit = [utf8.RuneSelf]byte{'\t': 1, '\n': 1, '\v': 1, '\f': 1, '\r': 1, ' ': 1}

// isSpace is unicode.IsSpace, quicker for ASCII.
func isSpace(r rune) bool {
	if r < utf8.RuneSelf {
		return spaceBit[r] == 1
	}
	return unicode.IsSpace(r)
}

// maxHeaderLines bounds how far down the page header may reach.
const maxHeaderLines = 8

// readHeader finds the page header above the article body: the outlet's name,
// a timestamp, the headline, and furniture ("Make X Your Homepage").
func (d *Document) readHeader(text []byte, lines []line) {
	lead := make([]line, 0, maxHeaderLines+1)
	for _, l := range lines {
		if l.text != "" {
			lead = append(lead, l)
			if len(lead) > maxHeaderLines {
				break
			}
		}
	}
	header := make([]line, 0, maxHeaderLines)
	for i, l := range lead {
		// A line just above a bare timestamp is the header's headline, even
		// one that reads like prose (wire headlines ending in a quotation).
		stamped := i+1 < len(lead) && isTimestamp(lead[i+1].text)
		if !stamped && (isBodyLine(l) || isProseSentence(l) || i > 0 && isIndented(text, l)) || len(header) == maxHeaderLines {
			break
		}
		header = append(header, l)
	}
	d.findTextDate(lines, len(header))
	candidates := make([]line, 0, maxHeaderLines)
	for _, l := range header {
		if t, ok := parseTimestamp(l.text); ok {
			d.HeaderDate = t
			d.drop(text, l, "header timestamp")
			continue
		}
		if reason := l.chrome; reason != "" {
			d.drop(text, l, reason)
			continue
		}
		if isByline(l.text, l.words) {
			d.drop(text, l, "byline")
			continue
		}
		candidates = append(candidates, l)
	}
	if len(candidates) == 0 {
		return
	}
	title := 0
	for i, c := range candidates {
		if c.words > candidates[title].words {
			title = i
		}
	}
	if candidates[title].words < 2 {
		return
	}
	// A copy: the line's text is cut from a copy of the whole document.
	d.Title, d.TitleFrom = strings.Clone(candidates[title].text), "header"
	for i, c := range candidates[:title] {
		if i == 0 && c.words <= 4 && isNameLike(c.text) {
			d.Outlet = strings.Clone(c.text)
			d.drop(text, c, "outlet")
		} else {
			d.drop(text, c, "site header")
		}
	}
	// The headline stays in the text: it is the article's own words, often
	// names the person it then quotes by surname alone, and people grep for
	// it. Verbatim repeats of it go.
	first := true
	for _, l := range lines {
		if l.text == d.Title {
			if !first {
				d.drop(text, l, "repeated headline")
			}
			first = false
		}
	}
}

// isIndented: wire copy opens each paragraph with spaces; page headers are
// flush left.
func isIndented(text []byte, l line) bool {
	return l.end-l.start > 2 && (text[l.start] == '\t' || text[l.start] == ' ' && text[l.start+1] == ' ')
}

func isTimestamp(s string) bool {
	_, ok := parseTimestamp(s)
	return ok
}

// findTextDate looks for a dateline or byline date in the lines just below
// the header.
func (d *Document) findTextDate(lines []line, skip int) {
	seen := 0
	for _, l := range lines {
		if l.text == "" {
			continue
		}
		seen++
		if seen > skip+3 {
			return
		}
		if _, stamp := parseTimestamp(l.text); stamp {
			continue // a bare stamp is the page header's, judged later
		}
		if t, ok := textDate(l.text); ok {
			d.TextDate = t
			return
		}
	}
}

// isByline: a short line naming the writer ("By Maria Lopes") or stamping the
// story ("Published: March 3, 2021"), which is not the headline. A dateline
// opening the first paragraph is not one.
func isByline(s string, words int) bool {
	if words > 14 {
		return false
	}
	if first, rest := nextField(s); first == "By" || first == "BY" {
		second, _ := nextField(rest)
		r, _ := utf8.DecodeRuneInString(second)
		if unicode.IsUpper(r) {
			return true
		}
	}
	if dateline(s) >= 0 {
		return false
	}
	_, ok := textDate(s)
	return ok
}

// isBodyLine: a line long enough and finished enough to be article prose.
func isBodyLine(l line) bool {
	if l.words >= 25 {
		return true
	}
	if l.words < 8 {
		return false
	}
	last, _ := utf8.DecodeLastRuneInString(l.text)
	return strings.ContainsRune(".!?\"”’)", last)
}

// isProseSentence: a short line that ends in a full stop, as a sentence
// does and a headline does not ("The vote was close."), so the page header
// has ended. Stamps, bylines, furniture and a headline ending in an
// abbreviation ("Beijing Rebukes U.S.") are not.
func isProseSentence(l line) bool {
	if l.words < 3 || !strings.HasSuffix(l.text, ".") {
		return false
	}
	// the last word: the line is trimmed, so it follows the last space
	last := l.text
	if i := strings.LastIndexFunc(last, unicode.IsSpace); i >= 0 {
		_, n := utf8.DecodeRuneInString(last[i:])
		last = last[i+n:]
	}
	if strings.Contains(last[:len(last)-1], ".") {
		return false
	}
	if _, ok := parseTimestamp(l.text); ok {
		return false
	}
	return l.chrome == "" && !isByline(l.text, l.words)
}

// isNameLike: every word starts with a capital or is a short function word
// ("The Cable", "CHINA TOPIX", "Voice of America").
func isNameLike(s string) bool {
	for _, w := range strings.Fields(s) {
		r, _ := utf8.DecodeRuneInString(w)
		if !unicode.IsUpper(r) && !unicode.IsDigit(r) && len(w) > 3 {
			return false
		}
	}
	return true
}

func (d *Document) drop(text []byte, l line, reason string) {
	if d.isDropped(l.start) {
		return
	}
	blank(text, l.start, l.end)
	d.Dropped = append(d.Dropped, Dropped{Start: l.start, End: l.end, Reason: reason})
	if d.droppedAt != nil {
		d.droppedAt[l.start] = true
	}
}

// isDropped: a line starting at start is in d.Dropped. A short list is
// scanned; a long one gets a set of its starts, so that a file of a million
// repeated lines does not take a million squared steps.
func (d *Document) isDropped(start int) bool {
	if len(d.Dropped) <= 16 {
		for _, x := range d.Dropped {
			if x.Start == start {
				return true
			}
		}
		return false
	}
	if len(d.droppedAt) != len(d.Dropped) {
		d.droppedAt = make(map[int]bool, len(d.Dropped))
		for _, x := range d.Dropped {
			d.droppedAt[x.Start] = true
		}
	}
	return d.droppedAt[start]
}

// dropFurniture blanks site furniture, captions and repeated lines in the
// body, then the run of short unfinished lines that trails the article.
func (d *Document) dropFurniture(text []byte, lines []line) {
	// The lines of three words or more seen so far (only they can count as
	// repeats): the first few in a list, which is all most articles need,
	// the rest in a map.
	var first [16]string
	seenFirst := first[:0]
	var seenRest map[string]bool
	lastBody := -1
	for i, l := range lines {
		if l.text == "" {
			continue
		}
		if reason := l.chrome; reason != "" {
			d.drop(text, l, reason)
			continue
		}
		if l.words >= 3 {
			if slices.Contains(seenFirst, l.text) || seenRest[l.text] {
				d.drop(text, l, "repeated line")
				continue
			}
			if len(seenFirst) < len(first) {
				seenFirst = append(seenFirst, l.text)
			} else {
				if seenRest == nil {
					seenRest = map[string]bool{}
				}
				seenRest[l.text] = true
			}
		}
		if isBodyLine(l) || endsSentence(l.text) {
			lastBody = i
		}
	}
	for _, l := range lines[lastBody+1:] {
		if l.text != "" && l.words <= 6 && !endsSentence(l.text) {
			d.drop(text, l, "page footer")
		}
	}
	sortDropped(d.Dropped)
}

func endsSentence(s string) bool {
	last, _ := utf8.DecodeLastRuneInString(s)
	return strings.ContainsRune(".!?\"”", last)
}

func sortDropped(ds []Dropped) {
	slices.SortStableFunc(ds, func(a, b Dropped) int { return cmp.Compare(a.Start, b.Start) })
}

// nextField splits off the first field of s, as strings.Fields reads it.
func nextField(s string) (field, rest string) {
	i, _ := trimSpace(s, 0, len(s))
	j := i
	for j < len(s) {
		r, n := decodeRune(s, j)
		if isSpace(r) {
			break
		}
		j += n
	}
	return s[i:j], s[j:]
}

// furniture says why a line is web-page furniture rather than article text,
// or "" if it is not. The rules look at the shape of the line (short, a label,
// no quotation) and at the vocabulary of page chrome (sharing, comments,
// navigation, advertising), never at particular sites' strings.
func furniture(l line) string {
	s, words := l.text, l.words
	if s != "" && !hasLetterOrDigit(s) {
		return "separator" // "---", "* * *"
	}
	// Captions are told by their first words; the rest of the rules only
	// look at lines of up to 30 words, so long prose is not lower-cased.
	if isCaption(s) {
		return "photo caption"
	}
	if words > 30 {
		return ""
	}
	// "Also Read: <another headline>" — a link to another story.
	if i := strings.IndexByte(s, ':'); i > 0 {
		if linkLabels[strings.ToLower(strings.TrimSpace(s[:i]))] {
			return "link to another story"
		}
	}
	// (strings.ContainsAny would decode every rune: its marks are not ASCII)
	quoted := strings.IndexByte(s, '"') >= 0 || strings.Contains(s, "“") || strings.Contains(s, "”")
	if !quoted && isCommentForm(s) {
		return "comment form"
	}
	if words > 12 || quoted {
		return ""
	}
	// "Share:", "Tags:", "Also read:" — a bare label. "Caddell continued:"
	// is prose that introduces a quotation.
	if label, ok := strings.CutSuffix(s, ":"); ok && (words == 1 || linkLabels[strings.ToLower(strings.TrimSpace(label))]) {
		return "label"
	}
	if words > 8 {
		return ""
	}
	var buf [128]byte
	lower := appendLower(buf[:0], s)
	// A short finished sentence is prose even when it names a network or
	// says "comment": "He declined to comment.", "Trump wrote on Twitter."
	if prose := words >= 4 && endsSentence(s); !prose && hasChromeWord(lower, words) {
		return "site furniture"
	}
	if len(lower) > 0 {
		for _, p := range chromeByFirst[lower[0]] {
			if len(lower) >= len(p) && string(lower[:len(p)]) == p {
				return "navigation"
			}
		}
	}
	return ""
}

// appendLower appends strings.ToLower(s) to b: for a short ASCII line, into
// b's own room, with no allocation.
func appendLower(b []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return append(b, strings.ToLower(s)...)
		}
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		b = append(b, c)
	}
	return b
}

// hasLetterOrDigit: s has a letter or a digit.
func hasLetterOrDigit(s string) bool {
	for i := 0; i < len(s); {
		r, n := decodeRune(s, i)
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return true
		}
		i += n
	}
	return false
}

// hasChromeWord: a word of the lower-cased line (a run of letters) is in
// chromeWords. Words that are also news vocabulary ("shares", "comment")
// mark chrome only in a line of two or three words ("Recent Comments").
func hasChromeWord(lower []byte, words int) bool {
	for i := 0; i < len(lower); {
		j := i
		for j < len(lower) {
			if c := lower[j]; c < utf8.RuneSelf {
				if !isASCIILetter(c) {
					break
				}
				j++
				continue
			}
			r, n := utf8.DecodeRune(lower[j:])
			if !unicode.IsLetter(r) {
				break
			}
			j += n
		}
		if j == i {
			_, n := utf8.DecodeRune(lower[i:])
			i += n
			continue
		}
		if !chromeShape.has(lower[i:j]) {
			i = j
			continue
		}
		if strong, ok := chromeWords[string(lower[i:j])]; ok && (strong || words <= 3) {
			return true
		}
		i = j
	}
	return false
}

// decodeRune is utf8.DecodeRuneInString(s[i:]) with a fast path for ASCII.
func decodeRune(s string, i int) (rune, int) {
	if s[i] < utf8.RuneSelf {
		return rune(s[i]), 1
	}
	return utf8.DecodeRuneInString(s[i:])
}

// commentFormPhrases are the stock text of a comment form under an article.
var commentFormPhrases = []string{
	"your email address will not be published", "required fields are marked",
	"save my name, email", "leave a reply", "leave a comment", "notify me of",
	"post comment", "cancel reply", "you must be logged in to post",
}

// commentFirst and commentSecond mark, bit i for commentFormPhrases[i], the
// bytes that can open a phrase and follow its opening: a letter in either
// case. A line is scanned once rather than once per phrase.
var commentFirst, commentSecond, commentThird = func() (first, second, third [256]uint16) {
	for i, p := range commentFormPhrases {
		for k, t := range []*[256]uint16{&first, &second, &third} {
			t[p[k]] |= 1 << i
			t[p[k]-'a'+'A'] |= 1 << i
		}
	}
	return first, second, third
}()

// isCommentForm: strings.ToLower(s) contains a comment-form phrase, found
// without lower-casing s. A phrase's first three letters are neither i nor k,
// the only ASCII letters a non-ASCII rune lower-cases to (İ, K), so a match
// opens with three letters in ASCII, each in either case.
func isCommentForm(s string) bool {
	for i := 0; i+2 < len(s); i++ {
		m := commentFirst[s[i]]
		if m == 0 {
			continue // most bytes open no phrase
		}
		for m &= commentSecond[s[i+1]] & commentThird[s[i+2]]; m != 0; m &= m - 1 {
			if hasPrefixFold(s[i:], commentFormPhrases[bits.TrailingZeros16(m)]) {
				return true
			}
		}
	}
	return false
}

// captionOpeners begin a photo caption, in lower case.
var captionOpeners = []string{"(photo", "photo:", "photo credit", "(image", "image:", "image credit", "(file photo", "file photo:"}

func isCaption(s string) bool {
	// Most lines open with a byte no caption opens with (İ lower-cases to i).
	if s == "" || s[0] < utf8.RuneSelf && !strings.ContainsRune("(pPiIfF", rune(s[0])) {
		return false
	}
	for _, p := range captionOpeners {
		if hasPrefixFold(s, p) {
			return true
		}
	}
	return false
}

// hasPrefixFold is strings.HasPrefix(strings.ToLower(s), p) for a lower-case
// ASCII p, without lower-casing s.
func hasPrefixFold(s, p string) bool {
	i := 0
	for j := 0; j < len(p); j++ {
		if i >= len(s) {
			return false
		}
		r, n := decodeRune(s, i)
		if unicode.ToLower(r) != rune(p[j]) {
			return false
		}
		i += n
	}
	return true
}

// linkLabels introduce a link to another page.
var linkLabels = map[string]bool{
	"also read": true, "read also": true, "read more": true, "read": true, "related": true,
	"see also": true, "watch": true, "recommended": true, "more": true, "trending": true,
	"listen": true, "advertisement": true, "sponsored": true, "share": true, "follow": true,
	"tags": true, "topics": true, "must read": true, "don't miss": true, "suggested": true,
}

// chromeWords belong to page chrome, not to news prose, when they stand in a
// short line: sharing, social networks, comment forms, ads, site navigation.
// Includes the comment-form words of the languages scraped sites mix in.
// true: never news vocabulary; false: also common in headlines and prose.
var chromeWords = map[string]bool{
	"facebook": true, "twitter": true, "whatsapp": true, "telegram": true, "instagram": true,
	"linkedin": true, "pinterest": true, "reddit": true, "newsletter": true, "unsubscribe": true,
	"homepage": true, "taboola": true, "outbrain": true, "sponsored": true, "advertisement": true,
	"cookie": true, "cookies": true, "commento": true, "commenti": true, "commentaire": true,
	"commentaires": true, "comentario": true, "comentarios": true, "kommentar": true,
	"kommentare": true, "analytics": true, "login": true, "signup": true,
	"share": false, "shares": false, "comment": false, "comments": false, "email": false,
	"subscribe": false, "advertising": false, "copyright": false, "print": false,
}

// chromePhrases begin navigation lines ("Go to Top", "More from X").
var chromePhrases = []string{
	"go to top", "back to top", "scroll to top", "more from", "latest from", "latest news",
	"related news", "related stories", "related articles", "popular stories", "most read",
	"most popular", "trending now", "sign up", "log in", "all rights reserved", "you may also like",
	"by taboola", "skip to", "click here", "©", "follow us", "like us on", "subscribe to our",
}

// chromeByFirst indexes chromePhrases by their first byte.
var chromeByFirst = func() (m [256][]string) {
	for _, p := range chromePhrases {
		m[p[0]] = append(m[p[0]], p)
	}
	return m
}()

// chromeShape rules most words out of chromeWords without hashing them.
var chromeShape = func() (sh wordShapes) {
	for w := range chromeWords {
		sh.add(w)
	}
	return sh
}()

// wordShapes marks, by the first and last byte of a word (low five bits),
// the lengths (up to 31) of the words of a set: a word whose shape is not
// marked is not in the set.
type wordShapes [32][32]uint32

func (sh *wordShapes) add(w string) {
	sh[w[0]&31][w[len(w)-1]&31] |= 1 << min(len(w), 31)
}

func (sh *wordShapes) has(w []byte) bool {
	return sh[w[0]&31][w[len(w)-1]&31]&(1<<min(len(w), 31)) != 0
}
