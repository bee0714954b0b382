// Package index answers sanc's questions over a loaded corpus: which
// documents, who said what, and what happened when. It turns analysed
// articles into flat records with stable field names, filters and sorts them.
// Every record that comes from text carries its document id, path and byte
// offsets into the file.
package index

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"

	"github.com/sanc-news/sanc/pkg/corpus"
	"github.com/sanc-news/sanc/pkg/doc"
	"github.com/sanc-news/sanc/pkg/segment"
	"github.com/sanc-news/sanc/pkg/snapshot"
)

// Index is a corpus ready for queries.
type Index struct {
	corpus *corpus.Corpus
	// The corpus's present articles in query order; nil when that is the
	// corpus's own order (a library's index is stored in it).
	order []int
	n     int
}

// New indexes a corpus. Articles are ordered by date (undated last), then
// id, which is the order every query returns. A library read through its
// index is in that order already, and nothing of its articles is read.
func New(c *corpus.Corpus) *Index {
	ix := &Index{corpus: c}
	if c.Ordered() {
		for i := range c.Len() {
			if c.Present(i) {
				ix.n++
			}
		}
		return ix
	}
	// Sort keys computed once: comparing time.Time values dominated the
	// cost of opening a large library.
	type keyed struct {
		day int64 // Unix seconds; undated last
		id  string
		pos int
	}
	keys := make([]keyed, 0, c.Len())
	for i := range c.Len() {
		if !c.Present(i) {
			continue
		}
		k := c.Key(i)
		day := int64(math.MaxInt64)
		if !k.Date.IsZero() {
			day = k.Date.Unix()
		}
		keys = append(keys, keyed{day, k.ID, i})
	}
	slices.SortFunc(keys, func(a, b keyed) int { // ids are unique: a total order
		if a.day != b.day {
			return cmp.Compare(a.day, b.day)
		}
		return strings.Compare(a.id, b.id)
	})
	ix.order = make([]int, len(keys))
	for i, k := range keys {
		ix.order[i] = k.pos
	}
	ix.n = len(keys)
	return ix
}

// Len is the number of documents.
func (ix *Index) Len() int { return ix.n }

// ResolveDocs turns what a user typed for --doc (an id, a unique id prefix,
// or a file name) into document ids. An id prefix wins over a file name.
func (ix *Index) ResolveDocs(refs []string) ([]string, error) {
	var out []string
	if len(refs) == 0 {
		return nil, nil
	}
	ix.corpus.LoadKeys() // every article's id is compared: one read, not one each
	all := ix.Positions(Scope{})
	// The ids sorted, so a prefix is a range; the file names are read only
	// if a reference is no id, and once for all.
	ids := make([]string, len(all))
	for i, pos := range all {
		ids[i] = ix.corpus.Key(pos).ID
	}
	slices.Sort(ids)
	var byName map[string][]string
	seen := map[string]bool{}
	for _, ref := range refs {
		if ref == "" {
			return nil, fmt.Errorf("--doc needs an id (sanc list shows them)")
		}
		// The id itself or an id prefix, from the keys alone; failing
		// that, a file name, which needs every article's metadata.
		lo, exact := slices.BinarySearch(ids, ref)
		hi := lo
		for hi < len(ids) && strings.HasPrefix(ids[hi], ref) {
			hi++
		}
		hits := ids[lo:hi]
		if exact {
			hits = hits[:1]
		}
		if len(hits) == 0 {
			if byName == nil {
				byName = ix.namesOf(all)
			}
			hits = byName[ref]
		}
		switch len(hits) {
		case 0:
			return nil, fmt.Errorf("no document %q (sanc list shows the ids)", ref)
		case 1:
			if !seen[hits[0]] {
				seen[hits[0]] = true
				out = append(out, hits[0])
			}
		default:
			return nil, fmt.Errorf("document %q is ambiguous: %s", ref, strings.Join(hits, ", "))
		}
	}
	return out, nil
}

// namesOf maps each name a user may give an article by (its path, and the
// base names of its path and of where it was ingested from) to the ids of
// the articles it names.
func (ix *Index) namesOf(positions []int) map[string][]string {
	ix.corpus.LoadMeta()
	names := map[string][]string{}
	for _, pos := range positions {
		it := ix.corpus.Item(pos)
		it.Complete()
		for _, name := range []string{it.Path, baseName(it.Path), baseName(it.Source)} {
			if ids := names[name]; len(ids) == 0 || ids[len(ids)-1] != it.ID {
				names[name] = append(ids, it.ID)
			}
		}
		ix.corpus.Forget(pos)
	}
	return names
}

func baseName(p string) string {
	if i := strings.LastIndexAny(p, `/\`); i >= 0 {
		return p[i+1:]
	}
	return p
}

// Scope narrows the documents a query reads.
type Scope struct {
	Docs       []string  // ids; empty = all
	Since      time.Time // document date on or after
	Until      time.Time // document date before (exclusive end)
	AddedSince time.Time // entered the corpus at or after
}

// admitter gives what says whether the scope admits a document, with its
// ids in a set: a scope of thousands of ids is checked for every document.
func (s Scope) admitter() func(snapshot.Key) bool {
	if len(s.Docs) == 0 {
		return s.dated
	}
	docs := make(map[string]bool, len(s.Docs))
	for _, id := range s.Docs {
		docs[id] = true
	}
	return func(k snapshot.Key) bool { return docs[k.ID] && s.dated(k) }
}

// dated says whether a document's dates are in the scope.
func (s Scope) dated(k snapshot.Key) bool {
	if !s.AddedSince.IsZero() && (k.Added.IsZero() || k.Added.Before(s.AddedSince)) {
		return false
	}
	if !s.Since.IsZero() && (k.Date.IsZero() || k.Date.Before(s.Since)) {
		return false
	}
	if !s.Until.IsZero() && (k.Date.IsZero() || !k.Date.Before(s.Until)) {
		return false
	}
	return true
}

// candidates are the positions (Item.Ord) of the articles in scope, in
// query order. only, when not nil, holds the only articles to consider (a
// speaker's); skip rules out others by position. An article's key is read
// only when the scope asks something of it.
func (ix *Index) candidates(s Scope, only map[int]bool, skip func(pos int) bool) []int {
	scoped := len(s.Docs) > 0 || !s.Since.IsZero() || !s.Until.IsZero() || !s.AddedSince.IsZero()
	if scoped && only == nil {
		ix.corpus.LoadKeys()
	}
	var out []int
	if only == nil {
		out = make([]int, 0, ix.corpus.Len()) // once: growing it by appends costs five times that
	}
	admits := s.admitter()
	visit := func(pos int) { // the scope first: skip may read the article
		if (!scoped || admits(ix.corpus.Key(pos))) && (skip == nil || !skip(pos)) {
			out = append(out, pos)
		}
	}
	switch {
	case ix.order != nil:
		for _, pos := range ix.order {
			if only == nil || only[pos] {
				visit(pos)
			}
		}
	case only != nil:
		sorted := make([]int, 0, len(only))
		for pos := range only {
			if pos >= 0 && pos < ix.corpus.Len() && ix.corpus.Present(pos) {
				sorted = append(sorted, pos)
			}
		}
		slices.Sort(sorted)
		for _, pos := range sorted {
			visit(pos)
		}
	default:
		for pos := range ix.corpus.Len() {
			if ix.corpus.Present(pos) {
				visit(pos)
			}
		}
	}
	return out
}

// Positions are the articles in scope, in query order, as Item.Ord gives them.
func (ix *Index) Positions(s Scope) []int { return ix.candidates(s, nil, nil) }

func day(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format("2006-01-02")
}

// sentenceAt finds the sentence holding byte offset off.
func sentenceAt(it *corpus.Item, off int) segment.Span {
	for _, p := range it.Paragraphs {
		if off < p.Start || off >= p.End {
			continue
		}
		for _, s := range p.Sentences {
			if off >= s.Start && off < s.End {
				return s
			}
		}
		return p.Span
	}
	return segment.Span{Start: off, End: off}
}

// words are the file's bytes [start, end) as one line; "" when the text
// could not be read back.
func words(it *corpus.Item, start, end int) string {
	if start < 0 || end > len(it.Raw) || start > end {
		return ""
	}
	b := it.Raw[start:end]
	if it.Latin1 && !utf8.Valid(b) {
		// Not UTF-8: show it as the Windows-1252 (Latin-1) it most likely
		// is, so "M\xfcller" reads "Müller"; offsets stay file offsets.
		if decoded, err := charmap.Windows1252.NewDecoder().Bytes(b); err == nil {
			b = decoded
		}
	}
	return oneLine(b)
}

// oneLine folds white space so a record's text reads as one line, and turns
// control characters into spaces: an article must not be able to send
// escape sequences to the user's terminal. One pass: a large timeline
// makes it for every record.
func oneLine(b []byte) string {
	var sb strings.Builder
	sb.Grow(len(b))
	space := false
	for i := 0; i < len(b); {
		// A run of printable ASCII, single spaces between words included,
		// goes in at once: most of a line.
		j := i
		for j < len(b) {
			if c := b[j]; c > ' ' && c < 0x7f || c == ' ' && j > i && j+1 < len(b) && b[j+1] > ' ' && b[j+1] < 0x7f {
				j++
				continue
			}
			break
		}
		if j > i {
			if space {
				sb.WriteByte(' ')
				space = false
			}
			sb.Write(b[i:j])
			i = j
			continue
		}
		c := b[i]
		var r rune
		size := 1
		if c < utf8.RuneSelf {
			r = rune(c)
		} else {
			r, size = utf8.DecodeRune(b[i:])
		}
		if unicode.IsSpace(r) || doc.IsControl(r) {
			space = sb.Len() > 0
		} else {
			if space {
				sb.WriteByte(' ')
				space = false
			}
			if r == utf8.RuneError && size == 1 {
				sb.WriteRune(r) // as strings.Map would: invalid bytes show as U+FFFD
			} else {
				sb.Write(b[i : i+size])
			}
		}
		i += size
	}
	return sb.String()
}
