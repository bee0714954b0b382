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
	k    byte // 'w' word, 'p' punctuation, 'q' quote mark, 'd' dash
	w    string
	low  string // lower-cased word (ASCII folding only; allocation-free when already lower)
	cap  bool   // word starts with an upper-case letter
}

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
		if c < utf8.RuneSelf {
			r = rune(c)
			if c == ' ' || c == '\n' || c == '\t' || c == '\r' {
				i++
				continue
			}
		} else {
			r, n = utf8.DecodeRuneInString(text[i:e])
			if unicode.IsSpace(r) {
				i += n
				continue
			}
		}
		if isWordRune(r) {
			j := i + n
			// plain: no upper case and no byte beyond ASCII, so the word is
			// its own lower form
			plain := c >= 'a' && c <= 'z' || c >= '0' && c <= '9'
			for j < e {
				c2 := text[j]
				if c2 >= 'a' && c2 <= 'z' || c2 >= '0' && c2 <= '9' {
					j++
					continue
				}
				if c2 >= 'A' && c2 <= 'Z' {
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
					r3, _ := utf8.DecodeRuneInString(text[j+n2 : e])
					if isWordRune(r3) {
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
				if abbrev[low] || (j-i == 1 && c >= 'A' && c <= 'Z') || containsByte(w, '.') {
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
	need := false
	for i := 0; i < len(w); i++ {
		if c := w[i]; c >= 'A' && c <= 'Z' || c == 0xE2 {
			need = true
			break
		}
	}
	if !need {
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
	start := len(la.b)
	for i := 0; i < len(w); i++ {
		c := w[i]
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c == 0xE2 && i+2 < len(w) && w[i+1] == 0x80 && w[i+2] == 0x99 {
			la.b = append(la.b, '\'')
			i += 2
			continue
		}
		la.b = append(la.b, c)
	}
	if len(la.b) == start {
		return ""
	}
	return unsafe.String(&la.b[start], len(la.b)-start)
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
