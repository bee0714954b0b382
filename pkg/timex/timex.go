// Package timex finds temporal expressions in news text and normalises them
// to TIMEX3 values (dates, times, durations, sets), resolving relative ones
// ("on Thursday", "last month", "two days later") against the article's
// publication date or the last date its narrative set.
//
// It is a hand-written grammar over tokens rather than a pile of regular
// expressions: the text is tokenised once, every word is looked up in a small
// lexicon once, and only tokens that can open a temporal expression (month and
// weekday names, digits, number words, "last", "now", ...) start a local parse.
package timex

import (
	"slices"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/sanc-news/sanc/pkg/segment"
)

// Expr is one temporal expression.
type Expr struct {
	Start, End int    // UTF-8 byte span in text (excludes a leading preposition, includes the determiner)
	Text       string // text[Start:End]
	Type       string // "date" | "time" | "duration" | "set"
	Value      string // TIMEX3 value
	Mod        string // TIMEX3 mod: START, END, MID, APPROX, LESS_THAN, MORE_THAN, ... or ""
	Relative   bool   // value computed from the document date or an earlier date
	Unresolved bool   // relative but no anchor available: value keeps X placeholders
	RangeWith  int    // index in the returned slice of the other end of a range, -1 if none
	Sentence   segment.Span
	Event      segment.Span // the clause the expression dates (best effort)
}

// Extract finds temporal expressions in text and normalises them. docDate is
// the article's publication date; the zero time means unknown, and relative
// expressions then stay unresolved (the machine clock is never consulted).
// paras is segment.Split(text); nil makes Extract split the text itself.
// Results are sorted by Start. Texts of 2 GiB or more (beyond the int32 token
// offsets) yield nothing.
func Extract(text string, paras []segment.Paragraph, docDate time.Time) []Expr {
	if len(text) >= 1<<31-1 {
		return nil
	}
	if paras == nil {
		paras = segment.Split(text)
	}
	p := newParser(text, paras, docDate)
	p.run()
	out := p.out
	p.free()
	if len(out) == 0 {
		return nil // nothing found is nil, as callers may test for
	}
	return out
}

// parserPool recycles parsers for their token tables: Extract runs once per
// article, and reusing the tables spares allocating and zeroing several
// bytes for each byte of text.
var parserPool = sync.Pool{New: func() any { return new(parser) }}

type parser struct {
	text   string
	toks   []tok
	sents  []segment.Span
	tsent  []int32 // sentence index of each token (-1 outside any)
	dct    time.Time
	hasDCT bool

	// Narrative anchor: the last date the text set, for anaphora ("two days
	// later") and for month names without a year in a narrative about the past.
	last         dval
	hasLast      bool
	lastExplicit bool // anchor came from a written year, not from the document date
	lastTok      int
	narrDoc      bool // at least half the written years lie well before the document date: a history, not news
	inMod        bool
	inRange      bool // parsing the second end of a range: "1861-1863" // parsing inside "the end of ...": "the year" is then a date
	lastQ        dval // last quarter named: "a year ago" in earnings copy means that quarter a year back
	hasQ         bool

	clauseMemo clauseMemo

	out []Expr
}

func newParser(text string, paras []segment.Paragraph, dct time.Time) *parser {
	p := parserPool.Get().(*parser)
	p.text = text
	p.toks = tokenize(text, p.toks)
	if !dct.IsZero() {
		p.dct = time.Date(dct.Year(), dct.Month(), dct.Day(), 0, 0, 0, 0, time.UTC)
		p.hasDCT = true
	}
	for _, para := range paras {
		for _, s := range para.Sentences {
			if s.Start >= 0 && s.End <= len(text) && s.Start <= s.End {
				p.sents = append(p.sents, s)
			}
		}
	}
	sort.Slice(p.sents, func(a, b int) bool { return p.sents[a].Start < p.sents[b].Start })
	p.narrDoc = narrativeDoc(text, p.toks, p.dct)
	p.out = make([]Expr, 0, len(p.toks)/32+4) // news runs about one expression per 30 tokens
	p.tsent = slices.Grow(p.tsent[:0], len(p.toks))[:len(p.toks)]
	// A token belongs to the first sentence that ends after its start, if
	// that sentence has begun: walked sentence by sentence, each token is
	// tested once.
	toks, tsent := p.toks, p.tsent
	i := 0
	for k, sent := range p.sents {
		for i < len(toks) && int(toks[i].s) < sent.Start {
			tsent[i] = -1
			i++
		}
		for i < len(toks) && int(toks[i].s) < sent.End {
			tsent[i] = int32(k)
			i++
		}
	}
	for ; i < len(toks); i++ {
		tsent[i] = -1
	}
	return p
}

// free returns p to parserPool with only its tables, emptied; the caller
// keeps p.out. Tables grown for a book-length text are left to the
// collector rather than held.
func (p *parser) free() {
	if cap(p.toks) > maxPooledToks {
		return
	}
	*p = parser{toks: p.toks[:0], sents: p.sents[:0], tsent: p.tsent[:0]}
	parserPool.Put(p)
}

// maxPooledToks is the most tokens a pooled parser keeps room for (some
// 24 MB, a 5 MB text).
const maxPooledToks = 1 << 20

// narrativeDoc reports whether most 4-digit years in the text lie two or
// more years before the document date (a history such as a war narrative),
// where bare month names follow the years the text has reached, not the
// publication date.
func narrativeDoc(text string, toks []tok, dct time.Time) bool {
	if dct.IsZero() {
		return true
	}
	far, all, deictic := 0, 0, 0
	dy := dct.Year()
	for k := range toks {
		t := &toks[k]
		if !t.opens {
			continue // neither a number nor a word that names a day
		}
		if t.kind != kNum {
			// News talks about its own days: "yesterday", "on Tuesday".
			if t.cat == cFunc && (t.val == fYesterday || t.val == fToday || t.val == fTomorrow) || t.cat == cWeekday && t.cap && !t.abbr {
				deictic++
			}
			continue
		}
		if t.sfx != sfxNone {
			continue
		}
		// "480 BC", "146 B.C.": ancient history is far whatever its digits.
		if k+1 < len(toks) && toks[k+1].kind == kWord && toks[k+1].cap {
			if w := text[toks[k+1].s:toks[k+1].e]; w == "BC" || w == "BCE" || w == "B" && toks[k+1].dot {
				all++
				far++
				continue
			}
		}
		if t.nd == 4 && t.n >= 1000 && t.n <= 2099 {
			all++
			if dy-int(t.n) >= 2 {
				far++
			}
		}
	}
	return all >= 6 && far*10 >= all*5 && deictic*20 < all
}

// cand is a parsed expression over tokens [i, j).
type cand struct {
	i, j    int
	typ     string
	v       dval
	val     string // when set, overrides v.String()
	mod     string
	rel     bool
	unres   bool
	anchors bool // sets the narrative anchor
	derived bool // computed from an earlier quarter: must not become the quarter anchor
}

func (c cand) value() string {
	if c.val != "" {
		return c.val
	}
	return c.v.String()
}

func (p *parser) run() {
	n := len(p.toks)
	for i := 0; i < n; {
		if !p.toks[i].opens {
			i++ // the common case: an ordinary word cannot start an expression
			continue
		}
		// A day range ("5-7 March") starts with a day and a hyphen: tested
		// here first, as dayRange returns two large candidates.
		if _, day := dayNum(&p.toks[i]); day && p.hyphenAt(i+1) {
			if a, b, ok := p.dayRange(i); ok {
				ia, ib := p.emit(a), p.emit(b)
				p.out[ia].RangeWith, p.out[ib].RangeWith = ib, ia
				i = b.j
				continue
			}
		}
		c, ok := p.parse(i)
		if !ok {
			i++
			continue
		}
		idx := p.emit(c)
		i = c.j
		// Ranges: "between X and Y", "from X to Y", "2009-2010", "2009–10".
		if i < n {
			if j, ok2 := p.rangeTail(c, i); ok2 {
				p.inRange = true
				c2, ok3 := p.parse(j)
				p.inRange = false
				if !ok3 {
					c2, ok3 = p.shortYear(j, c)
				}
				if !ok3 {
					c2, ok3 = p.shortDay(j, c)
				}
				if ok3 && c2.typ == c.typ {
					idx2 := p.emit(c2)
					p.out[idx].RangeWith = idx2
					p.out[idx2].RangeWith = idx
					i = c2.j
				}
			}
		}
	}
	p.linkWeekdays()
}

// rangeTail reports where the second end of a range starts, if token i joins two ends.
func (p *parser) rangeTail(c cand, i int) (int, bool) {
	t := p.toks[i]
	if t.kind == kPunct {
		s := p.text[t.s:t.e]
		if (s == "-" || s == "–" || s == "—") && i+1 < len(p.toks) && p.toks[i+1].s == t.e && t.s == p.toks[i-1].e {
			return i + 1, c.typ == "date"
		}
		return 0, false
	}
	if t.cat != cFunc || c.i == 0 {
		return 0, false
	}
	prev := p.toks[c.i-1]
	if prev.cat != cFunc && !(t.val == fAnd && c.v.g == gDay) {
		return 0, false
	}
	switch {
	case prev.val == fBetween && t.val == fAnd:
		return i + 1, true
	case t.val == fAnd && c.v.g == gDay && c.v.d > 0:
		// "on April 24 and 25": a second day of the same month.
		if _, ok := dayNum(p.tk(i + 1)); ok && !p.countFollows(i+1) && !p.unitAt(i+2) {
			return i + 1, true
		}
	case prev.val == fFrom && (t.val == fTo || t.val == fUntil || t.val == fThrough):
		return i + 1, true
	}
	return 0, false
}

// shortYear parses the "10" of "2009–10".
func (p *parser) shortYear(j int, first cand) (cand, bool) {
	if j >= len(p.toks) || first.v.g != gYear || first.v.y == 0 {
		return cand{}, false
	}
	t := p.toks[j]
	if t.kind != kNum || t.nd != 2 || t.sfx != sfxNone {
		return cand{}, false
	}
	y := first.v.y/100*100 + int(t.n)
	if y <= first.v.y {
		return cand{}, false
	}
	return cand{i: j, j: j + 1, typ: "date", v: dval{g: gYear, y: y}, anchors: true}, true
}

// shortDay parses the "25" of "April 22-25".
func (p *parser) shortDay(j int, first cand) (cand, bool) {
	if j >= len(p.toks) || first.v.g != gDay || first.v.m == 0 {
		return cand{}, false
	}
	d, ok := dayNum(&p.toks[j])
	if !ok || d <= first.v.d || first.v.y > 0 && d > daysIn(first.v.y, first.v.m) {
		return cand{}, false
	}
	c := first
	c.i, c.j, c.v.d = j, j+1, d
	k := j + 1
	if p.isPunct(k, ",") {
		k++
	}
	if y, end, ok := p.yearAt(k); ok && y == first.v.y {
		c.j = end
	}
	return c, true
}

// dayRange parses "6-7 January 1916": the first day borrows the second's month and year.
func (p *parser) dayRange(i int) (cand, cand, bool) {
	d, ok := dayNum(&p.toks[i])
	if !ok || !p.hyphenAt(i+1) {
		return cand{}, cand{}, false
	}
	b, ok := p.dayMonth(i + 2)
	if !ok || b.v.g != gDay || d >= b.v.d {
		return cand{}, cand{}, false
	}
	a := b
	a.i, a.j, a.v.d = i, i+1, d
	return a, b, true
}

func (p *parser) emit(c cand) int {
	s, e := int(p.toks[c.i].s), int(p.toks[c.j-1].e)
	// An abbreviation's full stop ("Jan.", "a.m.") belongs to the expression.
	if last := p.toks[c.j-1]; last.dot && (last.abbr || isAMPMWord(last)) {
		e++
	}
	sent := segment.Span{Start: 0, End: len(p.text)}
	if k := p.tsent[c.i]; k >= 0 {
		sent = p.sents[k]
	}
	x := Expr{Start: s, End: e, Text: p.text[s:e], Type: c.typ, Value: c.value(), Mod: c.mod,
		Relative: c.rel, Unresolved: c.unres, RangeWith: -1, Sentence: sent, Event: p.clause(sent, c.i, c.j, s, e)}
	// "part of the empire since 513 BC": what a state runs from is background;
	// the narrative stays where it was.
	if c.anchors && c.v.known() && c.v.g >= gYear && c.v.g <= gTime && c.v.g != gWeekday && !p.fn(c.i-1, fSince) {
		p.last = c.v
		p.hasLast = true
		p.lastExplicit = !c.rel
		p.lastTok = c.i
	}
	if c.v.g == gQuarter && c.v.y > 0 && !c.derived && p.reportedQuarter(c) {
		p.lastQ, p.hasQ = c.v, true
	}
	p.out = append(p.out, x)
	return len(p.out) - 1
}

// reportedQuarter tells whether quarter c can be the one earnings copy
// reports on, which "a year ago" then compares with: a quarter that has
// ended, or a fiscal one under way that a past verb reports ("reported a
// decline in fourth-quarter earnings"). One ahead ("losses through the
// third quarter of 1990") is a forecast.
func (p *parser) reportedQuarter(c cand) bool {
	if !p.hasDCT {
		return true
	}
	start := time.Date(c.v.y, time.Month(c.v.q*3-2), 1, 0, 0, 0, 0, time.UTC)
	if !start.AddDate(0, 3, 0).After(p.dct) {
		return true
	}
	return !start.After(p.dct) && p.tense(c.i) < 0
}

// clauseBreaks end a clause: semicolons, dashes, and a comma before a
// coordinating or subordinating word. Each is at least two bytes long and
// ends with a space.
var clauseBreaks = []string{"; ", " — ", " -- ", ", and ", ", but ", ", while ", ", which ", ", whereas ", ", although ", ": "}

// breaksByAnchor indexes clauseBreaks by their anchor, the first byte that
// is not a space. An anchor (a comma, semicolon, colon or dash) always
// starts a punctuation token, so clause looks for breaks at those tokens
// rather than at every byte. A break occurs at most once per anchor.
var (
	breaksByAnchor [256][]anchoredBreak
	isAnchor       [256]bool
)

// maxBreakLen bounds how far past its anchor a break can end.
var maxBreakLen int

type anchoredBreak struct {
	br  string
	off int // offset of the anchor in br
}

func init() {
	for _, br := range clauseBreaks {
		off := len(br) - len(strings.TrimLeft(br, " "))
		breaksByAnchor[br[off]] = append(breaksByAnchor[br[off]], anchoredBreak{br, off})
		isAnchor[br[off]] = true
		maxBreakLen = max(maxBreakLen, len(br))
	}
}

// clause narrows a sentence to the clause around the expression over
// tokens [i, j), bytes [s, e), a cheap approximation of the event it
// dates; it falls back to the sentence. It scans out from the expression
// to the nearest break on each side rather than searching the sentence
// once per break: sentences can be long. Where the last call was for the
// same sentence and an earlier expression, it resumes from what that call
// found, so that a long sentence holding many expressions (a table, a list
// of dates) is scanned about once, not once per expression.
func (p *parser) clause(sent segment.Span, i, j, s, e int) segment.Span {
	c := sent
	if s < sent.Start || e > sent.End {
		return sent
	}
	text, toks := p.text, p.toks
	m := &p.clauseMemo
	resume := m.ok && m.sent == sent
	// The break ending latest before the expression. On resuming, only the
	// breaks that end after the last expression's start are new.
	known := sent.Start // breaks ending up to here cannot beat c.Start
	if resume && s >= m.s {
		c.Start, known = m.start, m.s
	}
	for t := i - 1; t >= 0; t-- {
		k := int(toks[t].s)
		if k < sent.Start || k+maxBreakLen <= max(c.Start, known) {
			break
		}
		if toks[t].kind != kPunct || !isAnchor[text[k]] {
			continue
		}
		for _, ab := range breaksByAnchor[text[k]] {
			b := k - ab.off
			if b >= sent.Start && b+len(ab.br) <= s && b+len(ab.br) > c.Start && text[b:b+len(ab.br)] == ab.br {
				c.Start = b + len(ab.br)
			}
		}
	}
	// The break starting earliest after it: on resuming, the one found last
	// time (or its absence) stands while it does not start before e. Its
	// anchor lies at most one byte into it, so the first found is the earliest.
	if resume && e >= m.e && (m.end < 0 || m.end >= e) {
		if m.end >= 0 {
			c.End = m.end
		}
	} else {
		m.end = -1
	scan:
		for t := j; t < len(toks) && int(toks[t].s) < sent.End; t++ {
			k := int(toks[t].s)
			if toks[t].kind != kPunct || !isAnchor[text[k]] {
				continue
			}
			for _, ab := range breaksByAnchor[text[k]] {
				b := k - ab.off
				if b >= e && b+len(ab.br) <= sent.End && text[b:b+len(ab.br)] == ab.br {
					c.End = b
					m.end = b
					break scan
				}
			}
		}
	}
	m.ok, m.sent, m.s, m.e, m.start = true, sent, s, e, c.Start
	return segment.Trim(p.text, c)
}

// clauseMemo is what the last call of clause found: the end of the break
// before s and the start of the break after e, -1 if none.
type clauseMemo struct {
	ok         bool
	sent       segment.Span
	s, e       int
	start, end int
}

// linkWeekdays gives "Wednesday" in "Wednesday (Dec. 2)" or "Wednesday, Dec. 2"
// the value of the date written beside it.
func (p *parser) linkWeekdays() {
	for k := 0; k+1 < len(p.out); k++ {
		a, b := &p.out[k], &p.out[k+1]
		if a.Type != "date" {
			continue
		}
		wd := weekdayWord(a.Text)
		if wd == 0 {
			continue
		}
		gap := p.text[a.End:b.Start]
		if gap != " (" && gap != ", " && gap != "," && gap != "(" {
			continue
		}
		if len(b.Value) != 10 || b.Value[0] == 'X' {
			continue
		}
		a.Value = b.Value
		a.Unresolved = b.Unresolved
	}
}

func weekdayWord(s string) int {
	l, ok := lookupLex(s)
	if !ok || l.cat != cWeekday {
		return 0
	}
	return int(l.val)
}

// unitAt reports a time unit or month name at i ("25 years", "25 May").
func (p *parser) unitAt(i int) bool {
	t := p.tk(i)
	return t != nil && (t.cat == cUnit || t.cat == cMonth)
}
