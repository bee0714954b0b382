package index

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/sanc-news/sanc/pkg/corpus"
	"github.com/sanc-news/sanc/pkg/doc"
	"github.com/sanc-news/sanc/pkg/jsonx"
	"github.com/sanc-news/sanc/pkg/source"
)

// Fixture articles: front matter fixes outlet and date so the tests do not
// depend on date heuristics.
var fixtures = map[string]string{
	"beijing.txt": `---
title: Beijing Opposes Sanctions
outlet: Asia Wire
date: 2017-08-15
---
China's foreign ministry criticised the new sanctions on Tuesday.

"We firmly oppose unilateral sanctions," said Geng Shuang, a spokesman for the foreign ministry.

Geng Shuang said China would keep talking to all sides. On March 3, 2016, the Security Council had adopted a resolution.

"The door to dialogue remains open," Geng added.
`,
	"harbor.txt": `---
title: Harbor Budget Passes
outlet: Coast Chronicle
date: 2019-05-02
---
The city council approved a new harbor budget on Wednesday after a long debate.

"This is the hardest vote I have cast," said Michael Hwang, the council president.

Mr. Hwang said dredging would begin in June 2019. The previous budget was passed in 2015.
`,
	"undated.txt": `Officials met in the capital to discuss the plan, which had been delayed for months by a dispute over costs.

"We need more time," said Anna Geng, an adviser to the ministry. The plan was first proposed last Tuesday.
`,
	"other/harbor.txt": `Harbor pilots went on strike on Friday over pay, halting traffic in the port for the first time since 1998.
`,
}

func load(t *testing.T) (*Index, map[string]*corpus.Item) {
	t.Helper()
	dir := t.TempDir()
	var files []source.File
	for name, text := range fixtures {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		files = append(files, source.File{Path: p, Data: []byte(text)})
	}
	c := corpus.FromFiles(files, doc.Meta{}, nil)
	if len(c.Problems) > 0 {
		t.Fatalf("problems: %v", c.Problems)
	}
	by := map[string]*corpus.Item{}
	for _, it := range c.All() {
		r, _ := filepath.Rel(dir, it.Path)
		by[filepath.ToSlash(r)] = it
	}
	if len(by) != len(fixtures) {
		t.Fatalf("%d items from %d files", len(by), len(fixtures))
	}
	return New(c), by
}

func ids(recs []DocRecord) []string {
	var out []string
	for _, r := range recs {
		out = append(out, r.ID)
	}
	return out
}

func mustDay(s string) time.Time {
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		panic(err)
	}
	return t
}

func TestOrderAndRecord(t *testing.T) {
	ix, by := load(t)
	if ix.Len() != len(fixtures) {
		t.Fatalf("Len = %d", ix.Len())
	}
	recs := documents(ix, DocFilter{})
	// Dated first, by date; undated after, by id.
	want := []string{by["beijing.txt"].ID, by["harbor.txt"].ID}
	undated := []string{by["undated.txt"].ID, by["other/harbor.txt"].ID}
	sort.Strings(undated)
	want = append(want, undated...)
	if got := ids(recs); !reflect.DeepEqual(got, want) {
		t.Errorf("order %v, want %v", got, want)
	}
	r := recs[0]
	it := by["beijing.txt"]
	if r.Title != "Beijing Opposes Sanctions" || r.TitleFrom != "front-matter" || r.Outlet != "Asia Wire" ||
		r.Date != "2017-08-15" || r.DateSource != "front-matter" || r.Path != it.Path || r.Bytes != len(it.Raw) ||
		r.Quotes != len(it.Quotes) || r.Words == 0 || r.Added == "" {
		t.Errorf("record %+v", r)
	}
	if _, err := time.Parse(time.RFC3339, r.Added); err != nil {
		t.Errorf("Added %q: %v", r.Added, err)
	}
	for _, r := range recs {
		if r.Dropped == nil || r.Warnings == nil {
			t.Errorf("%s: nil slices would be null in JSON", r.Path)
		}
	}
	if u := recs[2]; u.Date != "" || u.DateSource == "" {
		t.Errorf("undated record: %+v", u)
	}
}

func TestDocumentsFilters(t *testing.T) {
	ix, by := load(t)
	tests := []struct {
		name string
		f    DocFilter
		want []string
	}{
		{"outlet substring, any case", DocFilter{Outlet: "coast"}, []string{"harbor.txt"}},
		{"outlet no match", DocFilter{Outlet: "Times"}, nil},
		{"since inclusive", DocFilter{Scope: Scope{Since: mustDay("2017-08-15")}}, []string{"beijing.txt", "harbor.txt"}},
		{"since after", DocFilter{Scope: Scope{Since: mustDay("2017-08-16")}}, []string{"harbor.txt"}},
		{"until exclusive", DocFilter{Scope: Scope{Until: mustDay("2017-08-15")}}, nil},
		{"until", DocFilter{Scope: Scope{Until: mustDay("2017-08-16")}}, []string{"beijing.txt"}},
		{"since and until", DocFilter{Scope: Scope{Since: mustDay("2017-01-01"), Until: mustDay("2020-01-01")}}, []string{"beijing.txt", "harbor.txt"}},
		{"docs", DocFilter{Scope: Scope{Docs: []string{by["harbor.txt"].ID, by["undated.txt"].ID}}}, []string{"harbor.txt", "undated.txt"}},
		{"docs and outlet", DocFilter{Scope: Scope{Docs: []string{by["harbor.txt"].ID}}, Outlet: "asia"}, nil},
		{"speaker", DocFilter{Speaker: "hwang"}, []string{"harbor.txt"}},
		{"added since the future", DocFilter{Scope: Scope{AddedSince: time.Now().Add(time.Hour)}}, nil},
	}
	for _, tt := range tests {
		var want []string
		for _, n := range tt.want {
			want = append(want, by[n].ID)
		}
		if got := ids(documents(ix, tt.f)); !reflect.DeepEqual(got, want) {
			t.Errorf("%s: got %v, want %v", tt.name, got, want)
		}
	}
	if n := len(documents(ix, DocFilter{Scope: Scope{AddedSince: time.Now().Add(-time.Hour)}})); n != len(fixtures) {
		t.Errorf("added in the last hour: %d", n)
	}
}

func TestQuotesSpeaker(t *testing.T) {
	ix, by := load(t)
	all, _ := ix.Quotes(QuoteFilter{})
	if len(all) == 0 {
		t.Fatal("no quotations at all")
	}
	for _, q := range all {
		it := by[relPath(by, q.Path)]
		if it == nil {
			t.Fatalf("record for unknown path %s", q.Path)
		}
		if q.Doc != it.ID || q.Start < q.SentenceStart || q.Start >= q.SentenceEnd || q.End > len(it.Raw) || q.Start >= q.End {
			t.Errorf("offsets: %+v", q)
		}
		if q.Quote != strings.Join(strings.Fields(string(it.Raw[q.Start:q.End])), " ") {
			t.Errorf("quote text %q is not Raw[%d:%d]", q.Quote, q.Start, q.End)
		}
		if (q.SpeakerStart == nil) != (q.SpeakerEnd == nil) {
			t.Errorf("half a speaker span: %+v", q)
		}
	}
	speakersOf := func(recs []QuoteRecord) map[string]bool {
		out := map[string]bool{}
		for _, r := range recs {
			if r.Speaker == nil {
				t.Errorf("unattributed quotation matched a speaker query: %+v", r)
				continue
			}
			out[*r.Speaker] = true
		}
		return out
	}
	tests := []struct {
		query string
		want  []string // speakers that must be among the results
		not   []string // speakers that must not be
	}{
		{"Geng Shuang", []string{"Geng Shuang"}, []string{"Anna Geng", "Michael Hwang"}},
		{"Geng", []string{"Geng Shuang", "Anna Geng"}, []string{"Michael Hwang"}},
		{"geng shuang", []string{"Geng Shuang"}, []string{"Anna Geng"}},
		{"SHUANG", []string{"Geng Shuang"}, []string{"Anna Geng"}},
		{"Mr. Hwang", []string{"Michael Hwang"}, []string{"Geng Shuang"}},
		{"Dr Hwang", []string{"Michael Hwang"}, nil},
		{"Hwang Michael", []string{"Michael Hwang"}, nil},
		{"Gen", nil, []string{"Geng Shuang", "Anna Geng"}}, // words, not prefixes
		{"Nobody Here", nil, []string{"Geng Shuang", "Anna Geng", "Michael Hwang"}},
	}
	for _, tt := range tests {
		recs, matched := ix.Quotes(QuoteFilter{Speaker: tt.query})
		got := speakersOf(recs)
		for _, w := range tt.want {
			if !got[w] {
				t.Errorf("--speaker %q: no quotation by %s (got %v)", tt.query, w, got)
			}
			if !slices.Contains(matched, w) {
				t.Errorf("--speaker %q: %s not among matched speakers %v", tt.query, w, matched)
			}
		}
		for _, n := range tt.not {
			if got[n] || slices.Contains(matched, n) {
				t.Errorf("--speaker %q matched %s", tt.query, n)
			}
		}
		if !sort.StringsAreSorted(matched) {
			t.Errorf("matched speakers not sorted: %v", matched)
		}
	}
	// Kinds and Match filters.
	direct, _ := ix.Quotes(QuoteFilter{Kinds: []string{"direct"}})
	for _, q := range direct {
		if q.Kind != "direct" {
			t.Errorf("kind filter let %s through", q.Kind)
		}
	}
	if len(direct) == 0 {
		t.Error("no direct quotations")
	}
	re := regexp.MustCompile(`(?i)more time`)
	m, _ := ix.Quotes(QuoteFilter{Match: re})
	if len(m) != 1 || m[0].Doc != by["undated.txt"].ID {
		t.Errorf("match filter: %+v", m)
	}
	// Scope applies to quotations too.
	scoped, _ := ix.Quotes(QuoteFilter{Scope: Scope{Since: mustDay("2018-01-01")}})
	for _, q := range scoped {
		if q.Doc != by["harbor.txt"].ID {
			t.Errorf("since 2018 let through %s", q.Path)
		}
	}
	// Speakers sums up per speaker, most quoted first.
	var sp []SpeakerRecord
	if _, err := ix.Speakers(QuoteFilter{Speaker: "Geng"}, func(r SpeakerRecord) error { sp = append(sp, r); return nil }); err != nil || len(sp) == 0 {
		t.Fatalf("speakers: %v, %d", err, len(sp))
	}
	for i := 1; i < len(sp); i++ {
		if sp[i].Quotes > sp[i-1].Quotes {
			t.Errorf("speakers not by count: %+v", sp)
		}
	}
	for _, s := range sp {
		if s.Documents != len(s.Docs) || s.Quotes < s.Documents || (s.First != "" && s.First > s.Last) {
			t.Errorf("speaker record %+v", s)
		}
	}
}

func relPath(by map[string]*corpus.Item, p string) string {
	for n, it := range by {
		if it.Path == p {
			return n
		}
	}
	return ""
}

func TestResolveDocs(t *testing.T) {
	ix, by := load(t)
	b := by["beijing.txt"].ID
	u := by["undated.txt"].ID
	tests := []struct {
		refs    []string
		want    []string
		errWant string
	}{
		{[]string{b}, []string{b}, ""},
		{[]string{b[:6]}, []string{b}, ""},
		{[]string{"beijing.txt"}, []string{b}, ""},
		{[]string{by["undated.txt"].Path}, []string{u}, ""},
		{[]string{b[:4], u}, []string{b, u}, ""},
		{[]string{b, b[:6], "beijing.txt"}, []string{b}, ""},
		{[]string{"harbor.txt"}, nil, "ambiguous"},
		{[]string{"nope"}, nil, `no document "nope"`},
		{[]string{"zzzzzzzzzz"}, nil, "no document"},
		{[]string{b, "missing.txt"}, nil, "missing.txt"},
	}
	for _, tt := range tests {
		got, err := ix.ResolveDocs(tt.refs)
		if tt.errWant != "" {
			if err == nil || !strings.Contains(err.Error(), tt.errWant) {
				t.Errorf("ResolveDocs(%q) = %v, %v; want error %q", tt.refs, got, err, tt.errWant)
			}
			continue
		}
		if err != nil || !reflect.DeepEqual(got, tt.want) {
			t.Errorf("ResolveDocs(%q) = %v, %v; want %v", tt.refs, got, err, tt.want)
		}
	}
	// An ambiguous name lists the candidates.
	_, err := ix.ResolveDocs([]string{"harbor.txt"})
	if err == nil || !strings.Contains(err.Error(), by["harbor.txt"].ID) || !strings.Contains(err.Error(), by["other/harbor.txt"].ID) {
		t.Errorf("ambiguous error %v does not list both ids", err)
	}
}

func TestTimeline(t *testing.T) {
	ix, by := load(t)
	recs := ix.Timeline(TimelineFilter{})
	if len(recs) == 0 {
		t.Fatal("empty timeline")
	}
	seenUndated := false
	var prev time.Time
	for i, r := range recs {
		if r.Type != "date" && r.Type != "time" {
			t.Errorf("default types let %s through", r.Type)
		}
		it := by[relPath(by, r.Path)]
		if r.Text != strings.Join(strings.Fields(string(it.Raw[r.Start:r.End])), " ") || r.Doc != it.ID {
			t.Errorf("record text %q is not Raw[%d:%d]", r.Text, r.Start, r.End)
		}
		if !r.Dated {
			seenUndated = true
			if r.From != "" || r.To != "" {
				t.Errorf("undated record with a range: %+v", r)
			}
			continue
		}
		if seenUndated {
			t.Errorf("dated record %d (%s) after an undated one", i, r.Value)
		}
		from := mustDay(r.From)
		if !mustDay(r.To).After(from) {
			t.Errorf("empty range %s..%s", r.From, r.To)
		}
		if from.Before(prev) {
			t.Errorf("record %d (%s from %s) before the previous one (%s)", i, r.Value, r.From, prev.Format("2006-01-02"))
		}
		prev = from
	}
	// The explicit dates of the fixtures are there, in order.
	var values []string
	for _, r := range recs {
		if r.Dated {
			values = append(values, r.Value)
		}
	}
	pos := func(v string) int {
		for i, x := range values {
			if x == v {
				return i
			}
		}
		return -1
	}
	a, b, c := pos("2015"), pos("2016-03-03"), pos("2019-06")
	if a < 0 || b < 0 || c < 0 || !(a < b && b < c) {
		t.Errorf("2015, 2016-03-03, 2019-06 not in order in %v", values)
	}

	// From/To select the events within the period; with Overlap, those
	// that meet it.
	from, to, _ := ParsePeriod("2016")
	for _, r := range ix.Timeline(TimelineFilter{From: from, To: to}) {
		if !r.Dated || r.From < "2016-01-01" || r.To > "2017-01-01" {
			t.Errorf("2016 window let through %+v", r)
		}
	}
	if n := len(ix.Timeline(TimelineFilter{From: from, To: to})); n == 0 {
		t.Error("nothing in 2016")
	}
	from, to, _ = ParsePeriod("2015-06") // "2015" meets June 2015 but is not within it
	within := ix.Timeline(TimelineFilter{From: from, To: to})
	meeting := ix.Timeline(TimelineFilter{From: from, To: to, Overlap: true})
	var wide int
	for _, r := range meeting {
		if !r.Dated || r.From >= "2015-07-01" || r.To <= "2015-06-01" {
			t.Errorf("overlap with 2015-06 let through %+v", r)
		}
		if r.From < "2015-06-01" || r.To > "2015-07-01" {
			wide++
		}
	}
	if wide == 0 || len(meeting) != len(within)+wide {
		t.Errorf("2015-06: %d within, %d meeting it of which %d wider", len(within), len(meeting), wide)
	}
	// Types, Match and Scope.
	for _, r := range ix.Timeline(TimelineFilter{Types: []string{"duration"}}) {
		if r.Type != "duration" || r.Dated {
			t.Errorf("duration filter: %+v", r)
		}
	}
	re := regexp.MustCompile(`dredging`)
	for _, r := range ix.Timeline(TimelineFilter{Match: re}) {
		if !strings.Contains(r.Sentence, "dredging") {
			t.Errorf("match filter let through %q", r.Sentence)
		}
	}
	for _, r := range ix.Timeline(TimelineFilter{Scope: Scope{Docs: []string{by["harbor.txt"].ID}}}) {
		if r.Doc != by["harbor.txt"].ID {
			t.Errorf("scope let through %s", r.Path)
		}
	}
}

func TestParsePeriod(t *testing.T) {
	tests := []struct {
		in       string
		from, to string
	}{
		{"2017", "2017-01-01", "2018-01-01"},
		{"2017-08", "2017-08-01", "2017-09-01"},
		{"2017-12", "2017-12-01", "2018-01-01"},
		{"2017-08-15", "2017-08-15", "2017-08-16"},
		{"2016-02-29", "2016-02-29", "2016-03-01"},
	}
	for _, tt := range tests {
		from, to, ok := ParsePeriod(tt.in)
		if !ok || from.Format("2006-01-02") != tt.from || to.Format("2006-01-02") != tt.to {
			t.Errorf("ParsePeriod(%q) = %v, %v, %v; want %s..%s", tt.in, from, to, ok, tt.from, tt.to)
		}
	}
	for _, in := range []string{"", "17", "2017/08", "Aug 2017", "2017-08-15T10", "last year", "XXXX", "2017-W33", "P1Y", "2017-08-15-", "2017-8", "2017-13", "2017-02-30"} {
		if from, to, ok := ParsePeriod(in); ok {
			t.Errorf("ParsePeriod(%q) = %v..%v, want failure", in, from, to)
		}
	}
}

func TestOneLine(t *testing.T) {
	tests := []struct{ in, want string }{
		{"  two\n\twords ", "two words"},
		{"esc\x1b[31mape", "esc [31mape"},
		{"bad \xff byte", "bad \ufffd byte"},
		{"non\u00a0breaking", "non breaking"},
		{"", ""},
		{"\n\n", ""},
		{"Müller “said”", "Müller “said”"},
	}
	for _, tt := range tests {
		if got := oneLine([]byte(tt.in)); got != tt.want {
			t.Errorf("oneLine(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// oneLine, whose fast path copies ASCII runs whole, folds text as the plain
// rune-by-rune rule does.
func FuzzOneLine(f *testing.F) {
	for _, s := range []string{"  two\n\twords ", "esc\x1b[31mape", "bad \xff\xfe byte", "non\u00a0breaking\u2028x", "a\x7fb\u0085c"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		var mapped []rune
		for i := 0; i < len(b); {
			r, size := utf8.DecodeRune(b[i:])
			if unicode.IsSpace(r) || doc.IsControl(r) {
				r = ' '
			}
			mapped = append(mapped, r)
			i += size
		}
		want := strings.Join(strings.Fields(string(mapped)), " ")
		if got := oneLine(b); got != want {
			t.Errorf("oneLine(%q) = %q, want %q", b, got, want)
		}
	})
}

// The records a query hands out, collected.

func documents(ix *Index, f DocFilter) (out []DocRecord) {
	if err := ix.Documents(f, func(r DocRecord) error { out = append(out, r); return nil }); err != nil {
		panic(err)
	}
	return out
}

func (ix *Index) Quotes(f QuoteFilter) (recs []QuoteRecord, matched []string) {
	matched, _ = ix.EachQuote(f, func(r QuoteRecord) error {
		recs = append(recs, r)
		return nil
	})
	return recs, matched
}

func (ix *Index) Timeline(f TimelineFilter) (out []EventRecord) {
	_ = ix.EachEvent(f, func(r EventRecord) error {
		out = append(out, r)
		return nil
	})
	return out
}

// sameJSON: a record that writes its own JSON writes what encoding/json
// would.
func sameJSON(t *testing.T, r jsonx.Appender) {
	t.Helper()
	var want bytes.Buffer
	enc := json.NewEncoder(&want)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(r); err != nil {
		t.Fatal(err)
	}
	if got := string(r.AppendJSON(nil)) + "\n"; got != want.String() {
		t.Errorf("AppendJSON:\n%s\nwant\n%s", got, want.String())
	}
}

func FuzzEventRecordJSON(f *testing.F) {
	f.Add("a1b2c3d4e5", "last \"Thursday\"", "2017-08-\xff", "APPROX", 3, true, false)
	f.Add("", "", "", "", -1, false, true)
	f.Fuzz(func(t *testing.T, doc, text, value, mod string, n int, dated, ranged bool) {
		r := EventRecord{Doc: doc, Path: "/lib/packs/" + doc, Start: n, End: n + 9, Text: text, Type: "date", Value: value, Mod: mod,
			From: value, To: mod, Dated: dated, Relative: !dated, Unresolved: ranged, Event: text + value, EventStart: -n,
			EventEnd: n * 2, Sentence: mod + text, SentenceStart: 1, SentenceEnd: n, DocDate: doc}
		if ranged {
			s, e := n+1, n+2
			r.RangeStart, r.RangeEnd = &s, &e
		}
		sameJSON(t, r)
	})
}

func FuzzQuoteRecordJSON(f *testing.F) {
	f.Add("a1b2c3d4e5", "\"We will not bow,\"", "Ana Ruiz", "the spokesman", 3, 2, true)
	f.Add("", "", "", "", 0, 0, false)
	f.Fuzz(func(t *testing.T, doc, quote, speaker, role string, n, segments int, named bool) {
		r := QuoteRecord{Doc: doc, Path: "/lib/" + doc, Start: n, End: n + 5, Kind: "direct", Quote: quote, Mention: speaker,
			Role: role, Cue: quote[:len(quote)/2], Sentence: quote + speaker, SentenceStart: -n, SentenceEnd: n, Date: doc, Outlet: role, Title: speaker}
		for i := range segments % 4 {
			r.Segments = append(r.Segments, [2]int{n + i, n*i - 1})
		}
		if named {
			s, e := n-1, n+1
			r.Speaker, r.SpeakerStart, r.SpeakerEnd = &speaker, &s, &e
		}
		sameJSON(t, r)
	})
}
