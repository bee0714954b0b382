package timex

import (
	"slices"
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

	nFuncs // the number of function words plus one, for tables indexed by them
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
	sfx   uint8 // letters glued to a number: sfxS for "1990s", sfxTh for "5th", ...
	opens bool  // can start an expression: set once here, as run asks of every token
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

// lexicon is the word list as init assembles it; lookups go through lexIndex.
var lexicon = map[string]lex{}

// lexHeads has bit n set at lexHead(w) for every lexicon word w of n
// letters: most words of running text are not in the lexicon, and this
// spares them the lookup.
var lexHeads [26 * 27]uint32

// lexHead indexes lexHeads by the first two letters of a word (ASCII
// letters only), or its only letter.
func lexHead(w string) int {
	second := 26
	if len(w) > 1 {
		second = int(w[1] | 0x20 - 'a')
	}
	return int(w[0]|0x20-'a')*27 + second
}

// lexIndex is the lexicon as an open-addressing hash table, which lets a
// word be looked up where it stands in the text, folding case as it is
// read, instead of being copied to lower case for a map lookup. A slot
// holds 1 + the word's place in lexWords, 0 when empty: small slots keep
// the table in the first-level cache beside the text and tokens.
var (
	lexIndex [1 << lexIndexBits]uint16
	lexWords []lexWord
)

// lexIndexBits sizes lexIndex at a few times the lexicon, so that most
// probes stop at the first slot.
const lexIndexBits = 10

type lexWord struct {
	key uint64 // lexKey(w)
	w   string // lower case
	lex
}

// lexKey packs the first eight bytes of s, folded to lower case, into an
// integer: a probe then compares words of up to eight letters, nearly all
// of the lexicon, in one go. Lexicon words are lower-case letters, and
// c|0x20 equals such a letter only for it and its upper case, so keys
// match just when the words do, whatever else s holds.
func lexKey(s string) uint64 {
	var k uint64
	for i := 0; i < len(s) && i < 8; i++ {
		k |= uint64(s[i]|0x20) << (8 * i)
	}
	return k
}

// lexSlotOf is the first slot to probe for key: Fibonacci hashing to the
// top bits.
func lexSlotOf(key uint64) uint64 { return key * 0x9e3779b97f4a7c15 >> (64 - lexIndexBits) }

// lexKeyOfHead is lexKey of a word of n letters whose first eight bytes,
// as load64 reads them, are head.
func lexKeyOfHead(head uint64, n int) uint64 {
	k := head | 0x20*ones
	if n < 8 {
		k &= 1<<(8*n) - 1
	}
	return k
}

// lookupLex finds s in the lexicon ignoring ASCII case.
func lookupLex(s string) (lex, bool) { return lookupLexKey(s, lexKey(s)) }

// lookupLexKey is lookupLex for a caller that has lexKey(s) at hand.
func lookupLexKey(s string, key uint64) (lex, bool) {
	for k := lexSlotOf(key); lexIndex[k] != 0; k = (k + 1) % (1 << lexIndexBits) {
		lw := &lexWords[lexIndex[k]-1]
		if lw.key == key && len(lw.w) == len(s) && (len(s) <= 8 || foldsTo(s[8:], lw.w[8:])) {
			return lw.lex, true
		}
	}
	return lex{}, false
}

// foldsTo reports whether s is the lower-case word w in any ASCII case.
func foldsTo(s, w string) bool {
	for i := 0; i < len(w); i++ {
		if s[i]|0x20 != w[i] {
			return false
		}
	}
	return true
}

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
	for w, l := range lexicon {
		if len(w) > 0 && len(w) < 32 {
			lexHeads[lexHead(w)] |= 1 << len(w)
		}
		key := lexKey(w)
		k := lexSlotOf(key)
		for lexIndex[k] != 0 {
			k = (k + 1) % (1 << lexIndexBits)
		}
		lexWords = append(lexWords, lexWord{key: key, w: w, lex: l})
		lexIndex[k] = uint16(len(lexWords))
	}
}

// tokenize splits text into words, numbers and punctuation, looking each word
// up in the lexicon once so that the grammar only compares small integers.
// It appends to toks[:0], reusing its memory.
func tokenize(text string, toks []tok) []tok {
	toks = slices.Grow(toks[:0], len(text)/5+1)
	i := 0
	for i < len(text) {
		c := text[i]
		cls := byteClass[c]
		if c >= utf8.RuneSelf && isLetterAt(text, i) {
			cls = bLetter
		}
		switch cls {
		case bSpace:
			i++
		case bDigit:
			t := tok{s: int32(i), kind: kNum, opens: true}
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
		case bLetter:
			t := tok{s: int32(i), kind: kWord}
			if c < utf8.RuneSelf {
				t.cap = c >= 'A' && c <= 'Z'
			} else {
				r, _ := utf8.DecodeRuneInString(text[i:])
				t.cap = unicode.IsUpper(r)
			}
			j := i
			ascii := true
			// The first eight bytes, read once for both the scan and the
			// lexicon key; 0 within eight bytes of the end of the text.
			var head uint64
			if i+8 <= len(text) {
				head = load64(text, i)
			}
			for {
				for j < len(text) && byteClass[text[j]] == bLetter {
					j++
				}
				if j == len(text) || text[j] < utf8.RuneSelf {
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
			if ascii && j-i < 32 && lexHeads[lexHead(text[i:j])]&(1<<(j-i)) != 0 {
				var key uint64
				if head != 0 {
					key = lexKeyOfHead(head, j-i)
				} else {
					key = lexKey(text[i:j])
				}
				if l, ok := lookupLexKey(text[i:j], key); ok {
					t.lex = l
					t.opens = !(l.cat == cFunc && funcNoOpen[l.val])
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
			// An apostrophe opens "'90s".
			quote := text[i:i+n] == "'" || text[i:i+n] == "’"
			toks = append(toks, tok{s: int32(i), e: int32(i + n), kind: kPunct, opens: quote})
			i += n
		}
	}
	return toks
}

// byteClass sorts ASCII bytes for tokenize; the bytes of multi-byte runes
// are bOther, and decoded.
var byteClass = func() (cl [256]uint8) {
	for c := 'a'; c <= 'z'; c++ {
		cl[c], cl[c-'a'+'A'] = bLetter, bLetter
	}
	for c := '0'; c <= '9'; c++ {
		cl[c] = bDigit
	}
	for _, c := range " \n\t\r" {
		cl[c] = bSpace
	}
	return cl
}()

const (
	bOther = iota
	bSpace
	bDigit
	bLetter
)

// ones repeats a byte's lowest bit over a uint64, to fold eight bytes at once.
const ones = 0x0101010101010101

// load64 reads text[i:i+8] as a little-endian integer (one load).
func load64(text string, i int) uint64 {
	b := text[i : i+8]
	return uint64(b[0]) | uint64(b[1])<<8 | uint64(b[2])<<16 | uint64(b[3])<<24 |
		uint64(b[4])<<32 | uint64(b[5])<<40 | uint64(b[6])<<48 | uint64(b[7])<<56
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
