package speakers

import (
	"reflect"
	"testing"

	"github.com/sanc-news/sanc/pkg/quotes"
)

func q(speaker, mention string) quotes.Quote {
	return quotes.Quote{Speaker: speaker, Mention: mention, SpeakerStart: -1, SpeakerEnd: -1}
}

func TestTokens(t *testing.T) {
	tests := []struct {
		in   string
		drop bool
		want []string
	}{
		{"Mr. Hwang", true, []string{"hwang"}},
		{"Mr. Hwang", false, []string{"mr", "hwang"}},
		{"Kim Jong-un", true, []string{"kim", "jong", "un"}},
		{"U.S. Treasury", true, []string{"us", "treasury"}},
		{"Ramírez", true, []string{"ramirez"}},
		{"O’Brien", true, []string{"o'brien"}},
		{"", true, []string{}},
	}
	for _, tt := range tests {
		if got := Tokens(tt.in, tt.drop); !reflect.DeepEqual(got, tt.want) && !(len(got) == 0 && len(tt.want) == 0) {
			t.Errorf("Tokens(%q, %v) = %q, want %q", tt.in, tt.drop, got, tt.want)
		}
	}
}

func TestBuildAndMatch(t *testing.T) {
	table := Build([][]quotes.Quote{
		{q("Geng Shuang", "Geng Shuang"), q("the US Treasury Department", "it")},
		{q("Geng", "Geng"), q("Kim", "Kim"), q("Geng", "he")},
		{q("Kim Jong Un", "Kim Jong Un"), q("Kim Yo Jong", "Ms. Kim"), q("", "")},
		{q("Democrats", "Democrats"), q("Joe Democrat", "Joe Democrat")},
	})
	if got := table.Canonical("Geng"); got != "Geng Shuang" {
		t.Errorf("Canonical(Geng) = %q: the surname names one person elsewhere", got)
	}
	if got := table.Canonical("Kim"); got != "Kim" {
		t.Errorf("Canonical(Kim) = %q: two full names end or begin with it", got)
	}
	if got := table.Canonical("Democrats"); got != "Democrats" {
		t.Errorf("Canonical(Democrats) = %q: a plural names a group", got)
	}
	tests := []struct {
		query string
		refs  []Ref
	}{
		{"Geng Shuang", []Ref{{0, 0}, {1, 0}, {1, 2}}},
		{"mr geng", []Ref{{0, 0}, {1, 0}, {1, 2}}},
		{"Kim", []Ref{{1, 1}, {2, 0}, {2, 1}}},
		{"treasury", []Ref{{0, 1}}},
		{"he", nil}, // pronouns name nobody
		{"Mr.", nil},
	}
	for _, tt := range tests {
		refs := table.Match(tt.query)
		want := map[Ref]bool{}
		for _, r := range tt.refs {
			want[r] = true
		}
		if !reflect.DeepEqual(refs, want) {
			t.Errorf("Match(%q) = %v, want %v", tt.query, refs, want)
		}
	}
	// A stored table, its names read for each query, answers the same.
	stored := Stored(table.Fuller, names(table.Names))
	for _, tt := range tests {
		if got, want := stored.Match(tt.query), table.Match(tt.query); !reflect.DeepEqual(got, want) {
			t.Errorf("stored Match(%q) = %v, want %v", tt.query, got, want)
		}
	}
	if got := stored.Canonical("Geng"); got != "Geng Shuang" {
		t.Errorf("stored Canonical(Geng) = %q", got)
	}
}

// names stands for a stored table's names.
type names []Name

func (s names) Scan(match func(key string) bool, use func(Ref)) {
	for _, n := range s {
		if match(n.Key) {
			for _, r := range n.Refs {
				use(r)
			}
		}
	}
}

// Names noted as articles are analysed and placed later, in another
// order, make the table Build makes; a noted article never placed adds
// nothing.
func TestNotedThenPlacedIsBuilt(t *testing.T) {
	docs := [][]quotes.Quote{
		{q("Geng Shuang", "Geng Shuang"), q("the US Treasury Department", "it")},
		{q("Geng", "Geng"), q("Kim", "Kim"), q("Geng", "he")},
		{q("Kim Jong Un", "Kim Jong Un"), q("Kim Yo Jong", "Ms. Kim"), q("", "")},
		{q("Li Li", "Li Li"), q("Li", "Mr. Li"), q("Geng", "Geng")},
	}
	want := Build(docs)
	var b builder
	unplaced := b.note([]quotes.Quote{q("Kim Il Sung", "Kim"), q("Ana Ruiz", "Ms. Ruiz")})
	said := make([][]noted, len(docs))
	for _, d := range []int{2, 0, 3, 1} {
		said[d] = b.note(docs[d])
	}
	for d := len(docs) - 1; d >= 0; d-- {
		b.place(d, said[d])
	}
	if len(unplaced) != 2 {
		t.Fatalf("note gave %v", unplaced)
	}
	got := b.table()
	if !reflect.DeepEqual(got.Fuller, want.Fuller) || len(got.Names) != len(want.Names) {
		t.Fatalf("table %+v, want %+v", got, want)
	}
	for i := range want.Names {
		g, w := got.Names[i], want.Names[i]
		if g.Text != w.Text || g.Mention != w.Mention || g.Key != w.Key || !reflect.DeepEqual(g.Refs, w.Refs) {
			t.Errorf("name %d: %+v, want %+v", i, g, w)
		}
	}
	if got.Canonical("Li") != "Li Li" {
		t.Errorf("Canonical(Li) = %q: one full name begins with it", got.Canonical("Li"))
	}
}
