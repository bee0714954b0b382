package doc

import (
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// parseDate reads a date given as metadata (front matter, --date).
func parseDate(s string) (time.Time, bool) {
	s = strings.TrimSpace(s)
	for _, layout := range []string{"2006-01-02", time.RFC3339, "2006-01-02 15:04:05", "2006-01-02T15:04:05", "2006-01-02 15:04", "2006/01/02"} {
		if t, err := time.Parse(layout, s); err == nil {
			return dayOf(t), true
		}
	}
	if t, ok := parseTimestamp(s); ok {
		return t, true
	}
	return time.Time{}, false
}

// ParseDate reads a date given by a user: 2017-08-15 or the forms a page
// header uses. The result is a calendar day in UTC.
func ParseDate(s string) (time.Time, bool) { return parseDate(s) }

func dayOf(t time.Time) time.Time {
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
}

var monthNames = map[string]time.Month{
	"jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3, "apr": 4, "april": 4,
	"may": 5, "jun": 6, "june": 6, "jul": 7, "july": 7, "aug": 8, "august": 8, "sep": 9, "sept": 9,
	"september": 9, "oct": 10, "october": 10, "nov": 11, "november": 11, "dec": 12, "december": 12,
}

// monthOf is monthNames[strings.ToLower(s)], without allocating for the
// short ASCII words it is mostly given.
func monthOf(s string) (time.Month, bool) {
	var buf [len("september")]byte
	if len(s) > len(buf) {
		m, ok := monthNames[strings.ToLower(s)]
		return m, ok
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= utf8.RuneSelf {
			m, ok := monthNames[strings.ToLower(s)]
			return m, ok
		}
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		buf[i] = c
	}
	m, ok := monthNames[string(buf[:len(s)])]
	return m, ok
}

// A header timestamp stands alone on its line: the date, maybe a time, maybe
// wire noise after it. The commonest forms are read by hand-written scanners
// (numericDate, timeRest): a regular expression costs more than the rest of
// the work on a short line.
var (
	wordDate = regexp.MustCompile(`^(?:(?:Published|Updated|Posted|Last updated)(?: on| at)?:?\s+)?(?:[A-Za-z]+,?\s+)?([A-Za-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b`)
	dayFirst = regexp.MustCompile(`^(?:(?:Published|Updated|Posted|Last updated)(?: on| at)?:?\s+)?(?:[A-Za-z]+,?\s+)?(\d{1,2})\s+([A-Za-z]{3,9})\.?,?\s+(\d{4})\b`)
)

// parseTimestamp recognises a line that is only a date (and time): the page
// header or byline stamp of a scraped article.
func parseTimestamp(s string) (time.Time, bool) {
	s = strings.TrimSpace(s)
	if len(s) > 60 || len(s) < 6 {
		return time.Time{}, false
	}
	t, n, ok := leadingDate(s)
	if !ok {
		return time.Time{}, false
	}
	rest := s[n:]
	rest = rest[timeRest(rest):]
	// Allow a little trailing wire noise, not words.
	if countFields(rest) > 1 {
		return time.Time{}, false
	}
	return t, true
}

// leadingDate parses a date at the start of s and says how many bytes it took.
func leadingDate(s string) (time.Time, int, bool) {
	if !mayStartDate(s) {
		return time.Time{}, 0, false
	}
	// Every form has a day or a year in digits within its first few words:
	// skip the regular expressions for the lines that cannot match.
	if !hasDigit(s[:min(len(s), 48)]) {
		return time.Time{}, 0, false
	}
	if a, b, c, end, ok := numericDate(s); ok {
		if t, ok := numericParts(a, b, c); ok {
			return t, end, true
		}
	}
	if !hasSpacedYear(s) {
		return time.Time{}, 0, false // what wordDate and dayFirst both need
	}
	if m := wordDate.FindStringSubmatchIndex(s); m != nil {
		if t, ok := makeDate(s[m[6]:m[7]], s[m[2]:m[3]], s[m[4]:m[5]]); ok {
			return t, m[1], true
		}
	}
	if m := dayFirst.FindStringSubmatchIndex(s); m != nil {
		if t, ok := makeDate(s[m[6]:m[7]], s[m[4]:m[5]], s[m[2]:m[3]]); ok {
			return t, m[1], true
		}
	}
	return time.Time{}, 0, false
}

// numericParts reads 2017-08-15, 08/15/2017 (US order first), 15.08.2017 and
// 26-FEB-1987.
func numericParts(a, b, c string) (time.Time, bool) {
	if len(a) == 4 {
		return makeDate(a, b, c)
	}
	if len(c) == 2 {
		c = "19" + c
		if n, _ := strconv.Atoi(c[2:]); n < 70 {
			c = "20" + c[2:]
		}
	}
	if _, isMonthName := monthOf(b); isMonthName {
		return makeDate(c, b, a)
	}
	if t, ok := makeDate(c, a, b); ok {
		return t, true
	}
	return makeDate(c, b, a)
}

func makeDate(year, month, day string) (time.Time, bool) {
	y, err := strconv.Atoi(year)
	if err != nil || y < 1900 || y > 2100 {
		return time.Time{}, false
	}
	m, ok := monthOf(month)
	if !ok {
		n, err := strconv.Atoi(month)
		if err != nil || n < 1 || n > 12 {
			return time.Time{}, false
		}
		m = time.Month(n)
	}
	dd, err := strconv.Atoi(day)
	if err != nil || dd < 1 || dd > 31 {
		return time.Time{}, false
	}
	t := time.Date(y, m, dd, 0, 0, 0, 0, time.UTC)
	if t.Day() != dd {
		return time.Time{}, false
	}
	return t, true
}

var stampLabel = regexp.MustCompile(`(?i)\b(?:published|updated|posted|date)(?: on| at)?:?\s+`)

// textDate finds a publication date written in the article's first lines: a
// dateline ("WASHINGTON, Aug. 15, 2017 —") or a byline stamp ("By X |
// Published: August 15, 2017"). A date without a year is no date here.
func textDate(s string) (time.Time, bool) {
	if !hasDigit(s) {
		return time.Time{}, false
	}
	if end := dateline(s); end >= 0 {
		if t, _, ok := leadingDate(s[end:]); ok {
			return t, true
		}
	}
	for rest, more := s, true; more; {
		var part string
		part, rest, more = strings.Cut(rest, "|")
		part = strings.TrimSpace(part)
		if hasStampWord(part) {
			if m := stampLabel.FindStringIndex(part); m != nil {
				part = part[m[1]:]
			}
		}
		if t, ok := parseTimestamp(part); ok {
			return t, true
		}
	}
	return time.Time{}, false
}

// hasStampWord is a cheap test before the case-insensitive stampLabel:
// strings.Contains(strings.ToLower(s), w) for a stamp word w, without
// lower-casing s.
func hasStampWord(s string) bool {
	for i := 0; i < len(s); i++ {
		// Every word opens with p, u or d, and an ASCII byte starts a rune;
		// its second letter is neither i nor k, so it is ASCII too.
		if c := s[i] | 0x20; c != 'p' && c != 'u' && c != 'd' || i+1 == len(s) {
			continue
		}
		for _, w := range stampWords {
			if s[i+1]|0x20 == w[1] && hasPrefixFold(s[i:], w) {
				return true
			}
		}
	}
	return false
}

var stampWords = []string{"published", "updated", "posted", "date"}

// dateOpeners are the words a date line can start with besides a digit: a
// weekday, a month, or a stamp label.
var dateOpeners = func() map[string]bool {
	m := map[string]bool{"published": true, "updated": true, "posted": true, "last": true}
	for name := range monthNames {
		m[name] = true
	}
	for d := time.Sunday; d <= time.Saturday; d++ {
		full := strings.ToLower(d.String())
		m[full], m[full[:3]] = true, true
	}
	for _, w := range []string{"tues", "thur", "thurs", "weds"} {
		m[w] = true
	}
	return m
}()

// mayStartDate cheaply rules out lines that cannot open with a date, before
// any regular expression runs: most lines of an article.
func mayStartDate(s string) bool {
	if s == "" {
		return false
	}
	if s[0] >= '0' && s[0] <= '9' {
		return true
	}
	end := 0
	for end < len(s) && end < 12 && (s[end]|0x20 >= 'a' && s[end]|0x20 <= 'z') {
		end++
	}
	if end == 0 {
		return false
	}
	var lower [12]byte
	for i := range end {
		lower[i] = s[i] | 0x20
	}
	return dateOpeners[string(lower[:end])]
}

// The scanners below each match what a regular expression (quoted, in Go's
// syntax, where \s is [\t\n\f\r ] and \b an ASCII word boundary) matches at
// the start of s. Each is written so that no backtracking could find another
// match: a run of a class is followed by a byte outside it.

// numericDate matches `(?:[A-Za-z]+,?\s+)?(\d{1,4})[/.-](\d{1,2}|[A-Za-z]{3,9})[/.-](\d{2,4})\b`
// and gives the three groups and the end of the match.
func numericDate(s string) (a, b, c string, end int, ok bool) {
	i := 0
	if j := run(s, 0, isASCIILetter); j > 0 {
		if j < len(s) && s[j] == ',' {
			j++
		}
		if i = run(s, j, isRESpace); i == j {
			return "", "", "", 0, false
		}
	}
	j := run(s, i, isDigit)
	if j == i || j-i > 4 || !isDateSep(s, j) {
		return "", "", "", 0, false
	}
	a, i = s[i:j], j+1
	if j = run(s, i, isDigit); j > i {
		if j-i > 2 {
			return "", "", "", 0, false
		}
	} else if j = run(s, i, isASCIILetter); j-i < 3 || j-i > 9 {
		return "", "", "", 0, false
	}
	if !isDateSep(s, j) {
		return "", "", "", 0, false
	}
	b, i = s[i:j], j+1
	j = run(s, i, isDigit)
	if j-i < 2 || j-i > 4 || j < len(s) && isWordByte(s[j]) {
		return "", "", "", 0, false
	}
	return a, b, s[i:j], j, true
}

// timeRest gives the length of the match of
// `[\s,|-]*(?:at\s+)?(?:\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?\s*(?:[ap]\.?m\.?)?\s*(?:[A-Z]{2,4}|[+-]\d{2}:?\d{2}|Z)?)?`:
// the time and zone after a date. Every part after the first is optional, so
// each is taken when it matches and skipped otherwise.
func timeRest(s string) int {
	i := run(s, 0, func(c byte) bool { return isRESpace(c) || c == ',' || c == '|' || c == '-' })
	if strings.HasPrefix(s[i:], "at") {
		if j := run(s, i+2, isRESpace); j > i+2 {
			i = j
		}
	}
	if j := run(s, i, isDigit); j > i && j-i <= 2 && j < len(s) && s[j] == ':' && twoDigits(s, j+1) {
		i = j + 3
	} else {
		return i
	}
	if i < len(s) && s[i] == ':' && twoDigits(s, i+1) {
		i += 3
		if i+1 < len(s) && s[i] == '.' && isDigit(s[i+1]) {
			i = run(s, i+1, isDigit)
		}
	}
	i = run(s, i, isRESpace)
	if i < len(s) && (s[i] == 'a' || s[i] == 'p') {
		j := i + 1
		if j < len(s) && s[j] == '.' {
			j++
		}
		if j < len(s) && s[j] == 'm' {
			i = j + 1
			if i < len(s) && s[i] == '.' {
				i++
			}
		}
	}
	i = run(s, i, isRESpace)
	switch up := run(s, i, func(c byte) bool { return 'A' <= c && c <= 'Z' }) - i; {
	case up >= 2:
		i += min(up, 4)
	case i < len(s) && (s[i] == '+' || s[i] == '-') && twoDigits(s, i+1):
		if i+3 < len(s) && s[i+3] == ':' && twoDigits(s, i+4) {
			i += 6
		} else if twoDigits(s, i+3) {
			i += 5
		}
	case i < len(s) && s[i] == 'Z':
		i++
	}
	return i
}

// dateline gives the end of the match of
// `\(?[A-Z][A-Za-z .'-]{1,40}(?:\([^)]*\))?,\s+` ("WASHINGTON (Reuters), "),
// or -1.
func dateline(s string) int {
	i := 0
	if i < len(s) && s[i] == '(' {
		i++
	}
	if i == len(s) || s[i] < 'A' || s[i] > 'Z' {
		return -1
	}
	i++
	j := run(s, i, func(c byte) bool { return isASCIILetter(c) || c == ' ' || c == '.' || c == '\'' || c == '-' })
	if j == i || j-i > 40 {
		return -1
	}
	i = j
	if i < len(s) && s[i] == '(' {
		k := strings.IndexByte(s[i:], ')')
		if k < 0 {
			return -1
		}
		i += k + 1
	}
	if i == len(s) || s[i] != ',' {
		return -1
	}
	if j = run(s, i+1, isRESpace); j == i+1 {
		return -1
	}
	return j
}

func hasDigit(s string) bool {
	for i := 0; i < len(s); i++ {
		if isDigit(s[i]) {
			return true
		}
	}
	return false
}

// hasSpacedYear: s has `\s\d{4}\b`, four digits after white space, as
// wordDate and dayFirst need.
func hasSpacedYear(s string) bool {
	for i := 1; i+4 <= len(s); i++ {
		if isRESpace(s[i-1]) && isDigit(s[i]) && run(s, i, isDigit) == i+4 && (i+4 == len(s) || !isWordByte(s[i+4])) {
			return true
		}
	}
	return false
}

// run gives the end of the run of bytes in class from s[i].
func run(s string, i int, class func(byte) bool) int {
	for i < len(s) && class(s[i]) {
		i++
	}
	return i
}

func isDigit(c byte) bool       { return '0' <= c && c <= '9' }
func isASCIILetter(c byte) bool { return 'a' <= c|0x20 && c|0x20 <= 'z' }
func isRESpace(c byte) bool     { return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r' }
func isWordByte(c byte) bool    { return isDigit(c) || isASCIILetter(c) || c == '_' }
func isDateSep(s string, i int) bool {
	return i < len(s) && (s[i] == '/' || s[i] == '.' || s[i] == '-')
}
func twoDigits(s string, i int) bool { return i+1 < len(s) && isDigit(s[i]) && isDigit(s[i+1]) }
