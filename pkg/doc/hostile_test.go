package doc

import (
	"errors"
	"strings"
	"testing"
	"time"
)

// A file of many identical lines (a scraper's repeated "Share" bar) was
// quadratic: drop scanned every line dropped so far.
func TestParseManyRepeatedLines(t *testing.T) {
	raw := []byte(strings.Repeat("Share this article on social media.\n", 200000) + "\nThe council met on Monday.\n")
	start := time.Now()
	d := mustParse(t, "repeated", raw, Meta{})
	if took := time.Since(start); took > 5*time.Second {
		t.Errorf("Parse took %v", took)
	}
	if len(d.Dropped) < 199999 {
		t.Errorf("%d lines dropped", len(d.Dropped))
	}
	for i := 1; i < len(d.Dropped); i++ {
		if d.Dropped[i].Start < d.Dropped[i-1].Start {
			t.Fatalf("Dropped not sorted at %d", i)
		}
	}
	checkInvariants(t, d)
}

func TestHostileReadable(t *testing.T) {
	refused := map[string]string{
		"pdf":           "%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n",
		"postscript":    "%!PS-Adobe-3.0\n%%Title: x\nshowpage\n",
		"zip":           "PK\x03\x04\x14\x00\x00\x00\x08\x00some text after the header of a zip archive",
		"utf16 no BOM":  "H\x00e\x00l\x00l\x00o\x00 \x00w\x00o\x00r\x00l\x00d\x00.\x00\n\x00",
		"utf32":         "H\x00\x00\x00i\x00\x00\x00\n\x00\x00\x00",
		"random binary": "\x8a\x13\xf7\x02\xd9\x88\x1c\x05\xfe\x91\x00\x7f\x03\x8c\xe1\x16\xa4\x0b\x99\x12\xc3\x1f\x80\x04",
	}
	for name, raw := range refused {
		if d, err := Parse(name, []byte(raw), Meta{}); d != nil || !errors.Is(err, ErrRefused) || !strings.Contains(err.Error(), "not text") {
			t.Errorf("%s: Parse = %v, %v; want refused as not text", name, d, err)
		}
	}
	// Cyrillic in Windows-1251: nearly every letter is a high byte.
	cp1251 := "\xc2 \xcc\xee\xf1\xea\xe2\xe5 \xe7\xe0\xff\xe2\xe8\xeb\xe8 \xee \xf1\xe0\xed\xea\xf6\xe8\xff\xf5.\n"
	if _, err := Parse("cp1251", []byte(cp1251), Meta{}); !errors.Is(err, ErrRefused) || !strings.Contains(err.Error(), "not UTF-8") {
		t.Errorf("cp1251: %v", err)
	}
	read := map[string]string{
		"stray NULs":   "Mira Tal spoke.\x00 \"Sanctions will not change\x00 our course,\" Tal said.\n",
		"ANSI colours": "Mira Tal \x01spoke\x02 on \x1b[31mMonday\x1b[0m. \"Sanctions\x07 will \x7fnot change our course,\" Tal said.\n",
		"C1 controls":  "The council met on Monday.\u0085 It voted\u009b on the budget.\n",
	}
	for name, raw := range read {
		d, err := Parse(name, []byte(raw), Meta{})
		if err != nil {
			t.Errorf("%s: refused: %v", name, err)
			continue
		}
		checkInvariants(t, d)
		if !strings.Contains(strings.Join(d.Warnings, "; "), "control characters were ignored") {
			t.Errorf("%s: warnings %q", name, d.Warnings)
		}
		for _, c := range d.Text {
			if c < 0x20 && c != '\n' && c != '\t' || c == 0x7F || c >= 0x80 && c <= 0x9F {
				t.Errorf("%s: control %U left in the text", name, c)
			}
		}
	}
	d := mustParse(t, "latin1", []byte("Caf\xe9 owner Jos\xe9 Ram\xedrez spoke on Monday.\n"), Meta{})
	if w := strings.Join(d.Warnings, "; "); !strings.Contains(w, "3 bytes are not valid UTF-8") || !strings.Contains(w, "Latin-1") {
		t.Errorf("latin1 warnings %q", d.Warnings)
	}
	d = mustParse(t, "stray", []byte("The council met on Monday \xff\xfe and voted.\n"), Meta{})
	if w := strings.Join(d.Warnings, "; "); !strings.Contains(w, "not valid UTF-8") || strings.Contains(w, "Latin-1") {
		t.Errorf("stray bytes warnings %q", d.Warnings)
	}
}
