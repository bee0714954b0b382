package quotes

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/sanc-news/sanc/pkg/segment"
)

const (
	mOpen   = 1
	mClose  = 2
	mEither = mOpen | mClose
)

// mark is a double quotation mark and what its surroundings allow it to be.
type mark struct {
	pos, end int
	kind     uint8
}

// scanMarks lists the double quote marks of span p. Single marks (’ ‘ ') are
// ignored: they are apostrophes or nested quotes, and pairing them would
// break "Korea’s" and "don’t".
func (d *doc) scanMarks(p segment.Span, buf []mark) []mark {
	t := d.text
	// Where the next byte that can open a mark lies, per byte value: the
	// scan jumps between them, and most paragraphs have none.
	nq, ne, nc := p.Start-1, p.Start-1, p.Start-1
	for i := p.Start; i < p.End; i++ {
		if nq < i {
			nq = nextByte(t, i, p.End, '"')
		}
		if ne < i {
			ne = nextByte(t, i, p.End, 0xE2)
		}
		if nc < i {
			nc = nextByte(t, i, p.End, 0xC2)
		}
		if i = min(nq, ne, nc); i >= p.End {
			break
		}
		c := t[i]
		var n int
		var base uint8
		switch {
		case c == '"':
			n, base = 1, mEither
		case c == 0xE2 && i+2 < len(t) && t[i+1] == 0x80:
			switch t[i+2] {
			case 0x9C, 0x9E: // “ „
				n, base = 3, mOpen
			case 0x9D: // ”
				n, base = 3, mClose
			default:
				continue
			}
		case c == 0xC2 && i+1 < len(t) && (t[i+1] == 0xAB || t[i+1] == 0xBB): // « »
			n = 2
			if t[i+1] == 0xAB {
				base = mOpen
			} else {
				base = mClose
			}
		default:
			continue
		}
		if i+n > p.End {
			break
		}
		lo := leftOpenCtx(t, p.Start, i)
		rc := rightCloseCtx(t, i+n, p.End)
		k := base
		switch base {
		case mEither:
			if lo && !rc {
				k = mOpen
			} else if !lo && rc {
				k = mClose
			}
		case mOpen:
			// “ used as a closer after a word ("word“ ") can close.
			if !lo && rc {
				k = mEither
			}
		case mClose:
			// ” used as an opener (” What ..., or at a paragraph start) can open.
			if lo && !rc || i == p.Start {
				k = mEither
			}
		}
		buf = append(buf, mark{pos: i, end: i + n, kind: k})
		i += n - 1
	}
	return buf
}

// nextByte is the index of the first c in t[i:end], or end.
func nextByte(t string, i, end int, c byte) int {
	if j := strings.IndexByte(t[i:end], c); j >= 0 {
		return i + j
	}
	return end
}

// leftOpenCtx: the mark stands where a quotation can begin (paragraph start,
// after white space, a bracket or a dash).
func leftOpenCtx(t string, start, i int) bool {
	if i <= start {
		return true
	}
	r, _ := utf8.DecodeLastRuneInString(t[start:i])
	return unicode.IsSpace(r) || r == '(' || r == '[' || r == '{' || isDashRune(r) || r == '-' || r == '/' ||
		r == '‘' || r == ':' || r == '\u00a0'
}

// rightCloseCtx: the mark stands where a quotation can end.
func rightCloseCtx(t string, j, end int) bool {
	if j >= end {
		return true
	}
	r, _ := utf8.DecodeRuneInString(t[j:end])
	switch r {
	case ',', '.', ';', ':', '!', '?', ')', ']', '}', '-', '’', '\'':
		return true
	}
	return unicode.IsSpace(r) || isDashRune(r) || isQuoteRune(r)
}

// rawQ is a paired quotation before grouping: one segment per paragraph.
type rawQ struct {
	segs      []segment.Span
	closed    bool
	recovered bool // the opening mark was missing
}

// startsWithOpen reports whether paragraph p begins with an opening double mark.
func (d *doc) startsWithOpen(p segment.Span) bool {
	if p.Len() == 0 {
		return false
	}
	r, n := utf8.DecodeRuneInString(d.text[p.Start:p.End])
	switch r {
	case '“', '„', '«':
		return true
	case '"', '”':
		return p.Start+n < p.End && !rightCloseCtx(d.text, p.Start+n, p.End)
	}
	return false
}

func (d *doc) findRaw() []rawQ {
	var out []rawQ
	var carry *rawQ
	t := d.text
	for pi := range d.paras {
		p := d.paras[pi].Span
		d.marks = d.scanMarks(p, d.marks[:0])
		marks := d.marks
		open := -1
		k := 0
		if carry != nil {
			if len(marks) > 0 && marks[0].pos == p.Start && marks[0].kind&mOpen != 0 {
				open = marks[0].pos
				k = 1
			} else {
				out = append(out, *carry)
				carry = nil
			}
		}
		lastEnd := p.Start
		for ; k < len(marks); k++ {
			m := marks[k]
			if open < 0 {
				if m.kind&mOpen != 0 {
					open = m.pos
					continue
				}
				// A closing mark with no opener: the opening mark was lost.
				// Recover back to the paragraph start (or, if something was
				// quoted before it, the start of its sentence).
				if carry == nil && m.pos > lastEnd {
					if s, ok := d.recoverStart(p, lastEnd, m.pos, k == 0); ok {
						out = append(out, rawQ{segs: []segment.Span{{Start: s, End: m.end}}, closed: true, recovered: true})
						lastEnd = m.end
					}
				}
				continue
			}
			if m.kind&mClose != 0 {
				seg := segment.Span{Start: open, End: m.end}
				if carry != nil {
					carry.segs = append(carry.segs, seg)
					carry.closed = true
					out = append(out, *carry)
					carry = nil
				} else {
					out = append(out, rawQ{segs: []segment.Span{seg}, closed: true})
				}
				lastEnd = m.end
				open = -1
				continue
			}
			// A second opener while one is pending: the first was stray.
			if carry != nil {
				out = append(out, *carry)
				carry = nil
			}
			open = m.pos
		}
		if open < 0 {
			continue
		}
		seg := d.trimSpan(segment.Span{Start: open, End: p.End})
		atStart := open == p.Start
		contentUpper := startsUpper(t[open:p.End])
		if pi+1 < len(d.paras) && d.startsWithOpen(d.paras[pi+1].Span) && (atStart || contentUpper || carry != nil) {
			if carry == nil {
				carry = &rawQ{}
			}
			carry.segs = append(carry.segs, seg)
			continue
		}
		if carry != nil {
			carry.segs = append(carry.segs, seg)
			out = append(out, *carry)
			carry = nil
			continue
		}
		// Unclosed and not continued: keep it only where a quotation plainly
		// begins (paragraph start or after a colon), to the paragraph end.
		if (atStart || prevNonSpace(t, p.Start, open) == ':') && seg.Len() > 12 {
			out = append(out, rawQ{segs: []segment.Span{seg}})
		}
	}
	if carry != nil {
		out = append(out, *carry)
	}
	return out
}

func prevNonSpace(t string, start, i int) rune {
	for i > start {
		r, n := utf8.DecodeLastRuneInString(t[start:i])
		if !unicode.IsSpace(r) {
			return r
		}
		i -= n
	}
	return 0
}

// recoverStart finds where a quotation whose opening mark is missing began.
func (d *doc) recoverStart(p segment.Span, lastEnd, closePos int, first bool) (int, bool) {
	t := d.text
	// the quoted text must end like a quotation: punctuation before the mark
	r, _ := utf8.DecodeLastRuneInString(t[p.Start:closePos])
	if r != ',' && r != '.' && r != '?' && r != '!' {
		return 0, false
	}
	s := p.Start
	if !first || lastEnd > p.Start {
		s = d.sentAt(closePos - 1).Start
		if s < lastEnd {
			s = lastEnd
		}
	}
	for s < closePos && (isSpaceByte(t[s]) || t[s] == ',' || t[s] == '.') {
		s++
	}
	// at least a few words
	words := 0
	for i := s; i < closePos; i++ {
		if t[i] == ' ' {
			words++
		}
	}
	if words < 2 || !startsUpper(t[s:closePos]) {
		return 0, false
	}
	return s, true
}

// group is a quotation as reported: its pieces (interrupted by an attribution
// or spread over paragraphs) and the text interrupting them.
type group struct {
	segs      []segment.Span
	closed    bool
	recovered bool
	gap       segment.Span // interrupting attribution, zero if none
	gapAttr   attrib
}

// groupRaw joins `"A," he said, "B."` into one quotation with two segments.
func (d *doc) groupRaw(raws []rawQ) []group {
	out := make([]group, 0, len(raws))
	for i := 0; i < len(raws); i++ {
		g := group{segs: raws[i].segs, closed: raws[i].closed, recovered: raws[i].recovered}
		// a list of quoted words — `“disgusting” and “a con”` — is one quotation
		for len(g.segs) == 1 && g.closed && i+1 < len(raws) && len(raws[i+1].segs) == 1 && raws[i+1].closed &&
			d.listGap(g.segs[0], raws[i+1].segs[0]) {
			g.segs = []segment.Span{{Start: g.segs[0].Start, End: raws[i+1].segs[0].End}}
			i++
		}
		if i+1 < len(raws) && g.closed {
			a := g.segs[len(g.segs)-1]
			b := raws[i+1].segs[0]
			if a.End <= b.Start && d.paraIndex(a.End-1) == d.paraIndex(b.Start) && endsWithComma(d.text, a) {
				gap := segment.Span{Start: a.End, End: b.Start}
				gs := d.text[gap.Start:gap.End]
				last := lastNonSpaceByte(gs)
				if (last == ',' || last == ':' || last == 0x94 /* — */) && gap.Len() < 200 {
					if at := d.attribAfter(gap.Start, gap.End, false); at.ok {
						g.segs = append(append([]segment.Span(nil), g.segs...), raws[i+1].segs...)
						g.closed = raws[i+1].closed
						g.gap = gap
						g.gapAttr = at
						i++
					}
				}
			}
		}
		out = append(out, g)
	}
	return out
}

// endsWithComma: the piece closes with `,”` (or a dash), the sign of an
// interrupted sentence.
func endsWithComma(t string, s segment.Span) bool {
	r := beforeClose(t, s)
	return r == ',' || isDashRune(r) || r == '-'
}

// beforeClose is the character just inside a quoted piece's closing mark.
func beforeClose(t string, s segment.Span) rune {
	_, n := utf8.DecodeLastRuneInString(t[s.Start:s.End])
	r, _ := utf8.DecodeLastRuneInString(t[s.Start : s.End-n])
	return r
}

func lastNonSpaceByte(s string) byte {
	for i := len(s) - 1; i >= 0; i-- {
		if !isSpaceByte(s[i]) {
			return s[i]
		}
	}
	return 0
}

// listGap: only list glue ("and", "or", ", an") stands between two short
// quoted pieces of one sentence.
func (d *doc) listGap(a, b segment.Span) bool {
	if b.Start < a.End || b.Start-a.End > 12 || a.Len() > 120 || b.Len() > 120 {
		return false
	}
	if d.sentIndex(a.Start) != d.sentIndex(b.Start) {
		return false
	}
	words := 0
	for _, w := range strings.Fields(d.text[a.End:b.Start]) {
		w = strings.Trim(w, ",")
		switch w {
		case "":
		case "and", "or", "nor", "a", "an", "the":
			words++
		default:
			return false
		}
	}
	return words > 0 || strings.Contains(d.text[a.End:b.Start], ",")
}
