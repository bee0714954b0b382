package index

import (
	"regexp"
	"slices"
	"sort"
	"strings"

	"github.com/sanc-news/sanc/pkg/corpus"
	"github.com/sanc-news/sanc/pkg/jsonx"
	"github.com/sanc-news/sanc/pkg/quotes"
	"github.com/sanc-news/sanc/pkg/speakers"
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

// AppendJSON appends the record as encoding/json encodes it (jsonx).
func (r QuoteRecord) AppendJSON(b []byte) []byte {
	b = append(b, '{')
	b = jsonx.String(jsonx.Field(b, "doc"), r.Doc)
	b = jsonx.String(jsonx.Field(b, "path"), r.Path)
	b = jsonx.Int(jsonx.Field(b, "start"), r.Start)
	b = jsonx.Int(jsonx.Field(b, "end"), r.End)
	if len(r.Segments) > 0 {
		b = append(jsonx.Field(b, "segments"), '[')
		for i, s := range r.Segments {
			if i > 0 {
				b = append(b, ',')
			}
			b = append(jsonx.Int(append(jsonx.Int(append(b, '['), s[0]), ','), s[1]), ']')
		}
		b = append(b, ']')
	}
	b = jsonx.String(jsonx.Field(b, "kind"), r.Kind)
	b = jsonx.String(jsonx.Field(b, "quote"), r.Quote)
	b = jsonx.StringPtr(jsonx.Field(b, "speaker"), r.Speaker)
	b = jsonx.IntPtr(jsonx.Field(b, "speaker_start"), r.SpeakerStart)
	b = jsonx.IntPtr(jsonx.Field(b, "speaker_end"), r.SpeakerEnd)
	for _, f := range [...]struct{ name, value string }{{"mention", r.Mention}, {"role", r.Role}, {"cue", r.Cue}} {
		if f.value != "" {
			b = jsonx.String(jsonx.Field(b, f.name), f.value)
		}
	}
	b = jsonx.String(jsonx.Field(b, "sentence"), r.Sentence)
	b = jsonx.Int(jsonx.Field(b, "sentence_start"), r.SentenceStart)
	b = jsonx.Int(jsonx.Field(b, "sentence_end"), r.SentenceEnd)
	b = jsonx.String(jsonx.Field(b, "date"), r.Date)
	b = jsonx.String(jsonx.Field(b, "outlet"), r.Outlet)
	b = jsonx.String(jsonx.Field(b, "title"), r.Title)
	return append(b, '}')
}

// QuoteFilter selects quotations.
type QuoteFilter struct {
	Scope
	Speaker string         // a name or any part of it, case-insensitive
	Kinds   []string       // direct, partial, indirect; empty = all
	Match   *regexp.Regexp // on the quotation's text
}

// EachQuote hands emit the quotations the filter admits, by document date
// then position, as it finds them (a large result is never held whole).
// matched lists the distinct speakers a --speaker query found, so a caller
// can warn when a surname was ambiguous.
func (ix *Index) EachQuote(f QuoteFilter, emit func(QuoteRecord) error) (matched []string, err error) {
	// The speakers table, made now if the index lacks it: making it reads
	// every article, which must not happen beside the visit's workers.
	ix.corpus.Speakers()
	var m *speakerMatch
	var only map[int]bool // the articles quoting the speaker: the others stay unread
	if f.Speaker != "" {
		m = ix.matchSpeaker(f.Speaker)
		only = m.docs
	}
	seen := map[string]bool{}
	err = corpus.Visit(ix.corpus, ix.candidates(f.Scope, only, nil), corpus.VisitOptions{Records: true, Words: true}, func(it *corpus.Item) (out []QuoteRecord) {
		var roles map[string]string
		for i, q := range it.QuoteList() {
			if len(f.Kinds) > 0 && !slices.Contains(f.Kinds, q.Kind) {
				continue
			}
			if m != nil && !m.refs[speakers.Ref{Doc: int32(it.Ord), Quote: int32(i)}] {
				continue
			}
			if f.Match != nil && (it.LoadText() != nil || !f.Match.MatchString(it.Text[q.Start:q.End])) {
				continue
			}
			if roles == nil {
				roles = rolesIn(it)
			}
			out = append(out, ix.quoteRecord(it, q, roles))
		}
		return out
	}, func(r QuoteRecord) error {
		if m != nil && r.Speaker != nil && !seen[*r.Speaker] {
			seen[*r.Speaker] = true
			matched = append(matched, *r.Speaker)
		}
		return emit(r)
	})
	sort.Strings(matched)
	return matched, err
}

// quoteRecord is quotation q of an article with its words. roles maps the
// article's speakers to the first role it gives them. The record holds
// copies: the article's records may share memory read into again.
func (ix *Index) quoteRecord(it *corpus.Item, q quotes.Quote, roles map[string]string) QuoteRecord {
	it.Complete()
	// On failure to read the file the record keeps its offsets, without words.
	sent := q.Sentence
	if sent.End <= sent.Start {
		_ = it.LoadText()
		sent = sentenceAt(it, q.Start)
	}
	_ = it.LoadRaw()
	r := QuoteRecord{
		Doc: it.ID, Path: it.Path, Start: it.At(q.Start), End: it.At(q.End), Kind: strings.Clone(q.Kind),
		Quote: words(it, q.Start, q.End), Mention: strings.Clone(q.Mention), Role: strings.Clone(q.Role), Cue: strings.Clone(q.Cue),
		Sentence: words(it, sent.Start, sent.End), SentenceStart: it.At(sent.Start), SentenceEnd: it.At(sent.End),
		Date: day(it.Date), Outlet: it.Outlet, Title: it.Title,
	}
	if len(q.Segments) > 1 {
		for _, s := range q.Segments {
			r.Segments = append(r.Segments, [2]int{it.At(s.Start), it.At(s.End)})
		}
	}
	if name := ix.speaker(q); name != "" {
		name = strings.Clone(name)
		r.Speaker = &name
	}
	if r.Role == "" && q.Speaker != "" {
		// The article gave the role once ("Chinese foreign ministry
		// spokesman Geng Shuang"); it holds for the speaker's other quotes.
		r.Role = strings.Clone(roles[q.Speaker])
	}
	if q.SpeakerStart >= 0 && q.SpeakerEnd > q.SpeakerStart {
		s, e := it.At(q.SpeakerStart), it.At(q.SpeakerEnd)
		r.SpeakerStart, r.SpeakerEnd = &s, &e
	}
	return r
}

// rolesIn maps each speaker of an article to the first role it gives them.
func rolesIn(it *corpus.Item) map[string]string {
	roles := map[string]string{}
	for _, q := range it.QuoteList() {
		if q.Role != "" && roles[q.Speaker] == "" {
			roles[q.Speaker] = q.Role
		}
	}
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

// Speakers groups the quotations the filter admits by speaker and hands
// emit one record per speaker, most quoted first. matched is as EachQuote
// gives it. Only the sums are kept while the quotations stream past.
func (ix *Index) Speakers(f QuoteFilter, emit func(SpeakerRecord) error) (matched []string, err error) {
	type tally struct {
		SpeakerRecord         // without its documents
		docs          []int32 // into ids
	}
	by := map[string]*tally{}
	var order []*tally
	var ids []string // the documents quoted, in query order: their quotations come together
	matched, err = ix.EachQuote(f, func(q QuoteRecord) error {
		if q.Speaker == nil {
			return nil
		}
		if len(ids) == 0 || ids[len(ids)-1] != q.Doc {
			ids = append(ids, q.Doc)
		}
		s := by[*q.Speaker]
		if s == nil {
			s = &tally{SpeakerRecord: SpeakerRecord{Speaker: *q.Speaker}}
			by[*q.Speaker] = s
			order = append(order, s)
		}
		s.Quotes++
		if s.Role == "" {
			s.Role = q.Role
		}
		if doc := int32(len(ids) - 1); len(s.docs) == 0 || s.docs[len(s.docs)-1] != doc {
			s.docs = append(s.docs, doc)
		}
		if q.Date != "" && (s.First == "" || q.Date < s.First) {
			s.First = q.Date
		}
		if q.Date > s.Last {
			s.Last = q.Date
		}
		return nil
	})
	if err != nil {
		return matched, err
	}
	sort.SliceStable(order, func(i, j int) bool {
		if order[i].Quotes != order[j].Quotes {
			return order[i].Quotes > order[j].Quotes
		}
		return order[i].Speaker < order[j].Speaker
	})
	for _, s := range order {
		r := s.SpeakerRecord
		r.Documents = len(s.docs)
		r.Docs = make([]string, len(s.docs))
		for i, d := range s.docs {
			r.Docs[i] = ids[d]
		}
		if err := emit(r); err != nil {
			return matched, err
		}
	}
	return matched, nil
}

// speakerMatch is what a --speaker query matched: the quotations and the
// articles holding them.
type speakerMatch struct {
	refs map[speakers.Ref]bool
	docs map[int]bool
}

func (ix *Index) matchSpeaker(query string) *speakerMatch {
	refs := ix.corpus.Speakers().Match(query)
	m := &speakerMatch{refs: refs, docs: map[int]bool{}}
	for r := range refs {
		m.docs[int(r.Doc)] = true
	}
	return m
}

// speaker is a quotation's speaker under the fullest name the corpus gives.
func (ix *Index) speaker(q quotes.Quote) string {
	return ix.corpus.Speakers().Canonical(q.Speaker)
}
