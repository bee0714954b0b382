package timex

import (
	"math/rand"
	"strings"
	"testing"

	"github.com/sanc-news/sanc/pkg/segment"
)

// clauseRef is clause by its definition: the latest clause break ending
// before the expression and the earliest starting after it, within the
// sentence.
func clauseRef(text string, sent segment.Span, s, e int) segment.Span {
	if s < sent.Start || e > sent.End {
		return sent
	}
	c := sent
	for _, br := range clauseBreaks {
		for b := sent.Start; b+len(br) <= s; b++ {
			if text[b:b+len(br)] == br {
				c.Start = max(c.Start, b+len(br))
			}
		}
		for b := e; b+len(br) <= sent.End; b++ {
			if text[b:b+len(br)] == br {
				c.End = min(c.End, b)
			}
		}
	}
	return segment.Trim(text, c)
}

// TestClauseRef checks clause, its scan over punctuation tokens and the
// memo it resumes from, against clauseRef on random runs of break
// fragments, numbers and other runes that could pass for anchors.
func TestClauseRef(t *testing.T) {
	pieces := []string{"; ", " — ", " -- ", ", and ", ", but ", ", while", " which ", ", whereas ", ": ",
		"a", "b ", " ", ",", "-", "—", "and ", ", although ", ";", ":", "3,000", "12:30", " 3", "Jan.",
		"\u2003", "\u2c00", "é", "\xe2", "—\u2003", "\u2003— "}
	r := rand.New(rand.NewSource(1))
	for round := 0; round < 3000; round++ {
		var sb strings.Builder
		for n := r.Intn(40); n >= 0; n-- {
			sb.WriteString(pieces[r.Intn(len(pieces))])
		}
		text := sb.String()
		p := &parser{text: text, toks: tokenize(text, nil)}
		if len(p.toks) == 0 {
			continue
		}
		for q := 0; q < 30; q++ {
			a, b := r.Intn(len(text)+1), r.Intn(len(text)+1)
			sent := segment.Span{Start: min(a, b), End: max(a, b)}
			for k := r.Intn(6); k >= 0; k-- {
				i := r.Intn(len(p.toks))
				j := i + 1 + r.Intn(min(3, len(p.toks)-i))
				s, e := int(p.toks[i].s), int(p.toks[j-1].e)
				if p.toks[j-1].dot && r.Intn(2) == 0 {
					e++ // an abbreviation's full stop
				}
				if got, want := p.clause(sent, i, j, s, e), clauseRef(text, sent, s, e); got != want {
					t.Fatalf("clause(%q, %v, %d, %d) = %v, want %v", text, sent, s, e, got, want)
				}
			}
		}
	}
}
