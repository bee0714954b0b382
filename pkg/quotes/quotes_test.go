package quotes

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sanc-news/sanc/pkg/segment"
)

func extract(text string) []Quote { return Extract(text, segment.Split(text)) }

// want describes one expected quotation: a substring of its span, its kind,
// its canonical speaker, and optionally its mention and segment count.
type want struct {
	quote, kind, speaker string
	mention              string
	segs                 int
	pieces               int
}

// find returns the first unused quote of the given kind (or any scored kind)
// whose span contains sub.
func find(text string, qs []Quote, used map[int]bool, sub, kind string) (Quote, bool) {
	for i, q := range qs {
		if used[i] || !strings.Contains(text[q.Start:q.End], sub) {
			continue
		}
		if kind != "" && q.Kind != kind {
			continue
		}
		used[i] = true
		return q, true
	}
	return Quote{}, false
}

func checkCase(t *testing.T, text string, wants []want, exactDirect bool) {
	t.Helper()
	qs := extract(text)
	used := map[int]bool{}
	for _, w := range wants {
		q, ok := find(text, qs, used, w.quote, w.kind)
		if !ok {
			t.Errorf("missing %s quote %q\n  got: %s", w.kind, w.quote, dumpQuotes(text, qs))
			continue
		}
		if q.Speaker != w.speaker {
			t.Errorf("quote %q: speaker %q, want %q (mention %q)", w.quote, q.Speaker, w.speaker, q.Mention)
		}
		if w.mention != "" && q.Mention != w.mention {
			t.Errorf("quote %q: mention %q, want %q", w.quote, q.Mention, w.mention)
		}
		if w.segs > 0 && len(q.Segments) != w.segs {
			t.Errorf("quote %q: %d segments, want %d", w.quote, len(q.Segments), w.segs)
		}
		if w.pieces > 0 && len(q.Pieces) != w.pieces {
			t.Errorf("quote %q: %d pieces, want %d", w.quote, len(q.Pieces), w.pieces)
		}
	}
	if exactDirect {
		for i, q := range qs {
			if !used[i] && q.Kind != "indirect" {
				t.Errorf("unexpected %s quote %q (speaker %q)", q.Kind, text[q.Start:q.End], q.Speaker)
			}
		}
	}
}

func dumpQuotes(text string, qs []Quote) string {
	var b strings.Builder
	for _, q := range qs {
		b.WriteString("\n    " + q.Kind + " " + text[q.Start:q.End] + " <- " + q.Speaker + " [" + q.Mention + "]")
	}
	return b.String()
}

func TestTricky(t *testing.T) {
	cases := []struct {
		name  string
		text  string
		wants []want
		exact bool // no other direct/partial quotes allowed
	}{
		{
			name:  "straight quotes, attribution after",
			text:  `Trade minister Anna Berg spoke on Monday. "We will not back down," Berg said.`,
			wants: []want{{quote: "We will not back down", kind: "direct", speaker: "Anna Berg", mention: "Berg"}},
			exact: true,
		},
		{
			name:  "typographic quotes, inverted order",
			text:  "“The embargo is porous,” said Tomas Lindqvist, an economist at the Baltic Institute.",
			wants: []want{{quote: "The embargo is porous", kind: "direct", speaker: "Tomas Lindqvist"}},
			exact: true,
		},
		{
			name:  "apostrophes are not quote marks",
			text:  "Norway’s envoy said the fund won’t move. “We don’t see Oslo’s position changing,” she added.",
			wants: []want{{quote: "We don’t see Oslo’s position changing", kind: "direct"}},
			exact: true,
		},
		{
			name:  "nested single quotes inside double",
			text:  `Mr. Osei Mensah addressed the council. "They told us 'wait and see' for a year," Mr. Mensah said.`,
			wants: []want{{quote: "They told us 'wait and see' for a year", kind: "direct", speaker: "Osei Mensah"}},
			exact: true,
		},
		{
			name:  "interrupted quote is one quote with two segments",
			text:  `“The measures are a first step,” Defence Minister Karl Jansen said, “and more will follow.”`,
			wants: []want{{quote: "The measures are a first step", kind: "direct", speaker: "Karl Jansen", segs: 2}},
			exact: true,
		},
		{
			name:  "colon introduction",
			text:  `Foreign ministry spokeswoman Lin Mei told reporters: "The sanctions are illegal."`,
			wants: []want{{quote: "The sanctions are illegal.", kind: "direct", speaker: "Lin Mei"}},
			exact: true,
		},
		{
			name:  "according to",
			text:  `The talks collapsed at midnight, according to Paul Okafor, who called the outcome "deeply regrettable".`,
			wants: []want{{quote: "deeply regrettable", kind: "partial", speaker: "Paul Okafor"}},
		},
		{
			name:  "dash attribution",
			text:  "“Sanctions never work on their own.” — Maria Duarte, former ambassador",
			wants: []want{{quote: "Sanctions never work on their own.", kind: "direct", speaker: "Maria Duarte"}},
			exact: true,
		},
		{
			name: "continuation without a cue keeps the speaker",
			text: "Interior spokesman Rafael Ortiz Vega defended the ban. “The rules are clear,” Ortiz said. “Nobody is above them.”",
			wants: []want{
				{quote: "The rules are clear", kind: "direct", speaker: "Rafael Ortiz Vega"},
				{quote: "Nobody is above them.", kind: "direct", speaker: "Rafael Ortiz Vega"},
			},
			exact: true,
		},
		{
			name: "pronoun after leading adverb",
			text: "Treasury official Dana Whitfield spoke first. “Enforcement comes first,” Whitfield said.\n\nSecondly, “we will watch the banks closely,” she added.",
			wants: []want{
				{quote: "Enforcement comes first", kind: "direct", speaker: "Dana Whitfield"},
				{quote: "we will watch the banks closely", kind: "direct", speaker: "Dana Whitfield", mention: "she"},
			},
			exact: true,
		},
		{
			name:  "multi-paragraph quote: only the last paragraph closes",
			text:  "Central bank governor Ivo Petrov said:\n\n“The first paragraph of the statement goes here.\n\n“The second paragraph ends the statement.”\n\nMarkets were calm.",
			wants: []want{{quote: "The first paragraph", kind: "direct", speaker: "Ivo Petrov", segs: 2}},
			exact: true,
		},
		{
			name:  "missing opening mark is recovered to the paragraph start",
			text:  "The inspectors found nothing at the port.\n\nWe checked every container twice,” said Helen Marsh, “and found nothing.”\n\nThe port reopened.",
			wants: []want{{quote: "We checked every container twice", kind: "direct", speaker: "Helen Marsh", segs: 2}},
			exact: true,
		},
		{
			name:  "a lone mark does not swallow the article",
			text:  "The committee met on \"Tuesday.\n\nIt adjourned without a vote.\n\nMembers went home.",
			exact: true,
		},
		{
			name:  "partial quote inside reported speech",
			text:  `The British envoy to the UN, Clara Haines, said that London wants a "swift and united response" to the launch.`,
			wants: []want{{quote: "swift and united response", kind: "partial", speaker: "Clara Haines"}},
			exact: true,
		},
		{
			name:  "indirect speech",
			text:  "Energy minister Olu Adeyemi said the pipeline would reopen next week.",
			wants: []want{{quote: "the pipeline would reopen next week", kind: "indirect", speaker: "Olu Adeyemi"}},
		},
		{
			name: "negated cue is not a statement",
			text: "Minister Sven Holm did not say whether the fund would comply.",
		},
		{
			name:  "scare quote with no speaker is not a quote",
			text:  `The ministry launched a so-called "clean hands" campaign last year, and the portal went live in May.`,
			exact: true,
		},
		{
			name:  "organisation speaker and 'it'",
			text:  "The European Commission said the list would grow. “Further names will be added in March,” it said.",
			wants: []want{{quote: "Further names will be added", kind: "direct", speaker: "the European Commission", mention: "it"}},
			exact: true,
		},
		{
			name:  "nominal mention resolves to the earlier description",
			text:  `An EU official briefed reporters on condition of anonymity. "Nobody expects a breakthrough," the official said.`,
			wants: []want{{quote: "Nobody expects a breakthrough", kind: "direct", speaker: "An EU official", mention: "the official"}},
			exact: true,
		},
		{
			name:  "title stripped, surname mapped to full name",
			text:  `Senator Julia Armitage opened the hearing. Later, Ms. Armitage warned: "This loophole must close."`,
			wants: []want{{quote: "This loophole must close.", kind: "direct", speaker: "Julia Armitage"}},
			exact: true,
		},
		{
			name:  "fragments of one statement are one partial quote",
			text:  `Finance minister Rosa Iglesias said the embargo was "reckless" and would prove "doomed to fail."`,
			wants: []want{{quote: "reckless", kind: "partial", speaker: "Rosa Iglesias", pieces: 2}},
			exact: true,
		},
		{
			name:  "appositive role",
			text:  `"The sanctions are biting," said Peter Vance, a sanctions lawyer at Hale & Moor.`,
			wants: []want{{quote: "The sanctions are biting", kind: "direct", speaker: "Peter Vance"}},
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) { checkCase(t, c.text, c.wants, c.exact) })
	}
}

func TestRoleAndCue(t *testing.T) {
	text := `"We reject the decision," Chinese foreign ministry spokesman Wu Lei said.`
	qs := extract(text)
	if len(qs) != 1 {
		t.Fatalf("got %d quotes: %s", len(qs), dumpQuotes(text, qs))
	}
	q := qs[0]
	if q.Role != "Chinese foreign ministry spokesman" || q.Cue != "said" || q.Mention != "Wu Lei" {
		t.Errorf("role %q cue %q mention %q", q.Role, q.Cue, q.Mention)
	}
	if text[q.SpeakerStart:q.SpeakerEnd] != "Wu Lei" {
		t.Errorf("speaker span %q", text[q.SpeakerStart:q.SpeakerEnd])
	}
	if !(q.Sentence.Start <= q.Start && q.Start < q.Sentence.End) {
		t.Errorf("sentence %v does not hold quote start %d", q.Sentence, q.Start)
	}
}

// TestBlankedBoilerplate: runs of spaces left where the caller blanked
// boilerplate lines must not disturb offsets or pairing.
func TestBlankedBoilerplate(t *testing.T) {
	text := "“The deal is done,” Ana Ruiz said.\n" + strings.Repeat(" ", 40) + "\n“Now it must hold.”\n"
	qs := extract(text)
	if len(qs) != 2 || qs[1].Speaker != "Ana Ruiz" {
		t.Fatalf("got %s", dumpQuotes(text, qs))
	}
}

type seedGold struct {
	File     string `json:"file"`
	Quote    string `json:"quote"`
	Kind     string `json:"kind"`
	Speaker  string `json:"speaker"`
	Segments int    `json:"segments"`
	Pieces   int    `json:"pieces"` // fragments joined into one partial quotation
}

// TestSeedsGold checks Extract against a hand reading of every quotation in
// the sample articles: each must be found with its kind and canonical speaker,
// and no direct or partial quotation may appear that the reading lacks.
func TestSeedsGold(t *testing.T) {
	b, err := os.ReadFile("testdata/seeds_gold.json")
	if err != nil {
		t.Fatal(err)
	}
	var gold []seedGold
	if err := json.Unmarshal(b, &gold); err != nil {
		t.Fatal(err)
	}
	byFile := map[string][]seedGold{}
	for _, g := range gold {
		byFile[g.File] = append(byFile[g.File], g)
	}
	files, _ := filepath.Glob("../../seeds/*.txt")
	if len(files) == 0 {
		t.Skip("no seeds")
	}
	for _, f := range files {
		name := filepath.Base(f)
		t.Run(name, func(t *testing.T) {
			raw, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			text := string(raw)
			var wants []want
			for _, g := range byFile[name] {
				wants = append(wants, want{quote: g.Quote, kind: g.Kind, speaker: g.Speaker, segs: g.Segments, pieces: g.Pieces})
			}
			checkSeed(t, text, wants)
		})
	}
}

func checkSeed(t *testing.T, text string, wants []want) {
	t.Helper()
	qs := extract(text)
	used := map[int]bool{}
	for _, w := range wants {
		q, ok := find(text, qs, used, w.quote, w.kind)
		if !ok {
			t.Errorf("missing %s quote %q", w.kind, w.quote)
			continue
		}
		if !strings.EqualFold(q.Speaker, w.speaker) {
			t.Errorf("quote %q: speaker %q, want %q", w.quote, q.Speaker, w.speaker)
		}
		if w.segs > 0 && len(q.Segments) != w.segs {
			t.Errorf("quote %q: %d segments, want %d", w.quote, len(q.Segments), w.segs)
		}
		if w.pieces > 0 && len(q.Pieces) != w.pieces {
			t.Errorf("quote %q: %d pieces, want %d", w.quote, len(q.Pieces), w.pieces)
		}
	}
	for i, q := range qs {
		if !used[i] && q.Kind != "indirect" {
			t.Errorf("unexpected %s quote %q (speaker %q)", q.Kind, text[q.Start:q.End], q.Speaker)
		}
	}
}

// checkInvariants are the promises of Extract's contract.
func checkInvariants(t *testing.T, text string, qs []Quote) {
	t.Helper()
	prev := -1
	for _, q := range qs {
		if q.Start < 0 || q.End > len(text) || q.Start > q.End {
			t.Fatalf("span [%d,%d) outside text of %d bytes", q.Start, q.End, len(text))
		}
		if q.Start < prev {
			t.Fatalf("quotes not sorted: %d after %d", q.Start, prev)
		}
		prev = q.Start
		for _, s := range append(append([]segment.Span(nil), q.Segments...), q.Pieces...) {
			if s.Start < q.Start || s.End > q.End || s.Start > s.End {
				t.Fatalf("segment %v outside quote [%d,%d)", s, q.Start, q.End)
			}
		}
		if (q.SpeakerStart < 0) != (q.SpeakerEnd < 0) || q.SpeakerEnd > len(text) || q.SpeakerStart > q.SpeakerEnd {
			t.Fatalf("bad speaker span [%d,%d)", q.SpeakerStart, q.SpeakerEnd)
		}
		switch q.Kind {
		case "direct", "partial", "indirect":
		default:
			t.Fatalf("bad kind %q", q.Kind)
		}
	}
}

func FuzzExtract(f *testing.F) {
	seeds, _ := filepath.Glob("../../seeds/*.txt")
	for _, s := range seeds {
		if b, err := os.ReadFile(s); err == nil {
			f.Add(string(b))
		}
	}
	f.Add(`"A," he said, "B."`)
	f.Add("“unclosed\n\n“reopened")
	f.Add("closing only,” said X, “and more")
	f.Add("\"\"\"“”„«»‘’'")
	f.Add("He said: \"")
	// Extract absorbs panics (returns nil); the fuzzer must still see them
	onPanic = func(r any) { panic(r) }
	defer func() { onPanic = nil }()
	f.Fuzz(func(t *testing.T, text string) {
		qs := Extract(text, segment.Split(text))
		checkInvariants(t, text, qs)
		// a stale or foreign segmentation must not make it panic either
		Extract(text, []segment.Paragraph{{Span: segment.Span{Start: 0, End: len(text) + 3}}})
	})
}

func TestInvariantsOnSeeds(t *testing.T) {
	files, _ := filepath.Glob("../../seeds/*.txt")
	for _, f := range files {
		b, _ := os.ReadFile(f)
		checkInvariants(t, string(b), extract(string(b)))
	}
}

// BenchmarkExtract measures throughput (MB/s) on the seeds and, when the
// shared corpus is present, on about 2 MB of Reuters-21578 text.
func BenchmarkExtract(b *testing.B) {
	var docs []string
	seeds, _ := filepath.Glob("../../seeds/*.txt")
	for _, s := range seeds {
		if t, err := os.ReadFile(s); err == nil {
			docs = append(docs, string(t))
		}
	}
	reuters, _ := filepath.Glob("../../../shared/corpora/reuters21578/*.txt")
	size := 0
	for _, r := range reuters {
		if size > 2<<20 {
			break
		}
		if t, err := os.ReadFile(r); err == nil {
			docs = append(docs, string(t))
			size += len(t)
		}
	}
	total := 0
	paras := make([][]segment.Paragraph, len(docs))
	for i, d := range docs {
		total += len(d)
		paras[i] = segment.Split(d) // segmentation is another stage's cost
	}
	if total == 0 {
		b.Skip("no input")
	}
	b.SetBytes(int64(total))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for j, d := range docs {
			Extract(d, paras[j])
		}
	}
}

// A dateline or a headline in capitals is no one's name: "he" goes back to
// the person the story named.
func TestDatelineAndHeadlineAreNoSpeakers(t *testing.T) {
	text := "SONY INCREASING PRODUCTION ABROAD\n\n" +
		"NEW YORK, Feb 26 - Sony Corp plans to build more plants abroad.\n\n" +
		"He said the yen had risen too far, according to the report.\n"
	for _, q := range Extract(text, segment.Split(text)) {
		if q.Speaker == "NEW YORK" || q.Speaker == "SONY INCREASING PRODUCTION ABROAD" {
			t.Errorf("quote %q attributed to %q", text[q.Start:q.End], q.Speaker)
		}
	}
	text = "LONDON (Reuters) - Trade talks resumed on Monday.\n\nHe said progress was slow.\n"
	for _, q := range Extract(text, segment.Split(text)) {
		if q.Speaker == "LONDON" {
			t.Errorf("quote %q attributed to the dateline", text[q.Start:q.End])
		}
	}
}
