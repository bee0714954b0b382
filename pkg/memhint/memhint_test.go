package memhint

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/edsrzf/mmap-go"
)

// A hint never fails and never changes the memory.
func TestHints(t *testing.T) {
	HugePages([]int(nil))
	HugePages(make([]byte, 10))
	big := make([]int64, 1<<20)
	HugePages(big)
	for i := range big {
		big[i] = int64(i)
	}
	if big[12345] != 12345 {
		t.Fatal("array changed")
	}

	p := filepath.Join(t.TempDir(), "f")
	os.WriteFile(p, []byte("mapped words"), 0o644)
	f, err := os.Open(p)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	m, err := mmap.Map(f, mmap.RDONLY, 0)
	if err != nil {
		t.Skipf("cannot map here: %v", err)
	}
	defer m.Unmap()
	Random(nil)
	Random(m)
	if string(m) != "mapped words" {
		t.Fatalf("mapping reads %q", m)
	}
}
