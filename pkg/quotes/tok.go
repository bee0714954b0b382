package quotes

import (
	"slices"
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
	i := s
	for i < e {
		c := text[i]
		var r rune
		n := 1
		var word bool
		if c < utf8.RuneSelf {
			r = rune(c)
			cl := asciiClass[c]
			if cl == clSpace {
				i++
				continue
			}
			word = cl != 0
		} else {
			r, n = utf8.DecodeRuneInString(text[i:e])
			if unicode.IsSpace(r) {
				i += n
				continue
			}
			word = isWordRune(r)
		}
		if word {
			j := i + n
			// plain: no upper case and no byte beyond ASCII, so the word is
			// its own lower form
			plain := asciiClass[c] == clLower
			for j < e {
				c2 := text[j]
				if cl := asciiClass[c2]; cl == clLower {
					j++
					continue
				} else if cl == clUpper {
					plain = false
					j++
					continue
				}
				r2, n2 := rune(c2), 1
				if c2 >= utf8.RuneSelf {
					plain = false
					r2, n2 = utf8.DecodeRuneInString(text[j:e])
					if isWordRune(r2) {
						j += n2
						continue
					}
				}
				// internal apostrophe, hyphen or full stop joins word pieces:
				// "Korea’s", "Kim Jong-un", "U.S."
				if (r2 == '\'' || r2 == '’' || r2 == '-' || r2 == '.' || r2 == '&') && j+n2 < e {
					if c3 := text[j+n2]; c3 < utf8.RuneSelf && asciiClass[c3]&(clLower|clUpper) != 0 ||
						c3 >= utf8.RuneSelf && isWordRune(firstRune(text[j+n2:e])) {
						j += n2
						continue
					}
				}
				break
			}
			w := text[i:j]
			low := w
			if !plain {
				low = la.lower(w)
			}
			if j < e && text[j] == '.' {
				if abbrev.has(low) || (j-i == 1 && c >= 'A' && c <= 'Z') || containsByte(w, '.') {
					j++
					w = text[i:j]
					low = la.lower(w)
				}
			}
			cp := c >= 'A' && c <= 'Z'
			if c >= utf8.RuneSelf {
				cp = unicode.IsUpper(r)
			}
			buf = append(buf, tok{s: i, e: j, k: 'w', w: w, low: low, cap: cp})
			i = j
			continue
		}
		k := byte('p')
		switch {
		case isQuoteRune(r):
			k = 'q'
		case isDashRune(r):
			k = 'd'
		case r == '-' && i+1 < e && text[i+1] == '-':
			k = 'd'
			n = 2
		}
		buf = append(buf, tok{s: i, e: i + n, k: k, w: text[i : i+n], low: text[i : i+n]})
		i += n
	}
	return buf
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
