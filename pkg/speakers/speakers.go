// Package speakers is the corpus-wide view of who is quoted: it merges a
// surname one article uses alone ("Geng") with the full name another gives
// ("Geng Shuang"), and answers a user's --speaker query with the quotations
// whose speaker, or the words the text used for them, it names.
//
// A Table is built once from every article's quotations and can be stored:
// a query then reads the names and where each is used, not every quotation.
package speakers

import (
	"slices"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"

	"github.com/sanc-news/sanc/pkg/quotes"
)

// Ref is one quotation: its article's position in the corpus, and its
// position among that article's quotations.
type Ref struct{ Doc, Quote int32 }

// Name is a distinct speaker name or mention and where it is used.
type Name struct {
	Text    string
	Mention bool   // the words the text used ("the spokesman", "Geng"), not a canonical speaker
	Key     string // Tokens(Text) joined by spaces: what a query is matched against
	Refs    []Ref  // nil until RefList for a stored table
	stored  func() []Ref
}

// Stored makes a name whose references are read only when a query
// matches it: a stored table has tens of thousands of names.
func Stored(text string, mention bool, key string, refs func() []Ref) Name {
	return Name{Text: text, Mention: mention, Key: key, stored: refs}
}

// RefList gives where the name is used.
func (n *Name) RefList() []Ref {
	if n.Refs == nil && n.stored != nil {
		n.Refs, n.stored = n.stored(), nil
	}
	return n.Refs
}

// Table lists the names of a corpus.
type Table struct {
	// Fuller maps a bare surname some article uses as a speaker's whole
	// name to the one full name that ends with it elsewhere in the corpus.
	Fuller map[string]string
	Names  []Name // speakers first, then mentions, each sorted by text
}

// Build makes the table of the quotations of each article, in corpus order.
func Build(docs [][]quotes.Quote) *Table {
	var b Builder
	for d, qs := range docs {
		b.Add(d, qs)
	}
	return b.Table()
}

// Builder makes a table one article at a time, keeping only the names: an
// index of a large library is built without holding every quotation.
type Builder struct{ uses []use }

type use struct {
	ref              Ref
	speaker, mention string
}

// Add notes the quotations of the article at position doc.
func (b *Builder) Add(doc int, qs []quotes.Quote) {
	for i, q := range qs {
		if q.Speaker != "" {
			// Copies: the quotations may be views of a larger buffer.
			b.uses = append(b.uses, use{Ref{int32(doc), int32(i)}, strings.Clone(q.Speaker), strings.Clone(q.Mention)})
		}
	}
}

// Table gives the table of what was added.
func (b *Builder) Table() *Table {
	t := &Table{Fuller: surnameMap(b.uses)}
	speakerAt, mentionAt := map[string]int{}, map[string]int{}
	var speakerNames, mentionNames []Name
	add := func(at map[string]int, names *[]Name, text string, mention bool, r Ref) {
		i, ok := at[text]
		if !ok {
			i = len(*names)
			at[text] = i
			*names = append(*names, Name{Text: text, Mention: mention, Key: strings.Join(Tokens(text, false), " ")})
		}
		(*names)[i].Refs = append((*names)[i].Refs, r)
	}
	for _, u := range b.uses {
		add(speakerAt, &speakerNames, t.Canonical(u.speaker), false, u.ref)
		if u.mention != "" && !IsPronoun(u.mention) {
			add(mentionAt, &mentionNames, u.mention, true, u.ref)
		}
	}
	byText := func(ns []Name) {
		sort.Slice(ns, func(i, j int) bool { return ns[i].Text < ns[j].Text })
	}
	byText(speakerNames)
	byText(mentionNames)
	t.Names = append(speakerNames, mentionNames...)
	return t
}

// Canonical is a quotation's speaker under the fullest name the corpus gives.
func (t *Table) Canonical(speaker string) string {
	if full, ok := t.Fuller[speaker]; ok {
		return full
	}
	return speaker
}

// Match finds the quotations a --speaker query names: the query's words are
// all among the words of the speaker's canonical name, or of the name the
// text used at that point ("Mr. Hwang" finds Michael Hwang).
func (t *Table) Match(query string) map[Ref]bool {
	q := Tokens(query, true)
	refs := map[Ref]bool{}
	if len(q) == 0 {
		return refs
	}
	for i := range t.Names {
		n := &t.Names[i]
		// Most names lack the query's first word: ruled out without
		// splitting them.
		if !strings.Contains(n.Key, q[0]) || !subset(q, strings.Fields(n.Key)) {
			continue
		}
		for _, r := range n.RefList() {
			refs[r] = true
		}
	}
	return refs
}

// honorifics are dropped from a query: "Mr. Hwang" finds Michael Hwang.
var honorifics = map[string]bool{"mr": true, "mrs": true, "ms": true, "miss": true, "dr": true, "prof": true, "sir": true}

var namePunct = strings.NewReplacer(".", "", "’", "'")

// Tokens lower-cases a name and splits it into words, folding punctuation
// and accents ("Jong-un" = "jong un", "U.S." = "us", "Ramírez" = "ramirez").
func Tokens(s string, dropHonorifics bool) []string {
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
		found := false
		for _, y := range b {
			if x == y {
				found = true
				break
			}
		}
		if !found {
			return false
		}
	}
	return len(a) > 0
}

// IsPronoun: a mention that names nobody by itself.
func IsPronoun(s string) bool {
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
func surnameMap(uses []use) map[string]string {
	bySurname := map[string][]string{}
	bare := map[string]bool{}
	seen := map[string]bool{}
	for _, u := range uses {
		if seen[u.speaker] {
			continue
		}
		seen[u.speaker] = true
		words := strings.Fields(u.speaker)
		switch {
		case len(words) == 1 && isTitleCase(words[0]) && !strings.HasSuffix(words[0], "s"):
			// A capitalised plural ("Democrats") names a group, not a surname.
			bare[u.speaker] = true
		case len(words) >= 2 && len(words) <= 3 && allTitleCase(words):
			ends := []string{words[len(words)-1]}
			if len(words) == 2 && utf8.RuneCountInString(words[0]) <= 4 {
				ends = append(ends, words[0]) // "Geng Shuang": a short family name first
			}
			for _, end := range ends {
				if !slices.Contains(bySurname[end], u.speaker) {
					bySurname[end] = append(bySurname[end], u.speaker)
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
