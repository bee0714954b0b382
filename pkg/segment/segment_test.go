package segment

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"
)

func sentenceTexts(text string) []string {
	var out []string
	for _, p := range Split(text) {
		for _, s := range p.Sentences {
			out = append(out, text[s.Start:s.End])
		}
	}
	return out
}

func TestSentences(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want []string
	}{
		{"abbreviations", "The U.S. Treasury acted on Jan. 6 after Mr. Hwang spoke. He left.",
			[]string{"The U.S. Treasury acted on Jan. 6 after Mr. Hwang spoke.", "He left."}},
		{"acronym ends sentence", "Sanctions came from the U.S. The Chinese objected.",
			[]string{"Sanctions came from the U.S.", "The Chinese objected."}},
		{"initials", "Otto F. Warmbier and John F. Kennedy met. Then left.",
			[]string{"Otto F. Warmbier and John F. Kennedy met.", "Then left."}},
		{"quote closes sentence", "“China opposes it,” Geng said. “China upholds it.” Wang Sheng said no.",
			[]string{"“China opposes it,” Geng said.", "“China upholds it.”", "Wang Sheng said no."}},
		{"question inside quote", `"Why?" he asked. "Because."`,
			[]string{`"Why?" he asked.`, `"Because."`}},
		{"dateline parenthesis", "She responded on Wednesday (Dec. 2). The U.S. should act.",
			[]string{"She responded on Wednesday (Dec. 2).", "The U.S. should act."}},
		{"decimal", "A magnitude 6.1 earthquake. It hit.", []string{"A magnitude 6.1 earthquake.", "It hit."}},
		{"lines are paragraphs", "Headline here\nFirst para. Second.\n\nThird", []string{"Headline here", "First para.", "Second.", "Third"}},
		{"hard wrapped", "    CLEVELAND, Feb 26 - Standard Oil Co and BP North America\nInc said they plan to form a venture to manage the money market\nborrowing and investment activities of both companies.\n    BP North America is a subsidiary.",
			[]string{"CLEVELAND, Feb 26 - Standard Oil Co and BP North America\nInc said they plan to form a venture to manage the money market\nborrowing and investment activities of both companies.", "BP North America is a subsidiary."}},
		{"empty", "  \n\n ", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := sentenceTexts(tt.in)
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got  %q\nwant %q", got, tt.want)
			}
		})
	}
}

func FuzzSplit(f *testing.F) {
	for _, s := range []string{"Mr. A. B. said. “Q.” X", "a\n\n\nb.", "U.S. …", "\xff.\xfe A"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		last := 0
		for _, p := range Split(text) {
			if p.Start < last || p.End > len(text) || p.Start >= p.End {
				t.Fatalf("bad paragraph %v in %q", p.Span, text)
			}
			for _, s := range p.Sentences {
				if s.Start < p.Start || s.End > p.End || s.Start >= s.End || s.Start < last {
					t.Fatalf("bad sentence %v in paragraph %v of %q", s, p.Span, text)
				}
				last = s.End
			}
		}
	})
}

// BenchmarkSplit measures segmentation throughput on the seeds and, when
// present, real wire copy.
func BenchmarkSplit(b *testing.B) {
	var text strings.Builder
	for _, pattern := range []string{"../../seeds/*.txt", "../../../shared/corpora/reuters21578/reut-0*.txt"} {
		files, _ := filepath.Glob(pattern)
		for i, f := range files {
			if i == 2000 {
				break
			}
			data, err := os.ReadFile(f)
			if err == nil {
				text.Write(data)
				text.WriteString("\n\n")
			}
		}
	}
	s := text.String()
	b.SetBytes(int64(len(s)))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		Split(s)
	}
}

func TestLongSentencesAreCut(t *testing.T) {
	text := strings.Repeat("word ", 3000) + "end. Next one."
	var lens []int
	for _, p := range Split(text) {
		for _, s := range p.Sentences {
			if s.Len() > MaxSentence {
				t.Errorf("sentence of %d bytes", s.Len())
			}
			if text[s.Start] == ' ' || text[s.End-1] == ' ' {
				t.Errorf("cut inside white space: %d-%d", s.Start, s.End)
			}
			lens = append(lens, s.Len())
		}
	}
	if len(lens) != 5 || text[len(text)-len("Next one."):] != "Next one." {
		t.Errorf("sentences: %v", lens)
	}
	// No white space at all: cut at a character boundary.
	blob := strings.Repeat("é", 5000)
	for _, p := range Split(blob) {
		for _, s := range p.Sentences {
			if !utf8.ValidString(blob[s.Start:s.End]) || s.Len() > MaxSentence {
				t.Errorf("bad cut %d-%d", s.Start, s.End)
			}
		}
	}
}
