package doc

import (
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

// line is one line of the text: its byte span and its trimmed content.
type line struct {
	start, end int
	text       string
	words      int
}

func splitLines(text []byte, from int) []line {
	var out []line
	pos := from
	for pos < len(text) {
		end := pos
		for end < len(text) && text[end] != '\n' {
			end++
		}
		t := strings.TrimSpace(string(text[pos:end]))
		out = append(out, line{start: pos, end: end, text: t, words: countFields(t)})
		pos = end + 1
	}
	return out
}

// countFields is len(strings.Fields(s)) without building the slice: a
// single line may be tens of megabytes.
func countFields(s string) int {
	n, in := 0, false
	for _, r := range s {
		if unicode.IsSpace(r) {
			in = false
		} else if !in {
			in = true
			n++
		}
	}
	return n
}

// maxHeaderLines bounds how far down the page header may reach.
const maxHeaderLines = 8

// readHeader finds the page header above the article body: the outlet's name,
// a timestamp, the headline, and furniture ("Make X Your Homepage").
func (d *Document) readHeader(text []byte, lines []line) {
	var lead []line
	for _, l := range lines {
		if l.text != "" {
			lead = append(lead, l)
			if len(lead) > maxHeaderLines {
				break
			}
		}
	}
	var header []line
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
	var candidates []line
	for _, l := range header {
		if t, ok := parseTimestamp(l.text); ok {
			d.HeaderDate = t
			d.drop(text, l, "header timestamp")
			continue
		}
		if reason := furniture(l.text, l.words); reason != "" {
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
	d.Title, d.TitleFrom = candidates[title].text, "header"
	for i, c := range candidates[:title] {
		if i == 0 && c.words <= 4 && isNameLike(c.text) {
			d.Outlet = c.text
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
	if f := strings.Fields(s); len(f) >= 2 && (f[0] == "By" || f[0] == "BY") {
		r, _ := utf8.DecodeRuneInString(f[1])
		if unicode.IsUpper(r) {
			return true
		}
	}
	if dateline.MatchString(s) {
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
	f := strings.Fields(l.text)
	if last := f[len(f)-1]; strings.Contains(last[:len(last)-1], ".") {
		return false
	}
	if _, ok := parseTimestamp(l.text); ok {
		return false
	}
	return furniture(l.text, l.words) == "" && !isByline(l.text, l.words)
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
	// A set of the starts already dropped, not a scan of d.Dropped: a file of
	// a million repeated lines must not take a million squared steps.
	if d.droppedAt == nil || len(d.droppedAt) != len(d.Dropped) {
		d.droppedAt = make(map[int]bool, len(d.Dropped))
		for _, x := range d.Dropped {
			d.droppedAt[x.Start] = true
		}
	}
	if d.droppedAt[l.start] {
		return
	}
	blank(text, l.start, l.end)
	d.Dropped = append(d.Dropped, Dropped{Start: l.start, End: l.end, Reason: reason})
	d.droppedAt[l.start] = true
}

// dropFurniture blanks site furniture, captions and repeated lines in the
// body, then the run of short unfinished lines that trails the article.
func (d *Document) dropFurniture(text []byte, lines []line) {
	seen := map[string]bool{}
	lastBody := -1
	for i, l := range lines {
		if l.text == "" {
			continue
		}
		if reason := furniture(l.text, l.words); reason != "" {
			d.drop(text, l, reason)
			continue
		}
		if l.words >= 3 && seen[l.text] {
			d.drop(text, l, "repeated line")
			continue
		}
		seen[l.text] = true
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
	sort.SliceStable(ds, func(i, j int) bool { return ds[i].Start < ds[j].Start })
}

// furniture says why a line is web-page furniture rather than article text,
// or "" if it is not. The rules look at the shape of the line (short, a label,
// no quotation) and at the vocabulary of page chrome (sharing, comments,
// navigation, advertising), never at particular sites' strings.
func furniture(s string, words int) string {
	if s != "" && strings.IndexFunc(s, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }) < 0 {
		return "separator" // "---", "* * *"
	}
	// Captions are told by their first words; the rest of the rules only
	// look at lines of up to 30 words, so long prose is not lower-cased.
	if isCaption(strings.ToLower(s[:min(len(s), 20)])) {
		return "photo caption"
	}
	if words > 30 {
		return ""
	}
	lower := strings.ToLower(s)
	// "Also Read: <another headline>" — a link to another story.
	if i := strings.IndexByte(s, ':'); i > 0 {
		if linkLabels[strings.ToLower(strings.TrimSpace(s[:i]))] {
			return "link to another story"
		}
	}
	quoted := strings.ContainsAny(s, "\"“”")
	if !quoted && isCommentForm(lower) {
		return "comment form"
	}
	if words > 12 || quoted {
		return ""
	}
	// "Share:", "Tags:", "Also read:" — a bare label. "Caddell continued:"
	// is prose that introduces a quotation.
	if label, ok := strings.CutSuffix(lower, ":"); ok && (words == 1 || linkLabels[strings.TrimSpace(label)]) {
		return "label"
	}
	if words > 8 {
		return ""
	}
	// A short finished sentence is prose even when it names a network or
	// says "comment": "He declined to comment.", "Trump wrote on Twitter."
	prose := words >= 4 && endsSentence(s)
	for _, w := range strings.FieldsFunc(lower, func(r rune) bool { return !unicode.IsLetter(r) }) {
		// Words that are also news vocabulary ("shares", "comment") mark
		// chrome only in a line of two or three words ("Recent Comments").
		if strong, ok := chromeWords[w]; ok && !prose && (strong || words <= 3) {
			return "site furniture"
		}
	}
	for _, p := range chromePhrases {
		if strings.HasPrefix(lower, p) {
			return "navigation"
		}
	}
	return ""
}

// commentFormPhrases are the stock text of a comment form under an article.
var commentFormPhrases = []string{
	"your email address will not be published", "required fields are marked",
	"save my name, email", "leave a reply", "leave a comment", "notify me of",
	"post comment", "cancel reply", "you must be logged in to post",
}

func isCommentForm(lower string) bool {
	for _, p := range commentFormPhrases {
		if strings.Contains(lower, p) {
			return true
		}
	}
	return false
}

func isCaption(lower string) bool {
	for _, p := range []string{"(photo", "photo:", "photo credit", "(image", "image:", "image credit", "(file photo", "file photo:"} {
		if strings.HasPrefix(lower, p) {
			return true
		}
	}
	return false
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
