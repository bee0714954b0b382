package timex

import (
	"strings"
	"time"
)

func (p *parser) tk(i int) *tok {
	if i < 0 || i >= len(p.toks) {
		return nil
	}
	return &p.toks[i]
}

func (p *parser) fn(i int, f int) bool {
	t := p.tk(i)
	return t != nil && t.cat == cFunc && int(t.val) == f
}

func (p *parser) isPunct(i int, s string) bool {
	t := p.tk(i)
	return t != nil && t.kind == kPunct && p.text[t.s:t.e] == s
}

// adjacent reports whether tokens i and i+1 touch (no space between).
func (p *parser) adjacent(i int) bool {
	return i+1 < len(p.toks) && p.toks[i].e == p.toks[i+1].s
}

// hyphenAt reports whether token i is a hyphen glued to its neighbours ("five-year").
func (p *parser) hyphenAt(i int) bool {
	t := p.tk(i)
	if t == nil || t.kind != kPunct || i == 0 || i+1 >= len(p.toks) {
		return false
	}
	s := p.text[t.s:t.e]
	return (s == "-" || s == "‐") && p.toks[i-1].e == t.s && t.e == p.toks[i+1].s
}

// funcNoOpen marks the function words that neither parseMod nor parseCore
// starts an expression with (a rule for one of them must unmark it).
var funcNoOpen = func() (no [nFuncs]bool) {
	for _, f := range []int{fOf, fAnd, fOr, fTo, fBetween, fFrom, fUntil, fThrough, fSince, fAgo,
		fBefore, fAfter, fIn, fOn, fBy, fFor, fDuring, fWithin, fWill, fShall, fLl, fGoing,
		fScheduled, fExpected, fPlan, fDue, fAnnually, fQuarterly, fWhole, fEntire, fSaid, fTimes,
		fOnce, fTwice, fPercent, fOld, fNear, fAs, fPoss, fThan} {
		no[f] = true
	}
	return no
}()

func (p *parser) parse(i int) (cand, bool) {
	if i < 0 || i >= len(p.toks) || !p.toks[i].opens {
		return cand{}, false
	}
	// (Only a function word opens a modifier: others skip the call.)
	if p.toks[i].cat == cFunc {
		if c, ok := p.parseMod(i); ok {
			return c, true
		}
	}
	return p.parseCore(i)
}

// parseMod handles expressions wrapped in a modifier: "the end of 2017",
// "early next year", "mid-1990s", "more than two years".
func (p *parser) parseMod(i int) (cand, bool) {
	t := &p.toks[i]
	if t.cat != cFunc {
		return cand{}, false
	}
	k := i
	if t.val == fThe {
		k++
	}
	if tt := p.tk(k); tt != nil && tt.cat == cFunc && p.fn(k+1, fOf) {
		mod := ""
		switch tt.val {
		case fEnd, fClose:
			mod = "END"
		case fBeginning, fStart:
			mod = "START"
		case fMiddle:
			mod = "MID"
		}
		if mod != "" {
			p.inMod = true
			c, ok := p.parseCore(k + 2)
			p.inMod = false
			if ok && c.typ == "date" && c.val == "" {
				c.i, c.mod = i, mod
				return c, true
			}
		}
	}
	switch t.val {
	case fEarly, fLate, fMid, fEarlier, fLater:
		k := i + 1
		if t.val == fMid && p.hyphenAt(k) {
			k++
		}
		if t.val == fLater || t.val == fEarlier {
			// "later this month", "earlier this year": only with a deictic determiner.
			if !(p.fn(k, fThis) || p.fn(k, fThat) || p.fn(k, fLast) || p.fn(k, fNext) || p.fn(k, fToday) || p.fn(k, fYesterday) || p.fn(k, fTonight)) {
				return cand{}, false
			}
		}
		if c, ok := p.parseCore(k); ok && c.typ == "date" || ok && c.typ == "time" && c.v.pod != "" {
			if c.val != "" && c.v.g == gNone {
				return cand{}, false
			}
			switch t.val {
			case fEarly:
				c.mod = "START"
			case fLate:
				c.mod = "END"
			case fMid:
				c.mod = "MID"
			}
			c.i = i
			return c, true
		}
	case fAbout, fAround, fNearly, fAlmost, fMore, fLess, fOver, fSome:
		k, mod := i+1, "APPROX"
		switch t.val {
		case fMore, fLess:
			if !p.fn(k, fThan) {
				return cand{}, false
			}
			k++
			mod = "MORE_THAN"
			if t.val == fLess {
				mod = "LESS_THAN"
			}
		case fNearly, fAlmost:
			mod = "LESS_THAN"
		case fOver:
			mod = "MORE_THAN"
		}
		if c, ok := p.numUnit(k); ok && c.typ == "duration" {
			c.i, c.mod = i, mod
			return c, true
		}
		// "around Nov. 1", "about 1990": an approximate date.
		if t.val == fAround || t.val == fAbout {
			if n := p.tk(k); n != nil && (n.cat == cMonth || n.kind == kNum) {
				if c, ok := p.parseCore(k); ok && c.typ == "date" && c.v.g != gNone {
					c.i, c.mod = i, "APPROX"
					return c, true
				}
			}
		}
	}
	return cand{}, false
}

func (p *parser) parseCore(i int) (cand, bool) {
	t := p.tk(i)
	if t == nil {
		return cand{}, false
	}
	switch t.kind {
	case kNum:
		if c, ok := p.numericDate(i); ok {
			return c, true
		}
		if c, ok := p.dayMonth(i); ok {
			return c, true
		}
		if c, ok := p.clockTime(i); ok {
			return c, true
		}
		if c, ok := p.bcYear(i); ok {
			return c, true
		}
		if c, ok := p.yearExpr(i); ok {
			return c, true
		}
		if c, ok := p.ordinalPart(i, i); ok {
			return c, true
		}
		return p.numUnit(i)
	case kNumX:
		if c, ok := p.numericDate(i); ok {
			return c, true
		}
		return p.clockTime(i)
	case kPunct:
		// '90s
		n := p.tk(i + 1)
		if n != nil && n.kind == kNum && n.nd == 2 && n.sfx == sfxS && n.n%10 == 0 && p.adjacent(i) {
			return cand{i: i, j: i + 2, typ: "date", v: dval{g: gDecade, y: 1900 + int(n.n)}}, true
		}
		return cand{}, false
	}
	switch t.cat {
	case cMonth:
		return p.monthExpr(i)
	case cWeekday:
		return p.weekdayExpr(i, i+1, 0)
	case cHoliday:
		return p.holidayExpr(i)
	case cSeason:
		// Bare "winter", "Spring": only where a preposition or a year makes it a date.
		if pr := p.tk(i - 1); pr != nil && pr.cat == cFunc {
			switch pr.val {
			case fIn, fDuring, fBy, fUntil, fSince, fThrough, fOf, fEarly, fLate, fMid:
				return p.seasonExpr(i, i, fThe)
			}
		}
		if _, ok := fullYear(p.tk(i + 1)); ok {
			return p.seasonExpr(i, i, fThe)
		}
		return cand{}, false
	case cNumWord:
		if c, ok := p.spelledYear(i); ok {
			return c, true
		}
		return p.numUnit(i)
	case cOrdWord:
		return p.ordinalPart(i, i)
	case cPod:
		// "mid-afternoon (yesterday)": only after "mid", which makes it a time of day.
		k := i - 1
		if p.hyphenAt(k) {
			k--
		}
		if !p.fn(k, fMid) {
			return cand{}, false
		}
		c := cand{i: i, j: i + 1, typ: "time", rel: true, v: dval{g: gTime, pod: podCode[t.val]}}
		if d, ok := p.parseCore(i + 1); ok && d.typ == "date" && d.v.g == gDay && d.val == "" {
			c.v.y, c.v.m, c.v.d, c.j, c.unres = d.v.y, d.v.m, d.v.d, d.j, d.unres
		} else if p.hasDCT {
			d := dayOf(p.dct)
			c.v.y, c.v.m, c.v.d = d.y, d.m, d.d
		} else {
			c.unres = true
		}
		return c, true
	case cUnit:
		if t.val == uSecond && !t.pl {
			return p.ordinalPart(i, i)
		}
		if c, ok := p.yearEnd(i); ok {
			return c, true
		}
		// "a day-long meeting", "a months-long siege"
		if p.hyphenAt(i+1) && p.wordIs(i+2, "long") && t.val >= uHour {
			n := 1
			if t.pl {
				n = -1
			}
			return cand{i: i, j: i + 3, typ: "duration", val: durValue(n, int(t.val))}, true
		}
		return p.bareUnit(i)
	case cFunc:
	default:
		return cand{}, false
	}
	if p.titleCase(i) {
		// Headings and page furniture ("Trending Now", "Recent Comments").
		return cand{}, false
	}
	switch t.val {
	case fToday, fYesterday, fTomorrow, fTonight:
		return p.deictic(i)
	case fNow, fCurrently:
		// "Now, he says, ...": opening a sentence and set off by a comma,
		// "now" turns the argument rather than placing anything in time.
		if t.val == fNow && p.sentenceOpen(i) && p.isPunct(i+1, ",") {
			return cand{}, false
		}
		return cand{i: i, j: i + 1, typ: "date", val: "PRESENT_REF"}, true
	case fCurrent:
		if n := p.tk(i + 1); n != nil && (n.cat == cUnit || n.cat == cOrdWord) {
			return p.detExpr(i)
		}
		return cand{i: i, j: i + 1, typ: "date", val: "PRESENT_REF"}, true
	case fRecently:
		return cand{i: i, j: i + 1, typ: "date", val: "PAST_REF"}, true
	case fRecent:
		if n := p.tk(i + 1); n != nil && n.cat == cUnit && n.pl {
			return cand{i: i, j: i + 2, typ: "duration", val: durValue(-1, int(n.val))}, true
		}
		return cand{i: i, j: i + 1, typ: "date", val: "PAST_REF"}, true
	case fSoon:
		if p.fn(i-1, fAs) || p.fn(i+1, fAs) || p.fn(i+1, fAfter) {
			return cand{}, false // "as soon as", "soon after"
		}
		return cand{i: i, j: i + 1, typ: "date", val: "FUTURE_REF"}, true
	case fNoon, fMidnight:
		return p.clockTime(i)
	case fFiscal:
		if c, ok := p.yearExpr(i + 1); ok && c.v.g == gYear {
			c.i = i
			return c, true
		}
		return cand{}, false
	case fEach, fEvery:
		return p.setExpr(i)
	case fDaily, fWeekly, fMonthly, fYearly, fHourly:
		// "daily" as an adjective before a noun is usually not annotated; as an adverb it is a set.
		val := map[int16]string{fDaily: "P1D", fWeekly: "P1W", fMonthly: "P1M", fAnnually: "P1Y", fYearly: "P1Y", fQuarterly: "P3M", fHourly: "PT1H"}[t.val]
		return cand{i: i, j: i + 1, typ: "set", val: val}, true
	case fA, fAn, fSeveral, fFew, fMany, fCouple, fSome:
		// "at a later date": some time ahead.
		if t.val == fA && p.fn(i+1, fLater) && p.wordIs(i+2, "date") {
			return cand{i: i, j: i + 3, typ: "date", val: "FUTURE_REF"}, true
		}
		// "for a while", "after a while": a stretch of unstated length.
		if t.val == fA && p.wordIs(i+1, "while") && (p.fn(i-1, fFor) || p.fn(i-1, fIn) || p.fn(i-1, fAfter)) {
			return cand{i: i, j: i + 2, typ: "duration", val: "PXX"}, true
		}
		return p.numUnit(i)
	case fThis, fLast, fNext, fPast, fPrevious, fComing, fThe, fThat, fSame, fFollowing, fLatest, fThese:
		c, ok := p.detExpr(i)
		if ok && c.typ == "date" && c.v.g == gYear && c.v.y != 0 {
			c = p.yearsQuarter(c)
		}
		return c, ok
	}
	return cand{}, false
}

// titleCase reports a capitalised word flanked by capitalised words that
// are not at a sentence start: a heading, not prose.
func (p *parser) titleCase(i int) bool {
	t := p.toks[i]
	if !t.cap {
		return false
	}
	capWord := func(k int) bool {
		u := p.tk(k)
		return u != nil && u.kind == kWord && u.cap && p.tsent[k] == p.tsent[i]
	}
	if capWord(i - 1) {
		return true
	}
	// Mid-sentence "This Week" (a programme, a column) is a name.
	if capWord(i+1) && p.toks[i+1].cat == cUnit && !p.sentenceOpen(i) {
		return true
	}
	// At a line start, a capitalised neighbour marks a heading only in a short line.
	if !capWord(i+1) || i > 0 && p.tsent[i-1] == p.tsent[i] {
		return false
	}
	n := 0
	for k := i; k < len(p.toks) && p.tsent[k] == p.tsent[i]; k++ {
		n++
	}
	return n <= 4
}

// sentenceOpen reports token i as the first word of its sentence, allowing
// a little opening punctuation (quotes, a bracket) before it.
func (p *parser) sentenceOpen(i int) bool {
	for k := i - 1; k >= 0 && p.tsent[k] == p.tsent[i]; k-- {
		if p.toks[k].kind != kPunct || k < i-3 {
			return false
		}
	}
	return true
}

// ---------------------------------------------------------------------------
// Resolution helpers.

// future reports whether the clause around token i talks about the future:
// the nearest tense cue decides ("will meet on Tuesday", "met on Tuesday").
// News reports the past, so past is the default.
func (p *parser) future(i int) bool { return p.tense(i) > 0 }

// tense is +1 where a future cue decides, -1 where a past cue does, 0 where
// nothing does (and past is merely the default).
func (p *parser) tense(i int) int {
	// "said Tuesday", "Tuesday said": reported, hence past.
	if p.fn(i-1, fSaid) || p.fn(i+1, fSaid) {
		return -1
	}
	// "as early as Tuesday", "as soon as Tuesday"
	if p.fn(i-1, fAs) && (p.fn(i-2, fEarly) || p.fn(i-2, fSoon)) {
		return 1
	}
	// "Wednesday's ruling": an event named as a thing is one that has happened.
	if p.adjacent(i) && (p.isPunct(i+1, "'") || p.isPunct(i+1, "’")) && p.wordIs(i+2, "s") {
		return -1
	}
	// "until Tuesday", "until 9 a.m. Tuesday": a deadline still ahead.
	if p.untilBefore(i) {
		return 1
	}
	// "since Oct. 23", "since shortly after the Oct. 23 attack": what a
	// stretch runs from has happened.
	for k := i - 1; k >= 0 && k >= i-4 && p.toks[k].kind == kWord; k-- {
		if p.fn(k, fSince) {
			return -1
		}
		if p.futureCue(k) || p.pastCue(k) {
			break // "since he will arrive Monday": a clause of its own
		}
	}
	// "The leaders meet Monday", "talks resume on Tuesday": the present tense
	// of a scheduled event points ahead.
	k := i - 1
	if p.fn(k, fOn) {
		k--
	}
	if t := p.tk(k); t != nil && t.kind == kWord && (p.wordIs(k, "again") || strings.HasSuffix(p.text[t.s:t.e], "ly")) {
		k--
	}
	// (An infinitive, "due to expire Friday", takes its tense from elsewhere.)
	if t := p.tk(k); t != nil && t.kind == kWord && scheduleVerbs[p.text[t.s:t.e]] && !p.fn(k-1, fTo) {
		return 1
	}
	s := p.tsent[i]
	// "On Tuesday, the league plans to ...": a fronted date belongs to the
	// main clause after the comma, so look ahead through the sentence ("In
	// January, a week after ..., a bombing in Birmingham, Ala., killed ...").
	ahead, reach := 6, 10
	if p.isPunct(i+1, ",") && p.sentenceFront(i) {
		ahead, reach = 30, 30
	}
	// A quotation mark bounds the search: inside a quotation the speaker's
	// own verbs decide, not the reporting "said" outside it.
	back, fwd := true, true
	for d := 1; d <= reach; d++ {
		for n, k := range [2]int{i - d, i + d} {
			if k < 0 || k >= len(p.toks) || p.tsent[k] != s || k > i+ahead {
				continue
			}
			if n == 0 && !back || n == 1 && !fwd {
				continue
			}
			if p.quoteMark(k) {
				if n == 0 {
					back = false
				} else {
					fwd = false
				}
				continue
			}
			if p.futureCue(k) {
				// "had been scheduled to", "was due to": a plan now past.
				if p.wordIs(k-1, "been") {
					return -1
				}
				return 1
			}
			if p.pastCue(k) {
				return -1
			}
		}
	}
	// Nothing near: a future auxiliary may stand further back in a long
	// clause ("will be named commander ... for a mission in December").
	for k := i - reach - 1; k >= 0 && k >= i-25 && p.tsent[k] == s; k-- {
		if p.futureCue(k) && !p.wordIs(k-1, "been") {
			return 1
		}
		if p.pastCue(k) {
			break
		}
	}
	return 0
}

// quoteMark reports token k as a quotation mark (straight, curly or the
// doubled backquotes and apostrophes of wire copy); an apostrophe inside a
// word ("it's") is none.
func (p *parser) quoteMark(k int) bool {
	t := &p.toks[k]
	if t.kind != kPunct {
		return false
	}
	switch p.text[t.s:t.e] {
	case "\"", "“", "”", "`":
		return true
	case "'":
		// doubled '' closes a quotation in wire copy; a lone one is an apostrophe
		return k+1 < len(p.toks) && p.toks[k+1].kind == kPunct && p.text[p.toks[k+1].s:p.toks[k+1].e] == "'" && p.toks[k+1].s == t.e ||
			k > 0 && p.toks[k-1].kind == kPunct && p.text[p.toks[k-1].s:p.toks[k-1].e] == "'" && p.toks[k-1].e == t.s
	}
	return false
}

// scheduleVerbs are present-tense forms that, right before a day, report
// an arrangement rather than a habit or a past event.
var scheduleVerbs = map[string]bool{
	"meet": true, "meets": true, "begin": true, "begins": true, "start": true, "starts": true,
	"resume": true, "resumes": true, "open": true, "opens": true, "vote": true, "votes": true,
	"arrive": true, "arrives": true, "leave": true, "leaves": true, "return": true, "returns": true,
	"travel": true, "travels": true, "visit": true, "visits": true, "convene": true, "convenes": true,
	"reconvene": true, "reconvenes": true,
}

// untilBefore reports "until"/"till" right before token i, allowing a clock
// time between ("until 9 a.m. EST Tuesday").
func (p *parser) untilBefore(i int) bool {
	for k := i - 1; k >= 0 && k >= i-7; k-- {
		t := &p.toks[k]
		if t.cat == cFunc && t.val == fUntil {
			// "Until Thursday, they had not ...": a fronted limit looks back.
			return !p.sentenceFront(k)
		}
		if t.kind == kWord && t.cat == cNone && !(t.e-t.s <= 4 && (isUpperWord(p.text[t.s:t.e]) || t.e-t.s == 1)) {
			return false
		}
		if t.kind == kWord && t.cat != cNone && !(t.cat == cFunc && (t.val == fA || t.val == fNoon || t.val == fMidnight)) {
			return false
		}
	}
	return false
}

func (p *parser) futureCue(k int) bool {
	t := &p.toks[k]
	if t.kind != kWord {
		return false
	}
	if t.cat == cFunc {
		switch t.val {
		case fWill, fShall, fScheduled:
			return true
		case fLl:
			return k > 0 && p.toks[k-1].kind == kPunct
		case fPlan:
			// "plans to meet", "planned a rally on Saturday"
			return p.fn(k+1, fTo) || p.fn(k+1, fA) || p.fn(k+1, fAn)
		case fGoing, fExpected, fDue:
			return p.fn(k+1, fTo)
		}
		return false
	}
	// "would travel Thursday": the future seen from a reported past.
	if t.cat == cNone && p.text[t.s:t.e] == "would" {
		return true
	}
	// "set to resume", "is to resume", "are to meet": arranged for later.
	if t.cat == cNone && p.fn(k+1, fTo) {
		switch p.text[t.s:t.e] {
		case "set", "is", "are", "planning", "poised", "slated":
			return true
		}
	}
	return false
}

// pastCue: a past-tense verb form ("said", "met", "announced").
func (p *parser) pastCue(k int) bool {
	t := &p.toks[k]
	if t.kind != kWord || t.cap && k > 0 && p.tsent[k-1] == p.tsent[k] {
		return false
	}
	w := p.text[t.s:t.e]
	// A participle after "be"/"is" or a determiner is no tense: "will be
	// held", "is scheduled", "the reduced dividend".
	if k > 0 {
		if pr := &p.toks[k-1]; pr.kind == kWord {
			switch p.text[pr.s:pr.e] {
			case "be", "been", "being", "is", "are", "the", "a", "an", "still", "its", "their", "his", "her", "The", "A", "An", "Its", "Their", "His", "Her":
				return false
			}
		}
	}
	if len(w) > 4 && w[len(w)-2:] == "ed" && w[len(w)-3] != 'e' && t.cat == cNone {
		return true
	}
	switch w {
	case "was", "were":
		// "were planning to drive", "was about to leave": a plan seen from the past.
		return !(k+1 < len(p.toks) && p.futureCue(k+1) || p.wordIs(k+1, "about") && p.fn(k+2, fTo))
	case "had", "did", "said", "told", "met", "came", "went", "left", "took", "made", "began",
		"fell", "rose", "won", "lost", "saw", "gave", "got", "held", "sent", "spoke", "wrote", "ran", "sold",
		"bought", "paid", "led", "struck", "hit", "quit", "cut", "brought", "found", "kept", "thought",
		"became", "fought", "knew", "grew", "drew", "threw", "chose", "fled", "flew", "broke", "spent",
		"built", "caught", "sought", "agreed", "heard", "felt", "stood", "shot", "died":
		return true
	}
	return false
}

// weekdayDate resolves a weekday against the document date. dir: -1 the one on
// or before, +1 on or after, -2 strictly before, +2 strictly after.
func (p *parser) weekdayDate(wd, dir int) time.Time {
	cur := isoWeekday(p.dct)
	switch dir {
	case -1, -2:
		back := (cur - wd + 7) % 7
		if back == 0 && dir == -2 {
			back = 7
		}
		return p.dct.AddDate(0, 0, -back)
	default:
		fwd := (wd - cur + 7) % 7
		if fwd == 0 && dir == 2 {
			fwd = 7
		}
		return p.dct.AddDate(0, 0, fwd)
	}
}

// yearFor picks the year of a month (and day) written without one: the
// year that puts it nearest the document date, leaning the way the tense points.
func (p *parser) yearFor(i, m, d, dir int) (y int, rel bool) {
	if p.narrative(i) {
		if d > 0 && p.last.y > 0 && d > daysIn(p.last.y, m) {
			return 0, true // "February 29" in a year without one: leave the year open
		}
		return p.last.y, true // computed from the date the narrative reached
	}
	if !p.hasDCT {
		return 0, true
	}
	tn := p.tense(i)
	fut := tn > 0
	dy := p.dct.Year()
	// "join in April ... the summit in April": a month named again, with no
	// verb to say otherwise, is the one just named.
	if tn == 0 && p.hasLast && p.last.m == m && (p.last.g == gMonth || p.last.g == gDay) && i-p.lastTok <= 60 && p.last.y >= dy-1 && p.last.y <= dy+1 {
		return p.last.y, true
	}
	best, bestScore := dy, 1<<30
	for cy := dy - 1; cy <= dy+1; cy++ {
		dd := d
		if dd == 0 {
			dd = 15
		}
		if dd > daysIn(cy, m) {
			continue
		}
		diff := int(time.Date(cy, time.Month(m), dd, 0, 0, 0, 0, time.UTC).Sub(p.dct).Hours() / 24)
		score := diff
		if diff < 0 {
			score = -diff
			if fut {
				score += 240 // "will fly a mission in December": a future verb rules out the months behind
			}
		} else if !fut {
			score += 60
			if tn < 0 {
				score += 240 // "bought RJR in February": a past verb rules out the months ahead
			}
		}
		if cy != dy {
			score += 45
		}
		if score < bestScore {
			best, bestScore = cy, score
		}
	}
	return best, true
}

// narrative reports whether the text has moved to a written year far enough
// from the document date that bare month names belong to that year.
func (p *parser) narrative(i int) bool {
	if !p.hasLast || p.last.y == 0 {
		return false
	}
	return !p.hasDCT || p.narrDoc
}

// refTime is what deictic units ("this year", "next spring") count from: the
// document date, or in a history the date the narrative has reached.
func (p *parser) refTime() time.Time {
	if p.narrDoc && p.hasLast && p.last.y > 0 {
		return p.last.time()
	}
	return p.dct
}

// anchorDate is the day anaphoric expressions count from.
func (p *parser) anchorDate() (dval, bool) {
	if p.hasLast {
		return p.last, true
	}
	if p.hasDCT {
		return dayOf(p.dct), true
	}
	return dval{}, false
}

// shift moves date v by n units and returns it at the unit's granularity.
func shift(v dval, u, n int) dval {
	t := v.time()
	switch u {
	case uDay, uWeekend:
		if v.g < gDay {
			return dval{}
		}
		return dayOf(t.AddDate(0, 0, n))
	case uWeek:
		if v.g < gWeek {
			return dval{}
		}
		return isoWeekVal(t.AddDate(0, 0, 7*n))
	case uFortnight:
		if v.g < gWeek {
			return dval{}
		}
		return isoWeekVal(t.AddDate(0, 0, 14*n))
	case uMonth:
		if v.g < gMonth || v.m == 0 {
			return dval{}
		}
		t = time.Date(v.y, time.Month(v.m)+time.Month(n), 1, 0, 0, 0, 0, time.UTC)
		return dval{g: gMonth, y: t.Year(), m: int(t.Month())}
	case uQuarter:
		q := 0
		switch {
		case v.g == gQuarter:
			q = v.q
		case v.g >= gMonth && v.m > 0:
			q = (v.m-1)/3 + 1
		default:
			return dval{}
		}
		idx := v.y*4 + q - 1 + n
		return dval{g: gQuarter, y: idx / 4, q: idx%4 + 1}
	case uYear:
		return dval{g: gYear, y: v.y + n}
	case uDecade:
		return dval{g: gDecade, y: v.y + 10*n}
	case uCentury:
		return dval{g: gCentury, y: v.y + 100*n}
	}
	return dval{}
}

// shiftTime moves t by n units.
func shiftTime(t time.Time, u, n int) time.Time {
	switch u {
	case uDay:
		return t.AddDate(0, 0, n)
	case uWeek, uWeekend:
		return t.AddDate(0, 0, 7*n)
	case uFortnight:
		return t.AddDate(0, 0, 14*n)
	case uMonth:
		return time.Date(t.Year(), t.Month()+time.Month(n), 1, 0, 0, 0, 0, time.UTC)
	case uQuarter:
		return time.Date(t.Year(), t.Month()+time.Month(3*n), 1, 0, 0, 0, 0, time.UTC)
	case uHalf:
		return time.Date(t.Year(), t.Month()+time.Month(6*n), 1, 0, 0, 0, 0, time.UTC)
	case uYear:
		return t.AddDate(n, 0, 0)
	case uDecade:
		return t.AddDate(10*n, 0, 0)
	case uCentury:
		return t.AddDate(100*n, 0, 0)
	}
	return t
}

// relUnit gives the current unit (this week, this month...) around the document date.
func unitAround(t time.Time, u int) dval {
	switch u {
	case uDay:
		return dayOf(t)
	case uWeek, uFortnight:
		return isoWeekVal(t)
	case uWeekend:
		w := isoWeekVal(t)
		w.g = gWeekend
		return w
	case uMonth:
		return dval{g: gMonth, y: t.Year(), m: int(t.Month())}
	case uQuarter:
		return dval{g: gQuarter, y: t.Year(), q: (int(t.Month())-1)/3 + 1}
	case uHalf:
		return dval{g: gHalf, y: t.Year(), q: (int(t.Month())-1)/6 + 1}
	case uYear:
		return dval{g: gYear, y: t.Year()}
	case uDecade:
		return dval{g: gDecade, y: t.Year()}
	case uCentury:
		return dval{g: gCentury, y: t.Year()}
	}
	return dval{}
}

// unresolvedUnit is the X-placeholder value of a relative unit.
func unresolvedUnit(u int) dval {
	switch u {
	case uDay:
		return dval{g: gDay}
	case uWeek, uFortnight:
		return dval{g: gWeek}
	case uWeekend:
		return dval{g: gWeekend}
	case uMonth:
		return dval{g: gMonth}
	case uQuarter:
		return dval{g: gQuarter, q: 0}
	case uDecade:
		return dval{g: gDecade}
	case uCentury:
		return dval{g: gCentury}
	}
	return dval{g: gYear}
}

func durUnit(u int) (code string, mult int, timePart bool) {
	switch u {
	case uSecond:
		return "S", 1, true
	case uMinute:
		return "M", 1, true
	case uHour:
		return "H", 1, true
	case uDay:
		return "D", 1, false
	case uWeekend:
		return "WE", 1, false
	case uWeek:
		return "W", 1, false
	case uFortnight:
		return "W", 2, false
	case uMonth:
		return "M", 1, false
	case uQuarter:
		return "M", 3, false // ISO 8601 has no quarter unit
	case uYear:
		return "Y", 1, false
	case uDecade:
		return "Y", 10, false
	case uCentury:
		return "Y", 100, false
	}
	return "", 0, false
}

// durValue formats a TIMEX3 duration; n < 0 means an unspecified quantity (X).
func durValue(n, u int) string {
	code, mult, tp := durUnit(u)
	q := "X"
	if n >= 0 {
		q = itoa(n * mult)
	} else if u == uDecade {
		code = "DE"
	} else if u == uCentury {
		code = "CE"
	}
	if tp {
		return "PT" + q + code
	}
	return "P" + q + code
}

func itoa(n int) string { return pad(n, 1) }

// sentenceFront reports token i opening its sentence, alone or after "On".
func (p *parser) sentenceFront(i int) bool {
	if i == 0 || p.tsent[i-1] != p.tsent[i] {
		return true
	}
	return (p.fn(i-1, fOn) || p.fn(i-1, fIn)) && (i == 1 || p.tsent[i-2] != p.tsent[i])
}

// yearsQuarter widens "next year's" to "next year's first quarter", and in
// earnings copy "last year's quarter" to the quarter being reported, a year back.
func (p *parser) yearsQuarter(c cand) cand {
	k := c.j
	if !(p.isPunct(k, "'") || p.isPunct(k, "’")) || !p.adjacent(k-1) || !p.wordIs(k+1, "s") {
		return c
	}
	k += 2
	if o, ok := p.ordinal(k); ok && o >= 1 && o <= 4 {
		e := k + 1
		if p.hyphenAt(e) {
			e++
		}
		if p.unitIs(e, uQuarter) {
			c.v, c.j = dval{g: gQuarter, y: c.v.y, q: o}, e+1
			return c
		}
	}
	if p.hasQ && p.unitIs(k, uQuarter) {
		c.v, c.j, c.derived = dval{g: gQuarter, y: c.v.y, q: p.lastQ.q}, k+1, true
	}
	return c
}
