// Package snapshot persists what analysis found in a library's articles
// (metadata, quotations, temporal expressions, a search signature; not the
// text), so a query loads the records it needs instead of re-reading and
// re-analysing every article.
//
// The index file holds sections: the documents' keys (fixed-size entries
// in query order, checksummed as a stream when the index is opened, then
// read for the documents a query touches), their other
// metadata and their records (both read one document at a time, when a
// query shows it), the speakers table (read by quotation queries), the
// search signatures (read by grep) and the calendar ranges of dated
// expressions (read by timeline queries for a period). It is trusted only
// when it is whole (checksums) and carries the stamp of the library's
// manifest as it is (size and checksum), as written by the same analysis
// (the build of the running binary): any other index is stale and ignored,
// and the articles it lacks are analysed afresh. It is a cache: losing it
// costs time, never data. An ingest into a library whose index is fresh
// adds its articles to a copy of the index (Extend) rather than write one
// anew from every document.
package snapshot

import (
	"bufio"
	"bytes"
	"cmp"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"
	"unsafe"

	"github.com/sanc-news/sanc/pkg/analyze"
	"github.com/sanc-news/sanc/pkg/doc"
	"github.com/sanc-news/sanc/pkg/library"
	"github.com/sanc-news/sanc/pkg/memhint"
	"github.com/sanc-news/sanc/pkg/quotes"
	"github.com/sanc-news/sanc/pkg/speakers"
	"github.com/sanc-news/sanc/pkg/timex"
)

// FileName is the index's name in the library folder.
const FileName = "index.bin"

const magic = "SANCIDX2\n"

var castagnoli = crc32.MakeTable(crc32.Castagnoli)

func checksum(b []byte) uint32 { return crc32.Checksum(b, castagnoli) }

// Stamp identifies a manifest's bytes: an index describes the manifest
// whose stamp it carries.
type Stamp struct {
	Size int64
	CRC  uint32
}

// StampOf stamps manifest bytes.
func StampOf(manifest []byte) Stamp { return Stamp{int64(len(manifest)), checksum(manifest)} }

// StampFile stamps the manifest at path, reading it in pieces: a large
// library's manifest need not be held to check its index.
func StampFile(path string) (Stamp, error) {
	f, err := os.Open(path)
	if err != nil {
		return Stamp{}, err
	}
	defer f.Close()
	return ReadStamp(f)
}

// ReadStamp stamps the manifest r reads, in pieces.
func ReadStamp(r io.Reader) (Stamp, error) {
	h := crc32.New(castagnoli)
	n, err := io.Copy(h, r)
	if err != nil {
		return Stamp{}, err
	}
	return Stamp{n, h.Sum32()}, nil
}

// Doc is one article as the index keeps it.
type Doc struct {
	Entry library.Entry
	// Article is the analysis of an article of this run; for a stored one,
	// its keys only (no text, no records: Records reads them) until
	// Complete reads the rest of its metadata.
	Article *analyze.Article
	Quotes  int    // how many quotations
	Events  int    // dated expressions (dates and times)
	Grams   []byte // search signature (package grams) of an article of this run
	// Spans are the calendar ranges of its dated expressions, for an
	// article of this run (Ranges gives a stored one's).
	Spans []analyze.Span

	rec []byte // records encoded, for an article analysed in this run
	// spill holds a spilled document's records, metadata and signature, at
	// recOff, metaOff and gramOff in its parts; said is its quotations as
	// the spill numbered their names.
	spill                    *Spill
	said                     []said
	recOff, gramOff, metaOff int64
	recLen, gramLen, metaLen int
	// partial: read from an index, only the keys are filled in (id, file,
	// offset, size, dates, counts, Latin-1) until Complete reads the rest.
	partial bool
	// from is the index a stored document was read from, at position pos:
	// its signature and calendar ranges are there.
	from *Index
	pos  int
	// read are its records, when Prefetch read them with its neighbours'.
	read []byte
}

// NewDoc describes a freshly analysed article for Save. Its records are
// encoded at once: the caller may drop the article's quotations and
// expressions, which take several times the room.
func NewDoc(e library.Entry, a *analyze.Article, grams []byte) *Doc {
	d := &Doc{Entry: e, Article: a, Quotes: len(a.Quotes), Grams: grams, rec: encodeRecords(a.Quotes, a.Times), Spans: analyze.Spans(a.Times)}
	d.Events = analyze.Dated(a.Times)
	return d
}

// Spill is the scratch files a large ingest moves the encoded records,
// metadata and signatures of its articles to as it stores them, so memory
// holds only what the index orders them by, and their speakers' names,
// until it is written. Each part
// is copied whole into its section of the index (in the order the articles
// were stored: each one's entry in the document table says where it is),
// so writing the index reads nothing back; the names of the speakers are
// numbered as the articles come, so the speakers table is quick to make.
type Spill struct {
	parts [nSpillParts]spillPart
	names nameBook
}

// The parts of a spill.
const (
	spillRecords = iota
	spillMeta
	spillGrams
	nSpillParts
)

type spillPart struct {
	f    *os.File
	w    *bufio.Writer
	size int64
	crc  uint32 // of what it holds: the signatures section's checksum starts from it
}

// CreateSpill makes a spill's files in dir, named .tmp-spill-* (a library
// removes those a crash leaves behind). Remove removes them.
func CreateSpill(dir string) (*Spill, error) {
	s := &Spill{}
	for i := range s.parts {
		f, err := os.CreateTemp(dir, ".tmp-spill-*")
		if err != nil {
			s.Remove()
			return nil, fmt.Errorf("index: %w", err)
		}
		s.parts[i] = spillPart{f: f, w: bufio.NewWriterSize(f, 1<<20)}
	}
	return s, nil
}

// Remove closes and removes the spill's files.
func (s *Spill) Remove() {
	for _, p := range s.parts {
		if p.f != nil {
			p.f.Close()
			os.Remove(p.f.Name())
		}
	}
}

// add appends b to the part, and gives where it starts.
func (p *spillPart) add(b []byte) (int64, error) {
	off := p.size
	if _, err := p.w.Write(b); err != nil {
		return 0, fmt.Errorf("index: spilling: %w", err)
	}
	p.size += int64(len(b))
	p.crc = crc32.Update(p.crc, castagnoli, b)
	return off, nil
}

// copyTo appends the whole part to f at its offset, within the kernel
// where it can (copy_file_range).
func (p *spillPart) copyTo(f *os.File) error {
	if err := p.w.Flush(); err != nil {
		return fmt.Errorf("index: spilling: %w", err)
	}
	if _, err := p.f.Seek(0, io.SeekStart); err != nil {
		return fmt.Errorf("index: copying spilled records: %w", err)
	}
	n, err := f.ReadFrom(io.LimitReader(p.f, p.size))
	if err == nil && n != p.size {
		err = fmt.Errorf("spilled %d bytes, read back %d", p.size, n)
	}
	if err != nil {
		return fmt.Errorf("index: copying spilled records: %w", err)
	}
	return nil
}

// SpillTo moves a fresh document's records, metadata and signature to s.
// Its entry must be the one the library stored it under, and its article
// must still have its quotations: the metadata is encoded now, and the
// names numbered.
func (d *Doc) SpillTo(s *Spill) error {
	if d.rec == nil {
		return nil
	}
	meta := encodeMeta(d)
	d.said = s.names.note(d.Article.Quotes)
	var err error
	if d.recOff, err = s.parts[spillRecords].add(d.rec); err != nil {
		return err
	}
	if d.metaOff, err = s.parts[spillMeta].add(meta); err != nil {
		return err
	}
	if d.gramOff, err = s.parts[spillGrams].add(d.Grams); err != nil {
		return err
	}
	d.recLen, d.metaLen, d.gramLen = len(d.rec), len(meta), len(d.Grams)
	d.rec, d.Grams, d.spill = nil, nil, s
	return nil
}

// fresh: analysed in this run, its records not in an index file yet.
func (d *Doc) fresh() bool { return d.rec != nil || d.spill != nil }

// signature gives the search signature of a document that is not spilled,
// wherever it is.
func (d *Doc) signature() ([]byte, error) {
	if d.Grams == nil && d.from != nil {
		if err := d.from.Grams(); err != nil {
			return nil, err
		}
		return d.from.Signature(d.pos), nil
	}
	return d.Grams, nil
}

// spans gives the document's calendar ranges, wherever they are.
func (d *Doc) spans() ([]analyze.Span, error) {
	if d.Spans == nil && d.from != nil {
		if err := d.from.LoadSpans(); err != nil {
			return nil, err
		}
	}
	spans, _ := d.Ranges()
	return spans, nil
}

// section is a stretch of the file.
type section struct {
	off, len int64
	crc      uint32
}

// The sections, in file order. The document table holds what every query
// needs of every article (keys: id, where it is stored, its dates, counts);
// the rest of its metadata is in the meta section, read for the articles a
// query shows.
const (
	secDocs = iota
	secMeta
	secRecords
	secSpeakers
	secGrams
	secSpans
	nSections
)

// Index is an open index file.
type Index struct {
	// What every query needs of every document, as fixed-size entries: a
	// query reads the entries of the documents it touches (LoadKeys reads
	// them all), and a library of 200,000 articles opens without decoding
	// them (Doc makes a document's struct).
	tableOff int64
	table    atomic.Pointer[[]byte] // once LoadKeys has read it
	n        int
	files    []pack // which entries name by number

	f        *os.File
	sections [nSections]section
	meta     []byte // the whole meta section, once LoadMeta has read it
	mu       sync.Mutex
	names    *speakers.Table
	// Read once, for all documents (the loads hold mu), then read by many
	// goroutines without it: queries look them up per document.
	spans atomic.Pointer[spanTable] // once LoadSpans has read them
	grams atomic.Pointer[[]byte]    // the signatures section, once Grams has read it
}

// spanTable holds the calendar ranges of document i at spans[at[i]:at[i+1]].
type spanTable struct {
	spans []analyze.Span
	at    []int32
}

// pack is a file of stored articles, and the size its articles need.
type pack struct {
	name string
	size int64
}

// key is one document's entry in the document table, decoded.
type key struct {
	id                               string
	date, added                      time.Time
	offset, recOff, gramOff, metaOff int64
	bytes, recLen, gramLen, metaLen  int
	quotes, events, file             int
	latin1                           bool
}

// An entry of the document table is keySize bytes: the id (up to maxID
// bytes, then its length), flags, then little-endian numbers at the places
// below. Dates are Unix seconds and nanoseconds.
const (
	keySize = 104
	maxID   = 16

	flagLatin1 = 1 << iota
	flagDate
	flagAdded
)

const (
	atIDLen   = 16
	atFlags   = 17
	atFile    = 20 // 32 bits
	atBytes   = 24
	atQuotes  = 28
	atEvents  = 32
	atAddedNs = 36
	atDate    = 40 // 64 bits
	atAdded   = 48
	atOffset  = 56
	atRecOff  = 64
	atGramOff = 72
	atMetaOff = 80
	atRecLen  = 88 // 32 bits
	atGramLen = 92
	atMetaLen = 96
	atDateNs  = 100
)

func putKey(b []byte, k key) {
	le := binary.LittleEndian
	copy(b, k.id)
	b[atIDLen] = byte(len(k.id))
	var flags byte
	if k.latin1 {
		flags |= flagLatin1
	}
	if !k.date.IsZero() {
		flags |= flagDate
		le.PutUint64(b[atDate:], uint64(k.date.Unix()))
		le.PutUint32(b[atDateNs:], uint32(k.date.Nanosecond()))
	}
	if !k.added.IsZero() {
		flags |= flagAdded
		le.PutUint64(b[atAdded:], uint64(k.added.Unix()))
		le.PutUint32(b[atAddedNs:], uint32(k.added.Nanosecond()))
	}
	b[atFlags] = flags
	le.PutUint32(b[atFile:], uint32(k.file))
	le.PutUint32(b[atBytes:], uint32(k.bytes))
	le.PutUint32(b[atQuotes:], uint32(k.quotes))
	le.PutUint32(b[atEvents:], uint32(k.events))
	le.PutUint64(b[atOffset:], uint64(k.offset))
	le.PutUint64(b[atRecOff:], uint64(k.recOff))
	le.PutUint64(b[atGramOff:], uint64(k.gramOff))
	le.PutUint64(b[atMetaOff:], uint64(k.metaOff))
	le.PutUint32(b[atRecLen:], uint32(k.recLen))
	le.PutUint32(b[atGramLen:], uint32(k.gramLen))
	le.PutUint32(b[atMetaLen:], uint32(k.metaLen))
}

// entry gives document i's entry, reading it unless LoadKeys has. A
// damaged or unreadable entry reads as zeros: what it names is then not
// found.
func (x *Index) entry(i int) []byte {
	if table := x.table.Load(); table != nil {
		return (*table)[i*keySize : (i+1)*keySize : (i+1)*keySize]
	}
	b := make([]byte, keySize)
	_, _ = x.f.ReadAt(b, x.tableOff+int64(i)*keySize)
	return b
}

// key decodes document i's entry. Its id shares the entry's bytes.
func (x *Index) key(i int) key { return decodeKey(x.entry(i)) }

// decodeKey decodes an entry of the document table. Its id shares the
// entry's bytes.
func decodeKey(b []byte) key {
	le := binary.LittleEndian
	k := key{id: unsafe.String(&b[0], min(int(b[atIDLen]), maxID)), latin1: b[atFlags]&flagLatin1 != 0}
	if b[atFlags]&flagDate != 0 {
		k.date = time.Unix(int64(le.Uint64(b[atDate:])), int64(le.Uint32(b[atDateNs:]))).UTC()
	}
	if b[atFlags]&flagAdded != 0 {
		k.added = time.Unix(int64(le.Uint64(b[atAdded:])), int64(le.Uint32(b[atAddedNs:]))).UTC()
	}
	k.file, k.bytes = int(le.Uint32(b[atFile:])), int(le.Uint32(b[atBytes:]))
	k.quotes, k.events = int(le.Uint32(b[atQuotes:])), int(le.Uint32(b[atEvents:]))
	k.offset = int64(le.Uint64(b[atOffset:]))
	k.recOff, k.gramOff, k.metaOff = int64(le.Uint64(b[atRecOff:])), int64(le.Uint64(b[atGramOff:])), int64(le.Uint64(b[atMetaOff:]))
	k.recLen, k.gramLen, k.metaLen = int(le.Uint32(b[atRecLen:])), int(le.Uint32(b[atGramLen:])), int(le.Uint32(b[atMetaLen:]))
	return k
}

// Key is what a query orders and scopes documents by.
type Key struct {
	ID          string
	Date, Added time.Time // zero when unknown
}

// Len is the number of documents.
func (x *Index) Len() int { return x.n }

// Key gives document i's id and dates.
func (x *Index) Key(i int) Key { k := x.key(i); return Key{k.id, k.date, k.added} }

// Packs lists the files the documents are stored in (relative to the
// library folder), each with the size its documents need.
func (x *Index) Packs() (names []string, sizes []int64) {
	for _, p := range x.files {
		names = append(names, p.name)
		sizes = append(sizes, p.size)
	}
	return names, sizes
}

// Place says where document i's bytes are: the pack (relative to the
// library folder), the offset in it, and the size.
func (x *Index) Place(i int) (file string, offset int64, size int) {
	k := x.key(i)
	return x.fileName(k.file), k.offset, k.bytes
}

// fileName is pack i's name ("" for a damaged number: nothing is read).
func (x *Index) fileName(i int) string {
	if i < 0 || i >= len(x.files) {
		return ""
	}
	return x.files[i].name
}

// Doc makes document i's struct, with its keys filled in (Complete reads
// the rest of its metadata). Each call makes a new one.
func (x *Index) Doc(i int) *Doc {
	type doc3 struct { // one allocation, not three
		d Doc
		a analyze.Article
		m doc.Document
	}
	k := x.key(i)
	n := &doc3{}
	d := &n.d
	d.Article = &n.a
	d.Article.Document = &n.m
	d.partial, d.from, d.pos = true, x, i
	d.Entry = library.Entry{ID: k.id, File: x.fileName(k.file), Offset: k.offset, Bytes: k.bytes, Added: k.added}
	d.Article.ID, d.Article.Date, d.Article.Latin1, d.Article.Bytes = k.id, k.date, k.latin1, k.bytes
	d.Quotes, d.Events = k.quotes, k.events
	d.recOff, d.recLen = x.sections[secRecords].off+k.recOff, k.recLen
	d.gramOff, d.gramLen = k.gramOff, k.gramLen
	d.metaOff, d.metaLen = k.metaOff, k.metaLen
	if !within(k.recOff, int64(k.recLen), x.sections[secRecords].len) || k.recLen < 4 {
		d.recOff, d.recLen = 0, 0 // damaged: Records says so
	}
	if !within(k.metaOff, int64(k.metaLen), x.sections[secMeta].len) || k.metaLen < 4 {
		d.metaOff, d.metaLen = 0, 0 // damaged: Complete says so
	}
	return d
}

// within says whether [off, off+n) lies in [0, size), without overflowing.
func within(off, n, size int64) bool { return off >= 0 && n >= 0 && n <= size && off <= size-n }

// IDSet is a set of article ids, as the document table holds them (the id,
// then its length): a set of a large library's is built quickly and holds
// no pointers.
type IDSet map[[maxID + 1]byte]struct{}

// Has says whether the set holds id.
func (s IDSet) Has(id string) bool {
	if len(id) > maxID {
		return false
	}
	var k [maxID + 1]byte
	copy(k[:], id)
	k[atIDLen] = byte(len(id))
	_, ok := s[k]
	return ok
}

// IDs gives the set of the documents' ids, reading the document table a
// block at a time.
func (x *Index) IDs() (IDSet, error) {
	ids := make(IDSet, x.n)
	err := x.eachEntry(func(_ int, b []byte) {
		ids[[maxID + 1]byte(b[:maxID+1])] = struct{}{}
	})
	return ids, err
}

// eachEntry calls fn with each document's entry in turn, reading the
// document table a block at a time (or from memory after LoadKeys). The
// entry is valid only during the call.
func (x *Index) eachEntry(fn func(i int, entry []byte)) error {
	table := x.table.Load()
	per := streamBlock / keySize
	var block []byte
	for lo := 0; lo < x.n; lo += per {
		hi := min(lo+per, x.n)
		var entries []byte
		if table != nil {
			entries = (*table)[lo*keySize : hi*keySize]
		} else {
			block = slices.Grow(block[:0], (hi-lo)*keySize)[:(hi-lo)*keySize]
			if _, err := x.f.ReadAt(block, x.tableOff+int64(lo)*keySize); err != nil {
				return fmt.Errorf("index: truncated: %w", err)
			}
			entries = block
		}
		for i := lo; i < hi; i++ {
			fn(i, entries[(i-lo)*keySize:(i-lo+1)*keySize])
		}
	}
	return nil
}

// AllDocs makes every document's struct: for rebuilding an index from it.
func (x *Index) AllDocs() []*Doc {
	_ = x.LoadKeys() // one read, not one per entry (unreadable: each reads its own)
	docs := make([]*Doc, x.n)
	for i := range docs {
		docs[i] = x.Doc(i)
	}
	return docs
}

// Usable says whether this build of sanc can write and trust an index: it
// cannot when it cannot identify itself (the index is tied to the build).
func Usable() bool { return Version() != unknown }

// Open reads the index in dir. It is fresh when it carries the stamp of
// the manifest as it is now; a stale index written by this build still
// gives the records of the articles it holds, to rebuild from. A missing or
// damaged index gives an error saying which: callers rebuild, they do not
// fail.
func Open(dir string, manifest Stamp) (x *Index, fresh bool, err error) {
	if !Usable() {
		return nil, false, errors.New("index: cannot identify this build of sanc, so no index is trusted")
	}
	f, err := os.Open(filepath.Join(dir, FileName))
	if err != nil {
		return nil, false, err
	}
	x, fresh, err = open(f, manifest)
	if err != nil {
		f.Close()
		return nil, false, err
	}
	return x, fresh, nil
}

func open(f *os.File, manifest Stamp) (*Index, bool, error) {
	r := bufio.NewReaderSize(f, 64<<10)
	m := make([]byte, len(magic))
	if _, err := io.ReadFull(r, m); err != nil || string(m) != magic {
		return nil, false, errors.New("index: not a sanc index")
	}
	var b [8]byte
	if _, err := io.ReadFull(r, b[:2]); err != nil {
		return nil, false, errors.New("index: damaged header")
	}
	build := make([]byte, binary.LittleEndian.Uint16(b[:2]))
	if _, err := io.ReadFull(r, build); err != nil {
		return nil, false, errors.New("index: damaged header")
	}
	if string(build) != Version() {
		return nil, false, fmt.Errorf("index: written by another build (%s)", build)
	}
	head := make([]byte, 12+nSections*20)
	if _, err := io.ReadFull(r, head); err != nil {
		return nil, false, errors.New("index: damaged header")
	}
	fresh := int64(binary.LittleEndian.Uint64(head)) == manifest.Size && binary.LittleEndian.Uint32(head[8:]) == manifest.CRC
	x := &Index{f: f}
	fi, err := f.Stat()
	if err != nil {
		return nil, false, err
	}
	for i := range x.sections {
		h := head[12+i*20:]
		s := section{int64(binary.LittleEndian.Uint64(h)), int64(binary.LittleEndian.Uint64(h[8:])), binary.LittleEndian.Uint32(h[16:])}
		if !within(s.off, s.len, fi.Size()) {
			return nil, false, errors.New("index: truncated")
		}
		x.sections[i] = s
	}
	// The document table is checked as a stream: a query then reads only
	// the entries it needs.
	docs := x.sections[secDocs]
	h := crc32.New(castagnoli)
	if _, err := io.Copy(h, io.NewSectionReader(f, docs.off, docs.len)); err != nil || h.Sum32() != docs.crc {
		return nil, false, errors.New("index: checksum mismatch")
	}
	if err := x.readHead(); err != nil {
		return nil, false, err
	}
	return x, fresh, nil
}

// readHead reads the document table's head: the number of documents
// (before their entries) and the packs (after). The checksum covers it
// all, so the entries are checked for sense only where they are used.
func (x *Index) readHead() error {
	damaged := errors.New("index: damaged document table")
	docs := x.sections[secDocs]
	var b [8]byte
	if docs.len < 8 {
		return damaged
	}
	if _, err := x.f.ReadAt(b[:], docs.off); err != nil {
		return fmt.Errorf("index: %w", err)
	}
	n := binary.LittleEndian.Uint64(b[:])
	if n > uint64(docs.len-8)/keySize {
		return damaged
	}
	x.n, x.tableOff = int(n), docs.off+8
	tail, err := x.readAt(x.tableOff+int64(x.n)*keySize, docs.off+docs.len-x.tableOff-int64(x.n)*keySize)
	if err != nil {
		return err
	}
	d := &decoder{b: tail}
	for n := d.count(); n > 0 && d.err == nil; n-- {
		x.files = append(x.files, pack{d.str(), d.int64()})
	}
	if d.err != nil || len(d.b) != 0 {
		return damaged
	}
	return nil
}

// readAt reads n bytes at off.
func (x *Index) readAt(off, n int64) ([]byte, error) {
	buf := make([]byte, n)
	if _, err := x.f.ReadAt(buf, off); err != nil {
		return nil, fmt.Errorf("index: truncated: %w", err)
	}
	return buf, nil
}

// read gives a whole section, checked against its checksum.
func (x *Index) read(i int) ([]byte, error) {
	s := x.sections[i]
	buf := make([]byte, s.len)
	memhint.HugePages(buf)
	if _, err := x.f.ReadAt(buf, s.off); err != nil {
		return nil, fmt.Errorf("index: truncated: %w", err)
	}
	if checksum(buf) != s.crc {
		return nil, errors.New("index: checksum mismatch")
	}
	return buf, nil
}

// LoadKeys reads every document's entry at once, for a query that reads
// most of them (one read rather than one each).
func (x *Index) LoadKeys() error {
	x.mu.Lock()
	defer x.mu.Unlock()
	if x.table.Load() != nil {
		return nil
	}
	table, err := x.readAt(x.tableOff, int64(x.n)*keySize)
	if err != nil {
		return err
	}
	x.table.Store(&table)
	return nil
}

// LoadMeta reads the whole meta section at once, for a query that shows
// most documents (a listing): one read rather than one per document.
func (x *Index) LoadMeta() error {
	x.mu.Lock()
	loaded := x.meta != nil
	x.mu.Unlock()
	if loaded {
		return nil
	}
	s := x.sections[secMeta]
	body, err := x.readAt(s.off, s.len) // each record carries its checksum
	if err != nil {
		return err
	}
	x.mu.Lock()
	x.meta = body
	x.mu.Unlock()
	return nil
}

// Close releases the file.
func (x *Index) Close() error { return x.f.Close() }

// Complete reads the rest of a document's metadata (title, outlet, where it
// was ingested from, what cleaning dropped, ...) into it.
func (x *Index) Complete(d *Doc) error {
	if !d.partial {
		return nil
	}
	x.mu.Lock()
	all := x.meta
	x.mu.Unlock()
	var buf []byte
	if all != nil {
		buf = all[d.metaOff : d.metaOff+int64(d.metaLen)]
	} else {
		var err error
		if buf, err = x.readAt(x.metaAt(d).Off, x.metaAt(d).Len); err != nil {
			return err
		}
	}
	return d.completeFrom(buf)
}

// metaAt is where a stored document's metadata is in the file.
func (x *Index) metaAt(d *Doc) Range {
	return Range{x.sections[secMeta].off + d.metaOff, int64(d.metaLen)}
}

// completeFrom decodes a stored document's metadata record, buf, into it;
// its strings share buf.
func (d *Doc) completeFrom(buf []byte) error {
	if len(buf) < 4 || binary.LittleEndian.Uint32(buf) != checksum(buf[4:]) {
		return errors.New("index: damaged metadata")
	}
	dec := &decoder{b: buf[4:]}
	e := &d.Entry
	e.Source, e.Title, e.Outlet, e.URL, e.Author, e.Date = dec.str(), dec.str(), dec.str(), dec.str(), dec.str(), dec.str()
	a := d.Article
	path := a.Path
	dec.document(a.Document)
	a.Path = path
	a.Words = dec.int()
	if dec.err != nil || len(dec.b) != 0 || a.ID != e.ID {
		return errors.New("index: damaged metadata")
	}
	d.partial = false
	return nil
}

// Prefetch reads the records of stored documents with few reads: records
// near each other in the file are read together, into scratch. Forget
// drops them again.
func (x *Index) Prefetch(docs []*Doc, scratch *Scratch) {
	var of []*Doc
	for _, d := range docs {
		if d.from == x && !d.fresh() && d.read == nil && d.recLen > 0 {
			of = append(of, d)
		}
	}
	// In file order: an ingest stores records in the order it analysed
	// the articles, not in the order queries list them.
	slices.SortFunc(of, func(a, b *Doc) int { return cmp.Compare(a.recOff, b.recOff) })
	want := make([]Range, len(of))
	for i, d := range of {
		want[i] = Range{d.recOff, int64(d.recLen)}
	}
	bufs, err := scratch.ReadRanges(x.f, want)
	if err != nil {
		return // each document reads its own, and says what failed
	}
	for i, d := range of {
		d.read = bufs[i]
	}
}

// Forget drops the records Prefetch read.
func (d *Doc) Forget() { d.read = nil }

// Range is a stretch of a file.
type Range struct{ Off, Len int64 }

// ReadRanges reads the ranges of f, sorted by offset, joining those close
// enough that one read of the gap between them costs less than a read
// each. It gives each range's bytes (slices of shared buffers).
func ReadRanges(f io.ReaderAt, ranges []Range) ([][]byte, error) {
	return new(Scratch).ReadRanges(f, ranges)
}

// Scratch is memory that reads are made into again and again: a query that
// reads run after run of articles touches the same pages instead of new
// ones, and a page touched for the first time costs the kernel more than
// the copy. The strings decoded from records share the buffer they were
// read into: records go into a scratch only where everything made from
// them is copied or dropped before Reset. The zero value is ready.
type Scratch struct {
	buf  []byte
	used int
}

// Reset makes the memory free for the next reads: whatever the earlier
// reads gave must no longer be used.
func (s *Scratch) Reset() { s.used = 0 }

// ReadRanges is the package's ReadRanges, made into the scratch memory.
func (s *Scratch) ReadRanges(f io.ReaderAt, ranges []Range) ([][]byte, error) {
	const gap, most = 16 << 10, 1 << 20
	for _, r := range ranges {
		if !within(r.Off, r.Len, math.MaxInt64) {
			return nil, fmt.Errorf("index: bad range %d+%d", r.Off, r.Len)
		}
	}
	// The reads first, so the memory for them is found at once.
	type read struct {
		lo, hi     int // the ranges it holds
		start, end int64
	}
	var reads []read
	total := 0
	for lo := 0; lo < len(ranges); {
		start, end := ranges[lo].Off, ranges[lo].Off+ranges[lo].Len
		hi := lo + 1
		for ; hi < len(ranges); hi++ {
			r := ranges[hi]
			if r.Off < start || r.Off-end > gap || max(end, r.Off+r.Len)-start > most {
				break
			}
			end = max(end, r.Off+r.Len)
		}
		reads = append(reads, read{lo, hi, start, end})
		total += int(end - start)
		lo = hi
	}
	if len(s.buf)-s.used < total {
		// The bytes given before stay where they are until Reset.
		s.buf, s.used = make([]byte, max(total, 2*len(s.buf))), 0
	}
	out := make([][]byte, len(ranges))
	for _, r := range reads {
		n := int(r.end - r.start)
		buf := s.buf[s.used : s.used+n : s.used+n]
		s.used += n
		if _, err := f.ReadAt(buf, r.start); err != nil {
			return nil, fmt.Errorf("index: %w", err)
		}
		for i := r.lo; i < r.hi; i++ {
			o := ranges[i].Off - r.start
			out[i] = buf[o : o+ranges[i].Len : o+ranges[i].Len]
		}
	}
	return out, nil
}

// Part names what of a document's records to decode.
type Part int

// The parts of a document's records.
const (
	QuotesPart Part = 1 << iota // its quotations
	TimesPart                   // its temporal expressions
	AllParts   = QuotesPart | TimesPart
)

// Records reads a document's quotations and temporal expressions, as the
// parts asked for (the others are nil).
func (x *Index) Records(doc *Doc, parts Part) ([]quotes.Quote, []timex.Expr, error) {
	if doc.fresh() {
		rec, err := doc.records(nil)
		if err != nil {
			return nil, nil, err
		}
		return decodeRecords(rec, parts)
	}
	rec := doc.read
	if rec == nil {
		var err error
		if rec, err = x.readAt(doc.recOff, int64(doc.recLen)); err != nil {
			return nil, nil, err
		}
	}
	return decodeRecords(rec, parts)
}

// A document's records are its checksum, the size of its quotations, the
// quotations and the expressions: either part is decoded without the other.
func decodeRecords(buf []byte, parts Part) ([]quotes.Quote, []timex.Expr, error) {
	damaged := errors.New("index: damaged records")
	if len(buf) < 4 || binary.LittleEndian.Uint32(buf) != checksum(buf[4:]) {
		return nil, nil, damaged
	}
	d := &decoder{b: buf[4:]}
	size := d.count()
	if d.err != nil || size < 0 {
		return nil, nil, damaged
	}
	var qs []quotes.Quote
	var ts []timex.Expr
	ok := true
	if parts&QuotesPart != 0 {
		qd := &decoder{b: d.b[:size]}
		qs, ok = decodeList(qd, qd.quote)
	}
	if parts&TimesPart != 0 && ok {
		td := &decoder{b: d.b[size:]}
		ts, ok = decodeList(td, td.expr)
	}
	if !ok {
		return nil, nil, damaged
	}
	return qs, ts, nil
}

// decodeList reads a count and that many items, which must be all d holds.
func decodeList[T any](d *decoder, item func() T) ([]T, bool) {
	var out []T
	if n := d.count(); n > 0 {
		out = make([]T, n)
		for i := range out {
			out[i] = item()
		}
	}
	return out, d.err == nil && len(d.b) == 0
}

func encodeRecords(qs []quotes.Quote, ts []timex.Expr) []byte {
	q := &encoder{}
	q.int(len(qs))
	for _, x := range qs {
		q.quote(x)
	}
	e := &encoder{b: make([]byte, 4, 8+len(q.b)+64*len(ts))}
	e.int(len(q.b))
	e.b = append(e.b, q.b...)
	e.int(len(ts))
	for _, t := range ts {
		e.expr(t)
	}
	binary.LittleEndian.PutUint32(e.b, checksum(e.b[4:]))
	return bytes.Clone(e.b) // without the slack append left: kept until the index is written
}

// Speakers reads the corpus's speakers table. Only its surnames stay in
// memory: the names are checked as a stream (the section's checksum, and
// that it reads as written), and each query reads them again a block at a
// time, keeping only those it matches, so memory does not grow with the
// number of names.
func (x *Index) Speakers() (*speakers.Table, error) {
	x.mu.Lock()
	defer x.mu.Unlock()
	if x.names != nil {
		return x.names, nil
	}
	s := x.sections[secSpeakers]
	fuller, crc, err := scanSpeakers(x.f, s, nil, nil)
	if err != nil {
		return nil, err
	}
	if crc != s.crc {
		return nil, errors.New("index: checksum mismatch")
	}
	x.names = speakers.Stored(fuller, storedNames{x.f, s})
	return x.names, nil
}

// storedNames are the names of the speakers section, read for each query.
type storedNames struct {
	f *os.File
	s section
}

// Scan reads the names, and the references of those match accepts. The
// section was checked when the table was read, so only a failing disk can
// make it stop early (with the references read until then).
func (n storedNames) Scan(match func(key string) bool, use func(speakers.Ref)) {
	_, _, _ = scanSpeakers(n.f, n.s, match, use)
}

// scanSpeakers reads a speakers section of size bytes from r, a block at a
// time, and gives its surnames (only when match is nil: the names alone
// are wanted otherwise). It gives use each reference of each name whose key
// match accepts.
func scanSpeakers(r io.ReaderAt, sec section, match func(key string) bool, use func(speakers.Ref)) (fuller map[string]string, crc uint32, err error) {
	c := &cursor{w: &window{r: r, s: sec}}
	n := c.count()
	if match == nil {
		fuller = make(map[string]string, n)
	}
	for ; n > 0 && c.err == nil; n-- {
		if match == nil {
			k := string(c.bytes())
			fuller[k] = string(c.bytes())
		} else {
			c.skip()
			c.skip()
		}
	}
	for c.left() > 0 && c.err == nil {
		if match == nil {
			c.skip()
			c.skip()
			c.skip()
			continue
		}
		key := c.bytes()
		if c.err != nil || !match(unsafe.String(unsafe.SliceData(key), len(key))) {
			c.skip()
			c.skip()
			continue
		}
		c.skip() // the name: a query matches keys
		d := &decoder{b: c.bytes()}
		prev := speakers.Ref{}
		for len(d.b) > 0 {
			r := speakers.Ref{Doc: prev.Doc + int32(d.int()), Quote: int32(d.int())}
			if d.err != nil {
				break // only a bug writes this: the checksum held
			}
			use(r)
			prev = r
		}
	}
	if c.err == nil {
		c.err = c.w.finish(false)
	}
	if c.err != nil {
		return nil, 0, errors.New("index: damaged speakers table")
	}
	return fuller, c.w.crc, nil
}

// LoadSpans reads every document's calendar ranges (Spans gives them).
func (x *Index) LoadSpans() error {
	x.mu.Lock()
	defer x.mu.Unlock()
	if x.spans.Load() != nil {
		return nil
	}
	body, err := x.read(secSpans)
	if err != nil {
		return err
	}
	d := &decoder{b: body}
	at := make([]int32, x.n+1)
	total := d.count()
	if total < 0 || total > len(d.b)/2 { // a range takes two bytes at least
		return errors.New("index: damaged calendar ranges")
	}
	spans := make([]analyze.Span, 0, total)
	for i := range x.n {
		spans = d.ranges(spans)
		at[i+1] = int32(len(spans))
	}
	if d.err != nil || len(d.b) != 0 {
		return errors.New("index: damaged calendar ranges")
	}
	x.spans.Store(&spanTable{spans, at})
	return nil
}

// Spans gives document i's calendar ranges; ok is false until LoadSpans.
func (x *Index) Spans(i int) (spans []analyze.Span, ok bool) {
	t := x.spans.Load()
	if t == nil {
		return nil, false
	}
	return t.spans[t.at[i]:t.at[i+1]:t.at[i+1]], true
}

// Ranges gives a document's calendar ranges when they are at hand: worked
// out at analysis, or read by its index's LoadSpans.
func (d *Doc) Ranges() ([]analyze.Span, bool) {
	if d.Spans != nil {
		return d.Spans, true
	}
	if d.from != nil {
		return d.from.Spans(d.pos)
	}
	return nil, false
}

// Grams reads every document's search signature (Signature gives them).
func (x *Index) Grams() error {
	x.mu.Lock()
	defer x.mu.Unlock()
	if x.grams.Load() != nil {
		return nil
	}
	body, err := x.read(secGrams)
	if err != nil {
		return err
	}
	x.grams.Store(&body)
	return nil
}

// Signature gives document i's search signature; nil until Grams.
func (x *Index) Signature(i int) []byte {
	p := x.grams.Load()
	if p == nil {
		return nil
	}
	grams := *p
	b := x.entry(i) // its place only: grep asks this of every document
	off, n := int64(binary.LittleEndian.Uint64(b[atGramOff:])), int64(binary.LittleEndian.Uint32(b[atGramLen:]))
	if !within(off, n, int64(len(grams))) {
		return nil // damaged: the article is searched
	}
	return grams[off : off+n : off+n]
}

// orderKey is what queries order documents by: the date to the second
// (undated last), then the id.
type orderKey struct {
	undated bool
	unix    int64
	id      string
}

func orderOf(date time.Time, id string) orderKey { return orderKey{date.IsZero(), date.Unix(), id} }

func compareOrder(a, b orderKey) int {
	if a.undated != b.undated {
		if a.undated {
			return 1
		}
		return -1
	}
	if c := cmp.Compare(a.unix, b.unix); c != 0 {
		return c
	}
	return strings.Compare(a.id, b.id)
}

// inQueryOrder gives the documents in the order queries list them. The
// reader's sort then finds its work done. The sort keys are gathered first,
// as comparing documents through their pointers costs a cache miss or two
// each time.
func inQueryOrder(docs []*Doc) []*Doc {
	type sortKey struct {
		orderKey
		d *Doc
	}
	keys := make([]sortKey, len(docs))
	for i, d := range docs {
		a := d.Article.Document
		keys[i] = sortKey{orderOf(a.Date, a.ID), d}
	}
	slices.SortFunc(keys, func(a, b sortKey) int { return compareOrder(a.orderKey, b.orderKey) })
	out := make([]*Doc, len(docs))
	for i, k := range keys {
		out[i] = k.d
	}
	return out
}

// Save writes an index of docs, describing the manifest given, into dir,
// atomically: readers see the old index or the new one. Documents read from
// an earlier index (from) keep their records as they were stored, without
// decoding them again, except their quotations, which the speakers table is
// built from.
func Save(dir string, manifest Stamp, docs []*Doc, from *Index) error {
	if !Usable() {
		return nil
	}
	docs = inQueryOrder(docs)
	// The packs by number, and each document's.
	fileAt := map[string]int{}
	var files []string
	fileOf := make([]int, len(docs))
	for i, d := range docs {
		if i > 0 && d.Entry.File == docs[i-1].Entry.File { // a run's articles share a pack
			fileOf[i] = fileOf[i-1]
			continue
		}
		at, ok := fileAt[d.Entry.File]
		if !ok {
			at = len(files)
			fileAt[d.Entry.File] = at
			files = append(files, d.Entry.File)
		}
		fileOf[i] = at
	}
	err := library.WriteAtomicFile(filepath.Join(dir, FileName), func(f *os.File) error {
		return write(f, manifest, docs, from, files, fileOf)
	})
	if err != nil {
		return fmt.Errorf("index: %w", err)
	}
	return nil
}

// write streams the sections to f, one pass over the documents for each
// large one (a large library's would not fit in memory twice), and fills
// in the header last. A section starts with the spill's part, copied
// whole, and goes on with the other documents' parts in order.
func write(f *os.File, manifest Stamp, docs []*Doc, from *Index, files []string, fileOf []int) error {
	var spill *Spill
	for _, d := range docs {
		if d.spill != nil && d.spill != spill {
			if spill != nil {
				return errors.New("index: documents from two spills")
			}
			spill = d.spill
		}
	}
	names := new(nameBook)
	var said []placed
	if spill != nil {
		names = &spill.names
		for i, d := range docs {
			if d.spill != nil {
				said = append(said, placed{int32(i), d.said})
			}
		}
	}
	if _, err := f.Seek(headLen(), io.SeekStart); err != nil {
		return err
	}
	w := bufio.NewWriterSize(f, 1<<20)
	off := headLen()
	var sections [nSections]section
	// stream writes one section, checksummed (even where each record
	// carries its own checksum: Extend copies sections whole, checking
	// them as it goes): the spill's part, then each(i, stored), document
	// i's part, for the documents not spilled. stored is what place(d) says
	// of a stored document, read from the older index a block of documents
	// at a time, neighbours together, not one read each.
	const block = 1024
	stream := func(sec, part int, place func(d *Doc) (Range, bool), each func(i int, stored []byte) ([]byte, error)) ([]Range, error) {
		at := make([]Range, len(docs))
		start := off
		var crc uint32
		if spill != nil {
			p := &spill.parts[part]
			if err := w.Flush(); err != nil {
				return nil, err
			}
			if err := p.copyTo(f); err != nil {
				return nil, err
			}
			off += p.size
			crc = p.crc
		}
		for lo := 0; lo < len(docs); lo += block {
			hi := min(lo+block, len(docs))
			stored, err := readStored(from, docs[lo:hi], place)
			if err != nil {
				return nil, err
			}
			for i := lo; i < hi; i++ {
				if docs[i].spill != nil {
					at[i] = docs[i].spilledAt(part)
					continue
				}
				b, err := each(i, stored[i-lo])
				if err != nil {
					return nil, err
				}
				if _, err := w.Write(b); err != nil {
					return nil, err
				}
				crc = crc32.Update(crc, castagnoli, b)
				at[i] = Range{off - start, int64(len(b))}
				off += int64(len(b))
			}
		}
		sections[sec] = section{start, off - start, crc}
		return at, nil
	}
	whole := func(sec int, body []byte) error {
		if _, err := w.Write(body); err != nil {
			return err
		}
		sections[sec] = section{off, int64(len(body)), checksum(body)}
		off += int64(len(body))
		return nil
	}

	storedRecords := func(d *Doc) (Range, bool) { return Range{d.recOff, int64(d.recLen)}, !d.fresh() }
	recs, err := stream(secRecords, spillRecords, storedRecords, func(i int, rec []byte) ([]byte, error) {
		if rec == nil {
			var err error
			if rec, err = docs[i].records(from); err != nil {
				return nil, err
			}
		}
		qs, _, err := decodeRecords(rec, QuotesPart)
		if err != nil {
			return nil, err
		}
		said = append(said, placed{int32(i), names.note(qs)})
		return rec, nil
	})
	if err != nil {
		return err
	}
	// Every name is known: the speakers table is made on another core
	// while the other sections are written.
	speakersTable := make(chan []byte, 1)
	go func() {
		recs := names.records(said)
		speakersTable <- encodeSpeakers(keyed(recs), recs)
	}()
	storedMeta := func(d *Doc) (Range, bool) {
		if !d.partial || from == nil {
			return Range{}, false
		}
		return from.metaAt(d), true
	}
	metas, err := stream(secMeta, spillMeta, storedMeta, func(i int, meta []byte) ([]byte, error) {
		d := docs[i]
		if d.partial {
			if from == nil {
				return nil, errors.New("index: a stored document without its index")
			}
			// A copy: the strings decoded share the buffer, which a block
			// read shares with its neighbours (and the gaps between them),
			// and the document lives to the end of the write.
			if err := d.completeFrom(bytes.Clone(meta)); err != nil {
				return nil, err
			}
		}
		return encodeMeta(d), nil
	})
	if err != nil {
		return err
	}
	none := func(*Doc) (Range, bool) { return Range{}, false } // the signatures are read whole
	sigs, err := stream(secGrams, spillGrams, none, func(i int, _ []byte) ([]byte, error) { return docs[i].signature() })
	if err != nil {
		return err
	}
	// The number of ranges first, so a reader allocates them at once.
	var all [][]analyze.Span
	total := 0
	for _, d := range docs {
		ss, err := d.spans()
		if err != nil {
			return err
		}
		all = append(all, ss)
		total += len(ss)
	}
	spans := &encoder{b: make([]byte, 0, 16+len(docs)+10*total)} // about ten bytes a range
	spans.int(total)
	for _, ss := range all {
		spans.ranges(ss)
	}
	if err := whole(secSpans, spans.b); err != nil {
		return err
	}
	// The document table: the number of documents, an entry of keySize
	// bytes for each, then the packs with the size their documents need.
	keys := &encoder{b: make([]byte, 8+len(docs)*keySize)}
	binary.LittleEndian.PutUint64(keys.b, uint64(len(docs)))
	need := make([]int64, len(files))
	for i, d := range docs {
		e := &d.Entry
		if len(e.ID) > maxID {
			return fmt.Errorf("index: article id %q is too long", e.ID)
		}
		putKey(keys.b[8+i*keySize:], key{
			id: e.ID, date: d.Article.Date, added: e.Added, latin1: d.Article.Latin1,
			file: fileOf[i], offset: e.Offset, bytes: e.Bytes, quotes: d.Quotes, events: d.Events,
			recOff: recs[i].Off, recLen: int(recs[i].Len), gramOff: sigs[i].Off, gramLen: int(sigs[i].Len),
			metaOff: metas[i].Off, metaLen: int(metas[i].Len),
		})
		need[fileOf[i]] = max(need[fileOf[i]], e.Offset+int64(e.Bytes))
	}
	keys.int(len(files))
	for i, f := range files {
		keys.str(f)
		keys.int64(need[i])
	}
	if err := whole(secSpeakers, <-speakersTable); err != nil {
		return err
	}
	if err := whole(secDocs, keys.b); err != nil {
		return err
	}
	if err := w.Flush(); err != nil {
		return err
	}
	return writeHead(f, manifest, sections)
}

// headLen is the size of the header: the sections follow it.
func headLen() int64 { return int64(len(magic) + 2 + len(Version()) + 12 + nSections*20) }

// writeHead fills in the header, once the sections are written.
func writeHead(f *os.File, manifest Stamp, sections [nSections]section) error {
	var head bytes.Buffer
	head.WriteString(magic)
	var b [8]byte
	binary.LittleEndian.PutUint16(b[:2], uint16(len(Version())))
	head.Write(b[:2])
	head.WriteString(Version())
	binary.LittleEndian.PutUint64(b[:], uint64(manifest.Size))
	head.Write(b[:])
	binary.LittleEndian.PutUint32(b[:4], manifest.CRC)
	head.Write(b[:4])
	for _, s := range sections {
		binary.LittleEndian.PutUint64(b[:], uint64(s.off))
		head.Write(b[:])
		binary.LittleEndian.PutUint64(b[:], uint64(s.len))
		head.Write(b[:])
		binary.LittleEndian.PutUint32(b[:4], s.crc)
		head.Write(b[:4])
	}
	_, err := f.WriteAt(head.Bytes(), 0)
	return err
}

// readStored reads what place says of each of the docs (when it says so)
// from the index they were read from, joining neighbouring reads; the others
// are nil.
func readStored(from *Index, docs []*Doc, place func(d *Doc) (Range, bool)) ([][]byte, error) {
	out := make([][]byte, len(docs))
	if from == nil {
		return out, nil
	}
	var want []Range
	var of []int
	for i, d := range docs {
		if r, ok := place(d); ok {
			want = append(want, r)
			of = append(of, i)
		}
	}
	if len(want) == 0 {
		return out, nil
	}
	order := make([]int, len(want)) // by offset, as ReadRanges wants them
	for i := range order {
		order[i] = i
	}
	slices.SortFunc(order, func(a, b int) int { return cmp.Compare(want[a].Off, want[b].Off) })
	sorted := make([]Range, len(want))
	for i, j := range order {
		sorted[i] = want[j]
	}
	bufs, err := ReadRanges(from.f, sorted)
	if err != nil {
		return nil, err
	}
	for i, j := range order {
		out[of[j]] = bufs[i]
	}
	return out, nil
}

// spilledAt gives where a spilled document's part is in the spill.
func (d *Doc) spilledAt(part int) Range {
	switch part {
	case spillRecords:
		return Range{d.recOff, int64(d.recLen)}
	case spillMeta:
		return Range{d.metaOff, int64(d.metaLen)}
	}
	return Range{d.gramOff, int64(d.gramLen)}
}

// encodeMeta encodes a document's metadata besides its keys, from its
// entry and its analysis.
func encodeMeta(d *Doc) []byte {
	e := d.Entry
	meta := &encoder{b: make([]byte, 4, 256)}
	meta.str(e.Source)
	meta.str(e.Title)
	meta.str(e.Outlet)
	meta.str(e.URL)
	meta.str(e.Author)
	meta.str(e.Date)
	meta.document(d.Article.Document)
	meta.int(d.Article.Words)
	binary.LittleEndian.PutUint32(meta.b, checksum(meta.b[4:]))
	return meta.b
}

// records gives the records of a document that is not spilled: encoded in
// this run, or read from the index it came from.
func (d *Doc) records(from *Index) ([]byte, error) {
	switch {
	case d.rec != nil:
		return d.rec, nil
	case d.spill != nil:
		return nil, errors.New("index: a spilled document's records are read from the index written with them")
	case from == nil:
		return nil, errors.New("index: a stored document without its index")
	}
	return from.readAt(d.recOff, int64(d.recLen))
}

const unknown = "unknown"

var (
	versionOnce sync.Once
	version     string
)

// Version names the analysis that wrote a snapshot: the Go build ID of the
// running executable, which changes whenever the code does, so a snapshot
// written by another build of sanc is never trusted.
func Version() string {
	versionOnce.Do(func() {
		version = unknown
		if exe, err := os.Executable(); err == nil {
			if id, ok := buildID(exe); ok {
				version = id
			}
		}
	})
	return version
}

// buildID finds the Go build ID the linker writes near the start of every
// executable: an ELF note named "Go" of type 4, or elsewhere the text
// "\xff Go build ID: \"...\"".
func buildID(path string) (string, bool) {
	f, err := os.Open(path)
	if err != nil {
		return "", false
	}
	defer f.Close()
	buf := make([]byte, 64<<10)
	n, _ := io.ReadFull(f, buf)
	buf = buf[:n]
	// ELF: namesz=4, descsz, type=4, "Go\0\0", then descsz bytes of ID.
	note := []byte("\x04\x00\x00\x00")
	for i := bytes.Index(buf, []byte("Go\x00\x00")); i >= 12; {
		if bytes.Equal(buf[i-12:i-8], note) && bytes.Equal(buf[i-4:i], note) {
			size := int(binary.LittleEndian.Uint32(buf[i-8 : i-4]))
			if size > 0 && size < 400 && i+4+size <= len(buf) {
				return strings.TrimRight(string(buf[i+4:i+4+size]), "\x00"), true
			}
		}
		next := bytes.Index(buf[i+1:], []byte("Go\x00\x00"))
		if next < 0 {
			break
		}
		i += 1 + next
	}
	const prefix = "\xff Go build ID: \""
	i := bytes.Index(buf, []byte(prefix))
	if i < 0 {
		return "", false
	}
	rest := buf[i+len(prefix):]
	j := bytes.IndexByte(rest, '"')
	if j <= 0 || j > 400 {
		return "", false
	}
	return string(rest[:j]), true
}
