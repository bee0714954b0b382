package snapshot

import (
	"cmp"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"slices"
)

// signatureBlock is how much of the signatures section, and of the document
// table, EachSignature holds at a time (a signature longer than that is
// held whole).
const signatureBlock = 1 << 20

// EachSignature calls fn with the search signature of every document i
// that want(i) admits, reading the signatures in the order they are stored,
// a block at a time: a search of a large library holds neither every
// signature nor every document's entry. sig is nil where the document's
// entry says nothing sensible (the caller then searches the document), and
// is valid only during the call. An error means the section is damaged or
// could not be read, and the signatures fn saw are not to be trusted: the
// caller then searches every document.
func (x *Index) EachSignature(want func(i int) bool, fn func(i int, sig []byte)) error {
	type place struct {
		off int64
		n   int64
		doc int
	}
	var places []place
	le := binary.LittleEndian
	table := x.table.Load()
	per := signatureBlock / keySize
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
			if want(i) {
				b := entries[(i-lo)*keySize:]
				places = append(places, place{int64(le.Uint64(b[atGramOff:])), int64(le.Uint32(b[atGramLen:])), i})
			}
		}
	}
	slices.SortFunc(places, func(a, b place) int { return cmp.Compare(a.off, b.off) })

	s := x.sections[secGrams]
	var crc uint32
	// data holds the section's bytes [base, read): those read and checked
	// that a signature still to come may need.
	var buf, data []byte
	var base, read int64
	more := func() error {
		n := min(signatureBlock, s.len-read)
		kept := len(data)
		if cap(buf) < kept+int(n) {
			buf = make([]byte, kept+int(n))
		}
		copy(buf, data)
		data = buf[:kept+int(n)]
		if _, err := x.f.ReadAt(data[kept:], s.off+read); err != nil {
			return fmt.Errorf("index: truncated: %w", err)
		}
		crc = crc32.Update(crc, castagnoli, data[kept:])
		read += n
		return nil
	}
	forget := func(upTo int64) { // the bytes before upTo are not needed
		if drop := min(upTo, read) - base; drop > 0 {
			data, base = data[drop:], base+drop
		}
	}
	for _, p := range places {
		if p.off < base || !within(p.off, p.n, s.len) {
			fn(p.doc, nil) // damaged, or overlapping another: searched
			continue
		}
		for read < p.off+p.n {
			forget(p.off)
			if err := more(); err != nil {
				return err
			}
		}
		forget(p.off)
		fn(p.doc, data[:p.n:p.n])
	}
	for read < s.len { // the rest, for the checksum
		forget(read)
		if err := more(); err != nil {
			return err
		}
	}
	if crc != s.crc {
		return errors.New("index: checksum mismatch")
	}
	return nil
}
