// Package library stores ingested articles in a folder: each article's bytes
// as docs/<id>.txt, and a manifest listing them with what was given about them
// at ingest. The manifest is the single source of truth: it is replaced
// atomically (write to a temporary file, sync, rename) under an exclusive file
// lock, and an article file is complete on disk before the manifest names it.
// A crash therefore leaves the library as it was or with the new articles
// complete; concurrent ingests queue on the lock.
package library

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
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
	File   string    `json:"file"`   // relative to the library folder
	Source string    `json:"source"` // where it was ingested from
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
	docsDir         = "docs"
	manifestVersion = 1
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
	data, err := os.ReadFile(filepath.Join(l.Dir, manifestName))
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("library %s: %w", l.Dir, err)
	}
	var m manifest
	if err := json.Unmarshal(data, &m); err != nil {
		return nil, fmt.Errorf("library %s: manifest is damaged: %w", l.Dir, err)
	}
	if m.Version != manifestVersion {
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
	Entry     Entry
	Duplicate bool // already stored (same content): nothing written
}

// Add stores the articles not already in the library and records them in the
// manifest. It holds the library's lock while it works.
func (l *Library) Add(articles []NewArticle, now time.Time) ([]Result, error) {
	if err := os.MkdirAll(filepath.Join(l.Dir, docsDir), 0o755); err != nil {
		return nil, fmt.Errorf("library %s: %w", l.Dir, err)
	}
	unlock, err := l.lock()
	if err != nil {
		return nil, err
	}
	defer unlock()
	l.removeOrphans()

	entries, err := l.Entries()
	if err != nil {
		return nil, err
	}
	have := make(map[string]Entry, len(entries))
	for _, e := range entries {
		have[e.ID] = e
	}
	results := make([]Result, 0, len(articles))
	changed := false
	var written []string
	for _, a := range articles {
		if e, ok := have[a.ID]; ok {
			results = append(results, Result{Entry: e, Duplicate: true})
			continue
		}
		e := a.Meta
		e.ID, e.Source, e.Added, e.Bytes = a.ID, a.Source, now.UTC(), len(a.Data)
		e.File = filepath.ToSlash(filepath.Join(docsDir, a.ID+".txt"))
		// Written whole under a temporary name, renamed into place, made
		// durable all at once below: before the manifest names them.
		if err := writeRenamed(l.Path(e), a.Data, false); err != nil {
			return results, fmt.Errorf("library %s: storing %s: %w", l.Dir, a.Source, err)
		}
		written = append(written, l.Path(e))
		have[e.ID] = e
		entries = append(entries, e)
		results = append(results, Result{Entry: e})
		changed = true
	}
	if !changed {
		return results, nil
	}
	if err := syncFiles(filepath.Join(l.Dir, docsDir), written); err != nil {
		return nil, fmt.Errorf("library %s: %w", l.Dir, err)
	}
	data, err := json.MarshalIndent(manifest{Version: manifestVersion, Entries: entries}, "", " ")
	if err != nil {
		return nil, err
	}
	if err := WriteFileAtomic(filepath.Join(l.Dir, manifestName), data); err != nil {
		return nil, fmt.Errorf("library %s: writing manifest: %w", l.Dir, err)
	}
	return results, nil
}

// removeOrphans deletes temporary files a killed writer left. It runs under
// the lock, when no other writer can be mid-write.
func (l *Library) removeOrphans() {
	for _, dir := range []string{l.Dir, filepath.Join(l.Dir, docsDir)} {
		tmps, _ := filepath.Glob(filepath.Join(dir, ".tmp-*"))
		for _, p := range tmps {
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

// WriteFileAtomic replaces path with data so that readers see the old file
// or the new one, never a part, and the new one survives a crash.
func WriteFileAtomic(path string, data []byte) error {
	if err := writeRenamed(path, data, true); err != nil {
		return err
	}
	syncDir(filepath.Dir(path))
	return nil
}

// writeRenamed writes data to a temporary file beside path and renames it
// into place, so no reader sees part of it. Without durable, the caller makes
// it durable later (syncFiles).
func writeRenamed(path string, data []byte, durable bool) error {
	tmp, err := createTemp(filepath.Dir(path))
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name()) // no-op once renamed
	_, err = tmp.Write(data)
	if err == nil && durable {
		err = tmp.Sync()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
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
