package timex

import (
	"unicode"
	"unicode/utf8"
)

// Token kinds.
const (
	kWord  = iota + 1 // letters
	kNum              // a run of digits, possibly with a letter suffix ("21st", "1990s", "100m")
	kNumX             // digits with inner separators: "3,000", "6.1", "10:30", "01/22/2025"
	kPunct            // any other single rune
)

// Lexicon categories.
const (
	cNone = iota
	cMonth
	cWeekday
	cUnit
	cSeason
	cPod // part of day
	cNumWord
	cOrdWord
	cFunc
	cHoliday
)

// Units, ordered from small to large.
const (
	uSecond = iota + 1
	uMinute
	uHour
	uDay
	uWeekend
	uWeek
	uFortnight
	uMonth
	uQuarter
	uHalf
	uYear
	uDecade
	uCentury
)

// Function words the grammar refers to (cFunc values).
const (
	fThe = iota + 1
	fA
	fAn
	fThis
	fThat
	fThese
	fLast
	fNext
	fPast
	fPrevious
	fComing
	fFollowing
	fSame
	fEach
	fEvery
	fEarly
	fEarlier
	fLate
	fLater
	fMid
	fMiddle
	fEnd
	fBeginning
	fStart
	fClose
	fOf
	fAnd
	fOr
	fTo
	fBetween
	fFrom
	fUntil
	fThrough
	fSince
	fAgo
	fBefore
	fAfter
	fIn
	fOn
	fBy
	fFor
	fDuring
	fWithin
	fOver
	fToday
	fYesterday
	fTomorrow
	fTonight
	fNow
	fCurrently
	fCurrent
	fRecently
	fRecent
	fSoon
	fFuture
	fNoon
	fMidnight
	fFiscal
	fSeveral
	fFew
	fMany
	fSome
	fCouple
	fWill
	fShall
	fLl
	fGoing
	fScheduled
	fExpected
	fPlan
	fDue
	fDaily
	fWeekly
	fMonthly
	fAnnually
	fYearly
	fQuarterly
	fHourly
	fLatest
	fNearly
	fAlmost
	fAbout
	fAround
	fMore
	fLess
	fThan
	fWhole
	fEntire
	fSaid
	fTimes
	fOnce
	fTwice
	fPercent
	fOld
	fNear
	fAs
	fPoss // possessive determiner: "his 1996 campaign"
)

type lex struct {
	cat  uint8
	val  int16
	pl   bool // plural unit
	abbr bool // abbreviation: needs a capital (and often a dot) to count
}

// tok is a token: a byte span with its lexicon entry.
// Kept small (int32 offsets): a document has a token every five bytes or so.
type tok struct {
	s, e int32
	n    int32 // value of a kNum token (digits only), -1 if too long
	kind uint8
	cap  bool  // starts with an upper-case letter
	dot  bool  // a full stop follows immediately (not included in e)
	nd   uint8 // digit count of a kNum token
	lex
	sfx uint8 // letters glued to a number: sfxS for "1990s", sfxTh for "5th", ...
}

// Number suffixes. A code rather than the string keeps tok free of
// pointers, which spares the garbage collector a scan of every token.
const (
	sfxNone = iota
	sfxS
	sfxSt
	sfxNd
	sfxRd
	sfxTh
	sfxAm
	sfxPm
	sfxOther
)

// suffixCode classifies the letters after a number, ignoring case.
func suffixCode(s string) uint8 {
	var b [2]byte
	if len(s) > 2 {
		return sfxOther
	}
	for i := 0; i < len(s); i++ {
		b[i] = s[i] | 0x20
	}
	switch string(b[:len(s)]) {
	case "s":
		return sfxS
	case "st":
		return sfxSt
	case "nd":
		return sfxNd
	case "rd":
		return sfxRd
	case "th":
		return sfxTh
	case "am":
		return sfxAm
	case "pm":
		return sfxPm
	}
	return sfxOther
}

var lexicon = map[string]lex{}

// lexLens has bit n set for byte c when some lexicon word of n letters
// starts with c: most words of running text are not in the lexicon, and
// this spares them the map lookup.
var lexLens [256]uint32

func addWords(cat uint8, val int, words ...string) {
	for _, w := range words {
		lexicon[w] = lex{cat: cat, val: int16(val)}
	}
}

func init() {
	months := [][]string{
		{"january", "jan"}, {"february", "feb"}, {"march", "mar"}, {"april", "apr"}, {"may"},
		{"june", "jun"}, {"july", "jul"}, {"august", "aug"}, {"september", "sep", "sept"},
		{"october", "oct"}, {"november", "nov"}, {"december", "dec"},
	}
	for i, ws := range months {
		for j, w := range ws {
			lexicon[w] = lex{cat: cMonth, val: int16(i + 1), abbr: j > 0}
		}
	}
	days := [][]string{
		{"monday", "mon"}, {"tuesday", "tue", "tues"}, {"wednesday", "wed"}, {"thursday", "thu", "thur", "thurs"},
		{"friday", "fri"}, {"saturday", "sat"}, {"sunday", "sun"},
	}
	for i, ws := range days {
		for j, w := range ws {
			lexicon[w] = lex{cat: cWeekday, val: int16(i + 1), abbr: j > 0}
		}
	}
	units := []struct {
		u     int
		sg, p string
	}{
		{uSecond, "second", "seconds"}, {uMinute, "minute", "minutes"}, {uHour, "hour", "hours"},
		{uDay, "day", "days"}, {uWeekend, "weekend", "weekends"}, {uWeek, "week", "weeks"},
		{uFortnight, "fortnight", "fortnights"}, {uMonth, "month", "months"}, {uQuarter, "quarter", "quarters"},
		{uYear, "year", "years"}, {uDecade, "decade", "decades"}, {uCentury, "century", "centuries"},
	}
	for _, u := range units {
		lexicon[u.sg] = lex{cat: cUnit, val: int16(u.u)}
		lexicon[u.p] = lex{cat: cUnit, val: int16(u.u), pl: true}
	}
	lexicon["yr"] = lex{cat: cUnit, val: uYear, abbr: true}
	lexicon["yrs"] = lex{cat: cUnit, val: uYear, pl: true, abbr: true}
	lexicon["hrs"] = lex{cat: cUnit, val: uHour, pl: true, abbr: true}
	lexicon["mins"] = lex{cat: cUnit, val: uMinute, pl: true, abbr: true}
	addWords(cSeason, 1, "spring")
	addWords(cSeason, 2, "summer")
	addWords(cSeason, 3, "autumn", "fall")
	addWords(cSeason, 4, "winter")
	addWords(cPod, 1, "morning")
	addWords(cPod, 2, "afternoon")
	addWords(cPod, 3, "evening")
	addWords(cPod, 4, "night")
	nums := []string{"zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
		"eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"}
	for i, w := range nums {
		addWords(cNumWord, i, w)
	}
	tens := []string{"twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"}
	for i, w := range tens {
		addWords(cNumWord, 20+10*i, w)
	}
	addWords(cNumWord, 100, "hundred")
	addWords(cNumWord, 1000, "thousand")
	addWords(cNumWord, 12, "dozen")
	ords := []string{"first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth",
		"eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth", "seventeenth", "eighteenth",
		"nineteenth", "twentieth"}
	for i, w := range ords {
		addWords(cOrdWord, i+1, w)
	}
	addWords(cOrdWord, 30, "thirtieth")
	f := map[int][]string{
		fThe: {"the"}, fA: {"a"}, fAn: {"an"}, fThis: {"this"}, fThat: {"that"}, fThese: {"these"}, fLast: {"last"}, fNext: {"next"}, fPast: {"past"}, fPrevious: {"previous", "prior", "preceding"},
		fComing: {"coming"}, fFollowing: {"following", "succeeding", "subsequent"}, fSame: {"same"},
		fEach: {"each"}, fEvery: {"every"}, fEarly: {"early"}, fEarlier: {"earlier"},
		fLate: {"late"}, fLater: {"later"}, fMid: {"mid"}, fMiddle: {"middle"}, fEnd: {"end"},
		fBeginning: {"beginning"}, fStart: {"start"}, fClose: {"close"}, fOf: {"of"}, fAnd: {"and"}, fOr: {"or"},
		fTo: {"to"}, fBetween: {"between"}, fFrom: {"from"}, fUntil: {"until", "till", "til"}, fThrough: {"through", "thru"},
		fSince: {"since"}, fAgo: {"ago"}, fBefore: {"before"}, fAfter: {"after"}, fIn: {"in"}, fOn: {"on"}, fBy: {"by"}, fFor: {"for"}, fDuring: {"during"}, fWithin: {"within"}, fOver: {"over"},
		fToday: {"today"}, fYesterday: {"yesterday"}, fTomorrow: {"tomorrow"}, fTonight: {"tonight"},
		fNow: {"now", "nowadays"}, fCurrently: {"currently", "presently"}, fCurrent: {"current"},
		fRecently: {"recently", "lately"}, fRecent: {"recent"}, fSoon: {"soon"}, fFuture: {"future"}, fNoon: {"noon", "midday"}, fMidnight: {"midnight"}, fFiscal: {"fiscal"},
		fSeveral: {"several"}, fFew: {"few"}, fMany: {"many"}, fSome: {"some"}, fCouple: {"couple"},
		fWill: {"will", "won"}, fShall: {"shall"}, fLl: {"ll"}, fGoing: {"going"}, fScheduled: {"scheduled"},
		fExpected: {"expected"}, fPlan: {"plan", "plans", "planned", "intends"}, fDue: {"due"}, fDaily: {"daily"}, fWeekly: {"weekly"}, fMonthly: {"monthly"}, fAnnually: {"annually"}, fYearly: {"yearly"},
		fQuarterly: {"quarterly"}, fHourly: {"hourly"}, fLatest: {"latest", "current"}, fNearly: {"nearly"},
		fAlmost: {"almost"}, fAbout: {"about", "approximately", "roughly", "some"}, fAround: {"around"},
		fMore: {"more"}, fLess: {"less", "fewer"}, fThan: {"than"},
		fWhole: {"whole"}, fEntire: {"entire", "full"}, fSaid: {"said", "says"}, fTimes: {"times"},
		fOnce: {"once"}, fTwice: {"twice"}, fPercent: {"percent", "pct"}, fOld: {"old"},
		fNear: {"near"}, fAs: {"as"}, fPoss: {"his", "her", "its", "their", "our", "my", "your"},
	}
	for id, ws := range f {
		for _, w := range ws {
			if _, dup := lexicon[w]; dup {
				continue
			}
			addWords(cFunc, id, w)
		}
	}
	// "current" means both PRESENT_REF and "latest"; keep it as fCurrent.
	for i, w := range holidayWords {
		if w != "" {
			lexicon[w] = lex{cat: cHoliday, val: int16(i)}
		}
	}
	lexicon["current"] = lex{cat: cFunc, val: fCurrent}
	lexicon["some"] = lex{cat: cFunc, val: fSome}
	lexicon["second"] = lex{cat: cUnit, val: uSecond}
	for w := range lexicon {
		if len(w) > 0 && len(w) < 32 {
			lexLens[w[0]] |= 1 << len(w)
		}
	}
}

// tokenize splits text into words, numbers and punctuation, looking each word
// up in the lexicon once so that the grammar only compares small integers.
func tokenize(text string) []tok {
	toks := make([]tok, 0, len(text)/5+1)
	var buf [24]byte
	i := 0
	for i < len(text) {
		c := text[i]
		switch {
		case c == ' ' || c == '\n' || c == '\t' || c == '\r':
			i++
		case c >= '0' && c <= '9':
			t := tok{s: int32(i), kind: kNum}
			j := i
			for j < len(text) {
				d := text[j]
				if d >= '0' && d <= '9' {
					j++
					continue
				}
				if (d == ',' || d == '.' || d == ':' || d == '/') && j+1 < len(text) && text[j+1] >= '0' && text[j+1] <= '9' {
					t.kind = kNumX
					j++
					continue
				}
				break
			}
			if t.kind == kNum {
				t.nd = uint8(min(j-i, 255))
				if t.nd <= 9 {
					n := 0
					for k := i; k < j; k++ {
						n = n*10 + int(text[k]-'0')
					}
					t.n = int32(n)
				} else {
					t.n = -1
				}
			}
			k := j
			for k < len(text) && k-j < 8 && isASCIILetter(text[k]) {
				k++
			}
			if k > j {
				t.sfx = suffixCode(text[j:k])
				j = k
			}
			t.e = int32(j)
			toks = append(toks, t)
			i = j
		case c < utf8.RuneSelf && isASCIILetter(c) || c >= utf8.RuneSelf && isLetterAt(text, i):
			t := tok{s: int32(i), kind: kWord}
			r, _ := utf8.DecodeRuneInString(text[i:])
			t.cap = unicode.IsUpper(r)
			j := i
			ascii := true
			for j < len(text) {
				d := text[j]
				if d < utf8.RuneSelf {
					if isASCIILetter(d) {
						j++
						continue
					}
					break
				}
				r, n := utf8.DecodeRuneInString(text[j:])
				if !unicode.IsLetter(r) {
					break
				}
				ascii = false
				j += n
			}
			t.e = int32(j)
			if j < len(text) && text[j] == '.' {
				t.dot = true
			}
			if ascii && j-i <= len(buf) && lexLens[text[i]|0x20]&(1<<(j-i)) != 0 {
				b := buf[:0]
				for k := i; k < j; k++ {
					d := text[k]
					if d >= 'A' && d <= 'Z' {
						d += 'a' - 'A'
					}
					b = append(b, d)
				}
				if l, ok := lexicon[string(b)]; ok {
					t.lex = l
				}
			}
			toks = append(toks, t)
			i = j
		default:
			_, n := utf8.DecodeRuneInString(text[i:])
			if c >= utf8.RuneSelf {
				r, _ := utf8.DecodeRuneInString(text[i:])
				if unicode.IsSpace(r) {
					i += n
					continue
				}
			}
			toks = append(toks, tok{s: int32(i), e: int32(i + n), kind: kPunct})
			i += n
		}
	}
	return toks
}

func isASCIILetter(c byte) bool { return c|0x20 >= 'a' && c|0x20 <= 'z' }

func isLetterAt(text string, i int) bool {
	r, _ := utf8.DecodeRuneInString(text[i:])
	return unicode.IsLetter(r)
}

func lowerASCII(s string, b []byte) string {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		b = append(b, c)
	}
	return string(b)
}
