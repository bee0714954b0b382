package snapshot

import (
	"bufio"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"os"
	"path/filepath"
	"slices"

	"github.com/sanc-news/sanc/pkg/analyze"
	"github.com/sanc-news/sanc/pkg/library"
)

// Extend writes into dir, atomically, the index of the manifest given: the
// documents of old, an index that was fresh for the manifest before this
// run's articles were added to it, and docs, those articles, all spilled to
// one spill. Old's records, metadata and signatures are copied whole,
// checked against their checksums as they go, and the new documents' parts
// follow them; only the document table, the calendar ranges and the
// speakers table are merged. An ingest of a few articles into a large
// library then decodes none of the articles it had. A damaged old index
// gives an error, and the index is left as it was: the caller rebuilds
// without it.
func Extend(dir string, manifest Stamp, old *Index, docs []*Doc) error {
	if !Usable() {
		return nil
	}
	var spill *Spill
	for _, d := range docs {
		if d.spill == nil || spill != nil && d.spill != spill {
			return errors.New("index: only the documents of one spill are added to an index")
		}
		spill = d.spill
	}
	if spill == nil {
		spill = &Spill{} // nothing added: the index takes the new stamp
	}
	docs = inQueryOrder(docs)
	// Where the documents go, the new ones among the old in query order:
	// new document j at pos[j], old document i at at[i].
	pos := make([]int, len(docs))
	at := make([]int32, old.n)
	next := make([]orderKey, len(docs))
	for j, d := range docs {
		next[j] = orderOf(d.Article.Date, d.Article.ID)
	}
	j, again := 0, false
	err := old.eachEntry(func(i int, b []byte) {
		k := decodeKey(b)
		for ; j < len(docs) && compareOrder(next[j], orderOf(k.date, k.id)) <= 0; j++ {
			again = again || next[j].id == k.id
			pos[j] = i + j
		}
		at[i] = int32(i + j)
	})
	if err != nil {
		return err
	}
	if again {
		return errors.New("index: an article added is indexed already")
	}
	for ; j < len(docs); j++ {
		pos[j] = old.n + j
	}
	err = library.WriteAtomicFile(filepath.Join(dir, FileName), func(f *os.File) error {
		return extend(f, manifest, old, spill, docs, pos, at)
	})
	if err != nil {
		return fmt.Errorf("index: %w", err)
	}
	return nil
}

func extend(f *os.File, manifest Stamp, old *Index, spill *Spill, docs []*Doc, pos []int, at []int32) error {
	if _, err := f.Seek(headLen(), io.SeekStart); err != nil {
		return err
	}
	o := &out{w: bufio.NewWriterSize(f, 1<<20), off: headLen()}
	var sections [nSections]section
	// The old documents' parts stay where their entries say they are.
	for _, c := range []struct{ sec, part int }{{secRecords, spillRecords}, {secMeta, spillMeta}, {secGrams, spillGrams}} {
		s := old.sections[c.sec]
		o.begin()
		if err := o.copy(io.NewSectionReader(old.f, s.off, s.len), s.len); err != nil {
			return err
		}
		if o.crc != s.crc {
			return errors.New("index: checksum mismatch")
		}
		if p := &spill.parts[c.part]; p.w != nil {
			if err := p.w.Flush(); err != nil {
				return fmt.Errorf("index: spilling: %w", err)
			}
			if err := o.copy(io.NewSectionReader(p.f, 0, p.size), p.size); err != nil {
				return err
			}
		}
		sections[c.sec] = o.end()
	}
	stored, err := old.read(secSpans)
	if err != nil {
		return err
	}
	o.begin()
	if err := mergeSpans(o, stored, old.n, docs, pos); err != nil {
		return err
	}
	sections[secSpans] = o.end()
	if stored, err = old.read(secSpeakers); err != nil {
		return err
	}
	said := make([]placed, len(docs))
	for j, d := range docs {
		said[j] = placed{int32(pos[j]), d.said}
	}
	names, err := mergeSpeakers(stored, at, spill.names.records(said))
	if err != nil {
		return err
	}
	o.begin()
	if err := o.write(names); err != nil {
		return err
	}
	sections[secSpeakers] = o.end()
	o.begin()
	if err := mergeTable(o, old, docs, pos); err != nil {
		return err
	}
	sections[secDocs] = o.end()
	if err := o.w.Flush(); err != nil {
		return err
	}
	return writeHead(f, manifest, sections)
}

// out writes sections, checksumming each.
type out struct {
	w          *bufio.Writer
	off, start int64
	crc        uint32
	buf        []byte // for copy
}

func (o *out) begin() { o.start, o.crc = o.off, 0 }

func (o *out) end() section { return section{o.start, o.off - o.start, o.crc} }

func (o *out) write(b []byte) error {
	o.crc = crc32.Update(o.crc, castagnoli, b)
	o.off += int64(len(b))
	_, err := o.w.Write(b)
	return err
}

// copy writes the n bytes of r.
func (o *out) copy(r io.Reader, n int64) error {
	if o.buf == nil {
		o.buf = make([]byte, 1<<20)
	}
	for left := n; left > 0; {
		b := o.buf[:min(left, int64(len(o.buf)))]
		if _, err := io.ReadFull(r, b); err != nil {
			return fmt.Errorf("index: truncated: %w", err)
		}
		if err := o.write(b); err != nil {
			return err
		}
		left -= int64(len(b))
	}
	return nil
}

// mergeSpans writes the calendar ranges of a stored section of n
// documents (checked), copied as they are, with the new documents' (at
// pos) among them.
func mergeSpans(o *out, stored []byte, n int, docs []*Doc, pos []int) error {
	damaged := errors.New("index: damaged calendar ranges")
	added := make([][]byte, len(docs))
	d := &decoder{b: stored}
	total := d.count()
	for j, doc := range docs {
		spans, _ := doc.Ranges()
		e := &encoder{}
		e.ranges(spans)
		added[j] = e.b
		total += len(spans)
	}
	e := &encoder{}
	e.int(total)
	if err := o.write(e.b); err != nil {
		return err
	}
	// The old documents' ranges between two new documents go as one.
	j := 0
	for i := 0; i <= n; {
		for ; j < len(docs) && pos[j] == i+j; j++ {
			if err := o.write(added[j]); err != nil {
				return err
			}
		}
		next := n
		if j < len(docs) {
			next = pos[j] - j
		}
		run := d.b
		var skipped []analyze.Span
		for ; i < next && d.err == nil; i++ {
			skipped = d.ranges(skipped[:0])
		}
		if d.err != nil {
			return damaged
		}
		if err := o.write(run[:len(run)-len(d.b)]); err != nil {
			return err
		}
		if i == n && j == len(docs) {
			break
		}
	}
	if len(d.b) != 0 {
		return damaged
	}
	return nil
}

// mergeTable writes the document table: old's entries as they are (its
// packs keep their numbers), with the new documents' among them, whose
// parts follow old's in each section.
func mergeTable(o *out, old *Index, docs []*Doc, pos []int) error {
	files := slices.Clone(old.files)
	number := make(map[string]int, len(files))
	for i, p := range files {
		number[p.name] = i
	}
	var b [keySize]byte
	binary.LittleEndian.PutUint64(b[:], uint64(old.n+len(docs)))
	if err := o.write(b[:8]); err != nil {
		return err
	}
	entries := func(from, to int) error { // old's, as they are
		return o.copy(io.NewSectionReader(old.f, old.tableOff+int64(from)*keySize, int64(to-from)*keySize), int64(to-from)*keySize)
	}
	rec, gram, meta := old.sections[secRecords].len, old.sections[secGrams].len, old.sections[secMeta].len
	next := 0 // the old entries before it are written
	for j, d := range docs {
		e := &d.Entry
		if len(e.ID) > maxID {
			return fmt.Errorf("index: article id %q is too long", e.ID)
		}
		if err := entries(next, pos[j]-j); err != nil {
			return err
		}
		next = pos[j] - j
		file, ok := number[e.File]
		if !ok {
			file = len(files)
			number[e.File] = file
			files = append(files, pack{e.File, 0})
		}
		files[file].size = max(files[file].size, e.Offset+int64(e.Bytes))
		b = [keySize]byte{}
		putKey(b[:], key{
			id: e.ID, date: d.Article.Date, added: e.Added, latin1: d.Article.Latin1,
			file: file, offset: e.Offset, bytes: e.Bytes, quotes: d.Quotes, events: d.Events,
			recOff: rec + d.recOff, recLen: d.recLen, gramOff: gram + d.gramOff, gramLen: d.gramLen,
			metaOff: meta + d.metaOff, metaLen: d.metaLen,
		})
		if err := o.write(b[:]); err != nil {
			return err
		}
	}
	if err := entries(next, old.n); err != nil {
		return err
	}
	e := &encoder{}
	e.int(len(files))
	for _, p := range files {
		e.str(p.name)
		e.int64(p.size)
	}
	return o.write(e.b)
}
