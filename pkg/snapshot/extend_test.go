package snapshot

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"testing"
	"time"

	"github.com/sanc-news/sanc/pkg/analyze"
	"github.com/sanc-news/sanc/pkg/doc"
	"github.com/sanc-news/sanc/pkg/grams"
	"github.com/sanc-news/sanc/pkg/library"
	"github.com/sanc-news/sanc/pkg/quotes"
	"github.com/sanc-news/sanc/pkg/speakers"
)

// art is an article of a test library: its text, and the date given for
// it (zero: none, so it is undated unless its text says).
type art struct {
	text string
	date time.Time
}

func day(d int) time.Time { return time.Date(2017, 8, d, 0, 0, 0, 0, time.UTC) }

// docsOf analyses the articles into fresh documents, stored in pack at
// offsets 0, 100, ... in turn.
func docsOf(t *testing.T, pack string, arts []art) []*Doc {
	t.Helper()
	var docs []*Doc
	for i, x := range arts {
		a, err := analyze.Run(fmt.Sprintf("%s-%d.txt", pack, i), []byte(x.text), doc.Meta{Date: x.date})
		if err != nil {
			t.Fatal(err)
		}
		e := library.Entry{ID: a.ID, File: "packs/" + pack, Offset: int64(100 * i), Bytes: len(a.Raw), Source: fmt.Sprintf("in/%s-%d.txt", pack, i),
			Added: time.Date(2024, 1, 2, 3, 4, i, 0, time.UTC), Title: "T" + pack}
		docs = append(docs, NewDoc(e, a, grams.Signature(a.Text)))
	}
	return docs
}

// spilled spills the documents as an ingest does.
func spilled(t *testing.T, docs []*Doc) []*Doc {
	t.Helper()
	s, err := CreateSpill(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(s.Remove)
	for _, d := range docs {
		if err := d.SpillTo(s); err != nil {
			t.Fatal(err)
		}
	}
	return docs
}

func openFresh(t *testing.T, dir string, stamp Stamp) *Index {
	t.Helper()
	x, fresh, err := Open(dir, stamp)
	if err != nil || !fresh {
		t.Fatalf("open %s: fresh %v, %v", dir, fresh, err)
	}
	t.Cleanup(func() { x.Close() })
	return x
}

// sameIndex checks that two indexes answer every query alike.
func sameIndex(t *testing.T, got, want *Index) {
	t.Helper()
	if got.Len() != want.Len() {
		t.Fatalf("%d documents, want %d", got.Len(), want.Len())
	}
	for _, x := range []*Index{got, want} {
		if err := x.LoadSpans(); err != nil {
			t.Fatal(err)
		}
		if err := x.Grams(); err != nil {
			t.Fatal(err)
		}
	}
	var said [][]quotes.Quote
	for i := range want.Len() {
		g, w := got.Doc(i), want.Doc(i)
		if err := got.Complete(g); err != nil {
			t.Fatalf("doc %d: %v", i, err)
		}
		if err := want.Complete(w); err != nil {
			t.Fatal(err)
		}
		gf, goff, gn := got.Place(i)
		wf, woff, wn := want.Place(i)
		if g.Entry != w.Entry || !reflect.DeepEqual(g.Article, w.Article) || g.Quotes != w.Quotes || g.Events != w.Events ||
			gf != wf || goff != woff || gn != wn {
			t.Errorf("doc %d: %+v\nwant %+v", i, g.Entry, w.Entry)
		}
		gq, gt, gerr := got.Records(g, AllParts)
		wq, wt, _ := want.Records(w, AllParts)
		if gerr != nil || !reflect.DeepEqual(gq, wq) || !reflect.DeepEqual(gt, wt) {
			t.Errorf("doc %d: records differ (%v)", i, gerr)
		}
		said = append(said, wq)
		gs, _ := got.Spans(i)
		ws, _ := want.Spans(i)
		if !reflect.DeepEqual(gs, ws) || !bytes.Equal(got.Signature(i), want.Signature(i)) {
			t.Errorf("doc %d: calendar ranges %v or signature differ, want %v", i, gs, ws)
		}
	}
	names, err := got.Speakers()
	if err != nil {
		t.Fatal(err)
	}
	sameAnswers(t, names, speakers.Build(said))
	// The packs each with the size its documents need.
	gn, gs := got.Packs()
	wn, ws := want.Packs()
	need := map[string]int64{}
	for i, n := range wn {
		need[n] = ws[i]
	}
	for i, n := range gn {
		if need[n] != gs[i] {
			t.Errorf("pack %s needs %d, want %d", n, gs[i], need[n])
		}
	}
	if len(gn) != len(wn) {
		t.Errorf("packs %v, want %v", gn, wn)
	}
}

// An index extended with an ingest's articles answers every query as an
// index of them all written in one go.
func TestExtendIsSaveInOneGo(t *testing.T) {
	said := func(who, what string) string { return fmt.Sprintf("%q %s said on Monday.\n", what+",", who) }
	tests := []struct {
		name     string
		old, add []art
	}{
		{"after the others", []art{{said("Ana Ruiz", "We will not bow"), day(1)}, {"Talks resumed in Geneva.\n", day(2)}},
			[]art{{said("Ruiz", "Ships are waiting"), day(9)}}},
		{"before, between and undated", []art{{said("Ana Ruiz", "No"), day(3)}, {said("Li Wei", "Yes"), day(5)}, {"Officials met.\n", day(7)}},
			[]art{{said("Wei", "Maybe"), day(1)}, {"Prices rose on Friday, March 3, 2017.\n", day(4)}, {said("Kim", "Later"), time.Time{}}, {said("Tom Lee", "Soon"), day(7)}}},
		{"a surname finds its full name", []art{{said("Baker", "We agree"), day(2)}, {said("Baker", "Again"), day(4)}},
			[]art{{said("James Baker", "Not yet"), day(3)}}},
		{"a surname made ambiguous", []art{{said("Baker", "We agree"), day(2)}, {said("James Baker", "Not yet"), day(3)}},
			[]art{{said("Susan Baker", "Perhaps"), day(1)}, {said("Baker", "Again"), day(6)}}},
		{"nothing added", []art{{said("Ana Ruiz", "No"), day(3)}}, nil},
	}
	before, after := StampOf([]byte("before")), StampOf([]byte("after"))
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir, oneGo := t.TempDir(), t.TempDir()
			if err := Save(dir, before, spilled(t, docsOf(t, "old", tt.old)), nil); err != nil {
				t.Fatal(err)
			}
			if err := Extend(dir, after, openFresh(t, dir, before), spilled(t, docsOf(t, "new", tt.add))); err != nil {
				t.Fatal(err)
			}
			if err := Save(oneGo, after, append(docsOf(t, "old", tt.old), docsOf(t, "new", tt.add)...), nil); err != nil {
				t.Fatal(err)
			}
			sameIndex(t, openFresh(t, dir, after), openFresh(t, oneGo, after))
		})
	}
}

// Extend copies an older index only once every part of it is checked: a
// damaged one, wherever the damage is, gives an error and leaves the index
// as it was, for the caller to rebuild without it.
func TestExtendRefusesDamagedIndex(t *testing.T) {
	before, after := StampOf([]byte("before")), StampOf([]byte("after"))
	dir := t.TempDir()
	old := []art{{"\"No,\" Ana Ruiz said on Monday.\n", day(1)}, {"Prices rose on Friday, March 3, 2017.\n", day(2)}}
	if err := Save(dir, before, docsOf(t, "old", old), nil); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, FileName)
	good, _ := os.ReadFile(path)
	x := openFresh(t, dir, before)
	for _, sec := range []struct {
		name string
		at   int
	}{{"records", secRecords}, {"metadata", secMeta}, {"signatures", secGrams}, {"calendar ranges", secSpans}, {"speakers", secSpeakers}} {
		s := x.sections[sec.at]
		for _, at := range []int64{0, s.len - 1} {
			bad := flip(good, int(s.off+at))
			os.WriteFile(path, bad, 0o644)
			damaged := openFresh(t, dir, before)
			add := spilled(t, docsOf(t, "new", []art{{"\"Yes,\" Li Wei said.\n", day(3)}}))
			if err := Extend(dir, after, damaged, add); err == nil {
				t.Errorf("%s damaged at byte %d: extended", sec.name, at)
			}
			if now, _ := os.ReadFile(path); !bytes.Equal(now, bad) {
				t.Errorf("%s damaged: the index was replaced", sec.name)
			}
		}
	}
}
