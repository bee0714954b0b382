// Package quotes finds quotations in news text and attributes them to
// speakers: direct quotes ("...," she said), partial quotes inside reported
// speech (said it was "a disaster") and indirect speech (said that ...).
//
// It is rule-based. Quote marks are paired per paragraph with a byte scan (a
// lone mark can never run past its paragraph, and a quote spans paragraphs only
// when the next paragraph re-opens, as news style requires). Attribution looks
// for a cue verb and its subject noun phrase next to the quote; names are
// recognised by capitalisation and title words, never by name lists.
package quotes

import (
	"cmp"
	"slices"
	"sort"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/sanc-news/sanc/pkg/segment"
)

// Quote is one quotation found in a text.
type Quote struct {
	Start, End               int            // UTF-8 byte span of the quotation. Direct: including the quote marks. Indirect: the reported clause.
	Segments                 []segment.Span // one per quoted piece when interrupted or spread over paragraphs; nil otherwise
	Kind                     string         // "direct" | "partial" | "indirect"
	Speaker                  string         // canonical speaker, "" if unknown
	SpeakerStart, SpeakerEnd int            // byte span of the mention attributed from; -1,-1 if none
	Mention                  string         // text of that mention
	Role                     string         // role/affiliation if the text gives it, else ""
	Cue                      string         // the cue verb/phrase; "" for continuations and cue-less guesses (subject of the introducing sentence)
	Sentence                 segment.Span   // the sentence containing the quote start
	// Pieces lists the quoted fragments of a partial quotation that joins
	// several in one statement (`called it “X” and “Y”`: Start..End runs from
	// the first mark to the last); nil otherwise.
	Pieces []segment.Span
}

// Extract finds the quotations in text. paras is segment.Split(text).
// Results are sorted by Start. It never panics.
func Extract(text string, paras []segment.Paragraph) (out []Quote) {
	defer func() {
		// A rule bug must not take the whole pipeline down; losing one
		// article's quotes is the lesser harm.
		if r := recover(); r != nil {
			if onPanic != nil {
				onPanic(r)
			}
			out = nil
		}
	}()
	paras = validParas(text, paras)
	if len(paras) == 0 {
		return nil
	}
	d := newDoc(text, paras)
	sc := scratchPool.Get().(*scratch)
	d.arena, d.ibuf, d.nbuf, d.marks = sc.arena[:0], sc.ibuf[:0], sc.nbuf[:0], sc.marks[:0]
	d.run()
	// hand the buffers back, cleared so the pool does not pin this text
	clear(d.arena)
	clear(d.ibuf)
	clear(d.nbuf)
	sc.arena, sc.ibuf, sc.nbuf, sc.marks = d.arena[:0], d.ibuf[:0], d.nbuf[:0], d.marks[:0]
	scratchPool.Put(sc)
	slices.SortStableFunc(d.out, func(a, b Quote) int { return cmp.Compare(a.Start, b.Start) })
	d.backfill()
	return d.out
}

// backfill gives an unattributed direct quotation the speaker of the
// quotation that directly follows it (`“A.” “B,” she said.`): with nothing
// between them, the writer presents both as one person's words.
func (d *doc) backfill() {
	for i := len(d.out) - 2; i >= 0; i-- {
		q, n := &d.out[i], &d.out[i+1]
		if q.Kind != "direct" || q.SpeakerStart >= 0 || n.Kind != "direct" || n.SpeakerStart < 0 || n.Start < q.End {
			continue
		}
		if strings.TrimSpace(d.text[q.End:n.Start]) != "" || n.Start-q.End > 200 {
			continue
		}
		q.Speaker, q.SpeakerStart, q.SpeakerEnd, q.Mention, q.Role = n.Speaker, n.SpeakerStart, n.SpeakerEnd, n.Mention, n.Role
	}
}

// scratch holds token buffers reused across calls: wire stories are short,
// and growing fresh buffers for each was most of the allocation.
type scratch struct {
	arena, ibuf, nbuf []tok
	marks             []mark
}

var scratchPool = sync.Pool{New: func() any { return new(scratch) }}

// onPanic lets tests see a panic that Extract would otherwise absorb.
var onPanic func(any)

// validParas drops spans that do not index text, so that a caller's stale
// segmentation cannot make us slice out of range.
func validParas(text string, paras []segment.Paragraph) []segment.Paragraph {
	ok := true
	prev := 0
	for _, p := range paras {
		if p.Start < prev || p.End < p.Start || p.End > len(text) {
			ok = false
			break
		}
		for _, s := range p.Sentences {
			if s.Start < p.Start || s.End > p.End || s.End < s.Start {
				ok = false
			}
		}
		prev = p.End
	}
	if ok {
		return paras
	}
	return segment.Split(text)
}

// histEntry is a resolved speaker, remembered for pronoun resolution.
type histEntry struct {
	pos    int
	name   string
	person bool
}

type doc struct {
	text  string
	paras []segment.Paragraph
	sents []segment.Span
	out   []Quote
	hist  []histEntry
	canon map[string]string
	arena []tok
	ibuf  []tok
	nbuf  []tok
	kbuf  []tok // canonicalName's, reused across its calls
	la    lowArena
	marks []mark
	// subjects of sentences read for pronouns, by sentence (sentSubject)
	subjects []subjectMemo
}

func newDoc(text string, paras []segment.Paragraph) *doc {
	d := &doc{text: text, paras: paras}
	n := 0
	for _, p := range paras {
		n += max(len(p.Sentences), 1)
	}
	d.sents = make([]segment.Span, 0, n)
	for _, p := range paras {
		if len(p.Sentences) == 0 {
			d.sents = append(d.sents, p.Span)
			continue
		}
		d.sents = append(d.sents, p.Sentences...)
	}
	return d
}

// sentIndex returns the index of the sentence containing off (or the last
// sentence starting before it).
func (d *doc) sentIndex(off int) int {
	i := sort.Search(len(d.sents), func(i int) bool { return d.sents[i].Start > off }) - 1
	if i < 0 {
		i = 0
	}
	return i
}

func (d *doc) sentAt(off int) segment.Span {
	if len(d.sents) == 0 {
		return segment.Span{Start: 0, End: len(d.text)}
	}
	return d.sents[d.sentIndex(off)]
}

func (d *doc) paraIndex(off int) int {
	i := sort.Search(len(d.paras), func(i int) bool { return d.paras[i].Start > off }) - 1
	if i < 0 {
		i = 0
	}
	return i
}

// event is something to attribute, in document order: a quote group or a
// sentence that may hold indirect speech.
type event struct {
	pos   int
	group *group
	sent  int // sentence index for indirect candidates, -1 for groups
}

func (d *doc) run() {
	raws := d.findRaw()
	groups := d.groupRaw(raws)
	// sentences holding a quote mark are not scanned for indirect speech
	quoted := make([]bool, len(d.sents))
	for i := range groups {
		for _, s := range groups[i].segs {
			for k := d.sentIndex(s.Start); k < len(d.sents) && d.sents[k].Start < s.End; k++ {
				quoted[k] = true
			}
		}
	}
	events := make([]event, 0, len(groups)+len(d.sents))
	for i := range groups {
		events = append(events, event{pos: groups[i].segs[0].Start, group: &groups[i], sent: -1})
	}
	for k, s := range d.sents {
		if !quoted[k] && d.hasCue(s) {
			events = append(events, event{pos: s.Start, sent: k})
		}
	}
	slices.SortStableFunc(events, func(a, b event) int { return cmp.Compare(a.pos, b.pos) })
	var prev *Quote
	prevIdx := -1
	for i, ev := range events {
		// token windows live for one event only; reusing the arena keeps
		// memory flat on quote-dense text
		d.arena = d.arena[:0]
		if ev.group != nil {
			q, ok := d.attributeGroup(ev.group, prevIdx, prev)
			// Quoted fragments of one reported statement ("said it was “X”
			// and “Y”") are one partial quotation, as annotators count them;
			// Pieces keeps the fragments.
			if ok && q.Kind == "partial" && prevIdx == len(d.out)-1 && prev != nil && prev.Kind == "partial" &&
				prev.Sentence == q.Sentence && prev.SpeakerStart == q.SpeakerStart && q.SpeakerStart >= 0 &&
				!(q.SpeakerStart >= prev.End && q.SpeakerStart < q.Start) {
				p := &d.out[prevIdx]
				if len(p.Pieces) == 0 {
					p.Pieces = []segment.Span{{Start: p.Start, End: p.End}}
				}
				p.Pieces = append(p.Pieces, segment.Span{Start: q.Start, End: q.End})
				p.End = q.End
				prev = p
				continue
			}
			if ok {
				d.emit(q, len(events)-i)
				prevIdx = len(d.out) - 1
				prev = &d.out[prevIdx]
			}
			continue
		}
		if q, ok := d.indirect(ev.sent); ok {
			d.emit(q, len(events)-i)
		}
	}
}

// emit appends q to d.out, first making room for a quotation per event left
// (there is at most one an event): a Quote is large to copy at each doubling.
func (d *doc) emit(q Quote, eventsLeft int) {
	if d.out == nil {
		d.out = make([]Quote, 0, eventsLeft)
	}
	d.out = append(d.out, q)
}

// hasCue is the cheap pre-filter for indirect speech: does the sentence hold
// a speech-cue word at all? A byte scan with one map probe per lower-case word.
func (d *doc) hasCue(s segment.Span) bool {
	t := d.text[:s.End] // the sentence ends the string: fewer bounds to check
	i := s.Start
	for i < len(t) {
		if t[i]-'a' >= 26 {
			i++
			continue
		}
		j := i + 1
		for j < len(t) && t[j]-'a' < 26 {
			j++
		}
		if n := j - i; n >= 3 && n <= 12 && (i == s.Start || !isASCIILetter(t[i-1])) {
			w := t[i:j]
			if cueOf(w) == cueSpeech || (w == "according" && strings.HasPrefix(t[j:], " to ")) {
				return true
			}
		}
		i = j
	}
	return false
}

func isASCIILetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

func (d *doc) toks(s, e int) []tok {
	// tokens come from a per-document arena: callers may hold several
	// windows at once, and a fresh slice per call was the main allocation
	start := len(d.arena)
	d.arena = tokenize(d.text, s, e, d.arena, &d.la)
	return d.arena[start:len(d.arena):len(d.arena)]
}

func firstRune(s string) rune {
	r, _ := utf8.DecodeRuneInString(s)
	return r
}

func isSpaceByte(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

// trimSpan narrows s to exclude white space at both ends.
func (d *doc) trimSpan(s segment.Span) segment.Span {
	return segment.Trim(d.text, s)
}

func startsUpper(s string) bool {
	for _, r := range s {
		if isQuoteRune(r) || isSingleQuoteRune(r) || r == '[' || r == '(' || r == '.' || unicode.IsSpace(r) {
			continue
		}
		return unicode.IsUpper(r) || unicode.IsDigit(r)
	}
	return false
}
