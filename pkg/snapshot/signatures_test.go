package snapshot

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/sanc-news/sanc/pkg/analyze"
	"github.com/sanc-news/sanc/pkg/doc"
	"github.com/sanc-news/sanc/pkg/library"
)

// EachSignature gives each wanted document the signature Signature gives
// it, though it holds only a block of the section at a time (signatures
// straddle the blocks here), and says when the section is damaged.
func TestEachSignature(t *testing.T) {
	dir := t.TempDir()
	const n = 3000
	docs := make([]*Doc, n)
	for i := range docs {
		id := fmt.Sprintf("%010x", i)
		a := &analyze.Article{Document: &doc.Document{ID: id, Date: time.Date(2000+i%20, 1, 1, 0, 0, 0, 0, time.UTC)}}
		sig := bytes.Repeat([]byte{byte(i), byte(i >> 8)}, 1+(i*37)%900) // up to 1.8 KB, and 5 MB in all
		docs[i] = NewDoc(library.Entry{ID: id, File: "packs/0.pack", Offset: int64(i), Bytes: 1}, a, sig)
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
	x.Close()

	// A flipped bit in the section fails its checksum.
	path := filepath.Join(dir, FileName)
	good, _ := os.ReadFile(path)
	s := x.sections[secGrams]
	if err := os.WriteFile(path, flip(good, int(s.off+s.len/2)), 0o644); err != nil {
		t.Fatal(err)
	}
	x, _, err = Open(dir, manifest)
	if err != nil {
		t.Fatalf("signatures damaged, table whole: %v", err)
	}
	defer x.Close()
	if err := x.EachSignature(func(int) bool { return true }, func(int, []byte) {}); err == nil {
		t.Error("damaged signatures were read")
	}
}
