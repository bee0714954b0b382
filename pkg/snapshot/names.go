package snapshot

import (
	"cmp"
	"maps"
	"slices"
	"strings"

	"github.com/sanc-news/sanc/pkg/quotes"
	"github.com/sanc-news/sanc/pkg/speakers"
)

// The speakers section keeps each name as the articles give it, a speaker
// or the words the text used for one, not merged into canonical names as
// speakers.Table merges them: a bare surname's key is its full name's, so
// it answers the same queries. Kept apart, a later index can add articles
// to the section without reading every article's quotations again: a new
// full name changes only the keys of the surnames it claims or makes
// ambiguous.

// A name is a kind byte, then its text.
const (
	kindMention = 'm'
	kindSpeaker = 's'
)

// nameBook numbers the names of articles' quotations as they are
// analysed, keeping copies.
type nameBook struct {
	at    map[nameKey]int32
	names []string
}

type nameKey struct {
	kind byte
	text string
}

// said is one of an article's quotations as the section needs it: its
// position among the article's quotations, and the numbers its speaker and
// mention have in the book (-1: no mention, or a pronoun).
type said struct{ quote, speaker, mention int32 }

// placed is an article's quotations, at its position in the index.
type placed struct {
	doc  int32
	said []said
}

func (b *nameBook) number(kind byte, text string) int32 {
	if i, ok := b.at[nameKey{kind, text}]; ok {
		return i
	}
	if b.at == nil {
		b.at = map[nameKey]int32{}
	}
	name := string(kind) + text // a copy: the quotation may be a view of a larger buffer
	i := int32(len(b.names))
	b.at[nameKey{kind, name[1:]}] = i
	b.names = append(b.names, name)
	return i
}

// note numbers the names of an article's quotations.
func (b *nameBook) note(qs []quotes.Quote) []said {
	var out []said
	for i, q := range qs {
		if q.Speaker == "" {
			continue
		}
		mention := int32(-1)
		if q.Mention != "" && !speakers.IsPronoun(q.Mention) {
			mention = b.number(kindMention, q.Mention)
		}
		out = append(out, said{int32(i), b.number(kindSpeaker, q.Speaker), mention})
	}
	return out
}

// nameRecord is a name of the section, with its references in index
// order.
type nameRecord struct {
	name, key string
	refs      []speakers.Ref
}

// records gives the names the placed articles use, sorted, each with its
// references; keys are left to keyed.
func (b *nameBook) records(docs []placed) []nameRecord {
	slices.SortFunc(docs, func(x, y placed) int { return cmp.Compare(x.doc, y.doc) })
	uses := make([]int32, len(b.names))
	total := 0
	for _, p := range docs {
		for _, s := range p.said {
			uses[s.speaker]++
			total++
			if s.mention >= 0 {
				uses[s.mention]++
				total++
			}
		}
	}
	var order []int32
	for i, n := range uses {
		if n > 0 {
			order = append(order, int32(i))
		}
	}
	slices.SortFunc(order, func(x, y int32) int { return strings.Compare(b.names[x], b.names[y]) })
	refs := make([]speakers.Ref, 0, total) // one allocation for them all
	out := make([]nameRecord, len(order))
	slot := make([]int32, len(b.names)) // name number -> its record
	for k, i := range order {
		slot[i] = int32(k)
		at := len(refs)
		refs = refs[:at+int(uses[i])]
		out[k] = nameRecord{name: b.names[i], refs: refs[at:at:len(refs)]}
	}
	for _, p := range docs {
		for _, s := range p.said {
			r := speakers.Ref{Doc: p.doc, Quote: s.quote}
			out[slot[s.speaker]].refs = append(out[slot[s.speaker]].refs, r)
			if s.mention >= 0 {
				out[slot[s.mention]].refs = append(out[slot[s.mention]].refs, r)
			}
		}
	}
	return out
}

// keyed sets the key of every speaker (a new name can change which full
// name any bare surname stands for) and of each mention that has none, and
// gives the surname map of the speakers.
func keyed(recs []nameRecord) map[string]string {
	n := 0
	for _, r := range recs {
		if r.name[0] == kindSpeaker {
			n++
		}
	}
	qs := make([]quotes.Quote, 0, n)
	for _, r := range recs {
		if r.name[0] == kindSpeaker {
			qs = append(qs, quotes.Quote{Speaker: r.name[1:]})
		}
	}
	// The package's own table of these names merges each surname into
	// its full name, and gives every other name its key.
	t := speakers.Build([][]quotes.Quote{qs})
	keys := make(map[string]string, len(t.Names))
	for _, name := range t.Names {
		keys[name.Text] = name.Key
	}
	for i := range recs {
		r := &recs[i]
		switch text := r.name[1:]; {
		case r.name[0] == kindSpeaker:
			r.key = keys[t.Canonical(text)]
		case r.key == "":
			r.key = strings.Join(speakers.Tokens(text, false), " ")
		}
	}
	return t.Fuller
}

// encodeSpeakers encodes a speakers section: the surnames (a count, then
// each with its full name, sorted), then until the end each name's key,
// the name, and its references (deltas of the article's position, and the
// quotation's) as one string, which a query skips unless the key matches.
func encodeSpeakers(fuller map[string]string, recs []nameRecord) []byte {
	// Room for it all at once (a length takes a byte or two, a reference
	// two or three): the section runs to megabytes.
	size := 16
	for k, v := range fuller {
		size += len(k) + len(v) + 4
	}
	for _, r := range recs {
		size += len(r.name) + len(r.key) + 3*len(r.refs) + 9
	}
	e := &encoder{b: make([]byte, 0, size)}
	e.int(len(fuller))
	for _, k := range slices.Sorted(maps.Keys(fuller)) { // the same table, the same bytes
		e.str(k)
		e.str(fuller[k])
	}
	refs := &encoder{}
	for _, r := range recs {
		e.str(r.key)
		e.str(r.name)
		refs.b = refs.b[:0]
		prev := speakers.Ref{}
		for _, ref := range r.refs {
			refs.int(int(ref.Doc - prev.Doc))
			refs.int(int(ref.Quote))
			prev = ref
		}
		e.str(string(refs.b))
	}
	return e.b
}

// mergeSpeakers merges a stored speakers section (checked) with the names
// of articles added to its index: the stored references move to their
// articles' new positions (at), and the names both use are one.
func mergeSpeakers(stored []byte, at []int32, added []nameRecord) ([]byte, error) {
	d := &decoder{b: stored}
	for n := d.count(); n > 0 && d.err == nil; n-- {
		d.str() // the surnames are worked out again
		d.str()
	}
	// The references of all the names go in one slice: counted first (a
	// number's last byte is under 0x80, and a reference is two numbers).
	total := 0
	for rest := (decoder{b: d.b}); len(rest.b) > 0 && rest.err == nil; {
		rest.str()
		rest.str()
		for _, c := range rest.bytes() {
			if c < 0x80 {
				total++
			}
		}
	}
	var recs []nameRecord
	refs := make([]speakers.Ref, 0, total/2)
	var ends []int
	for len(d.b) > 0 && d.err == nil {
		key, name, body := d.str(), d.str(), &decoder{b: d.bytes()}
		if name == "" || d.err != nil {
			return nil, errDamaged
		}
		prev := speakers.Ref{}
		for len(body.b) > 0 {
			r := speakers.Ref{Doc: prev.Doc + int32(body.int()), Quote: int32(body.int())}
			if body.err != nil || r.Doc < 0 || int(r.Doc) >= len(at) {
				return nil, errDamaged
			}
			prev = r
			r.Doc = at[r.Doc]
			refs = append(refs, r)
		}
		recs = append(recs, nameRecord{name: name, key: key})
		ends = append(ends, len(refs))
	}
	if d.err != nil {
		return nil, errDamaged
	}
	start := 0
	for i, end := range ends {
		recs[i].refs = refs[start:end:end]
		start = end
	}
	merged := make([]nameRecord, 0, len(recs)+len(added))
	for len(recs) > 0 || len(added) > 0 {
		switch {
		case len(added) == 0 || len(recs) > 0 && recs[0].name < added[0].name:
			merged, recs = append(merged, recs[0]), recs[1:]
		case len(recs) == 0 || added[0].name < recs[0].name:
			merged, added = append(merged, added[0]), added[1:]
		default:
			r := recs[0]
			r.refs = mergeRefs(r.refs, added[0].refs)
			merged, recs, added = append(merged, r), recs[1:], added[1:]
		}
	}
	return encodeSpeakers(keyed(merged), merged), nil
}

// mergeRefs merges two lists of references in index order, of different
// articles.
func mergeRefs(a, b []speakers.Ref) []speakers.Ref {
	out := make([]speakers.Ref, 0, len(a)+len(b))
	for len(a) > 0 && len(b) > 0 {
		if a[0].Doc < b[0].Doc {
			out, a = append(out, a[0]), a[1:]
		} else {
			out, b = append(out, b[0]), b[1:]
		}
	}
	return append(append(out, a...), b...)
}
