// Package search finds a pattern in the article text of a corpus and returns
// each match inside its sentence, with neighbouring sentences as context.
// Site furniture and page headers are not searched: only the article prose.
package search

import (
	"fmt"
	"regexp"
	"regexp/syntax"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/sanc-news/sanc/pkg/corpus"
	"github.com/sanc-news/sanc/pkg/grams"
)

// Options describe a search.
type Options struct {
	Pattern    string
	Fixed      bool // the pattern is a literal string
	IgnoreCase bool
	Word       bool // match whole words only
	Context    int  // sentences of context before and after
}

// Compile builds the regular expression (RE2 syntax) for the options.
func Compile(o Options) (*regexp.Regexp, error) {
	p := o.Pattern
	if o.Fixed {
		p = regexp.QuoteMeta(p)
	}
	if o.Word {
		// A whole word, as grep -w: no word character right before or after
		// the match. \b says that only next to a word character; next to
		// punctuation ("U.S.") \B does.
		first, last := edges(p)
		p = boundary(first) + `(?:` + p + `)` + boundary(last)
	}
	if o.IgnoreCase {
		p = `(?i)` + p
	}
	re, err := regexp.Compile(p)
	if err != nil {
		return nil, fmt.Errorf("bad pattern: %w", err)
	}
	return re, nil
}

// edges gives the first and last character every match of the pattern
// starts and ends with, or 'a' (a word character) when that depends on the
// text.
func edges(p string) (first, last rune) {
	first, last = 'a', 'a'
	re, err := syntax.Parse(p, syntax.Perl)
	if err != nil {
		return
	}
	re = re.Simplify()
	for re.Op == syntax.OpCapture && len(re.Sub) == 1 {
		re = re.Sub[0]
	}
	head, tail := re, re
	if re.Op == syntax.OpConcat && len(re.Sub) > 0 {
		head, tail = re.Sub[0], re.Sub[len(re.Sub)-1]
	}
	if head.Op == syntax.OpLiteral && len(head.Rune) > 0 {
		first = head.Rune[0]
	}
	if tail.Op == syntax.OpLiteral && len(tail.Rune) > 0 {
		last = tail.Rune[len(tail.Rune)-1]
	}
	return
}

// boundary is the assertion that puts a word edge next to r, with RE2's
// (ASCII) idea of a word character.
func boundary(r rune) string {
	if r == '_' || r < utf8.RuneSelf && (unicode.IsLetter(r) || unicode.IsDigit(r)) {
		return `\b`
	}
	return `\B`
}

// Match is one match.
type Match struct {
	Doc           string   `json:"doc"`
	Path          string   `json:"path"`
	Start         int      `json:"start"`
	End           int      `json:"end"`
	Match         string   `json:"match"`
	Sentence      string   `json:"sentence"`
	SentenceStart int      `json:"sentence_start"`
	SentenceEnd   int      `json:"sentence_end"`
	Before        []string `json:"before,omitempty"`
	After         []string `json:"after,omitempty"`
	Date          string   `json:"date"`
	Title         string   `json:"title"`
	// Marked is the sentence with the match between the caller's markers.
	Marked string `json:"-"`
}

// Search hands emit every match of re in the corpus's articles at
// positions which (Item.Ord), in that order, as it finds them. on and off
// mark the match in Match.Marked (terminal colour codes, or "").
func Search(c *corpus.Corpus, which []int, re *regexp.Regexp, context int, on, off string, emit func(Match) error) error {
	m := newMatcher(re, context, on, off, false)
	return corpus.Visit(c, c.MayMatch(which, m.required), corpus.VisitOptions{Words: true}, m.in, emit)
}

// CountMatches counts the matches per document without building their
// sentences (grep -c, -l): memory stays flat however many matches there are.
func CountMatches(c *corpus.Corpus, which []int, re *regexp.Regexp) []Count {
	m := newMatcher(re, 0, "", "", true)
	var out []Count
	_ = corpus.Visit(c, c.MayMatch(which, m.required), corpus.VisitOptions{Words: true}, func(it *corpus.Item) []Count {
		if n := len(m.in(it)); n > 0 {
			return []Count{{Doc: it.ID, Path: it.Path, Count: n}}
		}
		return nil
	}, func(n Count) error {
		out = append(out, n)
		return nil
	})
	return out
}

func newMatcher(re *regexp.Regexp, context int, on, off string, bare bool) *matcher {
	return &matcher{re: re, context: context, on: on, off: off, bare: bare, wholeMatch: !canMatchSpace(re), needles: requiredWords(re), required: grams.Required(re.String())}
}

// matcher is a search (Search, CountMatches), ready to run on each article.
type matcher struct {
	re         *regexp.Regexp
	context    int
	on, off    string
	bare       bool
	wholeMatch bool             // re cannot match white space: it can run on the raw bytes
	needles    []*regexp.Regexp // words every match holds
	required   []uint32         // what an article's signature must allow (grams.Required)
}

// in finds the matches in one article.
func (m *matcher) in(it *corpus.Item) (found []Match) {
	re, context, on, off, bare := m.re, m.context, m.on, m.off, m.bare
	// The raw bytes rule an article out only where cleaning kept them:
	// a Latin-1 file's text reads its accented letters unaccented.
	if (m.wholeMatch || len(m.needles) > 0) && it.Text == "" && !it.Latin1 {
		raw, err := it.PeekRaw()
		if err != nil || (m.wholeMatch && !m.re.Match(raw)) || !containsAll(raw, m.needles) {
			return nil
		}
		it.Raw = raw // it may match: keep the bytes rather than read them again
	}
	if it.LoadText() != nil {
		return nil // the stored file vanished: nothing to search
	}
	locs := re.FindAllStringIndex(it.Text, -1)
	if len(locs) == 0 {
		return nil
	}
	sents := it.Sentences()
	// Matches in one sentence share its text (and context) rather than
	// copy it each.
	flatCache := map[int]string{}
	sentence := func(k int) string {
		t, ok := flatCache[k]
		if !ok {
			t = flat(it.Text[sents[k].Start:sents[k].End])
			flatCache[k] = t
		}
		return t
	}
	si := 0
	for _, loc := range locs {
		if loc[1] == loc[0] {
			continue // an empty match says nothing
		}
		for si < len(sents) && sents[si].End <= loc[0] {
			si++
		}
		if si == len(sents) || sents[si].Start > loc[0] {
			continue // between sentences: white space only
		}
		if bare {
			found = append(found, Match{Doc: it.ID, Path: it.Path})
			continue
		}
		s := sents[si]
		m := Match{
			Doc: it.ID, Path: it.Path, Start: it.At(loc[0]), End: it.At(loc[1]), Match: strings.Clone(it.Text[loc[0]:loc[1]]),
			Sentence: sentence(si), SentenceStart: it.At(s.Start), SentenceEnd: it.At(s.End),
			Title: it.Title,
		}
		if on == "" && off == "" {
			m.Marked = m.Sentence // no markers: share, do not copy
		} else {
			end := min(loc[1], s.End)
			m.Marked = flat(it.Text[s.Start:loc[0]] + on + it.Text[loc[0]:end] + off + it.Text[end:s.End])
		}
		if !it.Date.IsZero() {
			m.Date = it.Date.Format("2006-01-02")
		}
		for k := max(0, si-context); k < si; k++ {
			m.Before = append(m.Before, sentence(k))
		}
		for k := si + 1; k <= si+context && k < len(sents); k++ {
			m.After = append(m.After, sentence(k))
		}
		found = append(found, m)
	}
	return found
}

// Count is the number of matches in one document.
type Count struct {
	Doc   string `json:"doc"`
	Path  string `json:"path"`
	Count int    `json:"count"`
}

func flat(s string) string {
	f := strings.Fields(s)
	if len(f) == 1 {
		return strings.Clone(f[0]) // not a piece of the article's text, which is released
	}
	return strings.Join(f, " ")
}

// canMatchSpace reports whether some match of re can contain white space.
// When none can, a file whose raw bytes do not match cannot match once
// cleaned (cleaning only turns bytes into spaces), so the file need not be
// cleaned and split to be ruled out.
func canMatchSpace(re *regexp.Regexp) bool {
	parsed, err := syntax.Parse(re.String(), syntax.Perl)
	if err != nil {
		return true
	}
	return spaceIn(parsed)
}

func spaceIn(r *syntax.Regexp) bool {
	switch r.Op {
	case syntax.OpAnyChar, syntax.OpAnyCharNotNL:
		return true
	case syntax.OpLiteral:
		for _, c := range r.Rune {
			if unicode.IsSpace(c) {
				return true
			}
		}
	case syntax.OpCharClass:
		for i := 0; i+1 < len(r.Rune); i += 2 {
			for _, c := range []rune{' ', '\t', '\n', '\r', '\v', '\f', 0x85, 0xA0} {
				if c >= r.Rune[i] && c <= r.Rune[i+1] {
					return true
				}
			}
		}
	}
	for _, sub := range r.Sub {
		if spaceIn(sub) {
			return true
		}
	}
	return false
}

// requiredWords are runs of literal text without white space that every
// match must contain ("Treasury", "Secretary" for "Treasury Secretary"), as
// expressions matching them in the raw file (case folded where the pattern
// is). Cleaning only turns bytes into white space, so a file lacking one of
// them cannot match once cleaned.
func requiredWords(re *regexp.Regexp) []*regexp.Regexp {
	parsed, err := syntax.Parse(re.String(), syntax.Perl)
	if err != nil {
		return nil
	}
	parsed = parsed.Simplify()
	nodes := []*syntax.Regexp{parsed}
	if parsed.Op == syntax.OpConcat {
		nodes = parsed.Sub
	}
	var out []*regexp.Regexp
	for _, n := range nodes {
		if n.Op != syntax.OpLiteral {
			continue
		}
		for _, w := range strings.Fields(string(n.Rune)) {
			if utf8.RuneCountInString(w) < 3 {
				continue
			}
			p := regexp.QuoteMeta(w)
			if n.Flags&syntax.FoldCase != 0 {
				p = "(?i)" + p
			}
			out = append(out, regexp.MustCompile(p))
		}
	}
	return out
}

func containsAll(raw []byte, needles []*regexp.Regexp) bool {
	for _, n := range needles {
		if !n.Match(raw) {
			return false
		}
	}
	return true
}
