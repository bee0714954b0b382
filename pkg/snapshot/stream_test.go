package snapshot

import (
	"bytes"
	"hash/crc32"
	"math/rand"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/sanc-news/sanc/pkg/analyze"
)

// EachSignature and EachSpans give each document what Signature and Spans
// give it, though they hold only a block of the section at a time (records
// straddle the blocks here), and say when the section is damaged.
func TestStreamedSections(t *testing.T) {
	dir := t.TempDir()
	const n = 3000
	docs := make([]*Doc, n)
	for i := range docs {
		sig := bytes.Repeat([]byte{byte(i), byte(i >> 8)}, 1+(i*37)%900) // up to 1.8 KB, and 5 MB in all
		docs[i] = numberedDoc(i, "packs/0.pack", sig)
		// From none to thousands of calendar ranges (one document's run
		// past a block), of every size of number.
		docs[i].Spans = nil
		for k := range (i * 13) % 40 * (1 + i/2900*300) {
			from := int64(k*k*86400) - int64(i)<<(k%40)
			docs[i].Spans = append(docs[i].Spans, analyze.Span{From: from, To: from + int64(k+1)*60})
		}
	}
	if err := Save(dir, manifest, docs, nil); err != nil {
		t.Fatal(err)
	}
	x, _, err := Open(dir, manifest)
	if err != nil {
		t.Fatal(err)
	}
	if err := x.Grams(); err != nil {
		t.Fatal(err)
	}
	for _, every := range []int{1, 7} { // every document; a few
		seen := map[int]bool{}
		err := x.EachSignature(func(i int) bool { return i%every == 0 }, func(i int, sig []byte) {
			if seen[i] || i%every != 0 || !bytes.Equal(sig, x.Signature(i)) {
				t.Fatalf("every %d, doc %d: seen %v, signature of %d bytes, want %d", every, i, seen[i], len(sig), len(x.Signature(i)))
			}
			seen[i] = true
		})
		if err != nil || len(seen) != (n+every-1)/every {
			t.Errorf("every %d: %v, %d documents seen", every, err, len(seen))
		}
	}
	if err := x.LoadSpans(); err != nil {
		t.Fatal(err)
	}
	next, many := 0, 0
	err = x.EachSpans(func(i int, spans []analyze.Span) {
		want, _ := x.Spans(i)
		if i != next || !reflect.DeepEqual(spans, want) && len(want)+len(spans) > 0 {
			t.Fatalf("doc %d (want %d): %d ranges, want %d", i, next, len(spans), len(want))
		}
		next++
		many = max(many, len(spans))
	})
	if err != nil || next != n || many < 5000 {
		t.Errorf("ranges: %v, %d documents seen, at most %d ranges", err, next, many)
	}
	x.Close()

	// A flipped bit in either section fails its checksum.
	path := filepath.Join(dir, FileName)
	good, _ := os.ReadFile(path)
	for _, sec := range []int{secGrams, secSpans} {
		s := x.sections[sec]
		if err := os.WriteFile(path, flip(good, int(s.off+s.len/2)), 0o644); err != nil {
			t.Fatal(err)
		}
		x, _, err := Open(dir, manifest)
		if err != nil {
			t.Fatalf("section %d damaged, table whole: %v", sec, err)
		}
		sigErr := x.EachSignature(func(int) bool { return true }, func(int, []byte) {})
		spanErr := x.EachSpans(func(int, []analyze.Span) {})
		if (sec == secGrams) != (sigErr != nil) || (sec == secSpans) != (spanErr != nil) {
			t.Errorf("section %d damaged: signatures %v, ranges %v", sec, sigErr, spanErr)
		}
		x.Close()
	}
}

// FuzzEachSpans: whatever the documents' calendar ranges (counts, sizes of
// number), reading them a block at a time gives what reading them whole
// gives.
func FuzzEachSpans(f *testing.F) {
	f.Add([]byte{3, 200, 7, 0, 255, 1, 2, 3}, uint16(5))
	f.Add(bytes.Repeat([]byte{255}, 64), uint16(300))
	f.Fuzz(func(t *testing.T, shape []byte, n uint16) {
		if len(shape) == 0 || n == 0 || n > 2000 {
			return
		}
		dir := t.TempDir()
		docs := make([]*Doc, n)
		for i := range docs {
			docs[i] = numberedDoc(i, "packs/0.pack", nil)
			docs[i].Spans = nil
			for k := range int(shape[i%len(shape)]) * (1 + i%3*40) {
				from := int64(shape[(i+k)%len(shape)]) << (k % 56)
				docs[i].Spans = append(docs[i].Spans, analyze.Span{From: from, To: from + int64(k)})
			}
		}
		if err := Save(dir, manifest, docs, nil); err != nil {
			t.Fatal(err)
		}
		x, _, err := Open(dir, manifest)
		if err != nil {
			t.Fatal(err)
		}
		defer x.Close()
		if err := x.LoadSpans(); err != nil {
			t.Fatal(err)
		}
		seen := 0
		err = x.EachSpans(func(i int, spans []analyze.Span) {
			want, _ := x.Spans(i)
			if i != seen || len(spans) != len(want) || len(want) > 0 && !reflect.DeepEqual(spans, want) {
				t.Fatalf("doc %d (want %d): %d ranges, want %d", i, seen, len(spans), len(want))
			}
			seen++
		})
		if err != nil || seen != int(n) {
			t.Fatalf("%v, %d documents seen of %d", err, seen, n)
		}
	})
}

// Reads that only go forward, small and large, near and far apart, give a
// section's bytes, and a gap is read through rather than held.
func TestWindow(t *testing.T) {
	rng := rand.New(rand.NewSource(3))
	for range 40 {
		size := int64(rng.Intn(16 << 20))
		data := make([]byte, size)
		rng.Read(data)
		w := &window{r: bytes.NewReader(data), s: section{0, size, crc32.Checksum(data, castagnoli)}}
		for off := int64(0); off <= size; {
			n := int64(rng.Intn(20))
			if rng.Intn(4) == 0 {
				n = int64(rng.Intn(3 << 20)) // past a block: held whole
			}
			b, err := w.at(off, n)
			if err != nil {
				t.Fatal(err)
			}
			if want := data[off:min(off+n, size)]; len(b) < len(want) || !bytes.Equal(b, data[off:off+int64(len(b))]) {
				t.Fatalf("at(%d, %d) of %d bytes: wrong bytes", off, n, size)
			}
			if held := len(w.data); held > 3<<20+2*streamBlock {
				t.Fatalf("at(%d, %d): %d bytes held", off, n, held)
			}
			if rng.Intn(50) == 0 {
				off += int64(rng.Intn(12 << 20)) // a gap
			} else {
				off += int64(rng.Intn(100))
			}
		}
		if err := w.finish(true); err != nil {
			t.Fatal(err)
		}
	}
}
