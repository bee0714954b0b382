// Package snapshot persists what analysis found in a library's articles
// (metadata, quotations, temporal expressions; not the text), so a query
// loads records instead of re-reading and re-analysing every article.
//
// A snapshot is trusted only when it is whole (a checksum over its body) and
// was written by the same analysis (the build of the running binary): any
// other snapshot is stale and ignored, and articles it lacks are analysed
// afresh. It is a cache: losing it costs time, never data.
package snapshot

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"encoding/gob"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"

	"github.com/sanc-news/sanc/pkg/analyze"
	"github.com/sanc-news/sanc/pkg/library"
)

// FileName is the snapshot's name in the library folder.
const FileName = "snapshot.bin"

const magic = "SANCSNAP1\n"

// header precedes the body: which analysis wrote it, and the body's length
// and checksum. Fixed layout: uint16 length + analysis, uint64, uint32.
type header struct {
	Analysis string
	Length   int64
	CRC      uint32
}

func writeHeader(w *bytes.Buffer, h header) {
	var b [8]byte
	binary.LittleEndian.PutUint16(b[:2], uint16(len(h.Analysis)))
	w.Write(b[:2])
	w.WriteString(h.Analysis)
	binary.LittleEndian.PutUint64(b[:], uint64(h.Length))
	w.Write(b[:])
	binary.LittleEndian.PutUint32(b[:4], h.CRC)
	w.Write(b[:4])
}

func readHeader(r io.Reader) (header, error) {
	var h header
	var b [8]byte
	if _, err := io.ReadFull(r, b[:2]); err != nil {
		return h, err
	}
	name := make([]byte, binary.LittleEndian.Uint16(b[:2]))
	if _, err := io.ReadFull(r, name); err != nil {
		return h, err
	}
	if _, err := io.ReadFull(r, b[:]); err != nil {
		return h, err
	}
	h.Length = int64(binary.LittleEndian.Uint64(b[:]))
	if _, err := io.ReadFull(r, b[:4]); err != nil {
		return h, err
	}
	h.Analysis, h.CRC = string(name), binary.LittleEndian.Uint32(b[:4])
	return h, nil
}

// Load reads the snapshot in dir. A missing, damaged or stale snapshot gives
// no documents and an error saying which (callers rebuild, they do not fail).
func Load(dir string) (map[string]*analyze.Article, error) {
	if Version() == unknown {
		return nil, errors.New("snapshot: cannot identify this build of sanc, so no snapshot is trusted")
	}
	f, err := os.Open(filepath.Join(dir, FileName))
	if err != nil {
		return nil, err
	}
	defer f.Close()
	r := bufio.NewReaderSize(f, 1<<20)
	m := make([]byte, len(magic))
	if _, err := io.ReadFull(r, m); err != nil || string(m) != magic {
		return nil, errors.New("snapshot: not a sanc snapshot")
	}
	h, err := readHeader(r)
	if err != nil {
		return nil, fmt.Errorf("snapshot: damaged header: %w", err)
	}
	if h.Analysis != Version() {
		return nil, fmt.Errorf("snapshot: written by another build (%s)", h.Analysis)
	}
	if h.Length < 0 || h.Length > 1<<34 {
		return nil, errors.New("snapshot: damaged header")
	}
	body := make([]byte, h.Length)
	if _, err := io.ReadFull(r, body); err != nil {
		return nil, fmt.Errorf("snapshot: truncated: %w", err)
	}
	if crc32.ChecksumIEEE(body) != h.CRC {
		return nil, errors.New("snapshot: checksum mismatch")
	}
	var docs []*analyze.Article
	if err := gob.NewDecoder(bytes.NewReader(body)).Decode(&docs); err != nil {
		return nil, fmt.Errorf("snapshot: damaged body: %w", err)
	}
	out := make(map[string]*analyze.Article, len(docs))
	for _, a := range docs {
		if a == nil || a.Document == nil {
			return nil, errors.New("snapshot: damaged body: empty record")
		}
		out[a.ID] = a
	}
	return out, nil
}

// Save writes a snapshot of the articles into dir, atomically: readers see
// the old snapshot or the new one. Texts are left out.
func Save(dir string, articles []*analyze.Article) error {
	if Version() == unknown {
		return nil
	}
	docs := make([]*analyze.Article, len(articles))
	for i, a := range articles {
		lean := *a
		d := *a.Document
		d.Raw, d.Text = nil, ""
		lean.Document = &d
		lean.Paragraphs = nil
		docs[i] = &lean
	}
	var body bytes.Buffer
	if err := gob.NewEncoder(&body).Encode(docs); err != nil {
		return fmt.Errorf("snapshot: %w", err)
	}
	var head bytes.Buffer
	head.WriteString(magic)
	writeHeader(&head, header{Analysis: Version(), Length: int64(body.Len()), CRC: crc32.ChecksumIEEE(body.Bytes())})
	data := append(head.Bytes(), body.Bytes()...)
	if err := library.WriteFileAtomic(filepath.Join(dir, FileName), data); err != nil {
		return fmt.Errorf("snapshot: %w", err)
	}
	return nil
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
