package snapshot

import (
	"bytes"
	"cmp"
	"encoding/binary"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"reflect"

	"github.com/sanc-news/sanc/pkg/analyze"
	"github.com/sanc-news/sanc/pkg/doc"
	"github.com/sanc-news/sanc/pkg/grams"
	"github.com/sanc-news/sanc/pkg/library"
	"github.com/sanc-news/sanc/pkg/quotes"
	"github.com/sanc-news/sanc/pkg/speakers"
)

// The test binary is a Go executable like sanc: its build ID must be found,
// and must be what the go tool reports.
func TestVersionIsTheBuildID(t *testing.T) {
	v := Version()
	if v == unknown {
		t.Fatal("no build ID found in the test binary")
	}
	exe, _ := os.Executable()
	out, err := exec.Command("go", "tool", "buildid", exe).Output()
	if err != nil {
		t.Skipf("go tool buildid: %v", err)
	}
	if want := strings.TrimSpace(string(out)); v != want {
		t.Errorf("Version() = %q, go tool buildid says %q", v, want)
	}
}

func article(t *testing.T, name, text string) *analyze.Article {
	t.Helper()
	a, err := analyze.Run(name, []byte(text), doc.Meta{Date: time.Date(2017, 8, 15, 0, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	return a
}

func fresh(t *testing.T, name, text string) *Doc {
	a := article(t, name, text)
	e := library.Entry{ID: a.ID, File: "packs/x.pack", Offset: 7, Source: name, Bytes: len(a.Raw),
		Added: time.Date(2024, 1, 2, 3, 4, 5, 6, time.UTC), Outlet: "O", Date: "2017-08-15"}
	return NewDoc(e, a, grams.Signature(a.Text))
}

var manifest = StampOf([]byte(`{"version":2,"entries":[]}`))

func TestRoundTripKeepsRecordsNotText(t *testing.T) {
	dir := t.TempDir()
	a := fresh(t, "a.txt", "\"We will not bow,\" Ana Ruiz said on Thursday.\nRuiz added that talks were over.\n")
	b := fresh(t, "b.txt", "Talks resumed last month in Geneva, officials said.\n")
	c := fresh(t, "c.txt", "\"Prices will rise,\" Ana Ruiz said on Friday, March 3, 2017.\n")
	sigs := map[string][]byte{a.Entry.ID: a.Grams, b.Entry.ID: b.Grams, c.Entry.ID: c.Grams}
	// b and c wait for the index in scratch files, as in a large ingest,
	// stored in the reverse of the order queries list them.
	scratch := t.TempDir()
	spill, err := CreateSpill(scratch)
	if err != nil {
		t.Fatal(err)
	}
	spilled := []*Doc{b, c}
	slices.SortFunc(spilled, func(x, y *Doc) int { return strings.Compare(y.Entry.ID, x.Entry.ID) })
	for _, d := range spilled {
		if err := d.SpillTo(spill); err != nil || d.rec != nil || d.Grams != nil {
			t.Fatalf("spill: %v", err)
		}
	}
	if err := Save(dir, manifest, []*Doc{a, b, c}, nil); err != nil {
		t.Fatal(err)
	}
	spill.Remove()
	if left, _ := os.ReadDir(scratch); len(left) > 0 {
		t.Errorf("the spill left %d files", len(left))
	}
	x, isFresh, err := Open(dir, manifest)
	if err != nil || !isFresh {
		t.Fatalf("Open: fresh=%v %v", isFresh, err)
	}
	defer x.Close()
	xDocs := x.AllDocs()
	if len(xDocs) != 3 {
		t.Fatalf("%d documents back, want 3", len(xDocs))
	}
	if err := x.LoadSpans(); err != nil {
		t.Fatal(err)
	}
	byID := map[string]*Doc{a.Entry.ID: a, b.Entry.ID: b, c.Entry.ID: c}
	var inOrder [][]quotes.Quote
	for i, got := range xDocs {
		want := byID[got.Entry.ID]
		if want == nil {
			t.Fatalf("doc %d: unknown id %s", i, got.Entry.ID)
		}
		inOrder = append(inOrder, want.Article.Quotes)
		if !got.partial || got.Article.Title != "" {
			t.Errorf("doc %d: read whole; want the keys only until Complete", i)
		}
		if err := x.Complete(got); err != nil {
			t.Fatal(err)
		}
		if got.Entry != want.Entry || got.Quotes != want.Quotes || got.Events != want.Events {
			t.Errorf("doc %d: entry/counts\n got %+v %d %d\nwant %+v %d %d", i, got.Entry, got.Quotes, got.Events, want.Entry, want.Quotes, want.Events)
		}
		if got.Article.Raw != nil || got.Article.Text != "" || got.Article.Paragraphs != nil {
			t.Errorf("doc %d: the text came back", i)
		}
		wd := *want.Article.Document
		wd.Raw, wd.Text = nil, ""
		gd := *got.Article.Document
		gd.Path = wd.Path // the caller sets it from the entry
		if !reflect.DeepEqual(gd, wd) {
			t.Errorf("doc %d: document\n got %+v\nwant %+v", i, gd, wd)
		}
		qs, ts, err := x.Records(got, AllParts)
		if err != nil || !reflect.DeepEqual(qs, want.Article.Quotes) || !reflect.DeepEqual(ts, want.Article.Times) {
			t.Errorf("doc %d: records changed in the round trip (%v)\n got %+v %+v\nwant %+v %+v", i, err, qs, ts, want.Article.Quotes, want.Article.Times)
		}
		if spans, ok := x.Spans(i); !ok || !reflect.DeepEqual(spans, want.Spans) {
			t.Errorf("doc %d: calendar ranges %v, want %v", i, spans, want.Spans)
		}
	}
	if len(c.Spans) == 0 || len(c.Article.Quotes) == 0 {
		t.Fatal("the test wants dates and speakers in a spilled article")
	}
	names, err := x.Speakers()
	if err != nil {
		t.Fatalf("speakers table: %v", err)
	}
	sameAnswers(t, names, speakers.Build(inOrder))
	if err := x.Grams(); err != nil {
		t.Errorf("signatures: %v", err)
	}
	for i := range x.Len() {
		if !bytes.Equal(x.Signature(i), sigs[x.Key(i).ID]) {
			t.Errorf("doc %d: signature changed", i)
		}
	}
	if a.Article.Raw == nil || a.Article.Text == "" {
		t.Error("Save stripped the caller's articles")
	}

	// Another manifest: the index is stale, but still gives its records to
	// rebuild from; a new index keeps them byte for byte.
	other := StampOf([]byte(`{"version":2,"entries":[{}]}`))
	x2, isFresh, err := Open(dir, other)
	if err != nil || isFresh {
		t.Fatalf("stale index: fresh=%v %v", isFresh, err)
	}
	d := fresh(t, "d.txt", "Officials met on Friday.\n")
	var kept *Doc
	for i := range x2.Len() {
		if x2.Key(i).ID == b.Entry.ID {
			kept = x2.Doc(i)
		}
	}
	if err := Save(dir, other, []*Doc{kept, d}, x2); err != nil {
		t.Fatal(err)
	}
	x2.Close()
	x3, isFresh, err := Open(dir, other)
	if err != nil || !isFresh || x3.Len() != 2 {
		t.Fatalf("rebuilt: fresh=%v %v", isFresh, err)
	}
	defer x3.Close()
	got := x3.Doc(0)
	if got.Entry.ID != b.Entry.ID {
		got = x3.Doc(1)
	}
	if err := x3.Complete(got); err != nil {
		t.Fatal(err)
	}
	qs, ts, err := x3.Records(got, AllParts)
	if err != nil || !reflect.DeepEqual(qs, b.Article.Quotes) || !reflect.DeepEqual(ts, b.Article.Times) || got.Entry != b.Entry {
		t.Errorf("kept document changed: %v", err)
	}
}

func TestDamagedIndexIsRefused(t *testing.T) {
	dir := t.TempDir()
	a := fresh(t, "a.txt", "\"We will not bow,\" Ana Ruiz said on Monday.\n")
	if err := Save(dir, manifest, []*Doc{a}, nil); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, FileName)
	good, _ := os.ReadFile(path)
	cases := map[string][]byte{
		"truncated":  good[:len(good)-5],
		"empty":      {},
		"not ours":   []byte("hello world, this is not an index at all"),
		"bad header": flip(good, len(magic)+3),
	}
	// A flipped bit anywhere in the document table.
	body := bytes.LastIndex(good, []byte(a.Entry.ID)) // the key table is written last
	cases["bit flipped"] = flip(good, body+2)
	for name, data := range cases {
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
		if x, _, err := Open(dir, manifest); err == nil {
			t.Errorf("%s: Open accepted it (%d docs)", name, x.Len())
		}
	}
	if _, _, err := Open(t.TempDir(), manifest); err == nil {
		t.Error("a missing index opened")
	}
	// A damaged record is found when it is read.
	os.WriteFile(path, good, 0o644)
	x, _, err := Open(dir, manifest)
	if err != nil {
		t.Fatal(err)
	}
	rec := x.Doc(0).recOff + 6
	x.Close()
	os.WriteFile(path, flip(good, int(rec)), 0o644)
	x, _, err = Open(dir, manifest)
	if err != nil {
		t.Fatalf("records damaged, table whole: %v", err)
	}
	defer x.Close()
	if _, _, err := x.Records(x.Doc(0), AllParts); err == nil {
		t.Error("a damaged record was read")
	}
	// So is a damaged speakers table, wherever the damage is.
	sp := x.sections[secSpeakers]
	for _, at := range []int64{0, sp.len / 2, sp.len - 1} {
		os.WriteFile(path, flip(good, int(sp.off+at)), 0o644)
		x, _, err := Open(dir, manifest)
		if err != nil {
			t.Fatalf("speakers damaged, table whole: %v", err)
		}
		if _, err := x.Speakers(); err == nil {
			t.Errorf("a speakers table damaged at byte %d of %d was read", at, sp.len)
		}
		x.Close()
	}
}

func flip(b []byte, i int) []byte {
	c := append([]byte(nil), b...)
	c[i] ^= 0x40
	return c
}

// Whatever is in the file, opening and reading an index never panics: it
// opens whole or is refused.
func FuzzOpen(f *testing.F) {
	dir := f.TempDir()
	art, err := analyze.Run("a.txt", []byte("\"We will not bow,\" Ana Ruiz said on Monday.\n"), doc.Meta{})
	if err != nil {
		f.Fatal(err)
	}
	a := NewDoc(library.Entry{ID: art.ID, File: "packs/p.pack", Bytes: len(art.Raw)}, art, grams.Signature(art.Text))
	if err := Save(dir, manifest, []*Doc{a}, nil); err != nil {
		f.Fatal(err)
	}
	good, _ := os.ReadFile(filepath.Join(dir, FileName))
	f.Add(good, 0, byte(0))
	f.Add(good, len(good)/2, byte(0x55))
	f.Fuzz(func(t *testing.T, data []byte, at int, xor byte) {
		if len(data) > 0 {
			data = append([]byte(nil), data...)
			data[(at%len(data)+len(data))%len(data)] ^= xor
		}
		readAll(t, data)
	})
}

// A document table that is whole by its checksum but says nonsense (a bug,
// or a file made to look whole) never makes a reader panic either: every
// entry is checked where it is used.
func FuzzKeyTable(f *testing.F) {
	dir := f.TempDir()
	var docs []*Doc
	for i, text := range []string{
		"\"We will not bow,\" Ana Ruiz said on Monday.\nTalks resume next week.\n",
		"Officials met in Geneva on 3 May 2019, a spokesman said.\n",
	} {
		art, err := analyze.Run("a.txt", []byte(text), doc.Meta{Date: time.Date(2019, 5, 10+i, 0, 0, 0, 0, time.UTC)})
		if err != nil {
			f.Fatal(err)
		}
		docs = append(docs, NewDoc(library.Entry{ID: art.ID, File: "packs/p.pack", Offset: int64(100 * i), Bytes: len(art.Raw)}, art, grams.Signature(art.Text)))
	}
	if err := Save(dir, manifest, docs, nil); err != nil {
		f.Fatal(err)
	}
	good, _ := os.ReadFile(filepath.Join(dir, FileName))
	f.Add(0, uint64(0))
	f.Add(8+atRecOff, uint64(0x7ffffffffffffff0)) // a record offset near the largest int64
	f.Add(8+atMetaOff, uint64(1<<62))
	f.Fuzz(func(t *testing.T, at int, v uint64) {
		data := append([]byte(nil), good...)
		head := len(magic) + 2 + len(Version()) + 12 // the sections follow
		off := int(binary.LittleEndian.Uint64(data[head:]))
		n := int(binary.LittleEndian.Uint64(data[head+8:]))
		if n < 8 {
			t.Skip()
		}
		at = off + (at%n+n)%n
		var b [8]byte
		binary.LittleEndian.PutUint64(b[:], v)
		copy(data[at:min(at+8, off+n)], b[:])
		binary.LittleEndian.PutUint32(data[head+16:], checksum(data[off:off+n]))
		readAll(t, data)
	})
}

// sameAnswers checks that a stored speakers table answers every query as
// the table it stored: the words of each name, each whole name, and a
// query that names nobody.
func sameAnswers(t *testing.T, got, want *speakers.Table) {
	t.Helper()
	if !reflect.DeepEqual(got.Fuller, want.Fuller) {
		t.Errorf("surnames %v, want %v", got.Fuller, want.Fuller)
	}
	queries := []string{"Nobodyxyz"}
	for _, n := range want.Names {
		queries = append(queries, n.Text)
		queries = append(queries, strings.Fields(n.Key)...)
	}
	for _, q := range queries {
		if g, w := got.Match(q), want.Match(q); !reflect.DeepEqual(g, w) {
			t.Errorf("Match(%q) = %v, want %v", q, g, w)
		}
		if g, w := got.Canonical(q), want.Canonical(q); g != w {
			t.Errorf("Canonical(%q) = %q, want %q", q, g, w)
		}
	}
}

// A speakers section is read back as it was written, and one that does
// not read as written (a bug, or damage its checksum missed) is refused.
func TestSpeakersSection(t *testing.T) {
	said := func(speaker, mention string) quotes.Quote {
		return quotes.Quote{Speaker: speaker, Mention: mention, SpeakerStart: -1, SpeakerEnd: -1}
	}
	docs := [][]quotes.Quote{
		{said("Geng Shuang", "Geng Shuang"), said("Ana Ruiz", "Ms. Ruiz")},
		{said("Geng", "Geng"), said("Kim", "he")},
		{said("Kim Jong Un", "Kim Jong Un"), said("Ruiz", "Ruiz"), said("the Treasury", "it")},
	}
	table := speakers.Build(docs)
	good := speakersSection(docs)
	for range 10 { // the surnames come from a map
		if !bytes.Equal(speakersSection(docs), good) {
			t.Fatal("the same table was written two ways")
		}
	}
	surnames := binary.AppendVarint(nil, 1) // one surname, then its full name
	surnames = append(binary.AppendVarint(surnames, 4), "Geng"...)
	surnames = append(binary.AppendVarint(surnames, 11), "Geng Shuang"...)
	tests := []struct {
		name string
		body []byte
		want *speakers.Table // nil: refused
	}{
		{"as written", good, table},
		{"empty table", speakersSection(nil), &speakers.Table{Fuller: map[string]string{}}},
		{"surnames only", surnames, &speakers.Table{Fuller: map[string]string{"Geng": "Geng Shuang"}}},
		{"nothing", nil, nil},
		{"cut in a name", good[:len(good)-1], nil},
		{"cut in the surnames", surnames[:len(surnames)-3], nil},
		{"a key without references", append(slices.Clone(good), 2, 'a'), nil},
		{"a length past the end", append(slices.Clone(good), 0x7e, 0), nil},
		{"a negative length", append(slices.Clone(good), 1, 0), nil},
		{"more surnames than bytes", append(binary.AppendVarint(nil, 1000), surnames[1:]...), nil},
		{"an endless number", append(slices.Clone(good), bytes.Repeat([]byte{0xff}, 12)...), nil},
	}
	for _, tt := range tests {
		fuller, _, err := scanSpeakers(bytes.NewReader(tt.body), section{len: int64(len(tt.body))}, nil, nil)
		if (err == nil) != (tt.want != nil) {
			t.Errorf("%s: error %v", tt.name, err)
			continue
		}
		if tt.want != nil {
			sameAnswers(t, speakers.Stored(fuller, bodyNames(tt.body)), tt.want)
		}
	}
}

// speakersSection is the speakers section of articles with these
// quotations, in this order.
func speakersSection(docs [][]quotes.Quote) []byte {
	var b nameBook
	var said []placed
	for i, qs := range docs {
		said = append(said, placed{int32(i), b.note(qs)})
	}
	recs := b.records(said)
	return encodeSpeakers(keyed(recs), recs)
}

// bodyNames are the names of a speakers section held in memory.
type bodyNames []byte

func (b bodyNames) Scan(match func(string) bool, use func(speakers.Ref)) {
	_, _, _ = scanSpeakers(bytes.NewReader(b), section{len: int64(len(b))}, match, use)
}

// Whatever a speakers section holds, reading it never panics, and one
// that was checked reads the same way for a query.
func FuzzSpeakers(f *testing.F) {
	f.Add(speakersSection([][]quotes.Quote{
		{{Speaker: "Geng Shuang", Mention: "Geng Shuang"}, {Speaker: "Geng", Mention: "Mr. Geng"}},
	}))
	f.Add([]byte{})
	f.Fuzz(func(t *testing.T, body []byte) {
		_, _, checked := scanSpeakers(bytes.NewReader(body), section{len: int64(len(body))}, nil, nil)
		_, _, err := scanSpeakers(bytes.NewReader(body), section{len: int64(len(body))}, func(string) bool { return true }, func(speakers.Ref) {})
		if checked == nil && err != nil {
			t.Errorf("checked, then read for a query: %v", err)
		}
	})
}

// readAll opens an index file with these bytes, if it opens, reads
// everything in it every way a query can, and copies it as an ingest
// adding to it does.
func readAll(t *testing.T, data []byte) {
	d := t.TempDir()
	os.WriteFile(filepath.Join(d, FileName), data, 0o644)
	x, _, err := Open(d, manifest)
	if err != nil {
		return
	}
	defer x.Close()
	if names, err := x.Speakers(); err == nil {
		names.Match("Ruiz")
		names.Canonical("Ruiz")
	}
	x.Grams()
	x.EachSignature(func(int) bool { return true }, func(int, []byte) {})
	x.EachSpans(func(int, []analyze.Span) {})
	x.LoadSpans()
	all := x.AllDocs()
	x.Prefetch(all, new(Scratch))
	for i, doc := range all {
		x.Records(doc, AllParts)
		x.Complete(doc)
		x.Signature(i)
		x.Spans(i)
		x.Place(i)
		doc.Ranges()
	}
	x.LoadMeta()
	for i := range x.Len() {
		x.Complete(x.Doc(i))
	}
	Extend(t.TempDir(), manifest, x, nil)
}

func TestStampFile(t *testing.T) {
	p := filepath.Join(t.TempDir(), "manifest.json")
	data := bytes.Repeat([]byte(`{"id":"abc"}`), 100000)
	os.WriteFile(p, data, 0o644)
	got, err := StampFile(p)
	if err != nil || got != StampOf(data) {
		t.Errorf("StampFile = %+v, %v; want %+v", got, err, StampOf(data))
	}
	if _, err := StampFile(filepath.Join(t.TempDir(), "none")); err == nil {
		t.Error("a missing manifest stamped")
	}
}

// numberedDoc is article i of a test library, dated in the year 2000+i%20,
// stored in file with signature sig.
func numberedDoc(i int, file string, sig []byte) *Doc {
	id := fmt.Sprintf("%010x", i)
	a := &analyze.Article{Document: &doc.Document{ID: id, Date: time.Date(2000+i%20, 1, 1, 0, 0, 0, 0, time.UTC)}}
	return NewDoc(library.Entry{ID: id, File: file, Offset: int64(i), Bytes: 1}, a, sig)
}

// A large table reads back whole and in
// order.
func TestManyDocuments(t *testing.T) {
	dir := t.TempDir()
	const n = 10000
	docs := make([]*Doc, n)
	for i := range docs {
		docs[i] = numberedDoc(i, fmt.Sprintf("packs/%d.pack", i%3), nil)
	}
	if err := Save(dir, manifest, docs, nil); err != nil {
		t.Fatal(err)
	}
	x, fresh, err := Open(dir, manifest)
	if err != nil || !fresh || x.Len() != n {
		t.Fatalf("open: %v %v", err, fresh)
	}
	defer x.Close()
	seen := map[string]bool{}
	xDocs := x.AllDocs()
	for i, d := range xDocs {
		if i > 0 && compareDocs(xDocs[i-1].Article.Document, d.Article.Document) >= 0 {
			t.Fatalf("doc %d out of order", i)
		}
		var want int
		fmt.Sscanf(d.Entry.ID, "%x", &want)
		if seen[d.Entry.ID] || d.Entry.Offset != int64(want) || d.Entry.File != fmt.Sprintf("packs/%d.pack", want%3) {
			t.Fatalf("doc %d: %+v", i, d.Entry)
		}
		seen[d.Entry.ID] = true
	}
}

// countingReader counts the reads a ReadRanges makes.
type countingReader struct {
	data  []byte
	reads int
}

func (r *countingReader) ReadAt(p []byte, off int64) (int, error) {
	r.reads++
	if off+int64(len(p)) > int64(len(r.data)) {
		return copy(p, r.data[off:]), io.EOF
	}
	return copy(p, r.data[off:]), nil
}

// ReadRanges gives each range its bytes, reading neighbours together and
// far-apart (or out-of-order) ranges apart.
func TestReadRanges(t *testing.T) {
	data := make([]byte, 4<<20)
	for i := range data {
		data[i] = byte(i * 7)
	}
	tests := []struct {
		name   string
		ranges []Range
		reads  int
	}{
		{"neighbours", []Range{{0, 10}, {100, 20}, {5000, 30}}, 1},
		{"overlapping", []Range{{0, 100}, {50, 100}}, 1},
		{"far apart", []Range{{0, 10}, {1 << 20, 10}}, 2},
		{"out of order", []Range{{5000, 10}, {0, 10}}, 2},
		{"over a megabyte together", []Range{{0, 600 << 10}, {600 << 10, 600 << 10}}, 2},
		{"none", nil, 0},
	}
	for _, tt := range tests {
		r := &countingReader{data: data}
		got, err := ReadRanges(r, tt.ranges)
		if err != nil || r.reads != tt.reads || len(got) != len(tt.ranges) {
			t.Errorf("%s: %d reads, %v; want %d", tt.name, r.reads, err, tt.reads)
			continue
		}
		for i, rg := range tt.ranges {
			if !bytes.Equal(got[i], data[rg.Off:rg.Off+rg.Len]) {
				t.Errorf("%s: range %d read wrong", tt.name, i)
			}
		}
	}
	if _, err := ReadRanges(&countingReader{data: data[:10]}, []Range{{5, 10}}); err == nil {
		t.Error("a range past the end read")
	}
}

// A Scratch keeps what it gave until Reset, however it grows, and reads
// into the same memory after it.
func TestScratch(t *testing.T) {
	data := make([]byte, 4<<20)
	for i := range data {
		data[i] = byte(i * 13)
	}
	r := &countingReader{data: data}
	var s Scratch
	first, err := s.ReadRanges(r, []Range{{0, 100}, {2 << 20, 50}})
	if err != nil {
		t.Fatal(err)
	}
	more, err := s.ReadRanges(r, []Range{{1 << 20, 1 << 20}}) // grows it
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(first[0], data[:100]) || !bytes.Equal(first[1], data[2<<20:2<<20+50]) || !bytes.Equal(more[0], data[1<<20:2<<20]) {
		t.Fatal("bytes given before growing were overwritten")
	}
	s.Reset()
	again, err := s.ReadRanges(r, []Range{{3 << 20, 100}})
	if err != nil || !bytes.Equal(again[0], data[3<<20:3<<20+100]) {
		t.Fatalf("after Reset: %v", err)
	}
	if &again[0][0] != &more[0][0] {
		t.Error("after Reset the memory was not used again")
	}
}

// compareDocs is the order queries list documents in: by date to the
// second (undated last), then id.
func compareDocs(a, b *doc.Document) int {
	if a.Date.IsZero() != b.Date.IsZero() {
		if a.Date.IsZero() {
			return 1
		}
		return -1
	}
	if c := cmp.Compare(a.Date.Unix(), b.Date.Unix()); c != 0 {
		return c
	}
	return strings.Compare(a.ID, b.ID)
}
