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
	"sort"
	"strings"
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
	if len(p.out) == 0 {
		return nil // nothing found is nil, as callers may test for
	}
	return p.out
}

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

	out []Expr
}

func newParser(text string, paras []segment.Paragraph, dct time.Time) *parser {
	p := &parser{text: text, toks: tokenize(text)}
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
	p.tsent = make([]int32, len(p.toks))
	k := 0
	for i, t := range p.toks {
		for k < len(p.sents) && p.sents[k].End <= int(t.s) {
			k++
		}
		if k < len(p.sents) && p.sents[k].Start <= int(t.s) {
			p.tsent[i] = int32(k)
		} else {
			p.tsent[i] = -1
		}
	}
	return p
}

// narrativeDoc reports whether most 4-digit years in the text lie two or
// more years before the document date (a history such as a war narrative),
// where bare month names follow the years the text has reached, not the
// publication date.
func narrativeDoc(text string, toks []tok, dct time.Time) bool {
	if dct.IsZero() {
		return true
	}
	far, all, deictic := 0, 0, 0
	for k, t := range toks {
		// "480 BC", "146 B.C.": ancient history is far whatever its digits.
		if t.kind == kNum && t.sfx == sfxNone && k+1 < len(toks) && toks[k+1].kind == kWord && toks[k+1].cap {
			if w := text[toks[k+1].s:toks[k+1].e]; w == "BC" || w == "BCE" || w == "B" && toks[k+1].dot {
				all++
				far++
				continue
			}
		}
		// News talks about its own days: "yesterday", "on Tuesday".
		if t.cat == cFunc && (t.val == fYesterday || t.val == fToday || t.val == fTomorrow) || t.cat == cWeekday && t.cap && !t.abbr {
			deictic++
		}
		if t.kind == kNum && t.nd == 4 && t.sfx == sfxNone && t.n >= 1000 && t.n <= 2099 {
			all++
			if dct.Year()-int(t.n) >= 2 {
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
		if p.toks[i].kind == kWord && p.toks[i].cat == cNone {
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
		Relative: c.rel, Unresolved: c.unres, RangeWith: -1, Sentence: sent, Event: p.clause(sent, s, e)}
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

// breaksByFirst and breaksByPenult index clauseBreaks by their first and
// next-to-last byte, so that a scan over a long sentence tries at most a
// couple of them at each position.
var breaksByFirst, breaksByPenult [256][]string

func init() {
	for _, br := range clauseBreaks {
		breaksByFirst[br[0]] = append(breaksByFirst[br[0]], br)
		breaksByPenult[br[len(br)-2]] = append(breaksByPenult[br[len(br)-2]], br)
	}
}

// clause narrows a sentence to the clause around the expression, a cheap
// approximation of the event it dates; it falls back to the sentence. It
// scans out from the expression to the nearest break on each side rather
// than searching the sentence once per break: sentences can be long.
func (p *parser) clause(sent segment.Span, s, e int) segment.Span {
	c := sent
	if s < sent.Start || e > sent.End {
		return sent
	}
	before, after := p.text[sent.Start:s], p.text[e:sent.End]
	// The break ending latest before the expression (every break ends in a space).
	for k := len(before) - 1; k > 0; k-- {
		if before[k] != ' ' {
			continue
		}
		for _, br := range breaksByPenult[before[k-1]] {
			if strings.HasSuffix(before[:k+1], br) {
				c.Start = sent.Start + k + 1
				k = 0
				break
			}
		}
	}
	// The break starting earliest after it.
	for k := 0; k < len(after); k++ {
		for _, br := range breaksByFirst[after[k]] {
			if strings.HasPrefix(after[k:], br) {
				c.End = e + k
				return segment.Trim(p.text, c)
			}
		}
	}
	return segment.Trim(p.text, c)
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
	var buf [12]byte
	if len(s) > len(buf) {
		return 0
	}
	l, ok := lexicon[lowerASCII(s, buf[:0])]
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
