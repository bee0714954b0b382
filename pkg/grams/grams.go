// Package grams gives a text a compact signature of the three-byte sequences
// it contains (a Bloom filter of its trigrams, case-folded), and says from a
// signature whether a search pattern can match the text. A "no" is certain,
// a "maybe" is followed by the real search: the signature lets a search over
// a large library skip almost every article that cannot match, and stays
// exact.
package grams

import (
	"bytes"
	"regexp/syntax"
	"strings"
	"unicode"
)

// Signature of text: one bit per trigram in a filter of about one bit per
// byte of text (a power of two, at least 256 bits), so a pattern of a few
// words is ruled out of an article lacking it with near certainty.
func Signature(text string) []byte {
	bits := 256
	for bits < len(text) && bits < 1<<23 {
		bits <<= 1
	}
	sig := make([]byte, bits/8)
	shift := shiftFor(bits)
	set := func(g uint32) {
		h := slot(g, shift)
		sig[h>>3] |= 1 << (h & 7)
	}
	if strings.Contains(text, "\u212a") || strings.Contains(text, "\u017f") {
		each(fold(text), set)
	} else {
		each(text, set) // the common case, without a folded copy
	}
	return sig
}

// MayContain reports whether a text with signature sig can hold every one
// of the trigrams.
func MayContain(sig []byte, grams []uint32) bool {
	bits := len(sig) * 8
	if bits == 0 || bits&(bits-1) != 0 {
		return true // not a signature: no answer
	}
	shift := shiftFor(bits)
	for _, g := range grams {
		h := slot(g, shift)
		if sig[h>>3]&(1<<(h&7)) == 0 {
			return false
		}
	}
	return true
}

// slot is a trigram's bit in a filter of 1<<(32-shift) bits.
func slot(g, shift uint32) uint32 { return g * 0x9E3779B1 >> shift }

// shiftFor keeps the top log2(bits) bits of a 32-bit hash.
func shiftFor(bits int) uint32 {
	shift := uint32(32)
	for b := bits; b > 1; b >>= 1 {
		shift--
	}
	return shift
}

// each calls fn with every trigram of b that holds no white space (a
// pattern's required trigrams never do: cleaning blanks bytes to spaces),
// ASCII letters lower-cased.
func each[S string | []byte](b S, fn func(uint32)) {
	for i := 0; i+3 <= len(b); i++ {
		c0, c1, c2 := lower[b[i]], lower[b[i+1]], lower[b[i+2]]
		if space(c2) {
			i += 2
			continue
		}
		if space(c1) {
			i++
			continue
		}
		if space(c0) {
			continue
		}
		fn(uint32(c0)<<16 | uint32(c1)<<8 | uint32(c2))
	}
}

// lower folds ASCII letters and keeps every other byte.
var lower = func() (t [256]byte) {
	for i := range t {
		t[i] = byte(i)
		if 'A' <= i && i <= 'Z' {
			t[i] = byte(i) + 'a' - 'A'
		}
	}
	return t
}()

func space(c byte) bool {
	return c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\v' || c == '\f'
}

// fold lower-cases ASCII. The Kelvin sign and the long s are the only
// characters outside ASCII that a case-insensitive pattern matches with an
// ASCII letter: they are folded to it.
func fold(s string) []byte {
	b := []byte(s)
	for i, c := range b {
		if 'A' <= c && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	if bytes.Contains(b, []byte("\u212a")) || bytes.Contains(b, []byte("\u017f")) {
		b = bytes.ReplaceAll(b, []byte("\u212a"), []byte("k"))
		b = bytes.ReplaceAll(b, []byte("\u017f"), []byte("s"))
	}
	return b
}

// Required lists trigrams every match of the pattern (RE2 syntax) must
// contain: those of the literal runs, without white space, of a top-level
// concatenation. Nil means the pattern gives no handle, and every text must
// be searched.
func Required(pattern string) []uint32 {
	re, err := syntax.Parse(pattern, syntax.Perl)
	if err != nil {
		return nil
	}
	re = re.Simplify()
	for re.Op == syntax.OpCapture && len(re.Sub) == 1 {
		re = re.Sub[0]
	}
	nodes := []*syntax.Regexp{re}
	if re.Op == syntax.OpConcat {
		nodes = re.Sub
	}
	seen := map[uint32]bool{}
	var out []uint32
	for _, n := range nodes {
		if n.Op != syntax.OpLiteral {
			continue
		}
		foldCase := n.Flags&syntax.FoldCase != 0
		var word []rune
		flush := func() {
			if usable(word, foldCase) {
				each(fold(string(word)), func(g uint32) {
					if !seen[g] {
						seen[g] = true
						out = append(out, g)
					}
				})
			}
			word = word[:0]
		}
		for _, r := range n.Rune {
			if unicode.IsSpace(r) {
				flush()
				continue
			}
			word = append(word, r)
		}
		flush()
	}
	return out
}

// usable: a case-insensitive literal with letters outside ASCII ("é" also
// matches "É") has byte sequences the signature cannot predict.
func usable(word []rune, foldCase bool) bool {
	if !foldCase {
		return true
	}
	for _, r := range word {
		if r >= 0x80 {
			return false
		}
	}
	return true
}
