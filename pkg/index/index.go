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
)

// Index is a corpus ready for queries.
type Index struct {
	corpus *corpus.Corpus
	items  []*corpus.Item
	roles  map[string]map[string]string // per article: speaker -> role
}

// New indexes a corpus. Items are ordered by date (undated last), then id,
// which is the order every query returns.
func New(c *corpus.Corpus) *Index {
	// Sort keys computed once: comparing time.Time values dominated the
	// cost of opening a large library.
	type keyed struct {
		day int64 // Unix seconds; undated last
		it  *corpus.Item
	}
	keys := make([]keyed, len(c.Items))
	for i, it := range c.Items {
		k := keyed{day: math.MaxInt64, it: it}
		if !it.Date.IsZero() {
			k.day = it.Date.Unix()
		}
		keys[i] = k
	}
	slices.SortFunc(keys, func(a, b keyed) int { // ids are unique: a total order
		if a.day != b.day {
			return cmp.Compare(a.day, b.day)
		}
		return strings.Compare(a.it.ID, b.it.ID)
	})
	sorted := make([]*corpus.Item, len(keys))
	for i, k := range keys {
		sorted[i] = k.it
	}
	ix := &Index{corpus: c, items: sorted, roles: map[string]map[string]string{}}
	return ix
}

// Len is the number of documents.
func (ix *Index) Len() int { return len(ix.items) }

// ResolveDocs turns what a user typed for --doc (an id, a unique id prefix,
// or a file name) into document ids.
func (ix *Index) ResolveDocs(refs []string) ([]string, error) {
	var out []string
	add := func(id string) {
		if !slices.Contains(out, id) {
			out = append(out, id)
		}
	}
	for _, ref := range refs {
		if ref == "" {
			return nil, fmt.Errorf("--doc needs an id (sanc list shows them)")
		}
		var hits []string
		for _, it := range ix.items {
			if it.ID == ref {
				hits = []string{ref}
				break
			}
			if strings.HasPrefix(it.ID, ref) || it.Path == ref || baseName(it.Path) == ref {
				hits = append(hits, it.ID)
				continue
			}
			if it.Complete(); baseName(it.Source) == ref {
				hits = append(hits, it.ID)
			}
		}
		switch len(hits) {
		case 0:
			return nil, fmt.Errorf("no document %q (sanc list shows the ids)", ref)
		case 1:
			add(hits[0])
		default:
			return nil, fmt.Errorf("document %q is ambiguous: %s", ref, strings.Join(hits, ", "))
		}
	}
	return out, nil
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

func (s Scope) admits(it *corpus.Item) bool {
	if len(s.Docs) > 0 && !slices.Contains(s.Docs, it.ID) {
		return false
	}
	if !s.AddedSince.IsZero() && (it.Added.IsZero() || it.Added.Before(s.AddedSince)) {
		return false
	}
	if !s.Since.IsZero() && (it.Date.IsZero() || it.Date.Before(s.Since)) {
		return false
	}
	if !s.Until.IsZero() && (it.Date.IsZero() || !it.Date.Before(s.Until)) {
		return false
	}
	return true
}

func (ix *Index) each(s Scope, fn func(*corpus.Item)) {
	for _, it := range ix.items {
		if s.admits(it) {
			fn(it)
		}
	}
}

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
