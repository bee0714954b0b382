package timex

import (
	"testing"
	"time"
)

// TestFuncNoOpen guards funcNoOpen: run skips the words it marks, so no
// rule may start an expression with one of them, whatever follows.
func TestFuncNoOpen(t *testing.T) {
	tails := []string{"", " of 2017", " of the year", " 2017", " 1990s", " two days", " three years ago",
		" March 3", " the end of 2017", " end of March", " than two years", " year", " week", " Monday",
		" later this month", " this year", " next week", " a while", " a later date", " soon", " as soon as",
		" noon", " 10 a.m.", " each day", " daily", " fiscal 1987", " Christmas", " winter", " mid-afternoon", ", 5 March"}
	dct := time.Date(2017, 6, 15, 0, 0, 0, 0, time.UTC)
	n := 0
	for w, l := range lexicon {
		if l.cat != cFunc || !funcNoOpen[l.val] {
			continue
		}
		n++
		for _, head := range []string{"", "in ", "The "} {
			for _, word := range []string{w, string(w[0]-'a'+'A') + w[1:]} {
				for _, tail := range tails {
					text := head + word + tail
					p := newParser(text, nil, dct)
					i := 0
					if head != "" {
						i = 1
					}
					if _, ok := p.parseMod(i); ok {
						t.Errorf("parseMod(%q) starts an expression at %q", text, word)
					}
					if _, ok := p.parseCore(i); ok {
						t.Errorf("parseCore(%q) starts an expression at %q", text, word)
					}
				}
			}
		}
	}
	if n < 40 {
		t.Fatalf("only %d function words checked", n)
	}
}
