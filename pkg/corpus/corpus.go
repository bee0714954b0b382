// Package corpus assembles the articles a command works on: the files the
// user names (ad hoc, in memory), else the user's library once it holds
// articles, else the seed articles embedded in the binary.
package corpus

import (
	"bytes"
	"cmp"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"runtime"
	"slices"
	"sort"
	"sync"
	"sync/atomic"
	"time"

	"github.com/sanc-news/sanc/pkg/analyze"
	"github.com/sanc-news/sanc/pkg/doc"
	"github.com/sanc-news/sanc/pkg/grams"
	"github.com/sanc-news/sanc/pkg/library"
	"github.com/sanc-news/sanc/pkg/quotes"
	"github.com/sanc-news/sanc/pkg/snapshot"
	"github.com/sanc-news/sanc/pkg/source"
	"github.com/sanc-news/sanc/pkg/speakers"
	"github.com/sanc-news/sanc/pkg/timex"
	"github.com/sanc-news/sanc/seeds"
)

// Kind says where the articles came from.
type Kind string

// The corpora.
const (
	Seeds   Kind = "seeds"
	Files   Kind = "files"
	Library Kind = "library"
)

// Item is one analysed article and when it entered the corpus (the library's
// ingest time, a file's modification time; zero for the seeds).
type Item struct {
	*analyze.Article
	Ord    int // position in the corpus (Corpus.Item)
	Added  time.Time
	Source string // where it was ingested from, for library articles
	// Base is where the article's bytes start in the file at Path (a
	// library pack holds many articles): record offsets are Base plus the
	// offset in the article.
	Base    int64
	NQuotes int // quotations
	NEvents int // dated expressions (dates and times)
	Grams   []byte

	meta       *doc.Meta     // given on the command line: needed to read the text again
	pending    *snapshot.Doc // ingested in this run, for the index
	entry      *library.Entry
	store      *snapshot.Index
	stored     *snapshot.Doc
	quotesRead sync.Once
	timesRead  sync.Once
	complete   sync.Once
	reread     sync.Once
	rereadErr  error
}

// At turns an offset in the article into an offset in the file at Path,
// which records carry.
func (it *Item) At(off int) int { return int(it.Base) + off }

func newItem(a *analyze.Article, added time.Time, source string, meta doc.Meta) *Item {
	it := &Item{Article: a, Added: added, Source: source, NQuotes: len(a.Quotes)}
	if meta != (doc.Meta{}) {
		it.meta = &meta
	}
	it.NEvents = analyze.Dated(a.Times)
	return it
}

// QuoteList gives the article's quotations, read from the library's index
// the first time they are needed.
func (it *Item) QuoteList() []quotes.Quote {
	if it.store != nil {
		it.quotesRead.Do(func() {
			// A damaged record loses that article's records, not the query.
			it.Quotes, _, _ = it.store.Records(it.stored, snapshot.QuotesPart)
		})
	}
	return it.Quotes
}

// TimeList gives the article's temporal expressions, read like QuoteList.
func (it *Item) TimeList() []timex.Expr {
	if it.store != nil {
		it.timesRead.Do(func() {
			_, it.Times, _ = it.store.Records(it.stored, snapshot.TimesPart)
		})
	}
	return it.Times
}

// Complete makes sure the article's metadata is all there: an article
// from a library index comes with its keys only (id, dates, counts, where
// it is stored) until a query shows it. A damaged record leaves the rest
// empty rather than failing the query.
func (it *Item) Complete() {
	if it.store == nil {
		return
	}
	it.complete.Do(func() {
		if it.store.Complete(it.stored) == nil {
			it.Source = it.stored.Entry.Source
		}
	})
}

// LoadMeta reads the metadata of every library article at once, for a
// query that shows most of them: each one's Complete then reads nothing.
func (c *Corpus) LoadMeta() {
	if c.store != nil {
		_ = c.store.LoadMeta() // unreadable: each article reads its own
	}
}

// Release forgets the words of a library article once a query has made
// its records (which hold copies): a query over the whole library need not
// hold the whole library. LoadRaw and LoadText read them again if needed.
// The caller must be the only one using the item.
func (it *Item) Release() {
	if it.entry == nil {
		return // analysed in this run: the words are not stored yet
	}
	it.Raw, it.Text, it.Paragraphs = nil, "", nil
	it.reread, it.rereadErr = sync.Once{}, nil
	if it.stored != nil {
		it.stored.Forget()
	}
}

// PeekRaw gives the file's bytes without keeping them or analysing them:
// a search can rule the article out before paying for its text.
func (it *Item) PeekRaw() ([]byte, error) {
	if it.Raw != nil {
		return it.Raw, nil
	}
	if it.entry != nil {
		return readEntry(it.Path, *it.entry)
	}
	return os.ReadFile(it.Path)
}

// LoadRaw makes sure the file's bytes are in memory: enough to show the
// words of a record whose spans are known.
func (it *Item) LoadRaw() error {
	if it.Raw != nil {
		return nil
	}
	raw, err := it.PeekRaw()
	if err != nil {
		return fmt.Errorf("%s: %w", it.Path, err)
	}
	it.Raw = raw
	return nil
}

// LoadText makes sure the article's text (Raw, Text, Paragraphs) is in
// memory. Articles loaded from a library index carry only their records
// until a query needs their words.
func (it *Item) LoadText() error {
	if it.Text != "" {
		return nil
	}
	it.Complete()
	it.reread.Do(func() {
		err := it.LoadRaw()
		var meta doc.Meta
		switch {
		case it.entry != nil:
			meta = entryMeta(*it.entry)
		case it.meta != nil:
			meta = *it.meta
		}
		if err == nil {
			err = it.Article.Reread(it.Raw, meta)
		}
		it.rereadErr = err
	})
	return it.rereadErr
}

// readEntry reads a stored article; the open pack files are shared, as one
// query reads many articles from few packs.
func readEntry(path string, e library.Entry) ([]byte, error) {
	f, err := packFile(path)
	if err != nil {
		return nil, err
	}
	return library.ReadAt(f, e)
}

func packFile(path string) (*os.File, error) {
	packs.Lock()
	defer packs.Unlock()
	f, ok := packs.open[path]
	if !ok {
		var err error
		if f, err = os.Open(path); err != nil {
			return nil, err
		}
		packs.open[path] = f
	}
	return f, nil
}

// prefetch reads the records and (words) the words of the library articles
// at these positions (ascending) with few reads, for a query about to show
// them: neighbours in a file are read together, into scratch. Release
// drops them; reset scratch only once the items are released and
// forgotten, and nothing made from their records shares its memory.
func (c *Corpus) prefetch(positions []int, o VisitOptions, scratch *snapshot.Scratch) {
	if c.store == nil {
		return
	}
	docs := make([]*snapshot.Doc, 0, len(positions))
	byPack := map[string][]*Item{}
	for _, pos := range positions {
		it := c.Item(pos)
		if it == nil {
			continue
		}
		docs = append(docs, it.stored)
		if o.Words && it.Raw == nil && it.entry != nil {
			byPack[it.Path] = append(byPack[it.Path], it)
		}
	}
	if o.Records {
		c.store.Prefetch(docs, scratch)
	}
	for path, its := range byPack {
		f, err := packFile(path)
		if err != nil {
			continue // each article says what failed when it reads
		}
		slices.SortFunc(its, func(a, b *Item) int { return cmp.Compare(a.entry.Offset, b.entry.Offset) })
		want := make([]snapshot.Range, len(its))
		for i, it := range its {
			want[i] = snapshot.Range{Off: it.entry.Offset, Len: int64(it.entry.Bytes)}
		}
		if bufs, err := scratch.ReadRanges(f, want); err == nil {
			for i, it := range its {
				it.Raw = bufs[i]
			}
		}
	}
}

var packs = struct {
	sync.Mutex
	open map[string]*os.File
}{open: map[string]*os.File{}}

// Corpus is the set of articles a command reads.
type Corpus struct {
	// Progress, when set before analysis, is called (from several
	// goroutines) as each file is analysed.
	Progress func()

	Kind     Kind
	Label    string    // says which corpus, for people
	Problems []Problem // files that could not be read or are not articles

	// The articles: all of them, or for a library read through its fresh
	// index (store), made one at a time in slots as queries need them.
	items      []*Item
	store      *snapshot.Index
	slots      []atomic.Pointer[Item]
	gone       map[int]bool      // stored articles whose bytes are missing
	packs      map[string]string // pack (as entries name it) -> its path
	nextOrd    int
	signatures bool // analysis also computes each article's search signature
	names      *speakers.Table
	namesOnce  sync.Once
}

// Of makes a corpus of analysed items (tests, embedders).
func Of(items ...*Item) *Corpus {
	c := &Corpus{Kind: Files, items: items}
	for i, it := range items {
		it.Ord = i
	}
	c.nextOrd = len(items)
	return c
}

// Speakers is the table of who is quoted across the corpus: read from the
// library's index, or built from the articles.
func (c *Corpus) Speakers() *speakers.Table {
	c.namesOnce.Do(func() {
		if c.store != nil {
			if t, err := c.store.Speakers(); err == nil {
				c.names = t
				return
			}
		}
		all := c.All()
		n := 0
		for _, it := range all {
			n = max(n, it.Ord+1)
		}
		docs := make([][]quotes.Quote, n) // by Ord: what a Ref names
		for _, it := range all {
			docs[it.Ord] = it.QuoteList()
		}
		c.names = speakers.Build(docs)
	})
	return c.names
}

// Spans gives the calendar ranges of an article's dated expressions: as
// analysis or the index gave them, or worked out from the records.
func (it *Item) Spans() []analyze.Span {
	if it.stored != nil {
		if spans, ok := it.stored.Ranges(); ok {
			return spans
		}
	}
	return analyze.Spans(it.TimeList())
}

// WithSpans says, by position, which articles have a calendar range that
// in admits: a query for a period then reads the records of those only. A
// library's ranges are read from its index a block at a time; if they are
// damaged, each article's records say.
func (c *Corpus) WithSpans(in func(analyze.Span) bool) func(pos int) bool {
	anyIn := func(spans []analyze.Span) bool { return slices.ContainsFunc(spans, in) }
	fromRecords := func(pos int) bool { return anyIn(c.Item(pos).Spans()) }
	if c.store == nil {
		return fromRecords
	}
	has := make([]bool, c.Len())
	if err := c.store.EachSpans(func(i int, spans []analyze.Span) { has[i] = anyIn(spans) }); err != nil {
		return fromRecords
	}
	return func(pos int) bool { return has[pos] }
}

// MayMatch keeps the articles at positions which (in that order) whose
// search signatures allow every one of the trigrams (grams.Required): the
// others cannot match. A library's signatures are read a block at a time;
// if they are damaged, every article is kept.
func (c *Corpus) MayMatch(which []int, trigrams []uint32) []int {
	if len(trigrams) == 0 || c.store != nil && len(which) <= c.Len()/64 {
		return which // a few articles of a library: searching them costs less than reading every signature
	}
	ok := make([]bool, c.Len())
	if c.store == nil {
		for _, pos := range which {
			ok[pos] = grams.MayContain(c.items[pos].Grams, trigrams)
		}
	} else {
		for _, pos := range which {
			ok[pos] = true // unless its signature rules it out
		}
		err := c.store.EachSignature(func(i int) bool { return ok[i] }, func(i int, sig []byte) {
			ok[i] = grams.MayContain(sig, trigrams)
		})
		if err != nil {
			return which
		}
	}
	out := make([]int, 0, len(which))
	for _, pos := range which {
		if ok[pos] {
			out = append(out, pos)
		}
	}
	return out
}

// Len is the number of articles, present or not (see Present).
func (c *Corpus) Len() int {
	if c.store != nil {
		return c.store.Len()
	}
	return len(c.items)
}

// Ordered says whether the articles are in the order queries list them (by
// date to the second, undated last, then id): a library's index is stored
// so.
func (c *Corpus) Ordered() bool { return c.store != nil }

// Present says whether article i can be read: a stored article whose pack
// is missing or cut short is a Problem, not an item.
func (c *Corpus) Present(i int) bool { return !c.gone[i] }

// LoadKeys reads every article's key at once, for a query that reads most.
func (c *Corpus) LoadKeys() {
	if c.store != nil {
		_ = c.store.LoadKeys() // unreadable: each key is read when asked for
	}
}

// Key gives what queries order and scope article i by, without making its
// item.
func (c *Corpus) Key(i int) snapshot.Key {
	if c.store != nil {
		return c.store.Key(i)
	}
	it := c.items[i]
	return snapshot.Key{ID: it.ID, Date: it.Date, Added: it.Added}
}

// Item gives article i (nil when it is not Present). A library read
// through its index makes an article's item the first time it is asked
// for: a query touches few of a large library's articles.
func (c *Corpus) Item(i int) *Item {
	if c.store == nil {
		return c.items[i]
	}
	if c.gone[i] {
		return nil
	}
	if it := c.slots[i].Load(); it != nil {
		return it
	}
	it := c.storedItem(c.store, c.store.Doc(i), i)
	if c.slots[i].CompareAndSwap(nil, it) {
		return it
	}
	return c.slots[i].Load()
}

// Forget lets go of the item made for the library article at i (Item
// makes it again if asked): a query that visits each article once need not
// keep every one it has visited, with its records.
func (c *Corpus) Forget(i int) {
	if c.store != nil {
		c.slots[i].Store(nil)
	}
}

// All gives every present article, in corpus order.
func (c *Corpus) All() []*Item {
	if c.store == nil {
		return c.items
	}
	out := make([]*Item, 0, c.Len())
	for i := 0; i < c.Len(); i++ {
		if it := c.Item(i); it != nil {
			out = append(out, it)
		}
	}
	return out
}

// Problem is a file that was refused, and why.
type Problem struct {
	Path string
	Err  error
}

func (p Problem) Error() string { return fmt.Sprintf("%s: %v", p.Path, p.Err) }

// Spec says what to load.
type Spec struct {
	Paths   []string         // --corpus arguments; empty means library or seeds
	Library *library.Library // may be nil
	Stdin   io.Reader
	MaxSize int64
	// Notice, when set, is told of slow work a query did not ask for: the
	// library's index rebuilt (the first query after an upgrade).
	Notice func(string)
}

// Load reads and analyses the corpus the spec names. The error is for a
// corpus that cannot be read at all (a damaged library); single bad files are
// in Corpus.Problems.
func Load(spec Spec) (*Corpus, error) {
	if len(spec.Paths) > 0 {
		return loadFiles(spec), nil
	}
	if spec.Library != nil {
		stamp, err := snapshot.StampFile(spec.Library.ManifestPath())
		if err != nil && !errors.Is(err, fs.ErrNotExist) {
			return nil, fmt.Errorf("library %s: %w", spec.Library.Dir, err)
		}
		if err == nil {
			c, err := loadLibrary(spec.Library, stamp, spec.Notice)
			if err != nil || c.Len() > 0 || len(c.Problems) > 0 {
				return c, err
			}
		}
	}
	return loadSeeds(), nil
}

// job is one article waiting to be analysed.
type job struct {
	path   string
	data   []byte
	meta   doc.Meta
	added  time.Time
	source string
	entry  *library.Entry // stored in the library
	// file, when set, is read by the worker that analyses it (with read),
	// so reading overlaps analysis; its bytes are dropped after.
	file *source.File
	read source.Options
}

func loadFiles(spec Spec) *Corpus {
	c := FromFiles(source.Collect(spec.Paths, source.Options{MaxSize: spec.MaxSize, Stdin: spec.Stdin}), doc.Meta{}, nil)
	c.Label = fmt.Sprintf("%d files named with --corpus", len(c.items))
	return c
}

// FromFiles analyses files that have been read, applying meta to each.
// Files that failed to read, or are not articles, become Problems.
func FromFiles(files []source.File, meta doc.Meta, progress func()) *Corpus {
	return fromFiles(files, source.Options{}, meta, progress, false)
}

func fromFiles(files []source.File, read source.Options, meta doc.Meta, progress func(), signatures bool) *Corpus {
	c := &Corpus{Kind: Files, Progress: progress, signatures: signatures}
	jobs := make([]job, len(files))
	for i := range files {
		jobs[i] = job{path: files[i].Path, file: &files[i], read: read, meta: meta}
	}
	c.analyse(jobs)
	return c
}

func loadLibrary(lib *library.Library, stamp snapshot.Stamp, notice func(string)) (*Corpus, error) {
	c := &Corpus{Kind: Library}
	x, fresh, _ := snapshot.Open(lib.Dir, stamp) // missing or damaged: analyse afresh
	if !fresh && notice != nil && snapshot.Usable() {
		notice(fmt.Sprintf("the index of library %s does not match it (missing, damaged, or written by another version of sanc): rebuilding it, once", lib.Dir))
	}
	if !fresh && rebuild(lib) {
		if x != nil {
			x.Close()
			x = nil
		}
		if stamp, err := snapshot.StampFile(lib.ManifestPath()); err == nil {
			x, fresh, _ = snapshot.Open(lib.Dir, stamp)
		}
	}
	if fresh {
		c.openStored(lib, x)
		c.Label = fmt.Sprintf("library %s (%d articles)", lib.Dir, c.Len()-len(c.gone))
		return c, nil
	}
	// The library could not be indexed (it is read-only, an ingest holds
	// it, a stored article is unreadable): its articles are analysed here.
	manifest, err := lib.Manifest()
	if err != nil {
		return nil, err
	}
	entries, err := lib.Parse(manifest)
	if err != nil {
		return nil, err
	}
	docs, jobs := c.plan(lib, entries, x)
	c.analyse(jobs)
	if len(c.Problems) == 0 {
		// Keep the work for the next query, unless an ingest is writing
		// or the library changed meanwhile.
		_, _ = lib.Locked(false, func() error {
			now, err := lib.Manifest()
			if err != nil || !bytes.Equal(now, manifest) {
				return err
			}
			return save(lib, snapshot.StampOf(manifest), entries, docs, analysed(c.items), x)
		})
	}
	c.Label = fmt.Sprintf("library %s (%d articles)", lib.Dir, len(c.items))
	return c, nil
}

// plan splits the library's entries into those an older index holds (added
// to the corpus as they are) and those to analyse.
func (c *Corpus) plan(lib *library.Library, entries []library.Entry, x *snapshot.Index) (map[string]*snapshot.Doc, []job) {
	stored := map[string]*snapshot.Doc{}
	if x != nil {
		for _, d := range x.AllDocs() {
			stored[d.Entry.ID] = d
		}
	}
	var keep []*snapshot.Doc
	var jobs []job
	for _, e := range entries {
		if d, ok := stored[e.ID]; ok {
			d.Entry = e
			keep = append(keep, d)
			continue
		}
		j, err := entryJob(lib, e)
		if err != nil {
			c.Problems = append(c.Problems, err.(Problem))
			continue
		}
		jobs = append(jobs, j)
	}
	if x != nil {
		c.addStored(lib, x, keep)
	}
	return stored, jobs
}

// openStored makes the corpus of a library's fresh index: its articles'
// items are made as queries need them, after a cheap check that the words
// are still there to go back to (each pack is as long as its articles need;
// only when one is not are the articles looked at one by one).
func (c *Corpus) openStored(lib *library.Library, x *snapshot.Index) {
	c.store = x
	c.slots = make([]atomic.Pointer[Item], x.Len())
	c.nextOrd = x.Len()
	names, need := x.Packs()
	sizes := c.packSizes(lib, len(names), func(i int) string { return names[i] })
	whole := true
	for i, name := range names {
		whole = whole && sizes[name] >= need[i]
	}
	if whole {
		return
	}
	c.LoadKeys()
	for i := 0; i < x.Len(); i++ {
		file, off, size := x.Place(i)
		if sizes[file] < off+int64(size) {
			if c.gone == nil {
				c.gone = map[int]bool{}
			}
			c.gone[i] = true
			c.Problems = append(c.Problems, cutShort(c.packs[file], x.Key(i).ID))
		}
	}
}

// packSizes finds the path and size (-1: missing) of each pack the n
// articles name.
func (c *Corpus) packSizes(lib *library.Library, n int, file func(i int) string) map[string]int64 {
	if c.packs == nil {
		c.packs = map[string]string{}
	}
	sizes := map[string]int64{}
	for i := 0; i < n; i++ {
		f := file(i)
		if _, ok := sizes[f]; ok {
			continue
		}
		p := lib.Path(library.Entry{File: f})
		c.packs[f] = p
		sizes[f] = -1
		if fi, err := os.Stat(p); err == nil {
			sizes[f] = fi.Size()
		}
	}
	return sizes
}

// addStored adds articles from an older index (x) to a corpus being
// rebuilt, after the same check as openStored.
func (c *Corpus) addStored(lib *library.Library, x *snapshot.Index, docs []*snapshot.Doc) {
	sizes := c.packSizes(lib, len(docs), func(i int) string { return docs[i].Entry.File })
	for _, d := range docs {
		if sizes[d.Entry.File] < d.Entry.Offset+int64(d.Entry.Bytes) {
			c.Problems = append(c.Problems, cutShort(c.packs[d.Entry.File], d.Entry.ID))
			continue
		}
		c.items = append(c.items, c.storedItem(x, d, c.nextOrd))
		c.nextOrd++
	}
}

// storedItem is the item of a document read from index x, at position ord.
func (c *Corpus) storedItem(x *snapshot.Index, d *snapshot.Doc, ord int) *Item {
	a := d.Article
	a.Path = c.packs[d.Entry.File] // the library may have moved
	e := &d.Entry
	return &Item{Article: a, Ord: ord, Added: e.Added, Source: e.Source, Base: e.Offset,
		NQuotes: d.Quotes, NEvents: d.Events, entry: e, store: x, stored: d}
}

func cutShort(pack, id string) Problem {
	return Problem{pack, fmt.Errorf("stored article %s is missing or cut short", id)}
}

// analysed gives the items analysed in this run by id.
func analysed(items []*Item) map[string]*Item {
	fresh := make(map[string]*Item, len(items))
	for _, it := range items {
		if it.analysedHere() {
			fresh[it.ID] = it
		}
	}
	return fresh
}

// save writes the library's index: the entries in manifest order, from the
// items analysed in this run (fresh) or the older index.
func save(lib *library.Library, manifest snapshot.Stamp, entries []library.Entry, old map[string]*snapshot.Doc, fresh map[string]*Item, from *snapshot.Index) error {
	docs := make([]*snapshot.Doc, 0, len(entries))
	for _, e := range entries {
		if it, ok := fresh[e.ID]; ok {
			if it.pending != nil {
				it.pending.Entry = e
				docs = append(docs, it.pending)
				continue
			}
			if it.Grams == nil {
				it.Grams = grams.Signature(it.Text)
			}
			docs = append(docs, snapshot.NewDoc(e, it.Article, it.Grams))
			continue
		}
		d, ok := old[e.ID]
		if !ok {
			return fmt.Errorf("index: article %s was neither analysed nor indexed", e.ID)
		}
		d.Entry = e
		docs = append(docs, d)
	}
	return snapshot.Save(lib.Dir, manifest, docs, from)
}

func entryMeta(e library.Entry) doc.Meta {
	meta := doc.Meta{Title: e.Title, Outlet: e.Outlet, URL: e.URL, Author: e.Author}
	if e.Date != "" {
		meta.Date, _ = doc.ParseDate(e.Date)
	}
	return meta
}

// remember brings the library's index up to date after an ingest, under the
// library's lock. With last, the index that was fresh before the ingest, the
// articles just added go into a copy of it. Otherwise, or when last turns
// out damaged (it is then not used at all), the index is written anew: the
// articles just analysed, the others from the older index if one opens, and
// any neither has (another ingest wrote its index badly, or not at all)
// read and analysed now, their records spilled to spill with those of the
// articles just analysed. entries are the manifest's, nil when they are to
// be read.
func remember(lib *library.Library, fresh []*Item, entries []library.Entry, last *snapshot.Index, spill *snapshot.Spill) error {
	var docs []*snapshot.Doc
	for _, it := range fresh {
		if it.pending != nil {
			docs = append(docs, it.pending)
		}
	}
	if last != nil && len(docs) == 0 {
		return nil // the manifest is as it was, and its index fresh
	}
	stamp, err := snapshot.StampFile(lib.ManifestPath())
	if err != nil {
		return fmt.Errorf("index: %w", err)
	}
	var x *snapshot.Index
	if last != nil {
		if snapshot.Extend(lib.Dir, stamp, last, docs) == nil {
			return nil
		}
	} else {
		x, _, _ = snapshot.Open(lib.Dir, stamp)
		if x != nil {
			defer x.Close()
		}
	}
	if entries == nil {
		if entries, err = lib.Entries(); err != nil {
			return err
		}
	}
	have := analysed(fresh)
	old := map[string]*snapshot.Doc{}
	if x != nil {
		all := x.AllDocs()
		old = make(map[string]*snapshot.Doc, len(all))
		for _, d := range all {
			old[d.Entry.ID] = d
		}
	}
	var missing []library.Entry
	for _, e := range entries {
		if _, ok := old[e.ID]; !ok && have[e.ID] == nil {
			missing = append(missing, e)
		}
	}
	// A batch at a time, their records spilled as an ingest's are: a
	// library whose index is lost is analysed again in flat memory.
	for lo := 0; lo < len(missing); lo += ingestBatch {
		jobs := make([]job, 0, ingestBatch)
		for _, e := range missing[lo:min(lo+ingestBatch, len(missing))] {
			j, err := entryJob(lib, e)
			if err != nil {
				return fmt.Errorf("index: %w", err)
			}
			jobs = append(jobs, j)
		}
		c := &Corpus{signatures: true}
		c.analyse(jobs)
		if len(c.Problems) > 0 {
			return c.Problems[0]
		}
		for _, it := range c.items {
			it.pending.Entry = *it.entry
			if err := it.pending.SpillTo(spill); err != nil {
				return err
			}
			it.Quotes, it.Times, it.Grams = nil, nil, nil
			it.Detach()
			have[it.ID] = it
		}
	}
	return save(lib, stamp, entries, old, have, x)
}

// rebuild writes the library's index anew as an ingest would, a batch of
// articles at a time: a query that finds the index missing, damaged or of
// another build (the first after an upgrade) then reads through it rather
// than hold every article. It gives up, saying so, when the library is
// busy or cannot be written.
func rebuild(lib *library.Library) bool {
	if !snapshot.Usable() {
		return false
	}
	ran, err := lib.Locked(false, func() error {
		entries, err := lib.Entries()
		if err != nil {
			return err
		}
		if err := storedWhole(lib, entries); err != nil {
			return err // the query reports the articles it cannot read
		}
		spill, err := snapshot.CreateSpill(lib.Dir)
		if err != nil {
			return err
		}
		defer spill.Remove()
		return remember(lib, nil, entries, nil, spill)
	})
	return ran && err == nil
}

// storedWhole checks that every pack holds the articles entries put in it
// (a stat per pack): a rebuild that met a missing or cut-short pack would
// have analysed the articles before it for nothing.
func storedWhole(lib *library.Library, entries []library.Entry) error {
	sizes := map[string]int64{} // by path: a pack, or an older library's file per article
	for _, e := range entries {
		p := lib.Path(e)
		size, ok := sizes[p]
		if !ok {
			size = -1
			if fi, err := os.Stat(p); err == nil {
				size = fi.Size()
			}
			sizes[p] = size
		}
		if e.Offset+int64(e.Bytes) > size {
			return cutShort(p, e.ID)
		}
	}
	return nil
}

// known opens the library's index if it is fresh for the manifest r
// reads, and says what it knows of the manifest.
func known(lib *library.Library, r io.Reader) (*snapshot.Index, *library.Known) {
	stamp, err := snapshot.ReadStamp(r)
	if err != nil {
		return nil, nil
	}
	x, fresh, _ := snapshot.Open(lib.Dir, stamp)
	if !fresh {
		if x != nil {
			x.Close()
		}
		return nil, nil
	}
	ids, err := x.IDs()
	if err != nil {
		x.Close()
		return nil, nil
	}
	files, _ := x.Packs()
	return x, &library.Known{Has: ids.Has, Files: files}
}

// entryJob reads a stored article to analyse it.
func entryJob(lib *library.Library, e library.Entry) (job, error) {
	p := lib.Path(e)
	data, err := readEntry(p, e)
	if err != nil {
		return job{}, Problem{p, fmt.Errorf("stored article is missing or unreadable: %w", err)}
	}
	return job{path: p, data: data, meta: entryMeta(e), added: e.Added, source: e.Source, entry: &e}, nil
}

// analysedHere: an item analysed in this run, not a duplicate of a stored
// article (whose records are in the older index).
func (it *Item) analysedHere() bool { return it.stored == nil && (it.pending != nil || it.Text != "") }

func loadSeeds() *Corpus {
	c := &Corpus{Kind: Seeds}
	names, _ := fs.Glob(seeds.FS, "*.txt")
	sort.Strings(names)
	jobs := make([]job, 0, len(names))
	for _, n := range names {
		data, err := seeds.FS.ReadFile(n)
		if err != nil {
			c.Problems = append(c.Problems, Problem{n, err})
			continue
		}
		jobs = append(jobs, job{path: path.Join("seeds", n), data: data})
	}
	c.analyse(jobs)
	c.Label = fmt.Sprintf("embedded seed articles (%d); add your own with sanc ingest", len(c.items))
	return c
}

// analyse runs the pipeline on all cores, keeping the input order.
func (c *Corpus) analyse(jobs []job) {
	results := make([]*Item, len(jobs))
	errs := make([]error, len(jobs))
	next := make(chan int)
	var wg sync.WaitGroup
	for w := 0; w < runtime.GOMAXPROCS(0); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				j := &jobs[i]
				if f := j.file; f != nil {
					f.Load(j.read)
					if f.Err != nil {
						errs[i] = f.Err
						continue
					}
					j.data = f.Data
					f.Data = nil
					j.added = f.ModTime
					if j.added.IsZero() && f.Path != source.Stdin {
						if fi, err := os.Stat(f.Path); err == nil { // read by the caller
							j.added = fi.ModTime().UTC()
						}
					}
				}
				a, err := safeRun(*j)
				j.data = nil
				if c.Progress != nil {
					c.Progress()
				}
				if err != nil {
					errs[i] = err
					continue
				}
				it := newItem(a, j.added, j.source, j.meta)
				if c.signatures {
					// For the library's index, encoded on this core (the
					// entry is filled in when the article is stored).
					it.Grams = grams.Signature(a.Text)
					it.pending = snapshot.NewDoc(library.Entry{}, a, it.Grams)
				}
				if j.entry != nil {
					it.entry, it.Base = j.entry, j.entry.Offset
				}
				results[i] = it
			}
		}()
	}
	for i := range jobs {
		next <- i
	}
	close(next)
	wg.Wait()
	seen := map[string]bool{}
	for i, it := range results {
		if errs[i] != nil {
			c.Problems = append(c.Problems, Problem{jobs[i].path, errs[i]})
			continue
		}
		if seen[it.ID] {
			continue // the same article under two names is read once
		}
		seen[it.ID] = true
		it.Ord = c.nextOrd
		c.nextOrd++
		c.items = append(c.items, it)
	}
}

// safeRun keeps a bug in an extractor from taking the whole run down: the
// file is reported and the others carry on.
func safeRun(j job) (a *analyze.Article, err error) {
	defer func() {
		if r := recover(); r != nil {
			a, err = nil, fmt.Errorf("internal error while analysing (please report it): %v", r)
		}
	}()
	return analyze.Run(j.path, j.data, j.meta)
}

// IngestSpec says what to add to a library.
type IngestSpec struct {
	Library  *library.Library
	Files    []source.File  // from source.Collect with Options.Later
	Source   source.Options // to read them
	Meta     doc.Meta       // given on the command line
	Entry    library.Entry  // the same, as the manifest records it
	Now      time.Time
	DryRun   bool // analyse and report, store nothing
	Strict   bool // the first file refused stops the run; nothing is stored
	Progress func()
}

// ingestBatch bounds the files read and analysed at once: memory stays
// flat however large the run.
const ingestBatch = 2048

// Ingest analyses the files and adds the articles to the library in one
// run that is all or nothing: batch by batch, each article's bytes go to
// the run's pack and only its records are kept, then the manifest is
// written. Status says, per item, "added", "duplicate" or (dry run) "would
// add". The library's index is brought up to date in the background while
// the caller reports: finish waits for it and releases the library (call it
// once, always); its error is a failure to update the index, which costs
// the next query time, not data.
func Ingest(spec IngestSpec) (c *Corpus, status []string, finish func() error, err error) {
	c = &Corpus{Kind: Files}
	var w *library.Writer
	var spill *snapshot.Spill
	var last *snapshot.Index // fresh for the manifest before the run
	release := func() {
		if spill != nil {
			spill.Remove()
		}
		if last != nil {
			last.Close()
		}
		if w != nil {
			w.Close()
		}
	}
	finish = func() error { return nil }
	defer func() {
		if err != nil {
			release()
		}
	}()
	if !spec.DryRun {
		// An index fresh for the manifest vouches for it: the manifest is
		// then appended to, and the index too (remember).
		w, err = spec.Library.Begin(spec.Now, func(manifest io.Reader) (k *library.Known) {
			last, k = known(spec.Library, manifest)
			return k
		})
		if err != nil {
			return nil, nil, finish, err
		}
		// The records wait in scratch files for the index, not in memory
		// (removed at the end, or by the next writer after a crash).
		if spill, err = snapshot.CreateSpill(spec.Library.Dir); err != nil {
			return nil, nil, finish, fmt.Errorf("library %s: %w", spec.Library.Dir, err)
		}
	}
	// One batch is analysed on all cores while the one before is stored.
	batches := make(chan *Corpus, 1)
	stop := make(chan struct{})
	defer close(stop)
	go func() {
		defer close(batches)
		for lo := 0; lo < len(spec.Files); lo += ingestBatch {
			batch := spec.Files[lo:min(lo+ingestBatch, len(spec.Files))]
			select {
			case batches <- fromFiles(batch, spec.Source, spec.Meta, spec.Progress, w != nil):
			case <-stop:
				return
			}
		}
	}()
	for bc := range batches {
		c.Problems = append(c.Problems, bc.Problems...)
		if spec.Strict && len(c.Problems) > 0 {
			return c, nil, finish, c.Problems[0]
		}
		if w != nil {
			articles := make([]library.NewArticle, len(bc.items))
			for i, it := range bc.items {
				articles[i] = library.NewArticle{ID: it.ID, Source: it.Path, Data: it.Raw, Meta: spec.Entry}
			}
			results, err := w.Add(articles)
			if err != nil {
				return c, nil, finish, err
			}
			for i, r := range results {
				it := bc.items[i]
				if r.Duplicate {
					status = append(status, "duplicate")
					it.pending = nil // the stored article's records are in the index
					continue
				}
				status = append(status, "added")
				it.pending.Entry = r.Entry
				if err := it.pending.SpillTo(spill); err != nil {
					return c, nil, finish, fmt.Errorf("library %s: %w", spec.Library.Dir, err)
				}
				// Encoded in the pending index entry: the analysis is dropped.
				it.Quotes, it.Times, it.Grams = nil, nil, nil
			}
		} else {
			for range bc.items {
				status = append(status, "would add")
			}
		}
		for _, it := range bc.items {
			// Stored, signed and analysed: the records are all we keep.
			it.Detach()
			it.Ord = c.nextOrd
			c.nextOrd++
			c.items = append(c.items, it)
		}
	}
	if w == nil {
		return c, status, finish, nil
	}
	entries, err := w.Commit()
	if err != nil {
		return c, nil, finish, err
	}
	if entries == nil && last == nil { // nothing stored, nothing before: no index to keep
		release()
		return c, status, finish, nil
	}
	// The articles are stored. The index is written under the same lock,
	// on another core while the caller renders its report.
	done := make(chan error, 1)
	items := slices.Clone(c.items)
	go func() { done <- remember(spec.Library, items, entries, last, spill) }()
	finish = func() error {
		defer release()
		return <-done
	}
	return c, status, finish, nil
}
