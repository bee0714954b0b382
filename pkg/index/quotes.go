package index

import (
	"regexp"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"

	"github.com/sanc-news/sanc/pkg/corpus"
	"github.com/sanc-news/sanc/pkg/quotes"
)

// QuoteRecord is one quotation.
type QuoteRecord struct {
	Doc           string   `json:"doc"`
	Path          string   `json:"path"`
	Start         int      `json:"start"`
	End           int      `json:"end"`
	Segments      [][2]int `json:"segments,omitempty"`
	Kind          string   `json:"kind"`
	Quote         string   `json:"quote"`
	Speaker       *string  `json:"speaker"`
	SpeakerStart  *int     `json:"speaker_start"`
	SpeakerEnd    *int     `json:"speaker_end"`
	Mention       string   `json:"mention,omitempty"`
	Role          string   `json:"role,omitempty"`
	Cue           string   `json:"cue,omitempty"`
	Sentence      string   `json:"sentence"`
	SentenceStart int      `json:"sentence_start"`
	SentenceEnd   int      `json:"sentence_end"`
	Date          string   `json:"date"`
	Outlet        string   `json:"outlet"`
	Title         string   `json:"title"`
}

// QuoteFilter selects quotations.
type QuoteFilter struct {
	Scope
	Speaker string         // a name or any part of it, case-insensitive
	Kinds   []string       // direct, partial, indirect; empty = all
	Match   *regexp.Regexp // on the quotation's text
}

// Quotes lists the quotations the filter admits, by document date then
// position. Speakers lists the distinct speakers a --speaker query matched,
// so a caller can warn when a surname was ambiguous.
func (ix *Index) Quotes(f QuoteFilter) (recs []QuoteRecord, speakers []string) {
	var m *speakerMatch
	if f.Speaker != "" {
		m = ix.matchSpeaker(f.Speaker)
		speakers = m.names()
	}
	ix.each(f.Scope, func(it *corpus.Item) {
		for _, q := range it.Quotes {
			if len(f.Kinds) > 0 && !contains(f.Kinds, q.Kind) {
				continue
			}
			if m != nil && !m.matches(q) {
				continue
			}
			if f.Match != nil && (it.LoadText() != nil || !f.Match.MatchString(it.Text[q.Start:q.End])) {
				continue
			}
			recs = append(recs, ix.quoteRecord(it, q))
		}
	})
	return recs, speakers
}

func (ix *Index) quoteRecord(it *corpus.Item, q quotes.Quote) QuoteRecord {
	// On failure to read the file the record keeps its offsets, without words.
	sent := q.Sentence
	if sent.End <= sent.Start {
		_ = it.LoadText()
		sent = sentenceAt(it, q.Start)
	}
	_ = it.LoadRaw()
	r := QuoteRecord{
		Doc: it.ID, Path: it.Path, Start: q.Start, End: q.End, Kind: q.Kind,
		Quote: words(it, q.Start, q.End), Mention: q.Mention, Role: q.Role, Cue: q.Cue,
		Sentence: words(it, sent.Start, sent.End), SentenceStart: sent.Start, SentenceEnd: sent.End,
		Date: day(it.Date), Outlet: it.Outlet, Title: it.Title,
	}
	if len(q.Segments) > 1 {
		for _, s := range q.Segments {
			r.Segments = append(r.Segments, [2]int{s.Start, s.End})
		}
	}
	if name := ix.speaker(q); name != "" {
		r.Speaker = &name
	}
	if r.Role == "" && q.Speaker != "" {
		// The article gave the role once ("Chinese foreign ministry
		// spokesman Geng Shuang"); it holds for the speaker's other quotes.
		r.Role = ix.rolesIn(it)[q.Speaker]
	}
	if q.SpeakerStart >= 0 && q.SpeakerEnd > q.SpeakerStart {
		s, e := q.SpeakerStart, q.SpeakerEnd
		r.SpeakerStart, r.SpeakerEnd = &s, &e
	}
	return r
}

// rolesIn maps each speaker of an article to the first role it gives them,
// built once per article.
func (ix *Index) rolesIn(it *corpus.Item) map[string]string {
	if roles, ok := ix.roles[it.ID]; ok {
		return roles
	}
	roles := map[string]string{}
	for _, q := range it.Quotes {
		if q.Role != "" && roles[q.Speaker] == "" {
			roles[q.Speaker] = q.Role
		}
	}
	ix.roles[it.ID] = roles
	return roles
}

// SpeakerRecord sums up one speaker across the corpus.
type SpeakerRecord struct {
	Speaker   string   `json:"speaker"`
	Role      string   `json:"role"`
	Quotes    int      `json:"quotes"`
	Documents int      `json:"documents"`
	First     string   `json:"first"`
	Last      string   `json:"last"`
	Docs      []string `json:"docs"`
}

// Speakers groups the quotations the filter admits by speaker, most quoted first.
func (ix *Index) Speakers(f QuoteFilter) ([]SpeakerRecord, []string) {
	recs, matched := ix.Quotes(f)
	by := map[string]*SpeakerRecord{}
	var order []string
	for _, q := range recs {
		if q.Speaker == nil {
			continue
		}
		s := by[*q.Speaker]
		if s == nil {
			s = &SpeakerRecord{Speaker: *q.Speaker}
			by[*q.Speaker] = s
			order = append(order, *q.Speaker)
		}
		s.Quotes++
		if s.Role == "" {
			s.Role = q.Role
		}
		if !contains(s.Docs, q.Doc) {
			s.Docs = append(s.Docs, q.Doc)
			s.Documents++
		}
		if q.Date != "" && (s.First == "" || q.Date < s.First) {
			s.First = q.Date
		}
		if q.Date > s.Last {
			s.Last = q.Date
		}
	}
	out := make([]SpeakerRecord, 0, len(order))
	for _, name := range order {
		out = append(out, *by[name])
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Quotes != out[j].Quotes {
			return out[i].Quotes > out[j].Quotes
		}
		return out[i].Speaker < out[j].Speaker
	})
	return out, matched
}

// speakerMatch holds a --speaker query's tokens and the speakers it matched.
type speakerMatch struct {
	ix      *Index
	tokens  map[string][]string // name -> nameTokens(name), computed once
	query   []string
	matched map[string]bool
}

func (ix *Index) matchSpeaker(query string) *speakerMatch {
	m := &speakerMatch{ix: ix, tokens: map[string][]string{}, query: nameTokens(query, true), matched: map[string]bool{}}
	for _, it := range ix.items {
		for _, q := range it.Quotes {
			if m.matches(q) {
				m.matched[ix.speaker(q)] = true
			}
		}
	}
	return m
}

// speaker is a quotation's speaker under the fullest name the corpus gives.
func (ix *Index) speaker(q quotes.Quote) string {
	ix.fullerOnce.Do(func() { ix.fuller = surnameMap(ix.items) })
	if full, ok := ix.fuller[q.Speaker]; ok {
		return full
	}
	return q.Speaker
}

// matches: the query's words are all among the words of the speaker's
// canonical name, or of the name the text used at that point.
func (m *speakerMatch) matches(q quotes.Quote) bool {
	if q.Speaker == "" || len(m.query) == 0 {
		return false
	}
	return subset(m.query, m.tokensOf(m.ix.speaker(q))) || (!isPronoun(q.Mention) && subset(m.query, m.tokensOf(q.Mention)))
}

func (m *speakerMatch) tokensOf(name string) []string {
	t, ok := m.tokens[name]
	if !ok {
		t = nameTokens(name, false)
		m.tokens[name] = t
	}
	return t
}

func (m *speakerMatch) quotedIn(it *corpus.Item) bool {
	for _, q := range it.Quotes {
		if m.matches(q) {
			return true
		}
	}
	return false
}

func (m *speakerMatch) names() []string {
	out := make([]string, 0, len(m.matched))
	for n := range m.matched {
		out = append(out, n)
	}
	sort.Strings(out)
	return out
}

// honorifics are dropped from a query: "Mr. Hwang" finds Michael Hwang.
var honorifics = map[string]bool{"mr": true, "mrs": true, "ms": true, "miss": true, "dr": true, "prof": true, "sir": true}

var namePunct = strings.NewReplacer(".", "", "’", "'")

// nameTokens lower-cases a name and splits it into words, folding
// punctuation ("Jong-un" = "jong un", "U.S." = "us").
func nameTokens(s string, dropHonorifics bool) []string {
	s = strings.ToLower(namePunct.Replace(unaccent(s)))
	words := strings.FieldsFunc(s, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '\'' })
	out := words[:0]
	for _, w := range words {
		if dropHonorifics && honorifics[w] {
			continue
		}
		out = append(out, w)
	}
	return out
}

func subset(a, b []string) bool {
	for _, x := range a {
		if !contains(b, x) {
			return false
		}
	}
	return len(a) > 0
}

func isPronoun(s string) bool {
	switch strings.ToLower(s) {
	case "he", "she", "they", "it", "we", "i", "him", "her", "them":
		return true
	}
	return false
}

// surnameMap finds speakers an article names by surname alone ("Geng") that
// another article names in full ("Geng Shuang"): when exactly one person's
// full name in the corpus ends with that name, or is a two-word name that
// begins with it (family names come first in Chinese and Korean names), they
// are taken to be one.
func surnameMap(items []*corpus.Item) map[string]string {
	bySurname := map[string][]string{}
	bare := map[string]bool{}
	for _, it := range items {
		for _, q := range it.Quotes {
			words := strings.Fields(q.Speaker)
			switch {
			case len(words) == 1 && isTitleCase(words[0]) && !strings.HasSuffix(words[0], "s"):
				// A capitalised plural ("Democrats") names a group, not a surname.
				bare[q.Speaker] = true
			case len(words) >= 2 && len(words) <= 3 && allTitleCase(words):
				ends := []string{words[len(words)-1]}
				if len(words) == 2 && utf8.RuneCountInString(words[0]) <= 4 {
					ends = append(ends, words[0]) // "Geng Shuang": a short family name first
				}
				for _, end := range ends {
					if !contains(bySurname[end], q.Speaker) {
						bySurname[end] = append(bySurname[end], q.Speaker)
					}
				}
			}
		}
	}
	out := map[string]string{}
	for name := range bare {
		if full := bySurname[name]; len(full) == 1 {
			out[name] = full[0]
		}
	}
	return out
}

// isTitleCase: "Geng", "McConnell", not "CBS" or "news" (acronyms name
// organisations, lower-case words are no names).
func isTitleCase(w string) bool {
	r, n := utf8.DecodeRuneInString(w)
	return unicode.IsUpper(r) && strings.ToUpper(w[n:]) != w[n:]
}

func allTitleCase(words []string) bool {
	for _, w := range words {
		if !isTitleCase(w) {
			return false
		}
	}
	return true
}

// unaccent drops diacritics, so "Ramírez" and "Ramirez" are one name (users
// type names without accents; Latin-1 files are read without them).
func unaccent(s string) string {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			// A Chain keeps state: one per call.
			strip := transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn)), norm.NFC)
			out, _, err := transform.String(strip, s)
			if err != nil {
				return s
			}
			return out
		}
	}
	return s
}
