package quotes

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// resolve turns a mention into the canonical speaker the document gives.
func (d *doc) resolve(n np) string {
	m := d.text[n.s:n.e]
	switch n.kind {
	case 'p':
		return d.resolvePronoun(n.s, strings.ToLower(m))
	case 'n':
		return d.canonicalName(m)
	case 'o':
		return lowerThe(m)
	case 'm':
		return d.resolveNominal(n.s, m)
	}
	return m
}

// lowerThe: "The US Treasury Department" -> "the US Treasury Department".
func lowerThe(m string) string {
	if strings.HasPrefix(m, "The ") {
		return "the" + m[3:]
	}
	return m
}

// resolvePronoun picks the nearest fitting antecedent: the most recent
// speaker, or the subject of a recent sentence, whichever is closer.
func (d *doc) resolvePronoun(pos int, w string) string {
	var wantPerson, wantOrg bool
	switch w {
	case "he", "she":
		wantPerson = true
	case "it":
		wantOrg = true
	case "they":
	default:
		return "" // I, we, you: the writer or an unnamed group
	}
	best, bestPos := "", -1
	for i := len(d.hist) - 1; i >= 0; i-- {
		h := d.hist[i]
		if h.pos >= pos {
			continue
		}
		if wantPerson && !h.person || wantOrg && h.person {
			continue
		}
		best, bestPos = h.name, h.pos
		break
	}
	k := d.sentIndex(pos)
	for x := k; x >= 0 && x >= k-4; x-- {
		s := d.sents[x]
		e := minInt(s.End, runeStart(d.text, s.Start+600)) // the subject is near the start
		if e > pos {
			e = pos
		}
		if e <= s.Start {
			continue
		}
		if s.Start <= bestPos {
			break
		}
		n := d.sentSubject(x, e)
		if !n.ok || n.kind == 'p' || n.s >= pos {
			continue
		}
		if wantPerson && n.kind != 'n' || wantOrg && n.kind == 'n' && !looksOrg(d.text[n.s:n.e]) {
			continue
		}
		if n.s > bestPos {
			best, bestPos = d.resolve(n), n.s
		}
		break
	}
	return best
}

// subjectMemo is the subject of a sentence's first e bytes (e 0: not read).
type subjectMemo struct {
	e int
	n np
}

// sentSubject is d.subjectOf the tokens of sentence x up to e, read once per
// document: each pronoun looks back over the same few sentences.
func (d *doc) sentSubject(x, e int) np {
	if d.subjects == nil {
		d.subjects = make([]subjectMemo, len(d.sents))
	}
	m := &d.subjects[x]
	if m.e != e {
		m.e, m.n = e, d.subjectOf(d.toks(d.sents[x].Start, e))
	}
	return m.n
}

func looksOrg(s string) bool {
	f := strings.Fields(strings.ToLower(s))
	return len(f) > 0 && orgHeads.has(f[len(f)-1])
}

// resolveNominal maps "the diplomat" to the earlier "a UNSC diplomat".
func (d *doc) resolveNominal(pos int, m string) string {
	// the first and last words, without splitting m
	var first, head string
	n := 0
	for w := range strings.FieldsSeq(m) {
		if n == 0 {
			first = w
		}
		head = w
		n++
	}
	if n < 2 || strings.ToLower(first) != "the" {
		return m
	}
	t := d.text[:pos]
	for from := len(t); from > 0; {
		i := lastIndex(t, head, from)
		if i < 0 {
			break
		}
		from = i
		if !wordBoundary(t, i, i+len(head)) {
			continue
		}
		// walk back up to four words to an indefinite article
		j := i
		for w := 0; w < 5 && j > 0; w++ {
			k := strings.LastIndexAny(t[:j-1], " \n\t")
			if j-1-k > 30 {
				break
			}
			word := t[k+1 : j-1]
			if strings.ContainsAny(word, ",.;:\"“”") {
				break
			}
			if word == "a" || word == "an" || word == "A" || word == "An" {
				return t[k+1 : i+len(head)]
			}
			j = k + 1
		}
	}
	return m
}

// lastIndex is strings.LastIndex(t[:end], sub), found with the vectorised
// forward search over windows walking back from end: the reverse search
// hashes every byte, and the match is usually near end.
func lastIndex(t, sub string, end int) int {
	if sub == "" {
		return end
	}
	size := max(1024, 2*len(sub))
	for hi := end; hi >= len(sub); {
		lo := max(hi-size, 0)
		if i := strings.Index(t[lo:hi], sub); i >= 0 {
			last := lo + i
			for {
				j := strings.Index(t[last+1:hi], sub)
				if j < 0 {
					return last
				}
				last += 1 + j
			}
		}
		if lo == 0 {
			break
		}
		hi = lo + len(sub) - 1 // a match across lo lies in the next window
	}
	return -1
}

func wordBoundary(t string, s, e int) bool {
	if s > 0 {
		r, _ := utf8.DecodeLastRuneInString(t[:s])
		if isWordRune(r) {
			return false
		}
	}
	if e < len(t) {
		r, _ := utf8.DecodeRuneInString(t[e:])
		if isWordRune(r) {
			return false
		}
	}
	return true
}

// canonicalName returns the fullest form of a person name in the document:
// "Geng" -> "Geng Shuang", "Mr. Hwang" -> "Michael Hwang".
func (d *doc) canonicalName(m string) string {
	d.kbuf = tokenize(m, 0, len(m), d.kbuf[:0], &d.la)
	var keyBuf [8]string
	key := keyBuf[:0]
	for _, t := range d.kbuf {
		if t.k == 'w' && !personTitles.has(t.low) && !abbrev.has(strings.TrimSuffix(t.low, ".")) {
			key = append(key, t.w)
		}
	}
	if len(key) == 0 {
		return m
	}
	base := strings.Join(key, " ")
	if d.canon == nil {
		d.canon = map[string]string{}
	}
	if c, ok := d.canon[base]; ok {
		return c
	}
	best, bestN := base, len(key)
	w := key[len(key)-1]
	t := d.text
	seen := 0
	for from := 0; from < len(t) && seen < 64; {
		i := strings.Index(t[from:], w)
		if i < 0 {
			break
		}
		i += from
		from = i + len(w)
		if !wordBoundary(t, i, i+len(w)) {
			continue
		}
		seen++
		name := d.nameAround(i, i+len(w))
		if name == "" {
			continue
		}
		// count the words before splitting: most names are no longer
		n := 0
		for range strings.FieldsSeq(name) {
			n++
		}
		if n <= bestN || n > 4 {
			continue
		}
		if nf := strings.Fields(name); containsAll(nf, key) && nameShaped(nf) && !d.titleCaseLine(i) {
			best, bestN = name, len(nf)
		}
	}
	d.canon[base] = best
	return best
}

func containsAll(have, want []string) bool {
	for _, w := range want {
		found := false
		for _, h := range have {
			if h == w || strings.TrimSuffix(h, "’s") == w || strings.TrimSuffix(h, "'s") == w {
				found = true
				break
			}
		}
		if !found {
			return false
		}
	}
	return true
}

// nameAround returns the person name of the capitalised run holding the word
// at [s,e), or "".
func (d *doc) nameAround(s, e int) string {
	t := d.text
	lo, hi := s-80, e+80
	if lo < 0 {
		lo = 0
	}
	if hi > len(t) {
		hi = len(t)
	}
	for lo < s && t[lo]&0xC0 == 0x80 {
		lo++
	}
	for hi < len(t) && t[hi]&0xC0 == 0x80 {
		hi++
	}
	// stay within the line: names do not cross paragraph breaks
	if nl := strings.LastIndexByte(t[lo:s], '\n'); nl >= 0 {
		lo += nl + 1
	}
	if nl := strings.IndexByte(t[e:hi], '\n'); nl >= 0 {
		hi = e + nl
	}
	// A name is a few words. Tokens never hold white space, so a cut at a
	// space byte leaves the tokens of the cut window those of the whole:
	// read a few words either side first, and the whole window only when
	// the capitalised run reaches a cut.
	cutLo, cutHi := spaceBefore(t, lo, s, 4), spaceAfter(t, e, hi, 3)
	n, whole := d.nameRun(cutLo, cutHi, s, e, cutLo == lo, cutHi == hi)
	if !whole {
		n, _ = d.nameRun(lo, hi, s, e, true, true)
	}
	if !n.ok || n.kind != 'n' || n.s > s || n.e < e {
		return ""
	}
	name := t[n.s:n.e]
	if strings.HasSuffix(name, "’s") {
		name = strings.TrimSuffix(name, "’s")
	} else if strings.HasSuffix(name, "'s") {
		name = strings.TrimSuffix(name, "'s")
	}
	return name
}

// nameRun classifies the capitalised run of tokens of t[lo:hi] holding the
// word at [s,e). whole is false when the run reaches an edge of the window
// that is not the edge of the full one (loWhole, hiWhole say which are), so
// that a wider window could read it differently.
func (d *doc) nameRun(lo, hi, s, e int, loWhole, hiWhole bool) (n np, whole bool) {
	d.nbuf = tokenize(d.text, lo, hi, d.nbuf[:0], &d.la)
	ts := d.nbuf
	k := -1
	for i, x := range ts {
		if x.s <= s && x.e >= e {
			k = i
			break
		}
	}
	if k < 0 || !ts[k].cap {
		return noNP, true
	}
	a, b := k, k+1
	for a > 0 && ts[a-1].k == 'w' && (ts[a-1].cap || isParticle(ts, a-1, len(ts))) && !determiners.has(ts[a-1].low) {
		a--
	}
	for b < len(ts) && ts[b].k == 'w' && (ts[b].cap || isParticle(ts, b, len(ts))) && !sentenceFunction.has(ts[b].low) {
		b++
	}
	// isParticle looks one token past the run
	if a == 0 && !loWhole || b+1 >= len(ts) && !hiWhole {
		return noNP, false
	}
	return classify(ts, a, b), true
}

// spaceBefore is the offset of the space byte before the n white-space
// separated words that end at s, or lo if they start at or before it.
func spaceBefore(t string, lo, s, n int) int {
	i := s - 1
	for ; n > 0 && i >= lo; n-- {
		for i >= lo && isSpaceByte(t[i]) {
			i--
		}
		for i >= lo && !isSpaceByte(t[i]) {
			i--
		}
	}
	return max(i, lo)
}

// spaceAfter is the offset of the space byte after the n white-space
// separated words from e on, or hi if they reach it.
func spaceAfter(t string, e, hi, n int) int {
	i := e
	for ; n > 0 && i < hi; n-- {
		for i < hi && isSpaceByte(t[i]) {
			i++
		}
		for i < hi && !isSpaceByte(t[i]) {
			i++
		}
	}
	return i
}

// nameShaped: every word looks like part of a person's name — capitalised,
// not an acronym ("UNSC"), no full stops except initials ("E.").
func nameShaped(f []string) bool {
	for _, w := range f {
		r, n := utf8.DecodeRuneInString(w)
		if !unicode.IsUpper(r) {
			return false
		}
		if strings.Contains(w, ".") && !(n+1 == len(w) && w[n] == '.') {
			return false
		}
		upper := 0
		for _, c := range w {
			if unicode.IsUpper(c) {
				upper++
			}
		}
		if upper > 1 && upper == utf8.RuneCountInString(w) {
			return false
		}
	}
	return true
}

// titleCaseLine: the line holding off is a headline in title case, where
// capitalisation says nothing about names.
func (d *doc) titleCaseLine(off int) bool {
	p := d.paras[d.paraIndex(off)].Span
	words, caps := 0, 0
	for w := range strings.FieldsSeq(d.text[p.Start:p.End]) {
		words++
		if r, _ := utf8.DecodeRuneInString(w); unicode.IsUpper(r) {
			caps++
		}
	}
	return words >= 4 && caps*10 >= words*7
}
