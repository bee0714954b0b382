package index

import (
	"testing"
	"time"

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
	ix := New(corpus.Of(
		itemQuoting("a", "Geng Shuang", "the US Treasury Department"),
		itemQuoting("b", "Geng", "Kim", "US"),
		itemQuoting("c", "Kim Jong Un", "Kim Yo Jong"),
	))
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

func TestHistogram(t *testing.T) {
	rec := func(from, to string) EventRecord {
		f, _ := time.Parse("2006-01-02", from)
		e, _ := time.Parse("2006-01-02", to)
		return EventRecord{Dated: true, from: f.Unix(), to: e.Unix()}
	}
	histogram := func(recs ...EventRecord) (string, []Bucket) {
		var h histogram
		for _, r := range recs {
			h.add(r)
		}
		return h.buckets()
	}
	unit, b := histogram(rec("2006-01-01", "2007-01-01"), rec("2009-03-02", "2009-03-03"), EventRecord{Dated: false})
	if unit != "year" || len(b) != 4 || b[0] != (Bucket{"2006", 1}) || b[1].Count != 0 || b[3] != (Bucket{"2009", 1}) {
		t.Errorf("yearly: %s %+v", unit, b)
	}
	unit, b = histogram(rec("2019-01-01", "2020-01-01"), rec("2019-12-01", "2020-01-01"), rec("2020-02-05", "2020-02-06"))
	if unit != "month" || len(b) != 3 || b[0] != (Bucket{"2019-12", 1}) || b[2] != (Bucket{"2020-02", 1}) {
		t.Errorf("monthly (the year-long entry left out): %s %+v", unit, b)
	}
	if unit, b := histogram(); unit != "" || b != nil {
		t.Errorf("empty: %s %+v", unit, b)
	}
}
