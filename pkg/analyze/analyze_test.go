package analyze

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/sanc-news/sanc/pkg/doc"
)

// The seeds exercise the date rules end to end: an inferred date, a crawl
// date kept but not used, and articles whose text fixes no date at all.
func TestSeedDates(t *testing.T) {
	tests := []struct {
		file     string
		date     string
		source   doc.DateSource
		crawl    bool
		minQuote int
	}{
		{"000_ca997bc1eb18119c.txt", "", doc.DateUnknown, false, 3},
		{"001_81225e6d9a43801a.txt", "", doc.DateUnknown, false, 8},
		{"002_b5bfe0d71a88dc39.txt", "", doc.DateUnknown, true, 4},
		{"003_4cea6fe4c0c40bc3.txt", "2020-12-02", doc.DateInferred, false, 2},
		{"004_d70a2eaa711140e3.txt", "", doc.DateUnknown, false, 3},
	}
	for _, tt := range tests {
		raw, err := os.ReadFile(filepath.Join("../../seeds", tt.file))
		if err != nil {
			t.Fatal(err)
		}
		a, err := Run(tt.file, raw, doc.Meta{})
		if err != nil {
			t.Fatalf("%s: %v", tt.file, err)
		}
		got := ""
		if !a.Date.IsZero() {
			got = a.Date.Format("2006-01-02")
		}
		if got != tt.date || a.DateSource != tt.source || a.CrawlDate != tt.crawl {
			t.Errorf("%s: date %q (%s) crawl=%v, want %q (%s) crawl=%v", tt.file, got, a.DateSource, a.CrawlDate, tt.date, tt.source, tt.crawl)
		}
		if len(a.Quotes) < tt.minQuote {
			t.Errorf("%s: %d quotes, want at least %d", tt.file, len(a.Quotes), tt.minQuote)
		}
	}
}

// Relative dates resolve against a document date given as metadata, and stay
// relative without one: never against the machine's clock.
func TestRelativeDatesNeedADocumentDate(t *testing.T) {
	raw := []byte("The ministry said on Thursday that talks had failed.\n")
	dated, err := Run("a.txt", raw, doc.Meta{Date: mustDay(t, "2017-08-15")})
	if err != nil {
		t.Fatal(err)
	}
	undated, err := Run("a.txt", raw, doc.Meta{})
	if err != nil {
		t.Fatal(err)
	}
	if len(dated.Times) != 1 || dated.Times[0].Value != "2017-08-10" {
		t.Errorf("dated: %+v, want Thursday 2017-08-10", dated.Times)
	}
	if len(undated.Times) != 1 || !undated.Times[0].Unresolved || !strings.Contains(undated.Times[0].Value, "X") {
		t.Errorf("undated: %+v, want an unresolved value", undated.Times)
	}
}

func TestWords(t *testing.T) {
	a, err := Run("w.txt", []byte("Share:\n\nOne two three.\nFour  five\tsix.\n"), doc.Meta{})
	if err != nil {
		t.Fatal(err)
	}
	if a.Words != 6 {
		t.Errorf("Words = %d, want 6 (furniture not counted)", a.Words)
	}
}

func mustDay(t *testing.T, s string) time.Time {
	t.Helper()
	v, ok := doc.ParseDate(s)
	if !ok {
		t.Fatalf("bad date %q", s)
	}
	return v
}
