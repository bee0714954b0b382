// Package corpus assembles the articles a command works on: the files the
// user names (ad hoc, in memory), else the user's library once it holds
// articles, else the seed articles embedded in the binary.
package corpus

import (
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"runtime"
	"sort"
	"sync"
	"time"

	"github.com/sanc-news/sanc/pkg/analyze"
	"github.com/sanc-news/sanc/pkg/doc"
	"github.com/sanc-news/sanc/pkg/library"
	"github.com/sanc-news/sanc/pkg/snapshot"
	"github.com/sanc-news/sanc/pkg/source"
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
	Added  time.Time
	Source string // where it was ingested from, for library articles

	meta      doc.Meta // given at ingest: needed to read the text again
	reread    sync.Once
	rereadErr error
}

// PeekRaw gives the file's bytes without keeping them or analysing them:
// a search can rule the article out before paying for its text.
func (it *Item) PeekRaw() ([]byte, error) {
	if it.Raw != nil {
		return it.Raw, nil
	}
	return os.ReadFile(it.Path)
}

// LoadRaw makes sure the file's bytes are in memory: enough to show the
// words of a record whose spans are known.
func (it *Item) LoadRaw() error {
	if it.Raw != nil {
		return nil
	}
	raw, err := os.ReadFile(it.Path)
	if err != nil {
		return fmt.Errorf("%s: %w", it.Path, err)
	}
	it.Raw = raw
	return nil
}

// LoadText makes sure the article's text (Raw, Text, Paragraphs) is in
// memory. Articles loaded from a library snapshot carry only their records
// until a query needs their words.
func (it *Item) LoadText() error {
	if it.Text != "" {
		return nil
	}
	it.reread.Do(func() {
		err := it.LoadRaw()
		if err == nil {
			err = it.Article.Reread(it.Raw, it.meta)
		}
		it.rereadErr = err
	})
	return it.rereadErr
}

// Corpus is the set of articles a command reads.
type Corpus struct {
	// Progress, when set before analysis, is called (from several
	// goroutines) as each file is analysed.
	Progress func()

	Kind     Kind
	Label    string // says which corpus, for people
	Items    []*Item
	Problems []Problem // files that could not be read or are not articles
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
}

// Load reads and analyses the corpus the spec names. The error is for a
// corpus that cannot be read at all (a damaged library); single bad files are
// in Corpus.Problems.
func Load(spec Spec) (*Corpus, error) {
	if len(spec.Paths) > 0 {
		return loadFiles(spec), nil
	}
	if spec.Library != nil {
		entries, err := spec.Library.Entries()
		if err != nil {
			return nil, err
		}
		if len(entries) > 0 {
			return loadLibrary(spec.Library, entries), nil
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
}

func loadFiles(spec Spec) *Corpus {
	c := FromFiles(source.Collect(spec.Paths, source.Options{MaxSize: spec.MaxSize, Stdin: spec.Stdin}), doc.Meta{}, nil)
	c.Label = fmt.Sprintf("%d files named with --corpus", len(c.Items))
	return c
}

// FromFiles analyses files that have been read, applying meta to each.
// Files that failed to read, or are not articles, become Problems.
func FromFiles(files []source.File, meta doc.Meta, progress func()) *Corpus {
	c := &Corpus{Kind: Files, Progress: progress}
	var jobs []job
	for _, f := range files {
		if f.Err != nil {
			c.Problems = append(c.Problems, Problem{f.Path, f.Err})
			continue
		}
		var added time.Time
		if f.Path != source.Stdin {
			if fi, err := os.Stat(f.Path); err == nil {
				added = fi.ModTime().UTC()
			}
		}
		jobs = append(jobs, job{path: f.Path, data: f.Data, meta: meta, added: added})
	}
	c.analyse(jobs)
	return c
}

func loadLibrary(lib *library.Library, entries []library.Entry) *Corpus {
	c := &Corpus{Kind: Library}
	snap, _ := snapshot.Load(lib.Dir) // missing or stale: analyse afresh
	var jobs []job
	for _, e := range entries {
		p := lib.Path(e)
		meta := entryMeta(e)
		if a, ok := snap[e.ID]; ok {
			// A cheap check that the words are still there to go back to.
			if fi, err := os.Stat(p); err != nil || fi.Size() != int64(e.Bytes) {
				c.Problems = append(c.Problems, Problem{p, fmt.Errorf("stored article is missing or changed")})
				continue
			}
			a.Path = p // the library may have moved
			c.Items = append(c.Items, &Item{Article: a, Added: e.Added, Source: e.Source, meta: meta})
			continue
		}
		data, err := os.ReadFile(p)
		if err != nil {
			c.Problems = append(c.Problems, Problem{p, fmt.Errorf("stored article is missing or unreadable: %w", err)})
			continue
		}
		jobs = append(jobs, job{path: p, data: data, meta: meta, added: e.Added, source: e.Source})
	}
	if len(jobs) > 0 {
		c.analyse(jobs)
		// Keep the work for the next query, unless an ingest is writing.
		_, _ = lib.Locked(false, func() error { return snapshot.Save(lib.Dir, articles(c.Items)) })
	}
	c.Label = fmt.Sprintf("library %s (%d articles)", lib.Dir, len(c.Items))
	return c
}

func entryMeta(e library.Entry) doc.Meta {
	meta := doc.Meta{Title: e.Title, Outlet: e.Outlet, URL: e.URL, Author: e.Author}
	if e.Date != "" {
		meta.Date, _ = doc.ParseDate(e.Date)
	}
	return meta
}

func articles(items []*Item) []*analyze.Article {
	out := make([]*analyze.Article, len(items))
	for i, it := range items {
		out[i] = it.Article
	}
	return out
}

// Remember adds freshly ingested articles to the library's snapshot, so the
// next query need not analyse them again. It waits for the library's lock:
// concurrent ingests each add theirs.
func Remember(lib *library.Library, fresh []*Item) error {
	_, err := lib.Locked(true, func() error {
		snap, _ := snapshot.Load(lib.Dir)
		all := make([]*analyze.Article, 0, len(snap)+len(fresh))
		for _, it := range fresh {
			all = append(all, it.Article)
			delete(snap, it.ID)
		}
		for _, a := range snap {
			all = append(all, a)
		}
		return snapshot.Save(lib.Dir, all)
	})
	return err
}

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
	c.Label = fmt.Sprintf("embedded seed articles (%d); add your own with sanc ingest", len(c.Items))
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
				j := jobs[i]
				a, err := safeRun(j)
				if c.Progress != nil {
					c.Progress()
				}
				if err != nil {
					errs[i] = err
					continue
				}
				results[i] = &Item{Article: a, Added: j.added, Source: j.source, meta: j.meta}
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
		c.Items = append(c.Items, it)
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
