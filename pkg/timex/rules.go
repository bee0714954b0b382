package timex

import (
	"strings"
	"time"
)

// number parses a quantity: digits, spelled numbers ("twenty-four"), "a",
// "an", or a vague quantity ("several", "a few"), which yields n = -1.
func (p *parser) number(i int) (n, j int, ok bool) {
	t := p.tk(i)
	if t == nil {
		return 0, 0, false
	}
	if t.kind == kNum {
		if t.sfx != sfxNone || t.n <= 0 || t.n > 1000 {
			return 0, 0, false
		}
		// "$3", "#5": money and numbering are not quantities of time.
		if i > 0 && p.toks[i-1].e == t.s && p.toks[i-1].kind == kPunct {
			return 0, 0, false
		}
		return int(t.n), i + 1, true
	}
	if t.cat == cNumWord {
		n, j = int(t.val), i+1
		if n >= 20 && n < 100 {
			k := j
			if p.hyphenAt(k) {
				k++
			}
			if u := p.tk(k); u != nil && u.cat == cNumWord && u.val > 0 && u.val < 10 {
				n += int(u.val)
				j = k + 1
			}
		}
		// "two hundred", "two thousand"
		if h := p.tk(j); n > 0 && n < 100 && h != nil && h.cat == cNumWord && (h.val == 100 || h.val == 1000) {
			n *= int(h.val)
			j++
		}
		return n, j, n > 0
	}
	if t.cat != cFunc {
		return 0, 0, false
	}
	switch t.val {
	case fA, fAn:
		if p.fn(i+1, fFew) || p.fn(i+1, fCouple) {
			j = i + 2
			if p.fn(j, fOf) {
				j++
			}
			if p.tk(i+1).val == fCouple {
				return 2, j, true
			}
			return -1, j, true
		}
		if h := p.tk(i + 1); h != nil && h.cat == cNumWord && (h.val == 100 || h.val == 12 || h.val == 1000) {
			return int(h.val), i + 2, true
		}
		return 1, i + 1, true
	case fSeveral, fFew, fMany, fSome:
		return -1, i + 1, true
	case fCouple:
		// "the next couple of years"
		if p.fn(i+1, fOf) {
			return 2, i + 2, true
		}
	}
	return 0, 0, false
}

// unit parses a time unit at i, also across a hyphen ("five-year").
func (p *parser) unit(i int) (u int, pl bool, j int, ok bool) {
	k := i
	if p.hyphenAt(k) {
		k++
	}
	t := p.tk(k)
	if t == nil || t.cat != cUnit {
		return 0, false, 0, false
	}
	if t.abbr && !t.dot && t.kind != kWord {
		return 0, false, 0, false
	}
	return int(t.val), t.pl, k + 1, true
}

// numUnit: "five years", "a year ago", "two days later", "15-year".
func (p *parser) numUnit(i int) (cand, bool) {
	n, j, ok := p.number(i)
	if !ok {
		return cand{}, false
	}
	// "two more weeks", "an additional year": the count still measures time.
	if p.fn(j, fMore) || p.wordIs(j, "additional") {
		if u, _, _, ok := p.unit(j + 1); ok && u >= uHour {
			j++
		}
	}
	// "eight trading days", "ten business days": still days.
	if d := p.tk(j + 1); d != nil && d.cat == cUnit && d.val == uDay && (p.wordIs(j, "trading") || p.wordIs(j, "business") || p.wordIs(j, "working")) {
		j++
	}
	half := false
	if t := p.tk(j); n > 0 && t != nil && t.kind == kNumX && p.text[t.s:t.e] == "1/2" {
		half, j = true, j+1 // "2 1/2 years"
	}
	u, pl, j2, ok := p.unit(j)
	if !ok {
		return cand{}, false
	}
	// "a year-earlier gain": the adjective, not "a year".
	if n == 1 && u == uYear && !pl && p.hyphenAt(j2) && (p.fn(j2+1, fAgo) || p.fn(j2+1, fEarlier)) {
		return cand{}, false
	}
	if half {
		if v, ok := halfDur(n, u); ok {
			return cand{i: i, j: j2, typ: "duration", val: v}, true
		}
		return cand{}, false
	}
	// "a years" is not English; "a few year" neither, but tolerate.
	if n == 1 && pl && p.toks[i].kind != kNum {
		return cand{}, false
	}
	// A vague quantity needs a plural ("several years"); "some day" is not a duration.
	if n < 0 && !pl && !(p.hyphenAt(j) && p.toks[i].cat == cFunc && p.toks[i].val == fSeveral) {
		return cand{}, false // "several-year tenure" is fine
	}
	if u == uSecond && !pl && n != 1 && p.toks[j].kind == kWord && p.toks[i].kind == kWord {
		return cand{}, false
	}
	// "a second group", "a second term": the ordinal, not a second of time.
	if u == uSecond && !pl && n == 1 && p.toks[i].kind == kWord {
		if t := p.tk(j2); t != nil && t.kind == kWord && (t.cat == cNone || t.cat == cUnit) && !t.cap {
			return cand{}, false
		}
	}
	// "three-quarters of its food", "a quarter of the market": a share when
	// counted with a hyphen or alone, or taken of something determined,
	// unless what it divides is itself time ("a quarter of an hour");
	// "several quarters of losses" is still time.
	if u == uQuarter && p.fn(j2, fOf) && (n == 1 || p.hyphenAt(j) || p.determinerAt(j2+1)) {
		k := j2 + 1
		if p.determinerAt(k) {
			k++
		}
		if t := p.tk(k); t == nil || t.cat != cUnit {
			return cand{}, false
		}
	}
	// "a minute and a half", "two years and a half"
	if n > 0 && p.fn(j2, fAnd) && (p.fn(j2+1, fA) || p.fn(j2+1, fAn)) && p.wordIs(j2+2, "half") {
		if v, ok := halfDur(n, u); ok {
			return cand{i: i, j: j2 + 3, typ: "duration", val: v}, true
		}
	}
	j = j2
	// Ages ("a 6-year-old boy", "five years old") describe people, not time.
	if p.fn(j, fOld) || p.hyphenAt(j) && p.fn(j+1, fOld) {
		return cand{}, false
	}
	// "a week or so ago", "two years or so later": the hedge sits inside.
	if p.wordIs(j, "or") && p.wordIs(j+1, "so") && (p.fn(j+2, fAgo) || p.fn(j+2, fLater) || p.fn(j+2, fEarlier)) {
		j += 2
	}
	switch {
	case p.fn(j, fAgo) || (p.fn(j, fEarlier) && n == 1 && u == uYear && p.hasQ):
		if n == 1 && u == uYear && p.hasQ {
			return cand{i: i, j: j + 1, typ: "date", v: shift(p.lastQ, uQuarter, -4), rel: true, derived: true}, true
		}
		return p.offset(i, j+1, n, u, -1, false), true
	case p.fn(j, fLater) || p.fn(j, fEarlier):
		dir := 1
		if p.fn(j, fEarlier) {
			dir = -1
		}
		return p.offset(i, j+1, n, u, dir, true), true
	case p.wordIs(j, "previously") || p.fn(j, fBefore) && p.tk(j+1) != nil && p.toks[j+1].kind == kPunct:
		// "two years before," "five years previously": back from the narrative's date.
		return p.offset(i, j+1, n, u, -1, true), true
	case p.fn(j, fFrom) && p.fn(j+1, fNow):
		return p.offset(i, j+2, n, u, 1, false), true
	}
	// "$3 billion a year", "twice a year": a frequency.
	if t := p.toks[i]; t.cat == cFunc && (t.val == fA || t.val == fAn) && i > 0 {
		pr := p.toks[i-1]
		if pr.cat == cFunc && (pr.val == fTimes || pr.val == fTwice || pr.val == fOnce) || pr.kind == kNum || pr.kind == kNumX || pr.cat == cNone && pr.kind == kWord && i > 1 && (p.toks[i-2].kind == kNum || p.toks[i-2].kind == kNumX) {
			return cand{i: i, j: j, typ: "set", val: durValue(1, u)}, true
		}
	}
	return cand{i: i, j: j, typ: "duration", val: durValue(n, u)}, true
}

// offset resolves "N units ago" (against the document date) or "N units
// later/earlier" (against the narrative anchor).
func (p *parser) offset(i, j, n, u, dir int, anaphoric bool) cand {
	c := cand{i: i, j: j, typ: "date", rel: true}
	if n < 0 {
		if dir < 0 {
			c.val = "PAST_REF"
		} else {
			c.val = "FUTURE_REF"
		}
		c.anchors = false
		return c
	}
	var base dval
	ok := false
	if anaphoric {
		base, ok = p.anchorDate()
	} else if p.hasDCT {
		base, ok = dayOf(p.dct), true
	}
	if u == uHour || u == uMinute || u == uSecond {
		u = uDay
		n = 0
	}
	if !ok {
		c.v, c.unres = unresolvedUnit(u), true
		return c
	}
	v := shift(base, u, dir*n)
	if v.g == gNone {
		c.v, c.unres = unresolvedUnit(u), true
		return c
	}
	c.v = v
	return c
}

// bareUnit: "years" in "for years", "in recent months".
func (p *parser) bareUnit(i int) (cand, bool) {
	if c, ok := p.yearAgo(i, i); ok {
		return c, true
	}
	t := p.toks[i]
	if !t.pl || i == 0 || t.val < uHour {
		return cand{}, false
	}
	pr := p.toks[i-1]
	if pr.cat == cFunc && (pr.val == fFor || pr.val == fIn || pr.val == fOver || pr.val == fWithin) {
		return cand{i: i, j: i + 1, typ: "duration", val: durValue(-1, int(t.val))}, true
	}
	return cand{}, false
}

// dayNum reports a day-of-month token: 1..31 with an optional ordinal suffix.
func dayNum(t *tok) (int, bool) {
	if t == nil || t.kind != kNum || t.nd > 2 || t.n < 1 || t.n > 31 {
		return 0, false
	}
	switch t.sfx {
	case sfxNone, sfxSt, sfxNd, sfxRd, sfxTh:
		return int(t.n), true
	}
	return 0, false
}

// fullYear reports a 4-digit year token.
func fullYear(t *tok) (int, bool) {
	if t == nil || t.kind != kNum || t.nd != 4 || t.sfx != sfxNone || t.n < 1000 || t.n > 2099 {
		return 0, false
	}
	return int(t.n), true
}

// monthOK rejects month words that are probably something else ("may" the
// verb, "March" the noun, "Jan" a name) unless a date-like neighbour supports them.
func (p *parser) monthOK(i int) bool {
	t := p.toks[i]
	if !t.cap {
		return false
	}
	if t.abbr && !t.dot {
		if _, ok := dayNum(p.tk(i + 1)); !ok {
			return false
		}
	}
	if t.val == 3 && !t.abbr && p.fn(i+1, fOf) {
		// "the March of Dimes", "the March of the Living": a name.
		k := i + 2
		if p.fn(k, fThe) {
			k++
		}
		if n := p.tk(k); n != nil && n.kind == kWord && n.cap && n.cat == cNone {
			return false
		}
	}
	if t.val == 5 || t.val == 3 && !t.abbr || t.val == 8 && !t.abbr {
		// May / March / August: need a day, a year, or a temporal preposition.
		if _, ok := dayNum(p.tk(i + 1)); ok {
			return true
		}
		if _, _, ok := p.spelledDay(i + 1); ok {
			return true
		}
		if _, ok := fullYear(p.tk(i + 1)); ok {
			return true
		}
		if pr := p.tk(i - 1); pr != nil && pr.cat == cFunc {
			switch pr.val {
			case fIn, fSince, fUntil, fBy, fEarly, fLate, fMid, fLast, fNext, fThis, fOf, fDuring, fBefore, fAfter, fFrom, fTo, fThrough, fBetween, fAnd:
				return !(t.val == 5 && i+1 < len(p.toks) && p.toks[i+1].kind == kWord && !p.toks[i+1].cap && p.toks[i+1].cat == cNone)
			}
		}
		if p.hyphenAt(i-1) && p.fn(i-2, fMid) {
			return true
		}
		// "the March accession", "an August offensive": a month modifying
		// a lowercase noun ("the May government" names a person).
		if t.val != 5 && (p.fn(i-1, fThe) || p.fn(i-1, fA) || p.fn(i-1, fAn)) {
			if n := p.tk(i + 1); n != nil && n.kind == kWord && !n.cap && n.cat == cNone && n.e-n.s > 3 && !strings.HasSuffix(p.text[n.s:n.e], "ly") {
				return true
			}
		}
		return t.val != 5 && i > 0 && p.toks[i-1].kind == kPunct
	}
	return true
}

func (p *parser) monthExpr(i int) (cand, bool) {
	if !p.monthOK(i) {
		return cand{}, false
	}
	m := int(p.toks[i].val)
	j := i + 1
	if p.toks[i].abbr && p.isPunct(j, ".") {
		j++
	}
	// Month Day [, Year]
	d, ok := dayNum(p.tk(j))
	dEnd := j + 1
	if !ok {
		d, dEnd, ok = p.spelledDay(j) // "March eighth"
	}
	if ok && !(p.isPunct(j+1, ":") && p.adjacent(j+1)) {
		k := dEnd
		if p.isPunct(k, ",") {
			k++
		}
		if y, end, ok := p.yearAt(k); ok {
			if y > 0 && d > daysIn(y, m) {
				return cand{}, false
			}
			return cand{i: i, j: end, typ: "date", v: dval{g: gDay, y: y, m: m, d: d}, anchors: true}, true
		}
		// "April 22-25, 2021": the year written after the range.
		if d2, ok := dayNum(p.tk(j + 2)); ok && dEnd == j+1 && p.hyphenAt(j+1) && d2 > d {
			k := j + 3
			if p.isPunct(k, ",") {
				k++
			}
			if y, _, ok := p.yearAt(k); ok {
				return cand{i: i, j: j + 1, typ: "date", v: dval{g: gDay, y: y, m: m, d: d}, anchors: true}, true
			}
		}
		y, rel := p.yearFor(i, m, d, 0)
		c := cand{i: i, j: dEnd, typ: "date", v: dval{g: gDay, y: y, m: m, d: d}, rel: rel, unres: y == 0, anchors: true}
		return c, true
	}
	// Month [of|,] Year
	k := j
	if p.fn(k, fOf) || p.isPunct(k, ",") {
		k++
	}
	if y, end, ok := p.yearAt(k); ok {
		return cand{i: i, j: end, typ: "date", v: dval{g: gMonth, y: y, m: m}, anchors: true}, true
	}
	// Month [of] this/last/next year; Month nineteen ninety-seven
	k = j
	if p.fn(k, fOf) {
		k++
	}
	if tt := p.tk(k); tt != nil && tt.cat == cFunc && (tt.val == fThis || tt.val == fLast || tt.val == fNext || tt.val == fThat || tt.val == fThe && p.fn(k+1, fSame)) {
		if c, ok := p.detExpr(k); ok && c.v.g == gYear && c.typ == "date" {
			c.i = i
			c.v.g, c.v.m = gMonth, m
			return c, true
		}
	}
	if c, ok := p.spelledYear(k); ok && k == j {
		c.i = i
		c.v.g, c.v.m = gMonth, m
		return c, true
	}
	// "August and September 1914": the year written once covers both.
	if y, ok := p.coordYear(j, cMonth); ok {
		return cand{i: i, j: j, typ: "date", v: dval{g: gMonth, y: y, m: m}, anchors: true}, true
	}
	y, rel := p.yearFor(i, m, 0, 0)
	return cand{i: i, j: j, typ: "date", v: dval{g: gMonth, y: y, m: m}, rel: rel, unres: y == 0, anchors: true}, true
}

// spelledDay reads a day of the month written as an ordinal word after a
// month name: "eighth", "twenty-first", "thirtieth".
func (p *parser) spelledDay(j int) (d, end int, ok bool) {
	t := p.tk(j)
	if t == nil {
		return 0, 0, false
	}
	switch {
	case t.kind == kWord && t.cat != cNumWord:
		o, ok := p.ordinal(j) // "eighth", and "second", which the lexicon keeps as a unit
		if !ok {
			return 0, 0, false
		}
		d, end = o, j+1
	case t.cat == cNumWord && (t.val == 20 || t.val == 30) && p.hyphenAt(j+1):
		o, ok := p.ordinal(j + 2)
		if !ok || o > 9 || p.toks[j+2].kind != kWord {
			return 0, 0, false
		}
		d, end = int(t.val)+o, j+3
	default:
		return 0, 0, false
	}
	// "the March third quarter" is not a day; neither is "May first-half".
	if n := p.tk(end); d > 31 || n != nil && n.cat == cUnit || p.hyphenAt(end) {
		return 0, 0, false
	}
	return d, end, true
}

// coordYear reads the year after a coordinated second name: "and September 1914".
func (p *parser) coordYear(j int, cat uint8) (int, bool) {
	if !(p.fn(j, fAnd) || p.fn(j, fOr) || p.hyphenAt(j)) {
		return 0, false
	}
	if n := p.tk(j + 1); n == nil || n.cat != cat {
		return 0, false
	}
	k := j + 2
	if p.toks[j+1].abbr && p.isPunct(k, ".") {
		k++
	}
	if p.fn(k, fOf) {
		k++
	}
	y, _, ok := p.yearAt(k)
	return y, ok
}

// dayMonth: "6 January 2015", "6th of January".
func (p *parser) dayMonth(i int) (cand, bool) {
	d, ok := dayNum(p.tk(i))
	if !ok {
		return cand{}, false
	}
	j := i + 1
	if p.fn(j, fOf) {
		j++
	}
	mt := p.tk(j)
	if mt == nil || mt.cat != cMonth || !mt.cap || mt.abbr && !mt.dot {
		return cand{}, false
	}
	m := int(mt.val)
	k := j + 1
	if p.isPunct(k, ",") {
		k++
	}
	if y, end, ok := p.yearAt(k); ok && (y < 0 || d <= daysIn(y, m)) {
		return cand{i: i, j: end, typ: "date", v: dval{g: gDay, y: y, m: m, d: d}, anchors: true}, true
	}
	y, rel := p.yearFor(i, m, d, 0)
	return cand{i: i, j: j + 1, typ: "date", v: dval{g: gDay, y: y, m: m, d: d}, rel: rel, unres: y == 0, anchors: true}, true
}

// numericDate: "2015-01-06", "01/22/2025", "1/22/25", optionally followed by a clock time.
func (p *parser) numericDate(i int) (cand, bool) {
	t := p.toks[i]
	var v dval
	j := i + 1
	if t.kind == kNum && t.nd == 4 && t.sfx == sfxNone && p.hyphenAt(i+1) && p.hyphenAt(i+3) {
		m, d := p.tk(i+2), p.tk(i+4)
		if m.kind != kNum || d.kind != kNum || m.nd > 2 || d.nd > 2 || m.sfx != sfxNone || d.sfx != sfxNone {
			return cand{}, false
		}
		v = dval{g: gDay, y: int(t.n), m: int(m.n), d: int(d.n)}
		j = i + 5
	} else if t.kind == kNumX {
		s := p.text[t.s:t.e]
		parts := splitNums(s, '/')
		if len(parts) != 3 {
			return cand{}, false
		}
		m, d, y := parts[0], parts[1], parts[2]
		if y < 100 && len(s) >= 6 {
			y += 1900
			if y < 1950 {
				y += 100
			}
		}
		v = dval{g: gDay, y: y, m: m, d: d}
	} else {
		return cand{}, false
	}
	if v.m < 1 || v.m > 12 || v.d < 1 || v.y < 1000 || v.y > 2099 || v.d > daysIn(v.y, v.m) {
		return cand{}, false
	}
	c := cand{i: i, j: j, typ: "date", v: v, anchors: true}
	if tc, ok := p.clockTime(j); ok && tc.v.hasTime {
		c.j = tc.j
		c.typ = "time"
		c.v.g, c.v.hasTime, c.v.hh, c.v.mm, c.v.ss, c.v.hasSec = gTime, true, tc.v.hh, tc.v.mm, tc.v.ss, tc.v.hasSec
	}
	return c, true
}

// splitNums splits "01/22/2025" into numbers; nil if any part is not digits.
func splitNums(s string, sep byte) []int {
	var out []int
	n, digits := 0, 0
	for i := 0; i <= len(s); i++ {
		if i == len(s) || s[i] == sep {
			if digits == 0 || digits > 4 {
				return nil
			}
			out = append(out, n)
			n, digits = 0, 0
			continue
		}
		if s[i] < '0' || s[i] > '9' {
			return nil
		}
		n = n*10 + int(s[i]-'0')
		digits++
	}
	return out
}

func isAMPMWord(t tok) bool {
	return t.kind == kWord && t.e-t.s == 1 && (t.cat == cFunc && t.val == fA || t.cat == cNone)
}

// ampm parses "am", "pm", "a.m.", "p.m." at j.
func (p *parser) ampm(j int) (pm bool, end int, ok bool) {
	t := p.tk(j)
	if t == nil || t.kind != kWord {
		return false, 0, false
	}
	w := lowerASCII(p.text[t.s:t.e], nil)
	switch w {
	case "am", "pm":
		return w == "pm", j + 1, true
	case "a", "p":
		if t.dot && p.isPunct(j+1, ".") {
			if m := p.tk(j + 2); m != nil && m.kind == kWord && m.s == t.e+1 && (p.text[m.s:m.e] == "m" || p.text[m.s:m.e] == "M") {
				return w == "p", j + 3, true
			}
		}
	}
	return false, 0, false
}

// clockTime: "10:30", "03:02:40 am", "10 a.m.", "noon".
// isHoursWord reports "h", "hr", "hrs" in any case: the military "05:30hrs".
func isHoursWord(s string) bool {
	switch len(s) {
	case 1:
		return s[0]|0x20 == 'h'
	case 2, 3:
		return s[0]|0x20 == 'h' && s[1]|0x20 == 'r' && (len(s) == 2 || s[2]|0x20 == 's')
	}
	return false
}

// podAfter reads "in the morning" (afternoon, evening) or "at night" at j:
// the part of day and where the phrase ends.
func (p *parser) podAfter(j int) (pod, end int) {
	if p.fn(j, fIn) && p.fn(j+1, fThe) {
		if t := p.tk(j + 2); t != nil && t.cat == cPod {
			return int(t.val), j + 3
		}
	}
	if t := p.tk(j + 1); t != nil && t.cat == cPod && t.val == 4 && p.wordIs(j, "at") {
		return 4, j + 2
	}
	return 0, 0
}

func (p *parser) clockTime(i int) (cand, bool) {
	t := p.tk(i)
	if t == nil {
		return cand{}, false
	}
	var hh, mm, ss int
	hasSec := false
	j := i + 1
	switch {
	case t.cat == cFunc && (t.val == fNoon || t.val == fMidnight):
		if t.val == fNoon && p.wordIs(i-1, "high") {
			return cand{}, false // "high noon": a showdown, not a clock time
		}
		hh = 12
		if t.val == fMidnight {
			hh = 24
		}
	case t.kind == kNumX:
		s := p.text[t.s:t.e]
		if t.sfx != sfxNone {
			// "5:30PM", "05:30hrs": letters glued to the digits.
			k := len(s)
			for k > 0 && isASCIILetter(s[k-1]) {
				k--
			}
			if t.sfx == sfxOther && !isHoursWord(s[k:]) {
				return cand{}, false
			}
			s = s[:k]
		}
		parts := splitNums(s, ':')
		if len(parts) < 2 || len(parts) > 3 || parts[0] > 24 || parts[1] > 59 {
			return cand{}, false
		}
		hh, mm = parts[0], parts[1]
		if len(parts) == 3 {
			ss, hasSec = parts[2], true
		}
		if pm, k, ok := p.ampm(j); ok {
			hh = to24(hh, pm)
			j = k
		}
		if t.sfx == sfxAm || t.sfx == sfxPm {
			hh = to24(hh, t.sfx == sfxPm)
		}
	case t.kind == kNum && t.nd <= 2 && t.n >= 1 && t.n <= 12:
		if t.sfx == sfxAm || t.sfx == sfxPm {
			hh = to24(int(t.n), t.sfx == sfxPm)
		} else if t.sfx != sfxNone {
			return cand{}, false
		} else if pm, k, ok := p.ampm(j); ok {
			hh = to24(int(t.n), pm)
			j = k
		} else if p.wordIs(j, "o") && p.isPunct(j+1, "'") && p.wordIs(j+2, "clock") {
			hh = int(t.n)
			j += 3
		} else if pod, k := p.podAfter(j); pod > 0 {
			// "4 in the morning", "8 in the evening", "11 at night"
			hh, j = int(t.n), k
			if pod > 1 && hh < 12 && !(pod == 4 && hh < 5) {
				hh += 12
			}
		} else {
			return cand{}, false
		}
	default:
		return cand{}, false
	}
	v := dval{g: gTime, hasTime: true, hh: hh, mm: mm, ss: ss, hasSec: hasSec}
	c := cand{i: i, j: j, typ: "time", v: v}
	if d, ok := p.recentDay(i); ok {
		// "On Oct. 23 ... at 10 p.m.": a bare clock time belongs to the day just named.
		c.v.y, c.v.m, c.v.d, c.rel = d.y, d.m, d.d, true
		return c, true
	}
	// "10 p.m. Wednesday", "5 p.m. EST, Nov. 9", "noon today"
	k := j
	if p.isPunct(k, ".") && p.toks[k].s == p.toks[k-1].e {
		k++ // the last full stop of "p.m."
	}
	if tz := p.tk(k); tz != nil && tz.kind == kWord && tz.e-tz.s >= 3 && tz.e-tz.s <= 4 && isUpperWord(p.text[tz.s:tz.e]) && tz.cat == cNone {
		k++
	}
	if p.isPunct(k, ".") && p.toks[k].s == p.toks[k-1].e {
		k++ // the last full stop of "p.m."
	}
	// "10:35 a.m. (0735 GMT) Friday": past a short aside the day still
	// dates the time, though each keeps its own span.
	aside := false
	if p.isPunct(k, "(") {
		for e := k + 1; e < len(p.toks) && e <= k+5; e++ {
			if p.isPunct(e, ")") {
				k, aside = e+1, true
				break
			}
		}
	}
	if p.isPunct(k, ",") || p.fn(k, fOn) {
		k++
	}
	if dt := p.tk(k); dt != nil && (dt.cat == cWeekday || dt.cat == cMonth || dt.cat == cFunc && (dt.val == fToday || dt.val == fYesterday || dt.val == fTomorrow)) {
		if d, ok := p.parseCore(k); ok && d.v.g == gDay && aside {
			c.v.y, c.v.m, c.v.d, c.rel, c.unres = d.v.y, d.v.m, d.v.d, d.rel, d.unres
			return c, true
		} else if ok && d.v.g == gDay {
			d.i, d.typ = i, "time"
			d.v.g, d.v.hasTime, d.v.hh, d.v.mm, d.v.ss, d.v.hasSec = gTime, true, hh, mm, ss, hasSec
			return d, true
		}
	}
	switch {
	case p.narrDoc:
		// In a history the publication day says nothing about a clock time:
		// take the day the narrative reached, else leave the date open.
		c.rel = true
		if p.hasLast && p.last.g >= gDay && p.last.g != gWeekday && p.last.d > 0 {
			c.v.y, c.v.m, c.v.d = p.last.y, p.last.m, p.last.d
		} else {
			c.unres = true
		}
	case p.hasDCT:
		d := dayOf(p.dct)
		c.v.y, c.v.m, c.v.d = d.y, d.m, d.d
		c.rel = true
	default:
		c.rel, c.unres = true, true
	}
	return c, true
}

// recentDay is the day the narrative named within the last few sentences
// before token i, if any.
func (p *parser) recentDay(i int) (dval, bool) {
	if !p.hasLast || !p.lastExplicit || p.last.g < gDay || p.last.g == gWeekday || p.last.d == 0 || i-p.lastTok > 40 {
		return dval{}, false
	}
	return p.last, true
}

func isUpperWord(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < 'A' || s[i] > 'Z' {
			return false
		}
	}
	return true
}

// yearAgo: "the year-ago quarter", "year-earlier": in earnings copy the same
// quarter a year back; otherwise the year before the document's.
func (p *parser) yearAgo(start, j int) (cand, bool) {
	y := p.tk(j)
	if y == nil || y.cat != cUnit || y.val != uYear || y.pl || !p.hyphenAt(j+1) || !(p.fn(j+2, fAgo) || p.fn(j+2, fEarlier)) {
		return cand{}, false
	}
	k := j + 3
	c := cand{i: start, j: k, typ: "date", rel: true}
	if q := p.tk(k); q != nil && (q.cat == cUnit && q.val == uQuarter || q.kind == kWord && q.cat == cNone && p.text[q.s:q.e] == "period") {
		c.j = k + 1
	}
	c.derived = true
	// "the year-ago third quarter": that quarter a year back.
	if oc, ok := p.ordinalPart(start, k); ok && oc.v.g == gQuarter && oc.v.y != 0 {
		c.v, c.j = shift(oc.v, uQuarter, -4), oc.j
		return c, true
	}
	switch {
	case p.hasQ:
		c.v = shift(p.lastQ, uQuarter, -4)
	case p.hasDCT:
		c.v = dval{g: gYear, y: p.dct.Year() - 1}
	default:
		c.v, c.unres = dval{g: gYear}, true
	}
	if start == j {
		c.j = k // bare "year-earlier" stays an adjective
	}
	return c, true
}

func to24(h int, pm bool) int {
	if pm && h < 12 {
		return h + 12
	}
	if !pm && h == 12 {
		return 0
	}
	return h
}

// yearContext reports whether the token before a bare number makes it a year.
func (p *parser) yearContext(i int, strong bool) bool {
	pr := p.tk(i - 1)
	if pr == nil {
		return !strong
	}
	if pr.cat == cFunc {
		switch pr.val {
		case fIn, fSince, fBy, fUntil, fFrom, fDuring, fBefore, fAfter, fBetween, fThrough, fEarly, fLate,
			fMid, fFiscal, fEnd, fThe:
			return true
		case fOf, fTo, fAnd, fOr:
			// Weak: "of 2000 troops" is a count, "to 2019" a year.
			return !strong && !p.countFollows(i)
		}
	}
	if pr.cat == cMonth || pr.cat == cSeason {
		return true
	}
	if pr.kind == kPunct {
		s := p.text[pr.s:pr.e]
		if s == "$" || s == "#" || s == "£" || s == "€" || s == "." {
			return false
		}
		if p.hyphenAt(i-1) && p.fn(i-2, fMid) {
			return true
		}
		return !strong
	}
	return !strong && pr.cat != cNumWord && pr.kind != kNum
}

// yearModifierContext: words after which a year followed by a noun is still a
// year: prepositions ("from 1989 when"), determiners and possessives ("his
// 1996 campaign", "that 1978 resolution", "the company's 1989 results").
func (p *parser) yearModifierContext(i int) bool {
	pr := p.tk(i - 1)
	if pr == nil {
		return false
	}
	if pr.cat == cMonth {
		return true
	}
	if pr.kind == kWord && p.text[pr.s:pr.e] == "s" && i >= 2 && p.toks[i-2].kind == kPunct && p.toks[i-2].e == pr.s {
		return true
	}
	// "his unsuccessful 1996 campaign": one adjective between determiner and
	// year, unless it counts ("the remaining 2000 shares").
	if pr.kind == kWord && pr.cat == cNone && !pr.cap && p.determinerAt(i-2) && p.toks[i].n >= 1900 {
		switch p.text[pr.s:pr.e] {
		case "other", "remaining", "additional", "extra", "further", "estimated", "projected", "reported", "total",
			"mere", "first", "last", "next", "final":
			return false
		}
		return true
	}
	if pr.cat != cFunc {
		return false
	}
	switch pr.val {
	case fIn, fSince, fBy, fUntil, fDuring, fThe, fFiscal, fFrom, fBefore, fAfter, fThrough, fBetween,
		fA, fAn, fThat, fThis, fPoss:
		return true
	}
	return false
}

// countFollows reports a lower-case ordinary word after token i, the noun a
// number would count ("2000 troops").
func (p *parser) countFollows(i int) bool {
	n := p.tk(i + 1)
	return n != nil && n.kind == kWord && !n.cap && n.cat == cNone
}

// yearExpr: "2017", "the 1990s", "1990s", "2017's".
func (p *parser) yearExpr(i int) (cand, bool) {
	if i >= len(p.toks) {
		return cand{}, false // "fiscal" closing the text
	}
	t := p.toks[i]
	if t.kind != kNum || t.nd != 4 || t.n < 1000 || t.n > 2099 {
		return cand{}, false
	}
	if t.sfx == sfxS && t.n%10 == 0 {
		return cand{i: i, j: i + 1, typ: "date", v: dval{g: gDecade, y: int(t.n)}}, true
	}
	if t.sfx != sfxNone {
		return cand{}, false
	}
	strong := t.n < 1900
	if p.inRange {
		return cand{i: i, j: i + 1, typ: "date", v: dval{g: gYear, y: int(t.n)}, anchors: true}, true
	}
	if p.countFollows(i) && !p.hyphenAt(i-1) && !p.yearModifierContext(i) {
		return cand{}, false
	}
	if !p.yearContext(i, strong) {
		// Without a telling word before it, a year still reads as one when
		// a count noun does not follow ("2000 troops").
		if strong && !p.punctFollows(i) {
			return cand{}, false
		}
		if p.countFollows(i) {
			return cand{}, false
		}
	}
	if n := p.tk(i + 1); n != nil && (n.cat == cFunc && n.val == fPercent || n.kind == kPunct && p.text[n.s:n.e] == "%") {
		return cand{}, false
	}
	c := cand{i: i, j: i + 1, typ: "date", v: dval{g: gYear, y: int(t.n)}, anchors: true}
	// "the 1988 second quarter", "the 1988 quarter", "the 1989 period"
	if o, ok := p.ordinal(i + 1); ok && o <= 4 && p.unitIs(i+2, uQuarter) {
		c.v, c.j = dval{g: gQuarter, y: int(t.n), q: o}, i+3
	} else if p.hasQ && p.fn(i-1, fThe) && (p.unitIs(i+1, uQuarter) || p.wordIs(i+1, "period")) {
		c.v, c.j = dval{g: gQuarter, y: int(t.n), q: p.lastQ.q}, i+2
		c.derived = true
	}
	return c, true
}

// punctFollows: a year closing a heading or clause ("Theater 1861-1863", "blockade, 1861.").
func (p *parser) punctFollows(i int) bool {
	n := p.tk(i + 1)
	if n == nil {
		return true
	}
	if n.kind != kPunct {
		return false
	}
	switch p.text[n.s:n.e] {
	case ",", ".", ")", "-", "–", ";", ":", "\n":
		return true
	}
	return false
}

// bcYear: "241 BC", "146 B.C.", "AD 9".
func (p *parser) bcYear(i int) (cand, bool) {
	t := p.toks[i]
	if t.kind != kNum || t.sfx != sfxNone || t.n < 1 || t.n > 9999 {
		return cand{}, false
	}
	j, ok := p.bcMark(i + 1)
	if !ok {
		return cand{}, false
	}
	return cand{i: i, j: j, typ: "date", v: dval{g: gYear, y: -int(t.n)}, anchors: true}, true
}

// bcMark reads "BC", "BCE" or "B.C." at k and reports where it ends.
func (p *parser) bcMark(k int) (int, bool) {
	n := p.tk(k)
	if n == nil || n.kind != kWord || !n.cap {
		return 0, false
	}
	switch w := p.text[n.s:n.e]; {
	case w == "BC" || w == "BCE":
		return k + 1, true
	case w == "B" && n.dot && p.isPunct(k+1, ".") && p.wordIs(k+2, "C"):
		j := k + 3
		// The final full stop belongs to "B.C." unless it ends the sentence.
		if p.isPunct(j, ".") && p.toks[j].s == p.toks[j-1].e && !(j+1 < len(p.toks) && p.toks[j+1].cap && p.tsent[j+1] != p.tsent[k]) {
			j++
		}
		return j, true
	}
	return 0, false
}

// yearAt reads a year written at k: "1939" or "480 BC".
func (p *parser) yearAt(k int) (y, end int, ok bool) {
	if t := p.tk(k); t != nil && t.kind == kNum {
		if c, ok := p.bcYear(k); ok {
			return c.v.y, c.j, true
		}
	}
	if y, ok := fullYear(p.tk(k)); ok {
		return y, k + 1, true
	}
	// Broadcast transcripts spell years out: "the winter of nineteen ninety-four".
	if t := p.tk(k); t != nil && t.cat == cNumWord {
		if c, ok := p.spelledYear(k); ok {
			return c.v.y, c.j, true
		}
	}
	return 0, 0, false
}

func (p *parser) unitIs(i, u int) bool {
	t := p.tk(i)
	return t != nil && t.cat == cUnit && int(t.val) == u && !t.pl
}

func (p *parser) wordIs(i int, w string) bool {
	t := p.tk(i)
	return t != nil && t.kind == kWord && p.text[t.s:t.e] == w
}

// spelledYear: "nineteen ninety-six".
func (p *parser) spelledYear(i int) (cand, bool) {
	t := p.tk(i)
	if t != nil && t.cat == cNumWord && t.val == 2 && p.tk(i+1) != nil && p.toks[i+1].cat == cNumWord && p.toks[i+1].val == 1000 {
		// "two thousand (and) five"
		y, j := 2000, i+2
		k := j
		if p.fn(k, fAnd) {
			k++
		}
		if n, e, ok := p.number(k); ok && n > 0 && n < 100 && p.toks[k].cat == cNumWord {
			y, j = 2000+n, e
		}
		return cand{i: i, j: j, typ: "date", v: dval{g: gYear, y: y}, anchors: true}, true
	}
	if t == nil || t.cat != cNumWord || t.val != 19 && t.val != 18 {
		return cand{}, false
	}
	n, j, ok := p.number(i + 1)
	if !ok || n < 10 || n > 99 {
		return cand{}, false
	}
	return cand{i: i, j: j, typ: "date", v: dval{g: gYear, y: int(t.val)*100 + n}, anchors: true}, true
}

// ordinal reads "first".."fourth", "1st".."4th" and "second".
func (p *parser) ordinal(i int) (int, bool) {
	t := p.tk(i)
	if t == nil {
		return 0, false
	}
	switch {
	case t.cat == cOrdWord:
		return int(t.val), true
	case t.cat == cUnit && t.val == uSecond && !t.pl:
		return 2, true
	case t.kind == kNum && (t.sfx == sfxSt || t.sfx == sfxNd || t.sfx == sfxRd || t.sfx == sfxTh):
		return int(t.n), true
	}
	return 0, false
}

// ordinalPart: "the third quarter (of 1997)", "first-half", "the first nine months".
func (p *parser) ordinalPart(start, i int) (cand, bool) {
	o, ok := p.ordinal(i)
	if !ok {
		return cand{}, false
	}
	j := i + 1
	if p.hyphenAt(j) {
		j++
	}
	u := p.tk(j)
	if u == nil {
		return cand{}, false
	}
	// "the first hours of the war", "the first days": a stretch of unstated length.
	if u.cat == cUnit && u.pl && o == 1 && p.toks[i].kind == kWord && u.val >= uHour && start < i {
		return cand{i: start, j: j + 1, typ: "duration", val: durValue(-1, int(u.val))}, true
	}
	if u.cat == cUnit && !u.pl && u.val == uCentury && o >= 1 && o <= 21 {
		// "the 4th century BC" is BC03: its hundreds counted back.
		if end, ok := p.bcMark(j + 1); ok {
			return cand{i: start, j: end, typ: "date", v: dval{g: gCentury, y: -(o - 1) * 100}, anchors: false}, true
		}
		return cand{i: start, j: j + 1, typ: "date", v: dval{g: gCentury, y: (o - 1) * 100}, anchors: false}, true
	}
	if u.cat == cUnit && !u.pl && (u.val == uQuarter && o <= 4 || u.val == uHalf && o <= 2) {
		g := gQuarter
		if u.val == uHalf {
			g = gHalf
		}
		c := cand{i: start, j: j + 1, typ: "date", v: dval{g: g, q: o}}
		if p.fn(j+1, fOf) || p.isPunct(j+1, ",") {
			if y, ok := fullYear(p.tk(j + 2)); ok {
				c.v.y, c.j = y, j+3
				return c, true
			}
			if yc, ok := p.detExpr(j + 2); ok && yc.v.g == gYear {
				c.v.y, c.j, c.rel, c.unres = yc.v.y, yc.j, yc.rel, yc.unres
				return c, true
			}
		}
		if p.narrative(i) {
			c.v.y = p.last.y
			return c, true
		}
		c.rel = true
		if !p.hasDCT {
			c.unres = true
			return c, true
		}
		c.v.y = p.dct.Year()
		cur := (int(p.dct.Month())-1)/3 + 1
		if g == gHalf {
			cur = (int(p.dct.Month())-1)/6 + 1
		}
		if o > cur && !p.future(i) {
			c.v.y--
		}
		return c, true
	}
	if u.cat == cNumWord || u.kind == kNum {
		// "the first nine months": a duration.
		n, k, ok := p.number(j)
		if ok && n > 0 {
			if un, _, k2, ok := p.unit(k); ok {
				// "the first two quarters of 1990" is that year's first half.
				if o == 1 && (un == uQuarter && n == 2 || un == uMonth && n == 6) && p.fn(k2, fOf) {
					if y, end, ok := p.yearAt(k2 + 1); ok {
						return cand{i: start, j: end, typ: "date", v: dval{g: gHalf, y: y, q: 1}, anchors: true}, true
					}
				}
				return cand{i: start, j: k2, typ: "duration", val: durValue(n, un)}, true
			}
		}
	}
	return cand{}, false
}

func (p *parser) deictic(i int) (cand, bool) {
	t := p.toks[i]
	c := cand{i: i, j: i + 1, typ: "date", rel: true}
	off := 0
	switch t.val {
	case fYesterday:
		off = -1
	case fTomorrow:
		off = 1
	}
	if !p.hasDCT {
		c.v, c.unres = dval{g: gDay}, true
	} else {
		c.v = dayOf(p.dct.AddDate(0, 0, off))
		c.anchors = !p.narrDoc // in a history "today" is the writer's aside
	}
	if t.val == fTonight {
		c.v.g, c.v.pod, c.typ = gTime, "NI", "time"
	} else if pd := p.tk(i + 1); pd != nil && pd.cat == cPod {
		c.v.g, c.v.pod, c.typ, c.j = gTime, podCode[pd.val], "time", i+2
	}
	return c, true
}

func (p *parser) weekdayExpr(start, i, dir int) (cand, bool) {
	t := p.toks[i-1]
	if !t.cap || t.abbr && !t.dot {
		return cand{}, false
	}
	wd := int(t.val)
	// "Friday nights", "Monday and Tuesday nights": a plural part of the day
	// makes a weekly habit, a set, not one day.
	if pod := p.podPlural(i); pod != "" {
		return cand{i: start, j: i + 1, typ: "set", val: "XXXX-WXX-" + itoa(wd) + "T" + pod}, true
	}
	if (p.fn(i, fAnd) || p.fn(i, fOr)) && p.tk(i+1) != nil && p.toks[i+1].cat == cWeekday && p.toks[i+1].cap {
		if pod := p.podPlural(i + 2); pod != "" {
			return cand{i: start, j: i, typ: "set", val: "XXXX-WXX-" + itoa(wd) + "T" + pod}, true
		}
	}
	c := cand{i: start, j: i, typ: "date", rel: true}
	if t.abbr && p.isPunct(i, ".") {
		c.j = i + 1
	}
	if p.narrDoc && p.hasLast && p.last.g >= gDay && dir == 0 {
		// In a history a bare weekday is the one on or before the date reached.
		ref := p.last.time()
		back := (isoWeekday(ref) - wd + 7) % 7
		c.v, c.anchors = dayOf(ref.AddDate(0, 0, -back)), true
	} else if !p.hasDCT {
		c.v, c.unres = dval{g: gWeekday, w: wd}, true
	} else {
		if dir == 0 {
			dir = -1
			if p.future(i - 1) {
				dir = 1
			}
		}
		c.v = dayOf(p.weekdayDate(wd, dir))
		c.anchors = true
	}
	// "Friday, Oct. 13" and "Friday Oct. 13": the written date decides.
	k := c.j
	if p.isPunct(k, ",") {
		k++
	}
	if mt := p.tk(k); mt != nil && mt.cat == cMonth {
		if d, ok := p.monthExpr(k); ok && d.v.g == gDay {
			d.i = start
			return d, true
		}
	}
	if pd := p.tk(c.j); pd != nil && pd.cat == cPod {
		c.v.pod = podCode[pd.val]
		c.j++
		if c.v.g == gDay {
			c.v.g = gTime
		}
		c.typ = "time"
	}
	return c, true
}

// podPlural gives the TIMEX3 code of a plural part of the day at token k
// ("nights" NI), "" if there is none.
func (p *parser) podPlural(k int) string {
	switch {
	case p.wordIs(k, "mornings"):
		return "MO"
	case p.wordIs(k, "afternoons"):
		return "AF"
	case p.wordIs(k, "evenings"):
		return "EV"
	case p.wordIs(k, "nights"):
		return "NI"
	}
	return ""
}

// setExpr: "each winter", "every year", "every Monday".
func (p *parser) setExpr(i int) (cand, bool) {
	j := i + 1
	if n, k, ok := p.number(j); ok && n > 1 {
		if u, _, k2, ok := p.unit(k); ok {
			return cand{i: i, j: k2, typ: "set", val: durValue(n, u)}, true
		}
	}
	t := p.tk(j)
	if t == nil {
		return cand{}, false
	}
	switch t.cat {
	case cUnit:
		if t.val == uWeekend {
			return cand{i: i, j: j + 1, typ: "set", val: "XXXX-WXX-WE"}, true
		}
		return cand{i: i, j: j + 1, typ: "set", val: durValue(1, int(t.val))}, true
	case cSeason:
		return cand{i: i, j: j + 1, typ: "set", val: "XXXX-" + seasonCode[t.val]}, true
	case cWeekday:
		if t.cap {
			return cand{i: i, j: j + 1, typ: "set", val: "XXXX-WXX-" + itoa(int(t.val))}, true
		}
	case cMonth:
		if t.cap {
			return cand{i: i, j: j + 1, typ: "set", val: "XXXX-" + pad(int(t.val), 2)}, true
		}
	}
	return cand{}, false
}

func seasonOf(m int) int {
	switch {
	case m >= 3 && m <= 5:
		return 1
	case m >= 6 && m <= 8:
		return 2
	case m >= 9 && m <= 11:
		return 3
	}
	return 4
}

// detExpr: phrases opened by a determiner: "last month", "this week", "the
// past three months", "the next day", "that year", "the third quarter".
func (p *parser) detExpr(i int) (cand, bool) {
	if i >= len(p.toks) {
		return cand{}, false // "the third quarter of" closing the text
	}
	t := p.toks[i]
	det := int(t.val)
	j := i + 1
	if det == fThe {
		n := p.tk(j)
		if n == nil {
			return cand{}, false
		}
		if c, ok := p.halfOf(i, j); ok {
			return c, true
		}
		if n.cat == cFunc {
			switch n.val {
			case fPast, fLast, fNext, fComing, fPrevious, fFollowing, fSame, fCurrent, fLatest:
				det = int(n.val) + 1000 // "the past" differs from "past"
				j++
			case fFuture:
				return cand{i: i, j: j + 1, typ: "date", val: "FUTURE_REF"}, true
			case fEarly, fLate, fMid:
				if c, ok := p.parseMod(j); ok {
					c.i = i
					return c, true
				}
				return cand{}, false
			}
		}
		if n.kind == kWord && n.cat == cNone && !n.cap {
			// "the nineties": a decade of the 1900s.
			if d := decadeWord(p.text[n.s:n.e]); d > 0 {
				return cand{i: i, j: j + 1, typ: "date", v: dval{g: gDecade, y: 1900 + d}}, true
			}
		}
		if n.kind == kNum {
			if c, ok := p.yearExpr(j); ok && c.v.g == gDecade {
				c.i = i
				return c, true
			}
		}
		if _, ok := p.ordinal(j); ok {
			return p.ordinalPart(i, j)
		}
	}
	if det == fThat && p.fn(j, fSame) {
		j++ // "that same day"
	}
	if det == fPast+1000 {
		if n := p.tk(j); n == nil || n.cat != cUnit && n.cat != cNumWord && n.kind != kNum && !(n.cat == cFunc && (n.val == fFew || n.val == fSeveral || n.val == fCouple || n.val == fA)) {
			return cand{i: i, j: j, typ: "date", val: "PAST_REF"}, true
		}
	}
	if det == fThe || det == fSame+1000 {
		if c, ok := p.periodYearBack(i, j); ok {
			return c, true
		}
	}
	// "at this moment", "this crucial moment": the present.
	if det == fThis {
		k := j
		if t := p.tk(k); t != nil && t.kind == kWord && t.cat == cNone && !p.wordIs(k, "moment") {
			k++
		}
		if p.wordIs(k, "moment") {
			return cand{i: i, j: k + 1, typ: "date", val: "PRESENT_REF"}, true
		}
	}
	// Optional quantity: "the past three months", "the next few years".
	if nq, k, ok := p.number(j); ok && (det >= 1000 || det == fPast || det == fLast || det == fNext || det == fThe || det == fComing) {
		if u, pl, k2, ok := p.unit(k); ok && (pl || nq == 1) && p.toks[j].cat != cFunc || ok && p.toks[j].cat == cFunc && pl {
			return cand{i: i, j: k2, typ: "duration", val: durValue(nq, u)}, true
		}
	}
	// "the fiscal year", "the full year", "the near future", "the year-ago quarter"
	adj := false
	for p.fn(j, fFiscal) || p.fn(j, fEntire) || p.fn(j, fWhole) {
		j++
		adj = true
	}
	if p.fn(j, fNear) && p.fn(j+1, fFuture) {
		return cand{i: i, j: j + 2, typ: "date", val: "FUTURE_REF"}, true
	}
	// "in the near term", "over the long term": the time ahead.
	if det == fThe && (p.fn(j, fNear) || p.wordIs(j, "short") || p.wordIs(j, "long")) && p.wordIs(j+1, "term") && !p.hyphenAt(j+1) {
		return cand{i: i, j: j + 2, typ: "date", val: "FUTURE_REF"}, true
	}

	if c, ok := p.yearAgo(i, j); ok {
		return c, true
	}
	n := p.tk(j)
	if n == nil {
		return cand{}, false
	}
	if n.cat == cPod && (det == fThe || det == fThat) && p.fn(j+1, fOf) {
		if d, ok := p.parseCore(j + 2); ok && d.v.g == gDay && d.typ == "date" {
			d.i, d.typ = i, "time"
			d.v.g, d.v.pod = gTime, podCode[n.val]
			return d, true
		}
	}
	if n.cat == cPod && (det == fNext+1000 || det == fFollowing+1000) && p.hasLast && p.last.g >= gDay && p.last.d > 0 {
		// "the next morning": the morning after the day the narrative reached.
		c := cand{i: i, j: j + 1, typ: "time", rel: true, v: shift(p.last, uDay, 1)}
		c.v.g, c.v.pod = gTime, podCode[n.val]
		return c, true
	}
	if n.cat == cPod && det == fThat && p.hasLast && p.last.g >= gDay {
		c := cand{i: i, j: j + 1, typ: "time", rel: true, v: p.last}
		c.v.g, c.v.pod = gTime, podCode[n.val]
		return c, true
	}
	if n.cat == cPod && det == fThis {
		c := cand{i: i, j: j + 1, typ: "time", rel: true, v: dval{g: gTime, pod: podCode[n.val]}}
		if p.hasDCT {
			d := dayOf(p.dct)
			c.v.y, c.v.m, c.v.d = d.y, d.m, d.d
		} else {
			c.unres = true
		}
		return c, true
	}
	if n.cat == cPod && n.val == 4 && det == fLast {
		c := cand{i: i, j: j + 1, typ: "time", rel: true, v: dval{g: gTime, pod: "NI"}}
		if p.hasDCT {
			d := dayOf(p.dct.AddDate(0, 0, -1))
			c.v.y, c.v.m, c.v.d = d.y, d.m, d.d
		} else {
			c.unres = true
		}
		return c, true
	}
	if n.kind == kWord && n.cat == cNone && det >= 1000 && (det == fLatest+1000) && j+1 <= len(p.toks) {
		// "the latest period" in earnings copy: the quarter just reported.
		if w := p.text[n.s:n.e]; (w == "period" || w == "Period") && p.hasDCT {
			c := cand{i: i, j: j + 1, typ: "date", rel: true, v: unitAround(p.dct.AddDate(0, -3, 0), uQuarter)}
			if p.hasQ {
				c.v, c.derived = p.lastQ, true // the quarter the report has named
			}
			return c, true
		}
	}
	switch n.cat {
	case cWeekday:
		d := 0
		switch det {
		case fPrevious + 1000, fFollowing + 1000, fFollowing:
			// "the previous Friday", "the following Monday": counted from the
			// day the narrative has reached, not from the document date.
			if c, ok := p.anchoredWeekday(i, j, det != fPrevious+1000); ok {
				return c, true
			}
			if det != fPrevious+1000 {
				return cand{}, false
			}
			d = -2
		case fLast, fPast, fPrevious:
			d = -2
		case fNext, fComing:
			d = 2
		case fThis:
		default:
			return cand{}, false
		}
		return p.weekdayExpr(i, j+1, d)
	case cMonth:
		if !n.cap || n.abbr && !n.dot {
			return cand{}, false
		}
		m := int(n.val)
		if c, ok := p.monthExpr(j); ok && c.v.g == gDay && (det == fLast || det == fNext || det == fThis) {
			// "last Oct. 23": the one before the document date.
			c.i = i
			if p.hasDCT && c.v.y == 0 || p.hasDCT && c.rel {
				y, _ := p.yearForDir(m, map[int]int{fLast: -2, fNext: 1, fThis: 2}[det])
				c.v.y = y
			}
			return c, true
		}
		switch det {
		case fPrevious, fPrevious + 1000, fFollowing, fFollowing + 1000:
			// "the previous April", "the following March": counted from the
			// date the narrative reached.
			if p.hasLast && p.last.y != 0 && p.last.g >= gMonth && p.last.g != gWeekday && p.last.m > 0 {
				y := p.last.y
				if prev := det == fPrevious || det == fPrevious+1000; prev && m >= p.last.m {
					y--
				} else if !prev && m <= p.last.m {
					y++
				}
				return cand{i: i, j: j + 1, typ: "date", rel: true, v: dval{g: gMonth, y: y, m: m}, anchors: true}, true
			}
		}
		dir := 0
		switch det {
		case fLast, fPast, fPrevious:
			dir = -2
		case fNext, fComing:
			dir = 1
		case fThis:
			dir = 2
		default:
			return cand{}, false
		}
		c := cand{i: i, j: j + 1, typ: "date", rel: true, v: dval{g: gMonth, m: m}, anchors: true}
		if !p.hasDCT {
			c.unres = true
			return c, true
		}
		y, _ := p.yearForDir(m, dir)
		c.v.y = y
		return c, true
	case cSeason:
		return p.seasonExpr(i, j, det)
	case cUnit:
	default:
		return cand{}, false
	}
	u, pl := int(n.val), n.pl
	j++
	if pl {
		switch det {
		case fThese:
			if u == uDay {
				return cand{i: i, j: j, typ: "date", val: "PRESENT_REF"}, true // "these days": nowadays
			}
			return cand{i: i, j: j, typ: "duration", val: durValue(-1, u)}, true
		case fComing + 1000, fNext + 1000, fPast + 1000, fLast + 1000, fFollowing + 1000, fComing:
			return cand{i: i, j: j, typ: "duration", val: durValue(-1, u)}, true
		case fThe:
			// "in the weeks ahead"
			if p.wordIs(j, "ahead") && u >= uHour {
				return cand{i: i, j: j + 1, typ: "duration", val: durValue(-1, u)}, true
			}
		}
		return cand{}, false
	}
	if u < uDay && u != uWeekend {
		return cand{}, false
	}
	c := cand{i: i, j: j, typ: "date", rel: true, anchors: true}
	// "the year 2000"
	if det == fThe && u == uYear {
		if y, ok := fullYear(p.tk(j)); ok {
			return cand{i: i, j: j + 1, typ: "date", v: dval{g: gYear, y: y}, anchors: true}, true
		}
		if c2, ok := p.spelledYear(j); ok {
			c2.i = i
			return c2, true
		}
	}
	// "the week of March 6": the week holding that day. "the day before
	// last Tuesday": one day off the date written after it.
	if det == fThe && (u == uWeek || u == uWeekend) && p.fn(j, fOf) || det == fThe && u == uDay && (p.fn(j, fBefore) || p.fn(j, fAfter)) {
		if d, ok := p.parseCore(j + 1); ok && d.typ == "date" && d.v.g == gDay && d.v.known() && d.val == "" {
			c.j, c.rel, c.unres = d.j, d.rel, d.unres
			switch {
			case u == uDay && p.fn(j, fBefore):
				c.v = shift(d.v, uDay, -1)
			case u == uDay:
				c.v = shift(d.v, uDay, 1)
			default:
				c.v = unitAround(d.v.time(), u)
			}
			return c, true
		}
	}
	// "the summer of 2017" is in seasonExpr.
	switch det {
	case fThis, fCurrent, fCurrent + 1000, fLatest + 1000, fThe, fLatest:
		if !p.hasDCT {
			c.v, c.unres = unresolvedUnit(u), true
			return c, true
		}
		if det == fThe && u == uYear && p.narrDoc && p.hasLast {
			c.v, c.rel = dval{g: gYear, y: p.last.y}, true
			return c, true
		}
		if det == fThe && u == uYear && !p.inMod && !adj && !p.fn(i-1, fIn) && !p.fn(i-1, fOf) {
			// "the year" on its own is a stretch of time in TIMEX3 practice.
			return cand{i: i, j: j, typ: "duration", val: "P1Y"}, true
		}
		if det == fThe && u == uDay {
			// "the day" on its own rarely dates anything.
			return cand{}, false
		}
		base := p.refTime()
		if det == fThis && u == uDay && p.narrDoc && p.hasLast && p.last.g >= gDay && p.last.g != gWeekday && p.last.d > 0 {
			// "this day" in a history is the day just narrated.
			c.v = dval{g: gDay, y: p.last.y, m: p.last.m, d: p.last.d}
			return c, true
		}
		if det == fThis || det == fCurrent {
			base = p.dct // "this" points at the writer's present even in a history
			// ... an aside that must not move the narrative on.
			c.anchors = !p.narrDoc
		}
		if u == uQuarter && det != fCurrent && det != fCurrent+1000 {
			// "the quarter", "the latest quarter": the quarter the report
			// has named, else the one just ended.
			if q, _, ok := p.quarterEnded(j); ok {
				// "the quarter ended Sept. 30": the date stays its own expression.
				c.v = q
				return c, true
			}
			if p.hasQ && (det == fLatest || det == fLatest+1000) {
				c.v, c.derived = p.lastQ, true // "the latest quarter": the one reported
				return c, true
			}
			base = base.AddDate(0, -3, 0)
		}
		if u == uWeekend && det == fThe && !p.future(i) && isoWeekday(base) < 6 {
			base = base.AddDate(0, 0, -7)
		}
		c.v = unitAround(base, u)
		if det == fThe && u == uYear && p.fn(j, fAgo) {
			return cand{}, false
		}
		return c, true
	case fLast, fPrevious, fPast:
		if !p.hasDCT {
			c.v, c.unres = unresolvedUnit(u), true
			return c, true
		}
		if u == uDay {
			return cand{}, false
		}
		c.v = unitAround(shiftTime(p.dct, u, -1), u)
		return c, true
	case fNext, fComing:
		if !p.hasDCT {
			c.v, c.unres = unresolvedUnit(u), true
			return c, true
		}
		if u == uDay {
			return cand{}, false
		}
		c.v = unitAround(shiftTime(p.dct, u, 1), u)
		return c, true
	case fPast + 1000, fLast + 1000:
		// "the past year": the stretch up to now, a duration.
		return cand{i: i, j: j, typ: "duration", val: durValue(1, u)}, true
	case fNext + 1000, fFollowing + 1000, fFollowing, fPrevious + 1000, fSame + 1000, fThat:
		// Anaphoric: counted from the last date the narrative set.
		base, ok := p.anchorDate()
		dir := 0
		switch det {
		case fNext + 1000, fFollowing + 1000, fFollowing:
			dir = 1
		case fPrevious + 1000:
			dir = -1
		}
		if det == fNext+1000 && u != uDay && !p.narrDoc {
			// "the next year" as a stretch ahead of now; in a history it is
			// the year after the one reached.
			return cand{i: i, j: j, typ: "duration", val: durValue(1, u)}, true
		}
		v := shift(base, u, dir)
		if !ok || v.g == gNone {
			// "redemptions are strong that day": in news, a "that day" with
			// no day named before it (only a year or a month) is any day of
			// the kind described, not a date.  "That same day" still points.
			if det == fThat && u == uDay && p.hasDCT && !p.narrDoc && !p.fn(i+1, fSame) {
				return cand{}, false
			}
			c.v, c.unres = unresolvedUnit(u), true
			return c, true
		}
		c.v = v
		return c, true
	}
	return cand{}, false
}

// anchoredWeekday resolves the weekday at j strictly before (or after) the
// day the narrative last named.
func (p *parser) anchoredWeekday(i, j int, after bool) (cand, bool) {
	if !p.hasLast || p.last.g < gDay || p.last.g == gWeekday || p.last.d == 0 {
		return cand{}, false
	}
	t := p.toks[j]
	if !t.cap || t.abbr && !t.dot {
		return cand{}, false
	}
	ref := p.last.time()
	wd := int(t.val)
	var v time.Time
	if after {
		v = ref.AddDate(0, 0, (wd-isoWeekday(ref)+6)%7+1)
	} else {
		v = ref.AddDate(0, 0, -((isoWeekday(ref)-wd+6)%7 + 1))
	}
	c := cand{i: i, j: j + 1, typ: "date", rel: true, v: dayOf(v), anchors: true}
	if t.abbr && p.isPunct(c.j, ".") {
		c.j++
	}
	return c, true
}

// yearEnd: "by year-end", "around year end", "by year's end": the end of
// the current year, or with "since" the last one passed. A preposition must
// come first: "year-end results" is an adjective, not a date.
func (p *parser) yearEnd(i int) (cand, bool) {
	t := p.toks[i]
	if t.val != uYear || t.pl {
		return cand{}, false
	}
	j := i + 1
	switch {
	case p.hyphenAt(j) && p.fn(j+1, fEnd):
		j += 2
	case p.fn(j, fEnd) && !p.adjacent(i):
		j++
	case (p.isPunct(j, "'") || p.isPunct(j, "’")) && p.adjacent(i) && p.wordIs(j+1, "s") && p.fn(j+2, fEnd):
		j += 3
	default:
		return cand{}, false
	}
	back := 0
	switch {
	case p.fn(i-1, fSince):
		back = 1
	case p.fn(i-1, fBy) || p.fn(i-1, fAround) || p.fn(i-1, fBefore) || p.fn(i-1, fAfter) || p.fn(i-1, fUntil) || p.fn(i-1, fThrough) || p.fn(i-1, fNear) || p.wordIs(i-1, "at"):
	default:
		return cand{}, false
	}
	c := cand{i: i, j: j, typ: "date", mod: "END", rel: true}
	if !p.hasDCT {
		c.v, c.unres = dval{g: gYear}, true
		return c, true
	}
	c.v = dval{g: gYear, y: p.refTime().Year() - back}
	return c, true
}

// periodYearBack: "the quarter a year ago", "the corresponding period last
// year": in earnings copy the period being reported, a year back.
func (p *parser) periodYearBack(i, j int) (cand, bool) {
	k := j
	if p.wordIs(k, "corresponding") || p.wordIs(k, "comparable") || p.wordIs(k, "same") {
		k++
	}
	quarter := p.unitIs(k, uQuarter)
	if !quarter && !p.wordIs(k, "period") {
		return cand{}, false
	}
	k++
	switch {
	case p.fn(k, fLast) && p.unitIs(k+1, uYear):
		k += 2
	case (p.fn(k, fA) || p.fn(k, fThe)) && p.unitIs(k+1, uYear) && (p.fn(k+2, fAgo) || p.fn(k+2, fEarlier) || p.fn(k+2, fBefore)):
		k += 3
	default:
		return cand{}, false
	}
	c := cand{i: i, j: k, typ: "date", rel: true, derived: true}
	switch {
	case p.hasQ:
		c.v = shift(p.lastQ, uQuarter, -4)
	case !p.hasDCT:
		c.v, c.unres = unresolvedUnit(uQuarter), true
	case quarter:
		c.v = shift(unitAround(p.dct.AddDate(0, -3, 0), uQuarter), uQuarter, -4)
	default:
		c.v = dval{g: gYear, y: p.dct.Year() - 1}
	}
	return c, true
}

// determinerAt reports an article, demonstrative or possessive at i.
func (p *parser) determinerAt(i int) bool {
	t := p.tk(i)
	if t == nil || t.cat != cFunc {
		return false
	}
	switch t.val {
	case fThe, fA, fAn, fThis, fThat, fThese, fPoss:
		return true
	}
	return false
}

// halfOf reads "first/second/last/latter half of 1989" where k is the
// ordinal word: a half-year (1989-H2). The year is required: "the first
// half" alone is more often a game's or a list's.
func (p *parser) halfOf(i, k int) (cand, bool) {
	h := 0
	if o, ok := p.ordinal(k); ok && o <= 2 {
		h = o
	} else if p.fn(k, fLast) || p.wordIs(k, "latter") {
		h = 2
	}
	if h == 0 || !p.wordIs(k+1, "half") || !p.fn(k+2, fOf) {
		return cand{}, false
	}
	y, end, ok := p.yearAt(k + 3)
	if !ok {
		return cand{}, false
	}
	return cand{i: i, j: end, typ: "date", v: dval{g: gHalf, y: y, q: h}, anchors: true}, true
}

// yearForDir gives the year of month m written with last/next/this.
func (p *parser) yearForDir(m, dir int) (int, bool) {
	dy, dm := p.dct.Year(), int(p.dct.Month())
	switch dir {
	case -2:
		// "last February" written in March is February a year back, not weeks ago.
		if m >= dm-1 {
			return dy - 1, true
		}
	case 1:
		if m <= dm {
			return dy + 1, true
		}
	}
	return dy, true
}

func (p *parser) seasonExpr(i, j, det int) (cand, bool) {
	s := int(p.toks[j].val)
	c := cand{i: i, j: j + 1, typ: "date", v: dval{g: gSeason, q: s}}
	if p.fn(j+1, fOf) {
		if y, end, ok := p.yearAt(j + 2); ok {
			c.v.y, c.j, c.anchors = y, end, true
			return c, true
		}
	}
	if y, end, ok := p.yearAt(j + 1); ok {
		c.v.y, c.j, c.anchors = y, end, true
		return c, true
	}
	if y, ok := p.coordYear(j+1, cSeason); ok {
		c.v.y = y
		return c, true
	}
	c.rel = true
	if !p.hasDCT {
		c.unres = true
		return c, true
	}
	ref := p.refTime()
	if det == fLast || det == fNext || det == fComing || det == fPast || det == fPrevious || det == fThis {
		ref = p.dct // deictic: counted from the writer's present
	}
	// "the next spring", "the following winter", "the previous summer":
	// anaphoric, counted from the date the narrative reached.
	switch det {
	case fNext + 1000, fFollowing + 1000, fFollowing, fPrevious + 1000:
		if p.hasLast && p.last.y != 0 && p.last.g != gWeekday {
			ref = p.last.time()
		}
		if det == fPrevious+1000 {
			det = fPrevious
		} else {
			det = fNext
		}
	}
	// Seasons in order: winter runs across the new year and belongs to the
	// year it starts in (January 1998 is in winter 1997).
	sy := ref.Year()
	if ref.Month() <= 2 {
		sy--
	}
	cur := sy*4 + seasonOf(int(ref.Month())) - 1
	same := sy*4 + s - 1
	dy := sy
	switch det {
	case fLast, fPast, fPrevious:
		if same >= cur {
			same -= 4
		}
		dy = same / 4
	case fNext, fComing:
		if same <= cur {
			same += 4
		}
		dy = same / 4
	case fThis, fThe:
		if det == fThe && p.narrDoc && p.hasLast {
			dy = p.last.y
			if p.last.g >= gMonth && p.last.m > 0 && seasonOf(p.last.m) > s && s != 4 {
				dy++
			}
			break
		}
		if det == fThe && same > cur && !p.future(i) {
			dy--
		}
	default:
		return cand{}, false
	}
	c.v.y = dy
	return c, true
}

// halfDur formats "N and a half units": "2 1/2 years" is P2Y6M.
func halfDur(n, u int) (string, bool) {
	switch u {
	case uYear:
		return "P" + itoa(n) + "Y6M", true
	case uMonth:
		return "P" + itoa(n) + "M15D", true
	case uDay:
		return "P" + itoa(n) + "DT12H", true
	case uHour:
		return "PT" + itoa(n) + "H30M", true
	case uMinute:
		return "PT" + itoa(n) + "M30S", true
	}
	return "", false
}

// quarterEnded reads "ended Sept. 30" / "ending June 30, 1989" after "the
// quarter": the quarter that date closes. k is where the date ends.
func (p *parser) quarterEnded(j int) (dval, int, bool) {
	if !(p.wordIs(j, "ended") || p.wordIs(j, "ending")) {
		return dval{}, 0, false
	}
	if t := p.tk(j + 1); t == nil || t.cat != cMonth {
		return dval{}, 0, false
	}
	d, ok := p.monthExpr(j + 1)
	if !ok || d.v.g != gDay || d.v.y == 0 {
		return dval{}, 0, false
	}
	// A fiscal quarter is the three months up to that day ("the quarter
	// ended July 31" runs May to July): name the calendar quarter holding
	// most of them, the one around its midpoint.
	mid := time.Date(d.v.y, time.Month(d.v.m), d.v.d, 0, 0, 0, 0, time.UTC).AddDate(0, 0, -45)
	return dval{g: gQuarter, y: mid.Year(), q: (int(mid.Month())-1)/3 + 1}, d.j, true
}

func decadeWord(w string) int {
	switch w {
	case "twenties":
		return 20
	case "thirties":
		return 30
	case "forties":
		return 40
	case "fifties":
		return 50
	case "sixties":
		return 60
	case "seventies":
		return 70
	case "eighties":
		return 80
	case "nineties":
		return 90
	}
	return 0
}
