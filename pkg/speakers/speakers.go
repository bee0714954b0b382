// Package speakers is the corpus-wide view of who is quoted: it merges a
// surname one article uses alone ("Geng") with the full name another gives
// ("Geng Shuang"), and answers a user's --speaker query with the quotations
// whose speaker, or the words the text used for them, it names.
//
// A Table is built once from every article's quotations and can be stored:
// a query then reads the names one at a time, and where those it matches
// are used, not every quotation.
package speakers

import (
	"cmp"
	"slices"
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
	Refs    []Ref
}

// Table lists the names of a corpus.
type Table struct {
	// Fuller maps a bare surname some article uses as a speaker's whole
	// name to the one full name that ends with it elsewhere in the corpus.
	Fuller map[string]string
	Names  []Name // speakers first, then mentions, each sorted by text; none for a stored table
	stored Scanner
}

// Scanner reads the names of a stored table one at a time, so a query holds
// the references of the names it matches and nothing of the others: a large
// library has tens of thousands of names.
type Scanner interface {
	// Scan calls use with each reference of each name whose key match
	// accepts. The key it gives match is valid only during the call.
	Scan(match func(key string) bool, use func(Ref))
}

// Stored makes a table whose names each query reads from s.
func Stored(fuller map[string]string, s Scanner) *Table {
	return &Table{Fuller: fuller, stored: s}
}

// Build makes the table of the quotations of each article, in corpus order.
func Build(docs [][]quotes.Quote) *Table {
	var b builder
	for d, qs := range docs {
		b.add(d, qs)
	}
	return b.table()
}

// builder makes a table one article at a time, keeping only the names:
// note numbers the names of an article's quotations, place says where the
// article is in the corpus, and table then does little more than gather
// the references.
type builder struct {
	speakers, mentions numbered
	docs               []placed
	uses               int
}

// noted is one of an article's quotations as the table needs it: its
// position among the article's quotations, and the numbers note gave its
// speaker and the words the text used for them (-1: none, or a pronoun).
type noted struct{ Quote, Speaker, Mention int32 }

// placed is an article's quotations, at its position in the corpus.
type placed struct {
	doc  int32
	said []noted
}

// numbered numbers distinct texts, and keeps each one's Key.
type numbered struct {
	at   map[string]int32
	text []string
	key  []string
}

func (n *numbered) number(text string) int32 {
	if i, ok := n.at[text]; ok {
		return i
	}
	if n.at == nil {
		n.at = map[string]int32{}
	}
	text = strings.Clone(text) // the quotation may be a view of a larger buffer
	i := int32(len(n.text))
	n.at[text] = i
	n.text = append(n.text, text)
	n.key = append(n.key, strings.Join(Tokens(text, false), " "))
	return i
}

// note numbers the names of an article's quotations, keeping copies, and
// gives what place needs of them.
func (b *builder) note(qs []quotes.Quote) []noted {
	var out []noted
	for i, q := range qs {
		if q.Speaker == "" {
			continue
		}
		mention := int32(-1)
		if q.Mention != "" && !IsPronoun(q.Mention) {
			mention = b.mentions.number(q.Mention)
		}
		out = append(out, noted{int32(i), b.speakers.number(q.Speaker), mention})
	}
	return out
}

// place puts an article's quotations, as note gave them, at position doc
// in the corpus; the builder keeps them. Articles may be placed in any
// order, each once.
func (b *builder) place(doc int, said []noted) {
	if len(said) > 0 {
		b.docs = append(b.docs, placed{int32(doc), said})
		b.uses += len(said)
	}
}

// add notes the quotations of the article at position doc, and places them.
func (b *builder) add(doc int, qs []quotes.Quote) { b.place(doc, b.note(qs)) }

// table gives the table of the quotations placed.
func (b *builder) table() *Table {
	// Each name's references in corpus order, however they were placed.
	slices.SortFunc(b.docs, func(x, y placed) int { return cmp.Compare(x.doc, y.doc) })
	// Only the names of placed articles count.
	speakerUses, mentionUses := make([]int32, len(b.speakers.text)), make([]int32, len(b.mentions.text))
	for _, p := range b.docs {
		for _, s := range p.said {
			speakerUses[s.Speaker]++
			if s.Mention >= 0 {
				mentionUses[s.Mention]++
			}
		}
	}
	var used []string
	for i, n := range speakerUses {
		if n > 0 {
			used = append(used, b.speakers.text[i])
		}
	}
	t := &Table{Fuller: surnameMap(used)}
	// A speaker's name is its canonical one: a surname and the full name
	// it stands for are one name.
	speakerNames := &nameSet{at: make(map[string]int32, len(used))}
	speakerName := make([]int32, len(speakerUses))
	for i, n := range speakerUses {
		if n == 0 {
			continue
		}
		text, key := b.speakers.text[i], b.speakers.key[i]
		if full, ok := t.Fuller[text]; ok {
			text, key = full, b.speakers.key[b.speakers.at[full]]
		}
		speakerName[i] = speakerNames.add(text, key, false, n)
	}
	mentionNames := &nameSet{}
	mentionName := make([]int32, len(mentionUses))
	for i, n := range mentionUses {
		if n > 0 {
			mentionName[i] = mentionNames.add(b.mentions.text[i], b.mentions.key[i], true, n)
		}
	}
	// The references of all the names take one allocation.
	refs := make([]Ref, 0, 2*b.uses)
	refs = speakerNames.room(refs)
	mentionNames.room(refs)
	for _, p := range b.docs {
		for _, s := range p.said {
			r := Ref{p.doc, s.Quote}
			speakerNames.refer(speakerName[s.Speaker], r)
			if s.Mention >= 0 {
				mentionNames.refer(mentionName[s.Mention], r)
			}
		}
	}
	t.Names = append(speakerNames.sorted(), mentionNames.sorted()...)
	return t
}

// nameSet gathers the names of one kind (speakers or mentions).
type nameSet struct {
	at    map[string]int32 // by text, where two numbers can share a name
	names []Name
	uses  []int32
}

// add counts n uses of a name, and gives its number in the set.
func (s *nameSet) add(text, key string, mention bool, n int32) int32 {
	if i, ok := s.at[text]; ok {
		s.uses[i] += n
		return i
	}
	i := int32(len(s.names))
	if s.at != nil {
		s.at[text] = i
	}
	s.names = append(s.names, Name{Text: text, Mention: mention, Key: key})
	s.uses = append(s.uses, n)
	return i
}

// room gives each name room for its references after those in refs, and
// gives refs with that room taken.
func (s *nameSet) room(refs []Ref) []Ref {
	for i := range s.names {
		at := len(refs)
		refs = refs[:at+int(s.uses[i])]
		s.names[i].Refs = refs[at:at:len(refs)]
	}
	return refs
}

func (s *nameSet) refer(i int32, r Ref) { s.names[i].Refs = append(s.names[i].Refs, r) }

// sorted gives the names sorted by text (sorting the texts with their
// numbers, not the larger structs).
func (s *nameSet) sorted() []Name {
	type text struct {
		text string
		i    int32
	}
	order := make([]text, len(s.names))
	for i := range order {
		order[i] = text{s.names[i].Text, int32(i)}
	}
	slices.SortFunc(order, func(a, b text) int { return strings.Compare(a.text, b.text) })
	out := make([]Name, len(order))
	for i, o := range order {
		out[i] = s.names[o.i]
	}
	return out
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
	// Most names lack the query's first word: ruled out without splitting
	// them.
	match := func(key string) bool { return strings.Contains(key, q[0]) && subset(q, strings.Fields(key)) }
	use := func(r Ref) { refs[r] = true }
	if t.stored != nil {
		t.stored.Scan(match, use)
		return refs
	}
	for i := range t.Names {
		if n := &t.Names[i]; match(n.Key) {
			for _, r := range n.Refs {
				use(r)
			}
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
func surnameMap(speakers []string) map[string]string {
	bySurname := map[string][]string{}
	bare := map[string]bool{}
	for _, speaker := range speakers {
		words := strings.Fields(speaker)
		switch {
		case len(words) == 1 && isTitleCase(words[0]) && !strings.HasSuffix(words[0], "s"):
			// A capitalised plural ("Democrats") names a group, not a surname.
			bare[speaker] = true
		case len(words) >= 2 && len(words) <= 3 && allTitleCase(words):
			ends := []string{words[len(words)-1]}
			if len(words) == 2 && utf8.RuneCountInString(words[0]) <= 4 {
				ends = append(ends, words[0]) // "Geng Shuang": a short family name first
			}
			for _, end := range ends {
				// Once per speaker ("Li Li" ends with its family name twice).
				if full := bySurname[end]; len(full) == 0 || full[len(full)-1] != speaker {
					bySurname[end] = append(full, speaker)
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
