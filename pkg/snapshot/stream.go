package snapshot

import (
	"cmp"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"slices"

	"github.com/sanc-news/sanc/pkg/analyze"
)

// streamBlock is how much of a section, or of the document table, a
// streaming read holds at a time (a record longer than that is held
// whole).
const streamBlock = 1 << 20

// window reads a section from start to end a block at a time, checking its
// checksum as it goes, and holds the bytes [base, read) that a record still
// to come may need.
type window struct {
	r          io.ReaderAt
	s          section
	crc        uint32
	buf, data  []byte
	base, read int64
}

func (x *Index) window(sec int) *window { return &window{r: x.f, s: x.sections[sec]} }

// more reads the next block.
func (w *window) more() error {
	n := min(streamBlock, w.s.len-w.read)
	kept := len(w.data)
	if cap(w.buf) < kept+int(n) {
		w.buf = make([]byte, 2*(kept+int(n)))
	}
	w.buf = w.buf[:cap(w.buf)] // data may run past buf's length
	copy(w.buf, w.data)
	w.data = w.buf[:kept+int(n)]
	if _, err := w.r.ReadAt(w.data[kept:], w.s.off+w.read); err != nil {
		return fmt.Errorf("index: truncated: %w", err)
	}
	w.crc = crc32.Update(w.crc, castagnoli, w.data[kept:])
	w.read += n
	return nil
}

// forget drops the bytes before upTo.
func (w *window) forget(upTo int64) {
	if drop := min(upTo, w.read) - w.base; drop > 0 {
		w.data, w.base = w.data[drop:], w.base+drop
	}
}

// at gives the section's bytes from off to what has been read, reading
// until that is at least n bytes or the section's end. off must not go
// back.
func (w *window) at(off, n int64) ([]byte, error) {
	if min(off+n, w.s.len) <= w.read { // most values are in the block at hand
		return w.data[off-w.base:], nil
	}
	for w.read < min(off+n, w.s.len) {
		w.forget(off) // a gap is read through, not held
		if err := w.more(); err != nil {
			return nil, err
		}
	}
	return w.data[off-w.base:], nil
}

// finish reads the rest and, when check is set, says whether the section
// is whole (crc then holds the checksum of all of it).
func (w *window) finish(check bool) error {
	for w.read < w.s.len {
		w.forget(w.read)
		if err := w.more(); err != nil {
			return err
		}
	}
	if check && w.crc != w.s.crc {
		return errors.New("index: checksum mismatch")
	}
	return nil
}

// cursor reads what encoder wrote through a window, a value at a time; like
// decoder, the first error sticks and later reads give zero values.
type cursor struct {
	w   *window
	off int64 // in the section
	err error
}

func (c *cursor) left() int64 { return c.w.s.len - c.off }

// peek gives the next n bytes, or fewer at the end; valid until the next
// read.
func (c *cursor) peek(n int64) []byte {
	if c.err != nil {
		return nil
	}
	b, err := c.w.at(c.off, n)
	if err != nil {
		c.err = err
	}
	return b
}

func (c *cursor) int() int {
	v, n := binary.Varint(c.peek(binary.MaxVarintLen64))
	if c.err == nil && (n <= 0 || v != int64(int(v))) {
		c.err = errDamaged
	}
	if c.err != nil {
		return 0
	}
	c.off += int64(n)
	return int(v)
}

// count reads a length that must fit in what is left, as decoder.count.
func (c *cursor) count() int {
	n := c.int()
	if c.err == nil && (n < 0 || int64(n) > c.left()) {
		c.err = errDamaged
	}
	if c.err != nil {
		return 0
	}
	return n
}

// bytes reads a string; valid until the next read.
func (c *cursor) bytes() []byte {
	n := c.count()
	b := c.peek(int64(n))
	if c.err != nil {
		return nil
	}
	c.off += int64(n)
	return b[:n:n]
}

// skip passes a string by.
func (c *cursor) skip() { c.off += int64(c.count()) }

// EachSignature calls fn with the search signature of every document i
// that want(i) admits, reading the signatures in the order they are stored,
// a block at a time: a search of a large library holds neither every
// signature nor every document's entry. sig is nil where the document's
// entry says nothing sensible (the caller then searches the document), and
// is valid only during the call. An error means the section is damaged or
// could not be read, and the signatures fn saw are not to be trusted: the
// caller then searches every document.
func (x *Index) EachSignature(want func(i int) bool, fn func(i int, sig []byte)) error {
	places := make([]place, 0, x.n) // at most: growing it by appends costs five times that
	le := binary.LittleEndian
	err := x.eachEntry(func(i int, b []byte) {
		if want(i) {
			places = append(places, place{int64(le.Uint64(b[atGramOff:])), int32(le.Uint32(b[atGramLen:])), int32(i)})
		}
	})
	if err != nil {
		return err
	}
	w := x.window(secGrams)
	valid := places[:0]
	for _, p := range places {
		if within(p.off, int64(p.n), w.s.len) {
			valid = append(valid, p)
		} else {
			fn(int(p.doc), nil) // a damaged entry: the document is searched
		}
	}
	places = sortByOffset(valid)
	for _, p := range places {
		n := int64(p.n)
		b, err := w.at(p.off, n)
		if err != nil {
			return err
		}
		fn(int(p.doc), b[:n:n])
	}
	return w.finish(true)
}

// place is where a document's signature is.
type place struct {
	off    int64
	n, doc int32
}

// sortByOffset sorts places in file order, through keys that sort as plain
// numbers (an offset above the place's index), which is several times
// faster than comparing places.
func sortByOffset(places []place) []place {
	const indexBits = 24
	if len(places) >= 1<<indexBits || slices.ContainsFunc(places, func(p place) bool { return p.off >= 1<<(63-indexBits) }) {
		slices.SortFunc(places, func(a, b place) int { return cmp.Compare(a.off, b.off) })
		return places
	}
	keys := make([]uint64, len(places))
	for i, p := range places {
		keys[i] = uint64(p.off)<<indexBits | uint64(i)
	}
	slices.Sort(keys)
	sorted := make([]place, len(places))
	for i, k := range keys {
		sorted[i] = places[k&(1<<indexBits-1)]
	}
	return sorted
}

// EachSpans calls fn with every document's calendar ranges, in document
// order, reading them a block at a time: a query for a period need not hold
// every document's. spans is valid only during the call. An error means
// the section is damaged or could not be read, and the ranges fn saw are
// not to be trusted.
func (x *Index) EachSpans(fn func(i int, spans []analyze.Span)) error {
	w := x.window(secSpans)
	var spans []analyze.Span
	off := int64(0)
	// decode reads one document's ranges from b (or the section's count,
	// first), and gives how many bytes it took; 0 when b is too short.
	decode := func(b []byte, head bool) int {
		d := &decoder{b: b}
		if head {
			d.int()
		} else {
			spans = d.ranges(spans[:0])
		}
		if d.err != nil {
			return 0
		}
		return len(b) - len(d.b)
	}
	for i := -1; i < x.n; i++ {
		want := int64(64) // bytes to try a document with: more if it has many ranges
		for {
			b, err := w.at(off, want)
			if err != nil {
				return err
			}
			if used := decode(b, i < 0); used > 0 {
				off += int64(used)
				break
			}
			if off+int64(len(b)) >= w.s.len {
				return errors.New("index: damaged calendar ranges")
			}
			want = 2 * int64(len(b))
		}
		if i >= 0 {
			fn(i, spans)
		}
	}
	if off != w.s.len {
		return errors.New("index: damaged calendar ranges")
	}
	return w.finish(true)
}
