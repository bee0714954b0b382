package corpus

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/sanc-news/sanc/pkg/doc"
	"github.com/sanc-news/sanc/pkg/library"
	"github.com/sanc-news/sanc/pkg/snapshot"
	"github.com/sanc-news/sanc/pkg/source"
)

const art = "Harbor Budget Passes\n\nThe city council approved a new harbor budget on Wednesday after a long debate that ran past midnight.\n"

func TestFromFiles(t *testing.T) {
	dir := t.TempDir()
	a := filepath.Join(dir, "a.txt")
	if err := os.WriteFile(a, []byte(art), 0o644); err != nil {
		t.Fatal(err)
	}
	files := []source.File{
		{Path: a, Data: []byte(art)},
		{Path: filepath.Join(dir, "copy.txt"), Data: []byte(art)}, // same article, other name
		{Path: "empty.txt", Data: []byte{}},
		{Path: "gone.txt", Err: errors.New("no such file or folder")},
		{Path: source.Stdin, Data: []byte("Other Story\n\nSomething else happened on Thursday in the port, officials said.\n")},
	}
	c := FromFiles(files, doc.Meta{Outlet: "Flag Outlet"}, nil)
	if c.Kind != Files {
		t.Errorf("Kind = %s", c.Kind)
	}
	its := c.All()
	if len(its) != 2 || its[0].Path != a || its[1].Path != source.Stdin {
		t.Fatalf("items: %d", len(its))
	}
	if its[0].Outlet != "Flag Outlet" || its[0].Title != "Harbor Budget Passes" {
		t.Errorf("meta not applied: %q %q", its[0].Outlet, its[0].Title)
	}
	if its[0].Added.IsZero() || !its[1].Added.IsZero() {
		t.Errorf("Added: file %v, stdin %v", its[0].Added, its[1].Added)
	}
	probs := map[string]Problem{}
	for _, p := range c.Problems {
		probs[p.Path] = p
	}
	if len(c.Problems) != 2 || !errors.Is(probs["empty.txt"].Err, doc.ErrRefused) || probs["gone.txt"].Err == nil {
		t.Errorf("problems: %v", c.Problems)
	}
	if got := probs["empty.txt"].Error(); !strings.HasPrefix(got, "empty.txt: ") || !strings.Contains(got, "empty file") {
		t.Errorf("Problem.Error = %q", got)
	}
}

func TestLoad(t *testing.T) {
	// No paths, no library: the seeds.
	c, err := Load(Spec{})
	if err != nil || c.Kind != Seeds || len(c.All()) == 0 || len(c.Problems) != 0 {
		t.Fatalf("seeds: %v %+v", err, c)
	}
	for _, it := range c.All() {
		if !strings.HasPrefix(it.Path, "seeds/") || it.Title == "" || len(it.Text) != len(it.Raw) {
			t.Errorf("seed item %s: %q", it.Path, it.Title)
		}
	}
	// An empty library also gives the seeds.
	lib := library.Open(filepath.Join(t.TempDir(), "lib"))
	if c, err := Load(Spec{Library: lib}); err != nil || c.Kind != Seeds {
		t.Errorf("empty library: %v %v", err, c.Kind)
	}
	// A library with articles.
	data := []byte(art)
	added := time.Date(2024, 1, 2, 3, 4, 5, 0, time.UTC)
	if _, err := lib.Add([]library.NewArticle{{ID: doc.ContentID(data), Source: "in/a.txt", Data: data,
		Meta: library.Entry{Outlet: "Lib Outlet", Date: "2019-05-02"}}}, added); err != nil {
		t.Fatal(err)
	}
	c, err = Load(Spec{Library: lib})
	if err != nil || c.Kind != Library || len(c.All()) != 1 {
		t.Fatalf("library: %v %+v", err, c)
	}
	if !c.Ordered() {
		t.Error("the library was not read through an index: the query wrote none")
	}
	it := c.All()[0]
	it.Complete()
	if it.Outlet != "Lib Outlet" || it.Date.Format("2006-01-02") != "2019-05-02" || it.DateSource != doc.DateFlag ||
		!it.Added.Equal(added) || it.Source != "in/a.txt" || !strings.Contains(c.Label, lib.Dir) {
		t.Errorf("library item: %q %v %s %v %q %q", it.Outlet, it.Date, it.DateSource, it.Added, it.Source, c.Label)
	}
	// A stored file that went missing is a problem, not a failure.
	es, _ := lib.Entries()
	os.Remove(lib.Path(es[0]))
	c, err = Load(Spec{Library: lib})
	if err != nil || len(c.All()) != 0 || len(c.Problems) != 1 {
		t.Errorf("missing stored file: %v %+v", err, c)
	}
	// A damaged library is an error.
	os.WriteFile(filepath.Join(lib.Dir, "manifest.json"), []byte("{"), 0o644)
	if _, err := Load(Spec{Library: lib}); err == nil {
		t.Error("damaged library loaded")
	}
	// Paths win over the library.
	p := filepath.Join(t.TempDir(), "x.txt")
	os.WriteFile(p, data, 0o644)
	c, err = Load(Spec{Paths: []string{p, "-"}, Library: lib, Stdin: strings.NewReader("")})
	if err != nil || c.Kind != Files || len(c.All()) != 1 || len(c.Problems) != 1 {
		t.Errorf("paths: %v %+v", err, c)
	}
}

// Ingest keeps the library's index fresh across runs, duplicates and a lost
// index: a query then opens it rather than analyse anything.
func TestIngestKeepsTheIndexFresh(t *testing.T) {
	lib := library.Open(filepath.Join(t.TempDir(), "lib"))
	texts := map[string]string{
		"a.txt": "Port Talks\n\n\"We will not bow,\" Ana Ruiz said on Monday.\n",
		"b.txt": "Budget Vote\n\nThe council voted on Tuesday, Mayor Li Wei said.\n",
		"c.txt": "Harbor News\n\n\"Ships are waiting,\" Ruiz added on Friday.\n",
	}
	dir := t.TempDir()
	for name, text := range texts {
		os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644)
	}
	ingest := func(names ...string) []string {
		t.Helper()
		var paths []string
		for _, n := range names {
			paths = append(paths, filepath.Join(dir, n))
		}
		src := source.Options{Later: true}
		_, status, finish, err := Ingest(IngestSpec{Library: lib, Files: source.Collect(paths, src), Source: src, Now: time.Now()})
		if indexErr := finish(); err != nil || indexErr != nil {
			t.Fatalf("ingest %v: %v, index: %v", names, err, indexErr)
		}
		return status
	}
	fresh := func(n int) *Corpus {
		t.Helper()
		c, err := Load(Spec{Library: lib})
		if err != nil || c.store == nil || len(c.All()) != n || len(c.Problems) != 0 {
			t.Fatalf("load: %v, fresh index %v, %d items, problems %v", err, c.store != nil, len(c.All()), c.Problems)
		}
		return c
	}
	ingest("a.txt", "b.txt")
	fresh(2)
	os.Remove(filepath.Join(lib.Dir, snapshot.FileName))
	if st := ingest("b.txt", "c.txt"); strings.Join(st, " ") != "duplicate added" {
		t.Errorf("status %v", st)
	}
	c := fresh(3)
	table := c.Speakers()
	refs := table.Match("Ruiz")
	if len(refs) != 2 || table.Canonical("Ruiz") != "Ana Ruiz" {
		t.Errorf("Ruiz across articles: %v, canonical %q", refs, table.Canonical("Ruiz"))
	}
	for _, it := range c.All() {
		if len(it.QuoteList()) == 0 || it.LoadRaw() != nil || !strings.Contains(string(it.Raw), it.Title) {
			t.Errorf("%s: records or words lost", it.ID)
		}
	}
}

// An ingest into a library with a fresh index adds its articles to that
// index: every query then answers as after one ingest of them all. An index
// damaged anywhere is not added to but rebuilt.
func TestIngestExtendsTheIndex(t *testing.T) {
	texts := map[string]string{
		"a.txt": "Port Talks\n\n\"We will not bow,\" Ana Ruiz said on Monday, March 2, 1987.\n",
		"b.txt": "Budget Vote\n\nThe council voted on Tuesday, March 10, 1987, Mayor Li Wei said.\n",
		"c.txt": "Harbor News\n\n\"Ships are waiting,\" Ruiz added on Friday, Feb 27, 1987.\n",
		"d.txt": "Rates\n\n\"Not yet,\" Baker said. Rates rose in April 1987.\n",
		"e.txt": "Treasury\n\n\"We agree,\" James Baker said on Friday, March 6, 1987.\n",
		"f.txt": "Undated\n\n\"Later,\" Wei said.\n",
	}
	dir := t.TempDir()
	for name, text := range texts {
		os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644)
	}
	now := time.Date(2024, 1, 2, 3, 4, 5, 0, time.UTC)
	ingest := func(lib *library.Library, names ...string) {
		t.Helper()
		var paths []string
		for _, n := range names {
			paths = append(paths, filepath.Join(dir, n))
		}
		src := source.Options{Later: true}
		_, _, finish, err := Ingest(IngestSpec{Library: lib, Files: source.Collect(paths, src), Source: src, Now: now})
		if indexErr := finish(); err != nil || indexErr != nil {
			t.Fatalf("ingest %v: %v, index: %v", names, err, indexErr)
		}
	}
	// view is what queries show of the library, less where its packs put
	// the articles.
	view := func(lib *library.Library) []string {
		t.Helper()
		c, err := Load(Spec{Library: lib})
		if err != nil || c.store == nil || len(c.Problems) != 0 {
			t.Fatalf("load: %v, fresh index %v, problems %v", err, c.store != nil, c.Problems)
		}
		var out []string
		for _, it := range c.All() {
			it.Complete()
			var said []string
			for _, q := range it.QuoteList() {
				said = append(said, fmt.Sprintf("%s %s %d-%d", q.Speaker, q.Mention, q.Start, q.End))
			}
			out = append(out, fmt.Sprintf("%s %s %s %s %q %d %v %x", it.ID, it.Date, it.Title, it.Source, said, len(it.TimeList()), it.Spans(), it.Grams))
		}
		names := c.Speakers()
		for _, q := range []string{"Ruiz", "Ana Ruiz", "Baker", "James Baker", "Wei", "Li Wei"} {
			var refs []string
			for r := range names.Match(q) {
				refs = append(refs, fmt.Sprintf("%s#%d", c.Key(int(r.Doc)).ID, r.Quote))
			}
			slices.Sort(refs)
			out = append(out, fmt.Sprintf("%s: %v, %s", q, refs, names.Canonical(q)))
		}
		return out
	}
	tests := []struct {
		name string
		runs [][]string
		flip float64 // where to damage the index after the first run (0: not)
	}{
		{"two runs", [][]string{{"a.txt", "b.txt", "d.txt"}, {"c.txt", "e.txt", "f.txt"}}, 0},
		{"duplicates", [][]string{{"a.txt", "b.txt"}, {"b.txt", "c.txt"}, {"c.txt", "d.txt", "e.txt", "f.txt"}}, 0},
		{"one at a time", [][]string{{"e.txt"}, {"d.txt"}, {"c.txt"}, {"b.txt"}, {"a.txt"}, {"f.txt"}}, 0},
		{"damaged early", [][]string{{"a.txt", "b.txt", "c.txt"}, {"d.txt", "e.txt", "f.txt"}}, 0.1},
		{"damaged midway", [][]string{{"a.txt", "b.txt", "c.txt"}, {"d.txt", "e.txt", "f.txt"}}, 0.5},
		{"damaged late", [][]string{{"a.txt", "b.txt", "c.txt"}, {"d.txt", "e.txt", "f.txt"}}, 0.8},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			inc := library.Open(filepath.Join(t.TempDir(), "inc"))
			var all []string
			for i, run := range tt.runs {
				ingest(inc, run...)
				all = append(all, run...)
				if i == 0 && tt.flip > 0 {
					p := filepath.Join(inc.Dir, snapshot.FileName)
					b, _ := os.ReadFile(p)
					b[int(tt.flip*float64(len(b)))] ^= 0x40
					os.WriteFile(p, b, 0o644)
				}
			}
			oneGo := library.Open(filepath.Join(t.TempDir(), "one"))
			ingest(oneGo, all...)
			got, want := view(inc), view(oneGo)
			if !slices.Equal(got, want) {
				t.Errorf("after %d runs:\n%s\nin one go:\n%s", len(tt.runs), strings.Join(got, "\n"), strings.Join(want, "\n"))
			}
		})
	}
}

// A query that finds no usable index writes one, a batch at a time, and
// reads through it; when an ingest holds the library it analyses the
// articles itself, and answers the same.
func TestQueryRebuildsTheIndex(t *testing.T) {
	dir := t.TempDir()
	var paths []string
	for i := range 30 {
		p := filepath.Join(dir, fmt.Sprintf("a%02d.txt", i))
		os.WriteFile(p, []byte(fmt.Sprintf("Report %d\n\n\"We met on Monday,\" Ana Ruiz said of case %d.\n", i, i)), 0o644)
		paths = append(paths, p)
	}
	lib := library.Open(filepath.Join(t.TempDir(), "lib"))
	src := source.Options{Later: true}
	_, _, finish, err := Ingest(IngestSpec{Library: lib, Files: source.Collect(paths, src), Source: src, Now: time.Now()})
	if indexErr := finish(); err != nil || indexErr != nil {
		t.Fatalf("ingest: %v, index: %v", err, indexErr)
	}
	os.Remove(filepath.Join(lib.Dir, snapshot.FileName)) // as an upgrade makes it stale
	var busy *Corpus
	if _, err := lib.Locked(true, func() (err error) {
		busy, err = Load(Spec{Library: lib})
		return err
	}); err != nil || busy.Ordered() || len(busy.All()) != len(paths) {
		t.Fatalf("library busy: %v, through an index %v", err, busy != nil && busy.Ordered())
	}
	var notices []string
	c, err := Load(Spec{Library: lib, Notice: func(msg string) { notices = append(notices, msg) }})
	if err != nil || !c.Ordered() || c.Len() != len(paths) {
		t.Fatalf("library free: %v, through an index %v", err, c != nil && c.Ordered())
	}
	if len(notices) != 1 || !strings.Contains(notices[0], "rebuilding") {
		t.Errorf("notices %q, want one that the index is rebuilt", notices)
	}
	if _, err := Load(Spec{Library: lib, Notice: func(msg string) { t.Errorf("notice once rebuilt: %s", msg) }}); err != nil {
		t.Fatal(err)
	}
	for i := range c.Len() {
		if it := c.Item(i); len(it.QuoteList()) != 1 {
			t.Errorf("%s: %d quotations from the rebuilt index", it.ID, len(it.QuoteList()))
		}
	}
}
