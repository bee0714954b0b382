// Package segment splits article text into paragraphs and sentences, as byte
// spans into the text it was given. It never copies or rewrites the text, so a
// span is always a valid index into the original file bytes.
//
// It is rule-based rather than statistical (Punkt): news copy has a small set of
// traps ("U.S.", "Jan. 6", "Mr. Hwang", initials, a full stop inside closing
// quote marks) that explicit rules get right, quickly and predictably.
package segment

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Span is a half-open byte range [Start, End) into a text.
type Span struct {
	Start int `json:"start"`
	End   int `json:"end"`
}

// Len is the span's length in bytes.
func (s Span) Len() int { return s.End - s.Start }

// Paragraph is a block of text and the sentences in it.
type Paragraph struct {
	Span
	Sentences []Span
}

// Split returns the paragraphs of text, each with its sentences.
func Split(text string) []Paragraph {
	paras := Paragraphs(text)
	out := make([]Paragraph, len(paras))
	for i, p := range paras {
		out[i] = Paragraph{Span: p, Sentences: Sentences(text, p)}
	}
	return out
}

// Paragraphs splits text at blank lines, and at single line breaks unless the
// block is hard-wrapped (wire copy wrapped at ~65 columns), where a line break
// ends a paragraph only before an indented line.
func Paragraphs(text string) []Span {
	var out []Span
	for _, block := range blocks(text) {
		lines := lineSpans(text, block)
		if isHardWrapped(text, lines) {
			start := lines[0].Start
			for i := 1; i < len(lines); i++ {
				if startsIndented(text[lines[i].Start:lines[i].End]) {
					out = appendTrimmed(out, text, Span{start, lines[i-1].End})
					start = lines[i].Start
				}
			}
			out = appendTrimmed(out, text, Span{start, lines[len(lines)-1].End})
			continue
		}
		for _, l := range lines {
			out = appendTrimmed(out, text, l)
		}
	}
	return out
}

// blocks returns the runs of text separated by lines that hold only white space.
func blocks(text string) []Span {
	var out []Span
	start := -1
	lineStart := 0
	for lineStart <= len(text) {
		nl := strings.IndexByte(text[lineStart:], '\n')
		lineEnd := len(text)
		if nl >= 0 {
			lineEnd = lineStart + nl
		}
		blank := strings.TrimSpace(text[lineStart:lineEnd]) == ""
		if blank {
			if start >= 0 {
				out = append(out, Span{start, lineStart})
				start = -1
			}
		} else if start < 0 {
			start = lineStart
		}
		if nl < 0 {
			break
		}
		lineStart = lineEnd + 1
	}
	if start >= 0 {
		out = append(out, Span{start, len(text)})
	}
	return out
}

func lineSpans(text string, block Span) []Span {
	var out []Span
	pos := block.Start
	for pos < block.End {
		nl := strings.IndexByte(text[pos:block.End], '\n')
		end := block.End
		if nl >= 0 {
			end = pos + nl
		}
		out = append(out, Span{pos, end})
		pos = end + 1
	}
	return out
}

// isHardWrapped reports whether a block's line breaks are layout, not
// structure: several lines, none long, most of them near the same width.
func isHardWrapped(text string, lines []Span) bool {
	if len(lines) < 3 {
		return false
	}
	long, full := 0, 0
	for _, l := range lines[:len(lines)-1] {
		end := l.End // strings.TrimRight(…, " \t\r"), without building a cutset
		for end > l.Start && (text[end-1] == ' ' || text[end-1] == '\t' || text[end-1] == '\r') {
			end--
		}
		n := runeCount(text[l.Start:end])
		if n > 100 {
			long++
		}
		if n >= 45 {
			full++
		}
	}
	body := len(lines) - 1
	return long == 0 && full*10 >= body*7
}

// runeCount is utf8.RuneCountInString, quicker on ASCII, which it checks
// eight bytes at a time.
func runeCount(s string) int {
	i := 0
	for ; i+8 <= len(s); i += 8 {
		// sliced first, so that the eight reads need no bounds checks and
		// compile to one load
		c := s[i : i+8]
		if (uint64(c[0])|uint64(c[1])<<8|uint64(c[2])<<16|uint64(c[3])<<24|
			uint64(c[4])<<32|uint64(c[5])<<40|uint64(c[6])<<48|uint64(c[7])<<56)&0x8080808080808080 != 0 {
			break
		}
	}
	return i + utf8.RuneCountInString(s[i:])
}

func startsIndented(line string) bool {
	return strings.HasPrefix(line, "  ") || strings.HasPrefix(line, "\t")
}

func appendTrimmed(out []Span, text string, s Span) []Span {
	s = Trim(text, s)
	if s.Len() > 0 {
		out = append(out, s)
	}
	return out
}

// Trim narrows a span so it neither starts nor ends with white space.
func Trim(text string, s Span) Span {
	// ASCII, the usual case at either end, is read without decoding.
	for s.Start < s.End {
		if c := text[s.Start]; c < utf8.RuneSelf {
			if !isASCIISpace(c) {
				break
			}
			s.Start++
			continue
		}
		r, n := utf8.DecodeRuneInString(text[s.Start:s.End])
		if !unicode.IsSpace(r) {
			break
		}
		s.Start += n
	}
	for s.End > s.Start {
		if c := text[s.End-1]; c < utf8.RuneSelf {
			if !isASCIISpace(c) {
				break
			}
			s.End--
			continue
		}
		r, n := utf8.DecodeLastRuneInString(text[s.Start:s.End])
		if !unicode.IsSpace(r) {
			break
		}
		s.End -= n
	}
	return s
}

// isASCIISpace is unicode.IsSpace for an ASCII byte.
func isASCIISpace(c byte) bool {
	return c == ' ' || c >= '\t' && c <= '\r'
}

// MaxSentence bounds a sentence's length in bytes. Text with no sentence
// breaks (lists, tables, a file that is one long line) is cut at white space
// below it, so every record that quotes its sentence stays small.
const MaxSentence = 4096

// Sentences splits the paragraph p of text into sentences.
func Sentences(text string, p Span) []Span {
	return capLength(text, sentences(text, p))
}

// capLength cuts sentences longer than MaxSentence at the last white space
// before the limit (or at a character boundary when there is none).
func capLength(text string, spans []Span) []Span {
	long := false
	for _, s := range spans {
		if s.Len() > MaxSentence {
			long = true
			break
		}
	}
	if !long {
		return spans
	}
	var out []Span
	for _, s := range spans {
		for s.Len() > MaxSentence {
			cut := s.Start + MaxSentence
			if i := strings.LastIndexAny(text[s.Start:cut], " \t\n"); i > 0 {
				cut = s.Start + i
			} else {
				for cut > s.Start && !utf8.RuneStart(text[cut]) {
					cut--
				}
				if cut == s.Start {
					cut = s.Start + MaxSentence
				}
			}
			out = appendTrimmed(out, text, Span{s.Start, cut})
			s = Trim(text, Span{cut, s.End})
		}
		out = appendTrimmed(out, text, s)
	}
	return out
}

func sentences(text string, p Span) []Span {
	var out []Span
	start := p.Start
	i := p.Start
	// Where the next byte that can end a sentence lies, per byte value: the
	// scan jumps between them.
	var next [4]int
	for k := range next {
		next[k] = p.Start - 1
	}
	for i < p.End {
		for k, c := range [4]byte{'.', '!', '?', "…"[0]} {
			if next[k] < i {
				next[k] = p.End
				if j := strings.IndexByte(text[i:p.End], c); j >= 0 {
					next[k] = i + j
				}
			}
		}
		if i = min(next[0], next[1], next[2], next[3]); i >= p.End {
			break
		}
		if c := text[i]; c == "…"[0] && !strings.HasPrefix(text[i:p.End], "…") {
			i++
			continue
		}
		termStart := i
		// Swallow the whole run of terminators ("?!", "...").
		for i < p.End {
			if text[i] == '.' || text[i] == '!' || text[i] == '?' {
				i++
			} else if strings.HasPrefix(text[i:p.End], "…") {
				i += len("…")
			} else {
				break
			}
		}
		// Closing quote marks and brackets belong to the sentence they close.
		for i < p.End {
			r, n := utf8.DecodeRuneInString(text[i:p.End])
			if !isCloser(r) {
				break
			}
			i += n
		}
		end := i
		if end >= p.End {
			break
		}
		r, _ := utf8.DecodeRuneInString(text[end:p.End])
		if !unicode.IsSpace(r) {
			continue
		}
		next := nextWordStart(text, end, p.End)
		if next >= p.End || !startsSentence(text[next:p.End]) {
			continue
		}
		if text[termStart] == '.' && end == termStart+1 && !boundaryAfterPeriod(text[start:termStart], text[next:p.End]) {
			continue
		}
		out = appendTrimmed(out, text, Span{start, end})
		start = next
		i = next
	}
	return appendTrimmed(out, text, Span{start, p.End})
}

func isCloser(r rune) bool {
	switch r {
	case '"', '\'', '”', '’', '»', ')', ']', '}':
		return true
	}
	return false
}

func nextWordStart(text string, i, end int) int {
	for i < end {
		r, n := utf8.DecodeRuneInString(text[i:end])
		if !unicode.IsSpace(r) {
			return i
		}
		i += n
	}
	return end
}

// startsSentence reports whether s can begin a sentence: an upper-case letter
// or digit, possibly behind opening quote marks or brackets.
func startsSentence(s string) bool {
	for s != "" {
		r, n := utf8.DecodeRuneInString(s)
		switch {
		case r == '"' || r == '\'' || r == '“' || r == '‘' || r == '«' || r == '(' || r == '[':
			s = s[n:]
		case unicode.IsUpper(r) || unicode.IsDigit(r):
			return true
		default:
			return false
		}
	}
	return false
}

// boundaryAfterPeriod decides whether a single full stop ends the sentence,
// given the text before it and the text after the following white space.
func boundaryAfterPeriod(before, after string) bool {
	word := lastToken(before)
	if word == "" {
		return true
	}
	next := firstWord(after)
	bare := strings.TrimLeft(word, "\"'“‘([")
	switch {
	case titles[bare]:
		return false
	case months[bare]:
		// "Jan. 6" is a date; "... in Jan. The" may still end a sentence.
		return !startsWithDigit(after) && sentenceStarters[next]
	case isInitial(bare):
		return false
	case isDottedAcronym(bare) || suffixes[bare]:
		// "the U.S. The" ends a sentence, "the U.S. President" does not.
		return sentenceStarters[next]
	case bare == "No" || bare == "no" || bare == "Nos" || bare == "Art" || bare == "Vol" || bare == "p" || bare == "pp":
		return !startsWithDigit(after)
	}
	return true
}

func lastToken(s string) string {
	i := strings.LastIndexFunc(s, unicode.IsSpace)
	return s[i+1:]
}

func firstWord(s string) string {
	s = strings.TrimLeft(s, "\"'“‘«([")
	end := strings.IndexFunc(s, func(r rune) bool { return !unicode.IsLetter(r) && r != '\'' && r != '’' })
	if end < 0 {
		return s
	}
	return s[:end]
}

func startsWithDigit(s string) bool {
	return s != "" && s[0] >= '0' && s[0] <= '9'
}

// isInitial: a single letter, as in "John F. Kennedy".
func isInitial(w string) bool {
	r, n := utf8.DecodeRuneInString(w)
	return n == len(w) && unicode.IsUpper(r)
}

// isDottedAcronym: "U.S", "D.C", "e.g" — letters joined by full stops (the
// final full stop is the one being judged and is not part of w).
func isDottedAcronym(w string) bool {
	if !strings.Contains(w, ".") {
		return false
	}
	for _, part := range strings.Split(w, ".") {
		if utf8.RuneCountInString(part) != 1 || !unicode.IsLetter([]rune(part)[0]) {
			return false
		}
	}
	return true
}

func set(words ...string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[w] = true
	}
	return m
}

// titles never end a sentence: they always precede a name.
var titles = set("Mr", "Mrs", "Ms", "Messrs", "Dr", "Prof", "Gen", "Lt", "Col", "Maj", "Capt", "Cmdr",
	"Adm", "Sgt", "Cpl", "Brig", "Sen", "Sens", "Rep", "Reps", "Gov", "Lt.Gov", "Pres", "Amb", "Hon",
	"Rev", "Fr", "Sr", "Jr", "St", "Mt", "Ft", "Supt", "Insp", "Det", "Atty", "Sec", "Secy", "Gens",
	"vs", "v", "approx", "ca", "cf", "al", "Dept", "Univ", "Assn", "Ave", "Blvd", "Rd")

var months = set("Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec")

// suffixes often stand mid-sentence but can end one ("Standard Oil Co.").
var suffixes = set("Inc", "Corp", "Co", "Ltd", "Plc", "Bros", "Pty", "LLC", "etc", "Ltda", "Cos")

// sentenceStarters are closed-class words that, capitalised after an
// ambiguous full stop, signal a new sentence.
var sentenceStarters = set("The", "A", "An", "In", "On", "At", "It", "Its", "He", "She", "They", "We", "I",
	"You", "But", "And", "Or", "So", "Yet", "This", "That", "These", "Those", "There", "Their", "His",
	"Her", "Our", "My", "If", "When", "While", "After", "Before", "As", "For", "With", "Some", "Many",
	"Most", "Both", "Each", "No", "Not", "However", "Meanwhile", "Still", "Also", "Last", "Next",
	"Earlier", "Later", "Since", "Under", "According", "Despite", "Although", "What", "Who", "Why",
	"How", "Where", "Officials", "Analysts")
