package index

import (
	"testing"

	"github.com/sanc-news/sanc/pkg/analyze"
	"github.com/sanc-news/sanc/pkg/corpus"
	"github.com/sanc-news/sanc/pkg/doc"
	"github.com/sanc-news/sanc/pkg/quotes"
)

func itemQuoting(id string, speakers ...string) *corpus.Item {
	a := &analyze.Article{Document: &doc.Document{ID: id, Text: "x", Raw: []byte("x")}}
	for _, s := range speakers {
		a.Quotes = append(a.Quotes, quotes.Quote{Start: 0, End: 1, Kind: "direct", Speaker: s, Mention: s, SpeakerStart: -1, SpeakerEnd: -1})
	}
	return &corpus.Item{Article: a}
}

func TestSurnameAcrossDocuments(t *testing.T) {
	ix := New([]*corpus.Item{
		itemQuoting("a", "Geng Shuang", "the US Treasury Department"),
		itemQuoting("b", "Geng", "Kim", "US"),
		itemQuoting("c", "Kim Jong Un", "Kim Yo Jong"),
	})
	tests := []struct {
		query string
		want  []string // speakers matched
		n     int      // quotations
	}{
		{"Geng Shuang", []string{"Geng Shuang"}, 2}, // "Geng" alone in b is the same man
		{"geng", []string{"Geng Shuang"}, 2},
		{"Kim", []string{"Kim", "Kim Jong Un", "Kim Yo Jong"}, 3}, // ambiguous: not merged
		{"US", []string{"US", "the US Treasury Department"}, 2},   // not a surname
	}
	for _, tt := range tests {
		recs, matched := ix.Quotes(QuoteFilter{Speaker: tt.query})
		if len(recs) != tt.n || !equal(matched, tt.want) {
			t.Errorf("--speaker %q: %d quotes by %q, want %d by %q", tt.query, len(recs), matched, tt.n, tt.want)
		}
	}
}

func equal(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
