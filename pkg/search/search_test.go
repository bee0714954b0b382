package search

import (
	"reflect"
	"regexp"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/sanc-news/sanc/pkg/analyze"
	"github.com/sanc-news/sanc/pkg/corpus"
	"github.com/sanc-news/sanc/pkg/doc"
	"github.com/sanc-news/sanc/pkg/segment"
)

// item builds a corpus item from text without running the extractors, so the
// tests depend only on doc and segment.
func item(t *testing.T, path, text string, date time.Time) *corpus.Item {
	t.Helper()
	d, err := doc.Parse(path, []byte(text), doc.Meta{Date: date})
	if err != nil {
		t.Fatal(err)
	}
	return &corpus.Item{Article: &analyze.Article{Document: d, Paragraphs: segment.Split(d.Text)}}
}

const article1 = `The Ledger

Port Budget Vote Delayed Again

The U.S. delegation arrived on Monday. Officials met the mayor in the old town hall.

The mayor said the U.S. plan [draft] costs $1.5 million (roughly). Critics called it a U.S.-made problem.

Share this on Facebook

Nobody expected a vote before the summer recess, and the U.S. team left on Friday.
`

const article2 = "Harbor Report\n\nThe harbor master said dredging costs rose. Dredging will resume in May.\n"

// positions are all of them, in order.
func positions(its []*corpus.Item) []int {
	out := make([]int, len(its))
	for i := range out {
		out[i] = i
	}
	return out
}

func items(t *testing.T) []*corpus.Item {
	return []*corpus.Item{
		item(t, "a.txt", article1, time.Date(2017, 8, 15, 0, 0, 0, 0, time.UTC)),
		item(t, "b.txt", article2, time.Time{}),
	}
}

func TestCompile(t *testing.T) {
	tests := []struct {
		o       Options
		text    string
		matches []string
	}{
		{Options{Pattern: "U.S."}, "the U.S. and UxSy", []string{"U.S.", "UxSy"}}, // a regexp: . is any character
		{Options{Pattern: "U.S.", Fixed: true}, "the U.S. and UxSy", []string{"U.S."}},
		{Options{Pattern: "$1.5 million (roughly)", Fixed: true}, "costs $1.5 million (roughly) now", []string{"$1.5 million (roughly)"}},
		{Options{Pattern: "[draft]", Fixed: true}, "plan [draft] d", []string{"[draft]"}},
		{Options{Pattern: "a+b", Fixed: true}, "aab a+b", []string{"a+b"}},
		{Options{Pattern: "mayor"}, "Mayor mayor MAYOR", []string{"mayor"}},
		{Options{Pattern: "mayor", IgnoreCase: true}, "Mayor mayor MAYOR", []string{"Mayor", "mayor", "MAYOR"}},
		{Options{Pattern: "U.S.", Fixed: true, IgnoreCase: true}, "u.s. U.S. uzs", []string{"u.s.", "U.S."}},
		{Options{Pattern: "port", Word: true}, "port export portal port.", []string{"port", "port"}},
		{Options{Pattern: "port|town", Word: true}, "portal town port", []string{"town", "port"}},
		{Options{Pattern: "Port", Word: true, IgnoreCase: true}, "port PORT Portal", []string{"port", "PORT"}},
		// Whole words that end (or start) with punctuation, as grep -w.
		{Options{Pattern: "U.S.", Fixed: true, Word: true}, "the U.S. team, U.S.-made, XU.S. and U.S.A", []string{"U.S.", "U.S."}},
		{Options{Pattern: `U\.S\.`, Word: true}, "the U.S. team", []string{"U.S."}},
		{Options{Pattern: "(roughly)", Fixed: true, Word: true}, "costs (roughly) now; x(roughly)", []string{"(roughly)"}},
		{Options{Pattern: "$1.5", Fixed: true, Word: true}, "costs $1.5 million, $1.55, a$1.5", []string{"$1.5"}},
		{Options{Pattern: "e.g", Fixed: true, Word: true}, "e.g. and e.gx", []string{"e.g"}},
	}
	for _, tt := range tests {
		re, err := Compile(tt.o)
		if err != nil {
			t.Errorf("Compile(%+v): %v", tt.o, err)
			continue
		}
		got := re.FindAllString(tt.text, -1)
		if !reflect.DeepEqual(got, tt.matches) {
			t.Errorf("Compile(%+v) on %q: %q, want %q (regexp %s)", tt.o, tt.text, got, tt.matches, re)
		}
	}
	for _, o := range []Options{{Pattern: "("}, {Pattern: "a[", Word: true}, {Pattern: `\p{Nope}`}} {
		if _, err := Compile(o); err == nil || !strings.HasPrefix(err.Error(), "bad pattern") {
			t.Errorf("Compile(%+v) error = %v", o, err)
		}
	}
	if _, err := Compile(Options{Pattern: "(", Fixed: true}); err != nil {
		t.Errorf("fixed ( refused: %v", err)
	}
}

func mustCompile(t *testing.T, o Options) func() []Match {
	re, err := Compile(o)
	if err != nil {
		t.Fatal(err)
	}
	its := items(t)
	return func() (out []Match) {
		err := Search(corpus.Of(its...), positions(its), re, o.Context, "<<", ">>", func(m Match) error {
			out = append(out, m)
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		return out
	}
}

func TestSearchMatches(t *testing.T) {
	its := items(t)
	ms := mustCompile(t, Options{Pattern: "U.S.", Fixed: true})()
	if len(ms) != 4 {
		t.Fatalf("%d matches, want 4: %+v", len(ms), ms)
	}
	for _, m := range ms {
		it := its[0]
		if m.Doc != it.ID || m.Path != "a.txt" || m.Date != "2017-08-15" || m.Title != "Port Budget Vote Delayed Again" {
			t.Errorf("match metadata: %+v", m)
		}
		if it.Text[m.Start:m.End] != "U.S." || m.Match != "U.S." || string(it.Raw[m.Start:m.End]) != "U.S." {
			t.Errorf("offsets %d-%d do not hold the match", m.Start, m.End)
		}
		if m.SentenceStart > m.Start || m.SentenceEnd < m.End || flat(it.Text[m.SentenceStart:m.SentenceEnd]) != m.Sentence {
			t.Errorf("sentence span %d-%d does not hold match %d-%d / %q", m.SentenceStart, m.SentenceEnd, m.Start, m.End, m.Sentence)
		}
		if !strings.Contains(m.Marked, "<<U.S.>>") || strings.ReplaceAll(strings.ReplaceAll(m.Marked, "<<", ""), ">>", "") != m.Sentence {
			t.Errorf("Marked %q does not mark the match in %q", m.Marked, m.Sentence)
		}
		if m.Before != nil || m.After != nil {
			t.Errorf("context without asking: %+v", m)
		}
	}
	if ms[0].Sentence != "The U.S. delegation arrived on Monday." {
		t.Errorf("sentence = %q", ms[0].Sentence)
	}
	// Matches come in text order, each in its own sentence here.
	for i := 1; i < len(ms); i++ {
		if ms[i].Start <= ms[i-1].Start || ms[i].SentenceStart < ms[i-1].SentenceEnd {
			t.Errorf("order: %+v then %+v", ms[i-1], ms[i])
		}
	}
	if ms[2].Sentence != "Critics called it a U.S.-made problem." {
		t.Errorf("sentence = %q", ms[2].Sentence)
	}
	if ms[3].Sentence != "Nobody expected a vote before the summer recess, and the U.S. team left on Friday." {
		t.Errorf("last sentence = %q", ms[3].Sentence)
	}
	// Only the article is searched, headline included: not the outlet's
	// name, not furniture.
	for _, p := range []string{"Ledger", "Facebook"} {
		if ms := mustCompile(t, Options{Pattern: p, Fixed: true})(); len(ms) != 0 {
			t.Errorf("%q found in page furniture: %+v", p, ms)
		}
	}
	if ms := mustCompile(t, Options{Pattern: "Port Budget", Fixed: true})(); len(ms) != 1 || ms[0].Sentence != "Port Budget Vote Delayed Again" {
		t.Errorf("the headline is not searchable: %+v", ms)
	}
	// Undated documents have no date.
	ms = mustCompile(t, Options{Pattern: "dredging", IgnoreCase: true})()
	if len(ms) != 2 || ms[0].Date != "" || ms[0].Doc != its[1].ID || ms[1].Sentence != "Dredging will resume in May." {
		t.Errorf("dredging: %+v", ms)
	}
	// A pattern that can match nothing yields nothing.
	if ms := mustCompile(t, Options{Pattern: `\b`})(); len(ms) != 0 {
		t.Errorf("empty matches reported: %d", len(ms))
	}
}

func TestContext(t *testing.T) {
	ms := mustCompile(t, Options{Pattern: "mayor said", Context: 1})()
	if len(ms) != 1 {
		t.Fatalf("%+v", ms)
	}
	m := ms[0]
	if want := []string{"Officials met the mayor in the old town hall."}; !reflect.DeepEqual(m.Before, want) {
		t.Errorf("Before = %q", m.Before)
	}
	if want := []string{"Critics called it a U.S.-made problem."}; !reflect.DeepEqual(m.After, want) {
		t.Errorf("After = %q", m.After)
	}
	ms = mustCompile(t, Options{Pattern: "delegation", Context: 5})()
	if len(ms) != 1 || !reflect.DeepEqual(ms[0].Before, []string{"Port Budget Vote Delayed Again"}) || len(ms[0].After) != 4 {
		t.Fatalf("context near the start (the headline), clipped: %+v", ms)
	}
	if ms[0].After[3] != "Nobody expected a vote before the summer recess, and the U.S. team left on Friday." {
		t.Errorf("After = %q", ms[0].After)
	}
	ms = mustCompile(t, Options{Pattern: "resume", Context: 2})()
	if len(ms) != 1 || len(ms[0].After) != 0 || !reflect.DeepEqual(ms[0].Before, []string{"Harbor Report", "The harbor master said dredging costs rose."}) {
		t.Errorf("context at the end: %+v", ms)
	}
}

func TestMatchAcrossSentences(t *testing.T) {
	ms := mustCompile(t, Options{Pattern: `Monday\. Officials`})()
	if len(ms) != 1 {
		t.Fatalf("%+v", ms)
	}
	m := ms[0]
	if m.Sentence != "The U.S. delegation arrived on Monday." || m.Match != "Monday. Officials" {
		t.Errorf("%+v", m)
	}
	if !strings.HasSuffix(m.Marked, "<<Monday.>>") {
		t.Errorf("Marked = %q: the mark must close inside the sentence", m.Marked)
	}
}

// CountMatches counts what Search finds, per document, in order.
func TestCountMatches(t *testing.T) {
	o := Options{Pattern: "the", IgnoreCase: true, Word: true}
	ms := mustCompile(t, o)()
	re, _ := Compile(o)
	its := items(t)
	cs := CountMatches(corpus.Of(its...), positions(its), re)
	if len(cs) != 2 || cs[0].Count+cs[1].Count != len(ms) || cs[0].Path != "a.txt" || cs[1].Count != 1 {
		t.Errorf("CountMatches = %+v over %d matches", cs, len(ms))
	}
}

// FuzzCompileWord: a literal searched as a whole word is found where it stands
// alone, and never inside a longer word.
func FuzzCompileWord(f *testing.F) {
	for _, s := range []string{"U.S.", "port", "$1.5", "(roughly)", "e.g", "é", "a b", "[x]"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, lit string) {
		if lit == "" || !utf8.ValidString(lit) || strings.ContainsAny(lit, "\n") {
			return
		}
		re, err := Compile(Options{Pattern: lit, Fixed: true, Word: true})
		if err != nil {
			t.Fatalf("Compile(%q): %v", lit, err)
		}
		if got := re.FindString("( " + lit + " )"); got != lit {
			t.Fatalf("%q alone: found %q (regexp %s)", lit, got, re)
		}
		if isWord(lit[0]) {
			if loc := re.FindStringIndex("x" + lit + " "); loc != nil && loc[0] == 1 {
				t.Fatalf("%q found right after a word character (regexp %s)", lit, re)
			}
		}
	})
}

func isWord(c byte) bool {
	return c == '_' || '0' <= c && c <= '9' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z'
}

func TestRequiredWords(t *testing.T) {
	for pattern, want := range map[string]string{
		`Treasury Secretary`:     "Treasury|Secretary",
		`(?i)treasury secretary`: "(?i)TREASURY|(?i)SECRETARY",
		`Baker (said|says)`:      "Baker",
		`a|b`:                    "",
		`x.y`:                    "",
		`U\.S\. envoy`:           `U\.S\.|envoy`,
	} {
		var got []string
		for _, n := range requiredWords(regexp.MustCompile(pattern)) {
			got = append(got, n.String())
		}
		if strings.Join(got, "|") != want {
			t.Errorf("requiredWords(%q) = %q, want %q", pattern, strings.Join(got, "|"), want)
		}
	}
}
