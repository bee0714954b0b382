// Package library stores ingested articles in a folder: the bytes of the
// articles one ingest adds, one after another, in a pack file
// (packs/<name>.pack), and a manifest listing every article with where its
// bytes are and what was given about it at ingest. One file per ingest rather
// than per article: tens of thousands of small files cost more to create and
// sync than to analyse.
//
// The manifest is the single source of truth: it is replaced atomically
// (write to a temporary file, sync, rename) under an exclusive file lock, and
// a pack is complete on disk before the manifest names it. A crash therefore
// leaves the library as it was or with the new articles complete; a pack the
// manifest does not name is a dead writer's and is removed. Concurrent
// ingests queue on the lock. Libraries written before packs (docs/<id>.txt,
// one file per article) are read as they are.
package library

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"time"

	"github.com/gofrs/flock"
)

// Entry describes one stored article.
type Entry struct {
	ID     string    `json:"id"`
	File   string    `json:"file"`             // relative to the library folder
	Offset int64     `json:"offset,omitempty"` // of the article's first byte in File
	Source string    `json:"source"`           // where it was ingested from
	Added  time.Time `json:"added"`
	Bytes  int       `json:"bytes"`
	// Metadata given on the command line at ingest; front matter in the file
	// still wins over it.
	Title  string `json:"title,omitempty"`
	Outlet string `json:"outlet,omitempty"`
	URL    string `json:"url,omitempty"`
	Author string `json:"author,omitempty"`
	Date   string `json:"date,omitempty"`
}

type manifest struct {
	Version int     `json:"version"`
	Entries []Entry `json:"entries"`
}

const (
	manifestName    = "manifest.json"
	lockName        = ".lock"
	docsDir         = "docs" // one file per article, before packs
	packsDir        = "packs"
	manifestVersion = 2
)

// Library is a library folder.
type Library struct {
	Dir string
	// LockTimeout bounds the wait for another ingest to finish.
	LockTimeout time.Duration
}

// Open returns the library in dir; the folder need not exist yet.
func Open(dir string) *Library {
	return &Library{Dir: dir, LockTimeout: 2 * time.Minute}
}

// Path is the full path of an entry's stored file.
func (l *Library) Path(e Entry) string { return filepath.Join(l.Dir, e.File) }

// Entries lists the stored articles in the order they were added. A library
// that does not exist yet is empty.
func (l *Library) Entries() ([]Entry, error) {
	data, err := l.Manifest()
	if err != nil || data == nil {
		return nil, err
	}
	return l.Parse(data)
}

// Manifest gives the manifest's bytes (nil when the library does not exist
// yet): a cache of the library can check it describes these bytes without
// parsing them.
func (l *Library) Manifest() ([]byte, error) {
	data, err := os.ReadFile(filepath.Join(l.Dir, manifestName))
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("library %s: %w", l.Dir, err)
	}
	return data, nil
}

// ManifestPath is where the manifest is.
func (l *Library) ManifestPath() string { return filepath.Join(l.Dir, manifestName) }

// Parse reads manifest bytes (from Manifest) into entries.
func (l *Library) Parse(data []byte) ([]Entry, error) {
	var m manifest
	if err := json.Unmarshal(data, &m); err != nil {
		return nil, fmt.Errorf("library %s: manifest is damaged: %w", l.Dir, err)
	}
	if m.Version != manifestVersion && m.Version != 1 { // version 1: no packs yet
		return nil, fmt.Errorf("library %s: manifest version %d, this sanc reads %d", l.Dir, m.Version, manifestVersion)
	}
	return m.Entries, nil
}

// NewArticle is an article to add.
type NewArticle struct {
	ID     string // content id (doc.ContentID)
	Source string
	Data   []byte
	Meta   Entry // Title, Outlet, URL, Author, Date are taken from it
}

// Result says what Add did with each article, in the order given.
type Result struct {
	// Entry is where the article is stored; for a duplicate that the
	// writer knew of through Known, its id only.
	Entry     Entry
	Duplicate bool // already stored (same content): nothing written
}

// Known is what a cache of the library (its index) says of the manifest
// it was made from: which articles the manifest lists, and the files they
// are stored in. A writer that has it neither reads the manifest nor
// encodes it anew, which in a large library costs far more than the few
// articles a run adds: it copies it, and appends to it.
type Known struct {
	Has   func(id string) bool
	Files []string
}

// Add stores the articles not already in the library and records them in the
// manifest, in one run (see Writer).
func (l *Library) Add(articles []NewArticle, now time.Time) ([]Result, error) {
	w, err := l.Begin(now, nil)
	if err != nil {
		return nil, err
	}
	defer w.Close()
	results, err := w.Add(articles)
	if err != nil {
		return nil, err
	}
	_, err = w.Commit()
	return results, err
}

// Writer adds articles to a library in batches, all or nothing: nothing is
// in the library until Commit. It holds the library's lock from Begin to
// Commit or Close, so concurrent writers queue.
type Writer struct {
	l      *Library
	now    time.Time
	unlock func()
	// entries are the manifest's and this run's; with known, this run's
	// only, and old is the manifest as it was, open.
	entries []Entry
	have    map[string]int // id -> position in entries
	known   *Known
	old     *os.File
	pack    *pack
}

// Begin takes the library's lock and starts adding articles at time now.
// known, when given, reads the manifest and says whether it can vouch for
// it (see Known); nil means it cannot, and the manifest is parsed.
func (l *Library) Begin(now time.Time, known func(manifest io.Reader) *Known) (*Writer, error) {
	if err := os.MkdirAll(filepath.Join(l.Dir, packsDir), 0o755); err != nil {
		return nil, fmt.Errorf("library %s: %w", l.Dir, err)
	}
	unlock, err := l.lock()
	if err != nil {
		return nil, err
	}
	w := &Writer{l: l, now: now, unlock: unlock, have: map[string]int{}}
	if known != nil {
		w.trust(known)
	}
	if w.known != nil {
		l.removeOrphans(w.known.Files)
		return w, nil
	}
	if w.entries, err = l.Entries(); err != nil {
		unlock()
		return nil, err
	}
	files := make([]string, len(w.entries))
	for i, e := range w.entries {
		w.have[e.ID] = i
		files[i] = e.File
	}
	l.removeOrphans(files)
	return w, nil
}

// How a manifest that Commit wrote, with entries, begins and ends: entries
// are appended before its end.
var (
	manifestHead = []byte(fmt.Sprintf(`{"version":%d,"entries":[{`, manifestVersion))
	manifestEnd  = []byte(`}]}`)
)

// trust opens the manifest, and keeps it open for Commit to copy, if known
// vouches for it and it ends as Commit can append to. The file is read
// for known and copied from the same open file: a manifest put in its place
// meanwhile is not mixed up with it.
func (w *Writer) trust(known func(io.Reader) *Known) {
	f, err := os.Open(filepath.Join(w.l.Dir, manifestName))
	if err != nil {
		return
	}
	head, end := make([]byte, len(manifestHead)), make([]byte, len(manifestEnd))
	fi, err := f.Stat()
	if err == nil && fi.Size() >= int64(len(head)+len(end)) {
		_, err = f.ReadAt(head, 0)
		if err == nil {
			_, err = f.ReadAt(end, fi.Size()-int64(len(end)))
		}
		if err == nil && bytes.Equal(head, manifestHead) && bytes.Equal(end, manifestEnd) {
			w.known = known(io.NewSectionReader(f, 0, fi.Size()))
		}
	}
	if w.known == nil {
		f.Close()
		return
	}
	w.old = f
}

// Add writes the articles not already in the library (or earlier in this
// run) to the run's pack. Their bytes may be dropped once it returns.
func (w *Writer) Add(articles []NewArticle) ([]Result, error) {
	l := w.l
	results := make([]Result, 0, len(articles))
	for _, a := range articles {
		if i, ok := w.have[a.ID]; ok {
			results = append(results, Result{Entry: w.entries[i], Duplicate: true})
			continue
		}
		if w.known != nil && w.known.Has(a.ID) {
			results = append(results, Result{Entry: Entry{ID: a.ID}, Duplicate: true})
			continue
		}
		if w.pack == nil {
			p, err := l.newPack()
			if err != nil {
				return nil, fmt.Errorf("library %s: %w", l.Dir, err)
			}
			w.pack = p
		}
		e := a.Meta
		e.ID, e.Source, e.Added, e.Bytes = a.ID, a.Source, w.now.UTC(), len(a.Data)
		e.File, e.Offset = w.pack.file, w.pack.size
		if err := w.pack.write(a.Data); err != nil {
			return nil, fmt.Errorf("library %s: storing %s: %w", l.Dir, a.Source, err)
		}
		w.have[e.ID] = len(w.entries)
		w.entries = append(w.entries, e)
		results = append(results, Result{Entry: e})
	}
	return results, nil
}

// Commit makes what was added part of the library: the pack is synced, then
// the manifest naming it replaces the old one. It gives the manifest's
// entries (nil when the writer had Known, and did not read them), so that a
// cache of the library (its index) can be brought up to date while the
// writer still holds the lock.
func (w *Writer) Commit() (entries []Entry, err error) {
	l := w.l
	entries = w.entries
	if w.known != nil {
		entries = nil // this run's only
	}
	if w.pack == nil {
		return entries, nil
	}
	// The pack is whole and durable before the manifest names it.
	if err := w.pack.finish(); err != nil {
		return nil, fmt.Errorf("library %s: %w", l.Dir, err)
	}
	err = WriteAtomicFile(filepath.Join(l.Dir, manifestName), w.writeManifest)
	if err != nil {
		return nil, fmt.Errorf("library %s: writing manifest: %w", l.Dir, err)
	}
	w.pack = nil
	return entries, nil
}

// writeManifest writes the manifest with this run's entries: all of them
// encoded, or with Known the old manifest up to its last entry's end
// (copied by the kernel where it can), then the new entries: the bytes
// json.Marshal gives for them all.
func (w *Writer) writeManifest(f *os.File) error {
	if w.known == nil {
		data, err := json.Marshal(manifest{Version: manifestVersion, Entries: w.entries})
		if err == nil {
			_, err = f.Write(data)
		}
		return err
	}
	fi, err := w.old.Stat()
	if err != nil {
		return err
	}
	keep := fi.Size() - int64(len(manifestEnd)) + 1
	if _, err := w.old.Seek(0, io.SeekStart); err != nil {
		return err
	}
	n, err := f.ReadFrom(io.LimitReader(w.old, keep))
	if err == nil && n != keep {
		err = fmt.Errorf("%d of %d bytes", n, keep)
	}
	if err != nil {
		return fmt.Errorf("copying the manifest: %w", err)
	}
	var tail []byte
	for _, e := range w.entries {
		b, err := json.Marshal(e)
		if err != nil {
			return err
		}
		tail = append(append(tail, ','), b...)
	}
	_, err = f.Write(append(tail, "]}"...))
	return err
}

// Close ends the run: what was not committed is removed, and the lock is
// released.
func (w *Writer) Close() {
	if w.pack != nil {
		w.pack.abandon()
		w.pack = nil
	}
	if w.old != nil {
		w.old.Close()
		w.old = nil
	}
	if w.unlock != nil {
		w.unlock()
		w.unlock = nil
	}
}

// pack is a pack file being written.
type pack struct {
	f    *os.File
	w    *bufio.Writer
	path string
	file string // relative to the library folder
	size int64
}

func (l *Library) newPack() (*pack, error) {
	dir := filepath.Join(l.Dir, packsDir)
	for {
		name := fmt.Sprintf("%d-%d-%08x.pack", time.Now().UnixNano(), os.Getpid(), rand.Uint32())
		path := filepath.Join(dir, name)
		f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
		if errors.Is(err, fs.ErrExist) {
			continue
		}
		if err != nil {
			return nil, err
		}
		return &pack{f: f, w: bufio.NewWriterSize(f, 1<<20), path: path, file: filepath.ToSlash(filepath.Join(packsDir, name))}, nil
	}
}

func (p *pack) write(data []byte) error {
	n, err := p.w.Write(data)
	p.size += int64(n)
	return err
}

func (p *pack) finish() error {
	err := p.w.Flush()
	if err == nil {
		err = p.f.Sync()
	}
	if cerr := p.f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("writing %s: %w", p.file, err)
	}
	syncDir(filepath.Dir(p.path))
	return nil
}

func (p *pack) abandon() {
	p.f.Close()
	os.Remove(p.path)
}

// Read gives an entry's stored bytes.
func (l *Library) Read(e Entry) ([]byte, error) {
	f, err := os.Open(l.Path(e))
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return ReadAt(f, e)
}

// ReadAt reads an entry's bytes from its file, already open as f.
func ReadAt(f io.ReaderAt, e Entry) ([]byte, error) {
	data := make([]byte, e.Bytes)
	n, err := f.ReadAt(data, e.Offset)
	if n == len(data) {
		return data, nil
	}
	if err == nil || errors.Is(err, io.EOF) {
		err = fmt.Errorf("stored article is cut short (%d of %d bytes)", n, len(data))
	}
	return nil, err
}

// removeOrphans deletes what a killed writer left: temporary files, and
// packs the manifest does not name. It runs under the lock, when no other
// writer can be mid-write.
func (l *Library) removeOrphans(files []string) {
	for _, dir := range []string{l.Dir, filepath.Join(l.Dir, docsDir)} {
		tmps, _ := filepath.Glob(filepath.Join(dir, ".tmp-*"))
		for _, p := range tmps {
			_ = os.Remove(p)
		}
	}
	named := map[string]bool{}
	for _, f := range files {
		named[f] = true
	}
	packs, _ := filepath.Glob(filepath.Join(l.Dir, packsDir, "*.pack"))
	for _, p := range packs {
		if !named[filepath.ToSlash(filepath.Join(packsDir, filepath.Base(p)))] {
			_ = os.Remove(p)
		}
	}
}

// Locked runs fn holding the library's lock. With wait false it gives up at
// once when another process holds the lock (ran is then false).
func (l *Library) Locked(wait bool, fn func() error) (ran bool, err error) {
	if !wait {
		fl := flock.New(filepath.Join(l.Dir, lockName))
		ok, err := fl.TryLock()
		if err != nil || !ok {
			return false, err
		}
		defer fl.Unlock()
		return true, fn()
	}
	unlock, err := l.lock()
	if err != nil {
		return false, err
	}
	defer unlock()
	return true, fn()
}

// lock takes the library's exclusive lock, waiting for another writer.
func (l *Library) lock() (func(), error) {
	fl := flock.New(filepath.Join(l.Dir, lockName))
	ctx, cancel := context.WithTimeout(context.Background(), l.LockTimeout)
	defer cancel()
	ok, err := fl.TryLockContext(ctx, 50*time.Millisecond)
	if err != nil || !ok {
		return nil, fmt.Errorf("library %s is busy (another ingest holds its lock): %v", l.Dir, err)
	}
	return func() { _ = fl.Unlock() }, nil
}

// WriteAtomicFile replaces path with what write puts in the file it is
// given (it may stream into it, or go back and fill in a header), so that
// readers see the old file or the new one, never a part, and the new one
// survives a crash: written whole and synced under a temporary name, then
// renamed into place.
func WriteAtomicFile(path string, write func(*os.File) error) error {
	tmp, err := createTemp(filepath.Dir(path))
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name()) // no-op once renamed
	err = write(tmp)
	if err == nil {
		err = tmp.Sync()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return err
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return err
	}
	syncDir(filepath.Dir(path))
	return nil
}

// createTemp is os.CreateTemp with the mode of an ordinary file (0644 less
// the umask) rather than 0600: stored articles are as readable as the
// folders around them.
func createTemp(dir string) (*os.File, error) {
	for {
		name := filepath.Join(dir, fmt.Sprintf(".tmp-%d-%d", os.Getpid(), rand.Uint64()))
		f, err := os.OpenFile(name, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o644)
		if !errors.Is(err, fs.ErrExist) {
			return f, err
		}
	}
}

// syncDir makes a rename durable; not every platform can sync a folder.
func syncDir(dir string) {
	if d, err := os.Open(dir); err == nil {
		_ = d.Sync()
		d.Close()
	}
}
