package doc

import (
	"regexp"
	"strconv"
	"strings"
	"time"
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

// A header timestamp stands alone on its line: the date, maybe a time, maybe
// wire noise after it.
var (
	numericDate = regexp.MustCompile(`^(?:[A-Za-z]+,?\s+)?(\d{1,4})[/.-](\d{1,2}|[A-Za-z]{3,9})[/.-](\d{2,4})\b`)
	wordDate    = regexp.MustCompile(`^(?:(?:Published|Updated|Posted|Last updated)(?: on| at)?:?\s+)?(?:[A-Za-z]+,?\s+)?([A-Za-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b`)
	dayFirst    = regexp.MustCompile(`^(?:(?:Published|Updated|Posted|Last updated)(?: on| at)?:?\s+)?(?:[A-Za-z]+,?\s+)?(\d{1,2})\s+([A-Za-z]{3,9})\.?,?\s+(\d{4})\b`)
	timeRest    = regexp.MustCompile(`^[\s,|-]*(?:at\s+)?(?:\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?\s*(?:[ap]\.?m\.?)?\s*(?:[A-Z]{2,4}|[+-]\d{2}:?\d{2}|Z)?)?`)
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
	rest = rest[len(timeRest.FindString(rest)):]
	// Allow a little trailing wire noise, not words.
	if len(strings.Fields(rest)) > 1 {
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
	if strings.IndexAny(s[:min(len(s), 48)], "0123456789") < 0 {
		return time.Time{}, 0, false
	}
	if m := numericDate.FindStringSubmatchIndex(s); m != nil {
		a, b, c := s[m[2]:m[3]], s[m[4]:m[5]], s[m[6]:m[7]]
		if t, ok := numericParts(a, b, c); ok {
			return t, m[1], true
		}
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
	if _, isMonthName := monthNames[strings.ToLower(b)]; isMonthName {
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
	m, ok := monthNames[strings.ToLower(month)]
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

var (
	dateline   = regexp.MustCompile(`^\(?[A-Z][A-Za-z .'-]{1,40}(?:\([^)]*\))?,\s+`)
	stampLabel = regexp.MustCompile(`(?i)\b(?:published|updated|posted|date)(?: on| at)?:?\s+`)
)

// textDate finds a publication date written in the article's first lines: a
// dateline ("WASHINGTON, Aug. 15, 2017 —") or a byline stamp ("By X |
// Published: August 15, 2017"). A date without a year is no date here.
func textDate(s string) (time.Time, bool) {
	if strings.IndexAny(s, "0123456789") < 0 {
		return time.Time{}, false
	}
	if m := dateline.FindStringIndex(s); m != nil {
		if t, _, ok := leadingDate(s[m[1]:]); ok {
			return t, true
		}
	}
	for _, part := range strings.Split(s, "|") {
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

// hasStampWord is a cheap test before the case-insensitive stampLabel.
func hasStampWord(s string) bool {
	l := strings.ToLower(s)
	return strings.Contains(l, "published") || strings.Contains(l, "updated") || strings.Contains(l, "posted") || strings.Contains(l, "date")
}

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
	return end > 0 && dateOpeners[strings.ToLower(s[:end])]
}
