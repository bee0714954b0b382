package quotes

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
	"unsafe"
)

// tok is a word or punctuation token of a small window of text. Only the
// windows around quotes and cues are tokenised, so the cost is per quote, not
// per byte of the article.
type tok struct {
	s, e int
	w    string
	low  string // lower-cased word (ASCII folding only; allocation-free when already lower)
	k    byte   // 'w' word, 'p' punctuation, 'q' quote mark, 'd' dash
	cap  bool   // word starts with an upper-case letter
}

// ASCII byte classes for tokenize: one table load tells a word byte and its
// case, or the white space that separates tokens.
const (
	clLower = 1 // a-z, 0-9: a word byte that is its own lower case
	clUpper = 2 // A-Z
	clSpace = 4 // the white space tokenize skips
)

var asciiClass = func() (t [256]uint8) {
	for c := 'a'; c <= 'z'; c++ {
		t[c] = clLower
		t[c-'a'+'A'] = clUpper
	}
	for c := '0'; c <= '9'; c++ {
		t[c] = clLower
	}
	for _, c := range " \n\t\r" {
		t[c] = clSpace
	}
	return t
}()

// lowerByte folds ASCII upper case.
var lowerByte = func() (t [256]byte) {
	for c := range t {
		t[c] = byte(c)
	}
	for c := 'A'; c <= 'Z'; c++ {
		t[c] = byte(c) + 'a' - 'A'
	}
	return t
}()

func isQuoteRune(r rune) bool {
	switch r {
	case '"', '“', '”', '„', '«', '»', '‟':
		return true
	}
	return false
}

func isSingleQuoteRune(r rune) bool {
	return r == '\'' || r == '‘' || r == '’'
}

func isDashRune(r rune) bool {
	return r == '—' || r == '–' || r == '―' || r == '‒'
}

func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r)
}

// abbrev are words that keep their full stop: "Mr.", "Sen.", "Jr.".
var abbrev = set("mr", "mrs", "ms", "dr", "prof", "sen", "rep", "gov", "gen", "lt", "col", "sgt", "capt",
	"adm", "amb", "rev", "hon", "jr", "sr", "st", "mt", "ft", "messrs", "sens", "reps", "no", "vs",
	"inc", "corp", "co", "ltd", "dept", "u.s", "u.n", "u.k", "d.c", "e.u")

// tokenize splits text[s:e] into tokens, appending to buf. la, if not nil,
// holds the lower-cased forms of capitalised words, so folding them costs no
// allocation per word.
func tokenize(text string, s, e int, buf []tok, la *lowArena) []tok {
	// Room for a token per four bytes: one growth for the window rather than
	// one per doubling (and per write barrier) when buf starts empty.
	buf = slices.Grow(buf, (e-s)/4)
	t := text[:e] // the window's end is the string's: fewer bounds to check
	i := s
	for i < len(t) {
		c := t[i]
		cl := asciiClass[c]
		if cl == clSpace {
			i++
			continue
		}
		r, n := rune(c), 1
		if c >= utf8.RuneSelf {
			r, n = utf8.DecodeRuneInString(t[i:])
			if unicode.IsSpace(r) {
				i += n
				continue
			}
		}
		if cl == 0 && (c < utf8.RuneSelf || !isWordRune(r)) {
			k := byte('p')
			switch {
			case isQuoteRune(r):
				k = 'q'
			case isDashRune(r):
				k = 'd'
			case r == '-' && i+1 < len(t) && t[i+1] == '-':
				k = 'd'
				n = 2
			}
			p := t[i : i+n]
			buf = append(buf, tok{s: i, e: i + n, k: k, w: p, low: p})
			i += n
			continue
		}
		// the common word is a run of ASCII letters and digits, ended by
		// white space or punctuation that cannot join it to more
		j, seen := asciiWordRun(t, i+n)
		fold := seen&clUpper != 0
		if j < len(t) {
			if c2 := t[j]; c2 >= utf8.RuneSelf || c2 == '\'' || c2 == '-' || c2 == '.' || c2 == '&' {
				var more bool
				j, more = wordEnd(t, j)
				fold = fold || more
			}
		}
		w := t[i:j]
		low := w
		if fold || cl != clLower {
			low = la.lower(w)
		}
		if j < len(t) && t[j] == '.' && (abbrev.has(low) || j-i == 1 && cl == clUpper || containsByte(w, '.')) {
			j++
			w = t[i:j]
			low = la.lower(w)
		}
		cp := cl == clUpper
		if c >= utf8.RuneSelf {
			cp = unicode.IsUpper(r)
		}
		buf = append(buf, tok{s: i, e: j, k: 'w', w: w, low: low, cap: cp})
		i = j
	}
	return buf
}

// wordEnd returns where a word that has reached j ends (past non-ASCII
// letters and joined pieces: "Korea’s", "U.S"), and whether its bytes from j
// on may need folding (upper case, or beyond ASCII).
func wordEnd(t string, j int) (int, bool) {
	var seen uint8
	for {
		var run uint8
		j, run = asciiWordRun(t, j)
		seen |= run
		if j >= len(t) {
			break
		}
		c, n := rune(t[j]), 1
		if c >= utf8.RuneSelf {
			seen |= clUpper
			c, n = utf8.DecodeRuneInString(t[j:])
			if isWordRune(c) {
				j += n
				continue
			}
		}
		// internal apostrophe, hyphen or full stop joins word pieces:
		// "Korea’s", "Kim Jong-un", "U.S."
		if (c == '\'' || c == '’' || c == '-' || c == '.' || c == '&') && j+n < len(t) {
			if c3 := t[j+n]; c3 < utf8.RuneSelf && asciiClass[c3]&(clLower|clUpper) != 0 ||
				c3 >= utf8.RuneSelf && isWordRune(firstRune(t[j+n:])) {
				j += n
				continue
			}
		}
		break
	}
	return j, seen&clUpper != 0
}

// asciiWordRun is where the run of ASCII letters and digits from j ends,
// and the classes of its bytes (clUpper among them: it needs folding).
// Small enough to be inlined in tokenize's loop, where a call cost more
// than the run.
func asciiWordRun(t string, j int) (int, uint8) {
	var seen uint8
	for j < len(t) {
		cl := asciiClass[t[j]]
		if cl&(clLower|clUpper) == 0 {
			break
		}
		seen |= cl
		j++
	}
	return j, seen
}

// lowArena stores lower-cased words in large blocks. Bytes are only ever
// appended, never rewritten, so the strings handed out stay valid.
type lowArena struct{ b []byte }

func (la *lowArena) lower(w string) string {
	i := 0
	for i < len(w) && asciiClass[w[i]] != clUpper && w[i] != 0xE2 {
		i++
	}
	if i == len(w) {
		return w
	}
	if la == nil {
		return lower(w)
	}
	if cap(la.b)-len(la.b) < len(w) {
		// blocks start small (most stories are short) and double
		n := 2 * cap(la.b)
		if n < 256 {
			n = 256
		}
		if n > 16384 {
			n = 16384
		}
		if len(w) > n {
			n = len(w)
		}
		la.b = make([]byte, 0, n)
	}
	// written in place rather than appended byte by byte: the fold never
	// lengthens the word
	start := len(la.b)
	dst := la.b[start : start+len(w)]
	o := copy(dst, w[:i])
	if strings.IndexByte(w[i:], 0xE2) < 0 {
		// no typographic apostrophe: a byte for a byte, by table
		dst = dst[:len(w)]
		for ; i < len(w); i++ {
			dst[i] = lowerByte[w[i]]
		}
		la.b = la.b[:start+len(w)]
		return unsafe.String(&la.b[start], len(w))
	}
	for ; i < len(w); i++ {
		c := w[i]
		if asciiClass[c] == clUpper {
			c += 'a' - 'A'
		} else if c == 0xE2 && i+2 < len(w) && w[i+1] == 0x80 && w[i+2] == 0x99 {
			c = '\''
			i += 2
		}
		dst[o] = c
		o++
	}
	la.b = la.b[:start+o]
	if o == 0 {
		return ""
	}
	return unsafe.String(&la.b[start], o)
}

func containsByte(s string, c byte) bool {
	for i := 0; i < len(s); i++ {
		if s[i] == c {
			return true
		}
	}
	return false
}

// lower folds ASCII upper case and the typographic apostrophe; it allocates
// only when the word changes.
func lower(w string) string {
	need := false
	for i := 0; i < len(w); i++ {
		c := w[i]
		if c >= 'A' && c <= 'Z' || c == 0xE2 {
			need = true
			break
		}
	}
	if !need {
		return w
	}
	b := make([]byte, 0, len(w))
	for i := 0; i < len(w); i++ {
		c := w[i]
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c == 0xE2 && i+2 < len(w) && w[i+1] == 0x80 && w[i+2] == 0x99 {
			b = append(b, '\'')
			i += 2
			continue
		}
		b = append(b, c)
	}
	return string(b)
}
