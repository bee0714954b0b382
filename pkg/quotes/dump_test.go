package quotes

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/sanc-news/sanc/pkg/segment"
)

// TestDump prints what Extract finds in the files named by QUOTES_DUMP (a
// glob); a debugging aid, skipped by default.
func TestDump(t *testing.T) {
	glob := os.Getenv("QUOTES_DUMP")
	if glob == "" {
		t.Skip("set QUOTES_DUMP=glob to print quotes")
	}
	files, _ := filepath.Glob(glob)
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		text := string(b)
		t.Logf("=== %s", f)
		for _, q := range Extract(text, segment.Split(text)) {
			t.Logf("%-8s %q\n      speaker=%q mention=%q role=%q cue=%q segs=%d", q.Kind, text[q.Start:q.End], q.Speaker, q.Mention, q.Role, q.Cue, len(q.Segments))
		}
	}
}
