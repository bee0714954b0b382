package doc

import (
	"bytes"
	"compress/gzip"
	"errors"
	"flag"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

func readFixture(t *testing.T, name string) []byte {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return raw
}

func mustParse(t *testing.T, name string, raw []byte, meta Meta) *Document {
	t.Helper()
	d, err := Parse(name, raw, meta)
	if err != nil {
		t.Fatalf("Parse(%s): %v", name, err)
	}
	checkInvariants(t, d)
	return d
}

// checkInvariants holds for every parsed document: the text is the file's
// bytes with some blanked (or, in a Latin-1 file, its accented letters read
// unaccented), and dropped spans are lines inside the file.
func checkInvariants(t *testing.T, d *Document) {
	t.Helper()
	if len(d.Text) != len(d.Raw) {
		t.Fatalf("%s: len(Text)=%d, len(Raw)=%d", d.Path, len(d.Text), len(d.Raw))
	}
	for i := 0; i < len(d.Text); i++ {
		if c := d.Text[i]; c != d.Raw[i] && c != ' ' && c != '\n' && !(d.Latin1 && d.Raw[i] >= 0xC0 && c == foldLatin1(d.Raw[i])) {
			t.Fatalf("%s: Text[%d]=%q but Raw[%d]=%q: only blanking is allowed", d.Path, i, c, i, d.Raw[i])
		}
	}
	for _, x := range d.Dropped {
		if x.Start < 0 || x.End > len(d.Raw) || x.Start > x.End {
			t.Fatalf("%s: dropped span %+v outside [0,%d]", d.Path, x, len(d.Raw))
		}
		if x.Reason == "" {
			t.Fatalf("%s: dropped span %+v has no reason", d.Path, x)
		}
		if strings.TrimSpace(d.Text[x.Start:x.End]) != "" {
			t.Fatalf("%s: dropped span %+v still has text %q", d.Path, x, d.Text[x.Start:x.End])
		}
	}
	if d.ID != ContentID(d.Raw) || len(d.ID) != IDLen {
		t.Fatalf("%s: ID %q is not the content id", d.Path, d.ID)
	}
}

func dayStr(t time.Time) string {
	if t.IsZero() {
		return "-"
	}
	return t.Format("2006-01-02")
}

// summary renders what Parse made of a file, for the golden files.
func summary(d *Document) string {
	var b strings.Builder
	fmt.Fprintf(&b, "title: %q (%s)\n", d.Title, d.TitleFrom)
	fmt.Fprintf(&b, "outlet: %q\n", d.Outlet)
	fmt.Fprintf(&b, "url: %q\nauthor: %q\n", d.URL, d.Author)
	fmt.Fprintf(&b, "date: %s (%s)\n", dayStr(d.Date), d.DateSource)
	fmt.Fprintf(&b, "header date: %s\ntext date: %s\n", dayStr(d.HeaderDate), dayStr(d.TextDate))
	b.WriteString("warnings:\n")
	for _, w := range d.Warnings {
		fmt.Fprintf(&b, "  %s\n", w)
	}
	b.WriteString("dropped:\n")
	for _, x := range d.Dropped {
		fmt.Fprintf(&b, "  %d-%d %s: %q\n", x.Start, x.End, x.Reason, d.Raw[x.Start:x.End])
	}
	b.WriteString("text:\n")
	for _, l := range strings.Split(d.Text, "\n") {
		if l = strings.TrimSpace(l); l != "" {
			fmt.Fprintf(&b, "  | %s\n", l)
		}
	}
	return b.String()
}

func TestGolden(t *testing.T) {
	files, err := filepath.Glob("testdata/*.[tm][xd]*")
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, f := range files {
		if strings.HasSuffix(f, ".golden") {
			continue
		}
		n++
		t.Run(filepath.Base(f), func(t *testing.T) {
			raw, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			d := mustParse(t, f, raw, Meta{})
			got := summary(d)
			golden := f + ".golden"
			if *update {
				if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test -update to create it)", err)
			}
			if got != string(want) {
				t.Errorf("%s differs from %s (go test -update rewrites it)\n--- got\n%s\n--- want\n%s", f, golden, got, want)
			}
		})
	}
	if n < 5 {
		t.Fatalf("found only %d fixtures", n)
	}
}

// droppedText maps each dropped line's text to its reason.
func droppedText(d *Document) map[string]string {
	out := map[string]string{}
	for _, x := range d.Dropped {
		out[strings.TrimSpace(string(d.Raw[x.Start:x.End]))] = x.Reason
	}
	return out
}

func flatText(d *Document) string { return strings.Join(strings.Fields(d.Text), " ") }

func TestHeaderAndFurniture(t *testing.T) {
	d := mustParse(t, "outlet_header.txt", readFixture(t, "outlet_header.txt"), Meta{})
	if d.Outlet != "The Ledger" {
		t.Errorf("Outlet = %q, want The Ledger", d.Outlet)
	}
	if want := "City Council Approves Harbor Budget After Long Night of Debate"; d.Title != want || d.TitleFrom != "header" {
		t.Errorf("Title = %q (%s), want %q from header", d.Title, d.TitleFrom, want)
	}
	dropped := droppedText(d)
	for _, line := range []string{
		"The Ledger",
		"Share:",
		"Also Read: Mayor unveils plan for three new parks along the river",
		"Like Us on Facebook",
		"Lascia un commento",
		"Your email address will not be published. Required fields are marked *",
		"Save my name, email, and website in this browser for the next time I comment.",
		"Go to Top",
		"Trending Now Sponsored Links by Taboola",
		"WhatsApp chat",
		"About Us", "Contact", "Privacy",
	} {
		if dropped[line] == "" {
			t.Errorf("line %q was not dropped", line)
		}
		if strings.Contains(flatText(d), line) {
			t.Errorf("line %q is still in the text", line)
		}
	}
	for _, prose := range []string{
		"The city council approved a new harbor budget early on Wednesday",
		`"We had to choose between the port and the schools," she said.`,
		// Short sentences that mention page-chrome words are still prose.
		"The harbor authority declined to comment.",
		"Port officials wrote on Twitter that dredging would begin in the spring.",
	} {
		if !strings.Contains(flatText(d), prose) {
			t.Errorf("prose %q is missing from the text", prose)
		}
	}
}

func TestFurnitureRules(t *testing.T) {
	tests := []struct {
		line string
		want bool // dropped as furniture
	}{
		{"Share:", true},
		{"Tags:", true},
		{"Also Read: Ten things to know about the budget", true},
		{"Read more: Why the port matters", true},
		{"Like Us on Facebook", true},
		{"Follow us on Twitter.", true},
		{"Lascia un commento", true},
		{"Leave a Reply", true},
		{"Your email address will not be published.", true},
		{"Go to Top", true},
		{"Back to top", true},
		{"Trending Now Sponsored Links by Taboola", true},
		{"WhatsApp chat", true},
		{"Subscribe", true},
		{"(Photo : Reuters) Workers repair the dock.", true},
		{"Photo credit: Jane Doe", true},
		{"© 2019 Valley News. All rights reserved", true},
		{"He declined to comment.", false},
		{"Shares in the company fell 4 percent.", false},
		{"Trump announced the decision on Twitter.", false},
		{`"Share the burden," she said.`, false},
		{"The council met on Tuesday.", false},
		{"Harbor Budget Passes", false},
		{"Mayor Dana Ortiz", false},
	}
	for _, tt := range tests {
		got := furniture(splitLines([]byte(tt.line), 0)[0])
		if (got != "") != tt.want {
			t.Errorf("furniture(%q) = %q, want dropped=%v", tt.line, got, tt.want)
		}
	}
}

func TestHeaderTimestampAndRepeatedHeadline(t *testing.T) {
	d := mustParse(t, "header_timestamp.txt", readFixture(t, "header_timestamp.txt"), Meta{})
	if d.Outlet != "VALLEY NEWS" {
		t.Errorf("Outlet = %q", d.Outlet)
	}
	if d.Title != "Farmers Brace for Late Frost Across the Valley" {
		t.Errorf("Title = %q", d.Title)
	}
	if want := time.Date(2019, 3, 14, 0, 0, 0, 0, time.UTC); !d.HeaderDate.Equal(want) {
		t.Errorf("HeaderDate = %v, want %v", d.HeaderDate, want)
	}
	if d.DateSource != DateUnknown || !d.Date.IsZero() {
		t.Errorf("Parse alone must not use the header date: %v (%s)", d.Date, d.DateSource)
	}
	n := 0
	for _, x := range d.Dropped {
		if x.Reason == "repeated headline" {
			n++
		}
	}
	if n != 1 {
		t.Errorf("%d repeated headlines dropped, want 1 (the headline itself stays)", n)
	}
	if c := strings.Count(d.Text, "Farmers Brace"); c != 1 {
		t.Errorf("the headline is in the text %d times, want once", c)
	}
	for _, gone := range []string{"03/14/2019", "Make VN Your Homepage", "VALLEY NEWS"} {
		if strings.Contains(d.Text, gone) {
			t.Errorf("%q is still in the text", gone)
		}
	}
	if !strings.Contains(flatText(d), `"If it drops below minus two we lose the blossoms," said orchard owner Pavel Novak`) {
		t.Error("article prose lost")
	}
}

func TestUseHeaderDate(t *testing.T) {
	raw := readFixture(t, "header_timestamp.txt")
	header := time.Date(2019, 3, 14, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		latest    int
		meta      Meta
		wantDate  time.Time
		wantSrc   DateSource
		wantCrawl bool
	}{
		{latest: 0, wantDate: header, wantSrc: DateHeader},
		{latest: 2019, wantDate: header, wantSrc: DateHeader},
		{latest: 2018, wantDate: header, wantSrc: DateHeader}, // one year later: still plausible
		{latest: 2012, wantDate: header, wantSrc: DateHeader}, // a story may cite only an older year
		{latest: 2010, wantSrc: DateUnknown, wantCrawl: true}, // nine years later: a crawl date
		{latest: 2019, meta: Meta{Date: time.Date(2019, 3, 1, 0, 0, 0, 0, time.UTC)},
			wantDate: time.Date(2019, 3, 1, 0, 0, 0, 0, time.UTC), wantSrc: DateFlag},
	}
	for _, tt := range tests {
		d := mustParse(t, "h", raw, tt.meta)
		d.UseHeaderDate(tt.latest)
		if !d.Date.Equal(tt.wantDate) || d.DateSource != tt.wantSrc || d.CrawlDate != tt.wantCrawl {
			t.Errorf("latest %d, meta %v: date %s (%s) crawl=%v, want %s (%s) crawl=%v", tt.latest, tt.meta.Date,
				dayStr(d.Date), d.DateSource, d.CrawlDate, dayStr(tt.wantDate), tt.wantSrc, tt.wantCrawl)
		}
		if !d.HeaderDate.Equal(header) {
			t.Errorf("HeaderDate changed to %v", d.HeaderDate)
		}
		if tt.wantCrawl && !strings.Contains(strings.Join(d.Warnings, "\n"), "crawl date") {
			t.Errorf("crawl date without a warning: %q", d.Warnings)
		}
	}
	// No header timestamp: nothing happens.
	d := mustParse(t, "d", readFixture(t, "no_header.txt"), Meta{})
	d.UseHeaderDate(2000)
	if d.DateSource != DateUnknown || d.CrawlDate || len(d.Warnings) != 0 {
		t.Errorf("UseHeaderDate without a header date: %s crawl=%v %q", d.DateSource, d.CrawlDate, d.Warnings)
	}
}

func TestSetInferred(t *testing.T) {
	day := time.Date(2016, 2, 1, 0, 0, 0, 0, time.UTC)
	d := mustParse(t, "d", readFixture(t, "no_header.txt"), Meta{})
	d.SetInferred(time.Time{}, "nothing")
	if d.DateSource != DateUnknown {
		t.Fatal("a zero date was recorded")
	}
	d.SetInferred(day, "latest date in the text")
	if !d.Date.Equal(day) || d.DateSource != DateInferred || !strings.Contains(strings.Join(d.Warnings, ""), "latest date in the text") {
		t.Errorf("SetInferred: %v (%s) %q", d.Date, d.DateSource, d.Warnings)
	}
	d = mustParse(t, "d", readFixture(t, "dateline.txt"), Meta{})
	d.SetInferred(day, "x")
	if d.DateSource != DateText {
		t.Errorf("an inferred date replaced a text date: %s", d.DateSource)
	}
}

func TestTextDates(t *testing.T) {
	tests := []struct {
		file string
		want time.Time
	}{
		{"dateline.txt", time.Date(2017, 8, 15, 0, 0, 0, 0, time.UTC)},
		{"byline_stamp.txt", time.Date(2021, 3, 3, 0, 0, 0, 0, time.UTC)},
	}
	for _, tt := range tests {
		d := mustParse(t, tt.file, readFixture(t, tt.file), Meta{})
		if !d.TextDate.Equal(tt.want) || !d.Date.Equal(tt.want) || d.DateSource != DateText {
			t.Errorf("%s: TextDate %s, Date %s (%s), want %s from text", tt.file, dayStr(d.TextDate), dayStr(d.Date), d.DateSource, dayStr(tt.want))
		}
		// The dateline is part of the article: its line stays in the text.
		if tt.file == "dateline.txt" && !strings.Contains(d.Text, "WASHINGTON, Aug. 15, 2017") {
			t.Error("dateline dropped from the text")
		}
	}
	for _, s := range []string{
		"WASHINGTON, Aug. 15, 2017 — The Senate voted.",
		"BEIJING (Reuters), 15 August 2017 - China said",
		"By Jo Reyes | Updated: 2017-08-15",
		"Posted on August 15th, 2017",
	} {
		if got, ok := textDate(s); !ok || !got.Equal(time.Date(2017, 8, 15, 0, 0, 0, 0, time.UTC)) {
			t.Errorf("textDate(%q) = %v, %v", s, got, ok)
		}
	}
	for _, s := range []string{
		"WASHINGTON, Aug. 15 — no year here",
		"The Senate voted on Aug. 15, 2017, to pass it.",
		"",
	} {
		if got, ok := textDate(s); ok {
			t.Errorf("textDate(%q) = %v, want no date", s, got)
		}
	}
}

func TestFrontMatterWins(t *testing.T) {
	raw := readFixture(t, "front_matter.md")
	meta := Meta{Title: "Flag Title", Outlet: "Flag Outlet", URL: "https://flag.example", Author: "Flag Author",
		Date: time.Date(2001, 1, 1, 0, 0, 0, 0, time.UTC)}
	d := mustParse(t, "front_matter.md", raw, meta)
	if d.Title != "Harbor Budget Passes" || d.TitleFrom != "front-matter" {
		t.Errorf("Title = %q (%s)", d.Title, d.TitleFrom)
	}
	if d.Outlet != "Coast Chronicle" || d.URL != "https://example.org/harbor-budget" || d.Author != "Jo Reyes" {
		t.Errorf("Outlet/URL/Author = %q %q %q", d.Outlet, d.URL, d.Author)
	}
	if !d.Date.Equal(time.Date(2018, 5, 2, 0, 0, 0, 0, time.UTC)) || d.DateSource != DateFrontMatter {
		t.Errorf("Date = %s (%s)", dayStr(d.Date), d.DateSource)
	}
	if strings.Contains(d.Text, "title:") || strings.Contains(d.Text, "---") {
		t.Error("front matter left in the text")
	}
	if len(d.Warnings) != 0 {
		t.Errorf("warnings: %q", d.Warnings)
	}

	// Without front matter, flags win over what the page header says.
	body := raw[bytes.Index(raw, []byte("The Ledger")):]
	d = mustParse(t, "plain", body, meta)
	if d.Title != "Flag Title" || d.TitleFrom != "flag" || d.Outlet != "Flag Outlet" || d.URL != meta.URL ||
		d.Author != meta.Author || !d.Date.Equal(meta.Date) || d.DateSource != DateFlag {
		t.Errorf("flags lost: %+v", d)
	}
	// A flag date beats a dateline.
	d = mustParse(t, "dateline", readFixture(t, "dateline.txt"), Meta{Date: meta.Date})
	if d.DateSource != DateFlag || !d.Date.Equal(meta.Date) || d.TextDate.IsZero() {
		t.Errorf("flag vs dateline: %s (%s), text date %s", dayStr(d.Date), d.DateSource, dayStr(d.TextDate))
	}
	// No flags: the header gives the title and outlet.
	d = mustParse(t, "plain", body, Meta{})
	if d.Title != "City Council Approves Harbor Budget After Long Night of Debate" || d.Outlet != "The Ledger" {
		t.Errorf("heuristics: %q %q", d.Title, d.Outlet)
	}
}

func TestFrontMatterProblems(t *testing.T) {
	tests := []struct {
		name, warn string
		raw        []byte
	}{
		{"invalid yaml", "not valid YAML", readFixture(t, "bad_yaml.md")},
		{"never closes", "never closes", readFixture(t, "unclosed.txt")},
		{"bad date", "is not a date", []byte("---\ntitle: T\ndate: someday\n---\nThe council met on Tuesday and voted to approve the budget for the next year.\n")},
		{"crlf never closes", "never closes", []byte("---\r\nThe council met on Tuesday and voted to approve the budget for the next year.\r\n")},
	}
	for _, tt := range tests {
		d := mustParse(t, tt.name, tt.raw, Meta{})
		if !strings.Contains(strings.Join(d.Warnings, "\n"), tt.warn) {
			t.Errorf("%s: warnings %q, want one saying %q", tt.name, d.Warnings, tt.warn)
		}
		if !strings.Contains(flatText(d), "council") {
			t.Errorf("%s: article text lost:\n%s", tt.name, d.Text)
		}
	}
	// Nothing lost: broken metadata is listed as dropped, with a reason.
	d := mustParse(t, "bad", readFixture(t, "bad_yaml.md"), Meta{})
	if d.Outlet == "Coast Chronicle" || d.TitleFrom == "front-matter" {
		t.Error("metadata taken from invalid front matter")
	}
	if len(d.Dropped) == 0 || d.Dropped[0].Reason != "invalid front matter" ||
		!strings.Contains(string(d.Raw[d.Dropped[0].Start:d.Dropped[0].End]), "outlet: Coast Chronicle") {
		t.Errorf("invalid front matter not listed as dropped: %+v", d.Dropped)
	}
	// A --- block holding prose is not front matter: its text stays.
	d = mustParse(t, "rules", readFixture(t, "prose_rules.txt"), Meta{})
	if !strings.Contains(d.Text, "Section one of a long report") || !strings.Contains(strings.Join(d.Warnings, ""), "read as text") {
		t.Errorf("prose between rules lost: %q\n%s", d.Warnings, d.Text)
	}
	d = mustParse(t, "unclosed", readFixture(t, "unclosed.txt"), Meta{})
	if !strings.Contains(d.Text, "Section one of a long report") {
		t.Errorf("never-closing block swallowed the text:\n%s", d.Text)
	}
}

func TestFrontMatterDateForms(t *testing.T) {
	for _, v := range []string{"2018-05-02", "2018-05-02T10:00:00Z", `"2018-05-02 10:00"`, "May 2, 2018", "2018/05/02"} {
		raw := []byte("---\ndate: " + v + "\n---\nThe council met on Tuesday and voted to approve the budget for the next year.\n")
		d := mustParse(t, v, raw, Meta{})
		if !d.Date.Equal(time.Date(2018, 5, 2, 0, 0, 0, 0, time.UTC)) || d.DateSource != DateFrontMatter {
			t.Errorf("date: %s → %s (%s) %q", v, dayStr(d.Date), d.DateSource, d.Warnings)
		}
	}
}

func TestLineEndingsAndBOM(t *testing.T) {
	base := readFixture(t, "outlet_header.txt")
	variants := map[string][]byte{
		"bom":     append([]byte("\xEF\xBB\xBF"), base...),
		"crlf":    bytes.ReplaceAll(base, []byte("\n"), []byte("\r\n")),
		"cr":      bytes.ReplaceAll(base, []byte("\n"), []byte("\r")),
		"bomcrlf": append([]byte("\xEF\xBB\xBF"), bytes.ReplaceAll(base, []byte("\n"), []byte("\r\n"))...),
	}
	want := mustParse(t, "lf", base, Meta{})
	for name, raw := range variants {
		d := mustParse(t, name, raw, Meta{})
		if strings.ContainsAny(d.Text, "\r\uFEFF") {
			t.Errorf("%s: CR or BOM left in the text", name)
		}
		if d.Title != want.Title || d.Outlet != want.Outlet {
			t.Errorf("%s: title %q outlet %q, want %q %q", name, d.Title, d.Outlet, want.Title, want.Outlet)
		}
		if flatText(d) != flatText(want) {
			t.Errorf("%s: cleaned text differs from the LF version:\n%s\n---\n%s", name, flatText(d), flatText(want))
		}
		// Offsets still point into the file.
		i := strings.Index(d.Text, "Council member Dana Ortiz")
		if i < 0 || string(d.Raw[i:i+len("Council member Dana Ortiz")]) != "Council member Dana Ortiz" {
			t.Errorf("%s: offset %d does not point at the same bytes in Raw", name, i)
		}
	}
	// Front matter behind a BOM and with CRLF is still front matter.
	fm := bytes.ReplaceAll(readFixture(t, "front_matter.md"), []byte("\n"), []byte("\r\n"))
	d := mustParse(t, "fm", append([]byte("\xEF\xBB\xBF"), fm...), Meta{})
	if d.TitleFrom != "front-matter" || d.Outlet != "Coast Chronicle" {
		t.Errorf("BOM+CRLF front matter: %q (%s) %q", d.Title, d.TitleFrom, d.Outlet)
	}
}

func TestInvalidUTF8(t *testing.T) {
	raw := []byte("Caf\xe9 Owners Protest New Rules\n\nOwners of the caf\xe9s on the main square protested on Monday against new rules on outdoor seating, which they say will halve their trade.\n")
	d := mustParse(t, "latin1", raw, Meta{})
	if !strings.Contains(strings.Join(d.Warnings, ""), "2 bytes are not valid UTF-8") {
		t.Errorf("warnings %q", d.Warnings)
	}
	if !strings.Contains(d.Text, "protested on Monday") {
		t.Error("text lost")
	}
	for i := 0; i < len(d.Text); {
		r, n := rune(d.Text[i]), 1
		if r >= 0x80 {
			var s string
			s, n = d.Text[i:], 0
			for _, rr := range s {
				r, n = rr, len(string(rr))
				break
			}
			if r == '\uFFFD' {
				t.Fatalf("invalid byte left at %d", i)
			}
		}
		i += n
	}
}

func pngBytes(t *testing.T) []byte {
	img := image.NewRGBA(image.Rect(0, 0, 16, 16))
	for i := 0; i < 16; i++ {
		img.Set(i, i, color.RGBA{R: uint8(i * 16), A: 255})
	}
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func gzipBytes(t *testing.T) []byte {
	var b bytes.Buffer
	w := gzip.NewWriter(&b)
	for i := 0; i < 200; i++ {
		fmt.Fprintf(w, "line %d of a log file with a counter %x\n", i, i*7919)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// Headlines that open like weak binary signatures ("BM" of a bitmap, "ID3" of
// an MP3) are text: only unmistakable signatures refuse a file.
func TestWeakSignaturesAreText(t *testing.T) {
	for _, headline := range []string{"BMW PROFITS RISE IN FIRST QUARTER\n\nBMW said on Monday profits rose.\n",
		"CITROEN EXPECTS HIGHER PROFITS, HELPED BY AX\n15-MAR-1987 07:52:42.84\n\n    NICE, France, March 15 - Automobiles Citroen expects rising sales.\n",
		"ID3 tags explained\n\nThe format stores titles.\n"} {
		if _, err := Parse("h.txt", []byte(headline), Meta{}); err != nil {
			t.Errorf("%q refused: %v", headline[:20], err)
		}
	}
}

func TestRefused(t *testing.T) {
	tests := []struct {
		name   string
		raw    []byte
		reason string
	}{
		{"nil", nil, "empty file"},
		{"empty", []byte{}, "empty file"},
		{"spaces", []byte("  \n\t\r\n  \n"), "only white space"},
		{"png", pngBytes(t), "a PNG image"},
		{"gzip", gzipBytes(t), "gzip"},
		{"nul", make([]byte, 4096), "not text"},
		{"nul prefix", append(make([]byte, 200), []byte("some text after a block of zero bytes\n")...), "not text"},
		{"utf16le", []byte("\xFF\xFEH\x00i\x00\n\x00"), "UTF-16"},
		{"utf16be", []byte("\xFE\xFF\x00H\x00i\x00\n"), "UTF-16"},
	}
	for _, tt := range tests {
		d, err := Parse(tt.name, tt.raw, Meta{})
		if d != nil || !errors.Is(err, ErrRefused) {
			t.Errorf("%s: Parse = %v, %v; want ErrRefused", tt.name, d, err)
			continue
		}
		if !strings.Contains(err.Error(), tt.reason) {
			t.Errorf("%s: error %q does not say %q", tt.name, err, tt.reason)
		}
	}
	// Text with a few stray control bytes is read.
	raw := []byte("Council Votes\n\nThe council voted\x07 on Tuesday\x1b to approve the budget for the coming year after a long debate.\n")
	if _, err := Parse("ctrl", raw, Meta{}); err != nil {
		t.Errorf("stray control bytes refused: %v", err)
	}
}

func TestNoTextLeft(t *testing.T) {
	d := mustParse(t, "chrome", []byte("Share:\n\nGo to Top\n"), Meta{})
	if !strings.Contains(strings.Join(d.Warnings, ""), "no article text") {
		t.Errorf("warnings %q", d.Warnings)
	}
}

func TestFirstSentenceTitle(t *testing.T) {
	d := mustParse(t, "no_header.txt", readFixture(t, "no_header.txt"), Meta{})
	if d.TitleFrom != "first-sentence" || !strings.HasPrefix(d.Title, "Officials in the northern province") {
		t.Errorf("Title = %q (%s)", d.Title, d.TitleFrom)
	}
	if n := len([]rune(strings.TrimSuffix(d.Title, "…"))); n > 90 || !strings.HasSuffix(d.Title, "…") {
		t.Errorf("long first sentence not shortened: %q", d.Title)
	}
	if len(d.Dropped) != 0 {
		t.Errorf("dropped from an article without furniture: %+v", d.Dropped)
	}
}

func TestParseTimestamp(t *testing.T) {
	tests := []struct {
		in   string
		want string // "" = not a timestamp
	}{
		{"01/22/2025 03:02:40 am", "2025-01-22"},
		{"2017-08-15", "2017-08-15"},
		{"2017-08-15 14:03 UTC", "2017-08-15"},
		{"15.08.2017", "2017-08-15"},
		{"26-FEB-1987", "1987-02-26"},
		{"08/15/17", "2017-08-15"},
		{"12/31/99", "1999-12-31"},
		{"31/12/2019", "2019-12-31"},
		{"August 15, 2017", "2017-08-15"},
		{"Tuesday, Aug. 15, 2017 at 3:04 p.m. EDT", "2017-08-15"},
		{"Published on: Aug 15th, 2017", "2017-08-15"},
		{"15 August 2017", "2017-08-15"},
		{"Updated 15 Aug 2017 10:00", "2017-08-15"},
		{"Feb 29, 2016", "2016-02-29"},
		{"Feb 30, 2016", ""},
		{"Feb 29, 2017", ""},
		{"13/13/2017", ""},
		{"August 15, 1850", ""},
		{"August 15, 2017, the day the Senate voted on the bill", ""},
		{"The council met on August 15, 2017", ""},
		{"2017", ""},
		{"", ""},
		{"Smarch 15, 2017", ""},
	}
	for _, tt := range tests {
		got, ok := parseTimestamp(tt.in)
		if tt.want == "" {
			if ok {
				t.Errorf("parseTimestamp(%q) = %v, want no stamp", tt.in, got)
			}
			continue
		}
		if !ok || got.Format("2006-01-02") != tt.want {
			t.Errorf("parseTimestamp(%q) = %v, %v; want %s", tt.in, got, ok, tt.want)
		}
	}
}

func TestParseDate(t *testing.T) {
	for _, in := range []string{"2017-08-15", " 2017-08-15 ", "2017-08-15T23:59:59+05:00", "2017-08-15 10:00:00", "2017/08/15", "Aug. 15, 2017"} {
		got, ok := ParseDate(in)
		if !ok || !got.Equal(time.Date(2017, 8, 15, 0, 0, 0, 0, time.UTC)) {
			t.Errorf("ParseDate(%q) = %v, %v", in, got, ok)
		}
	}
	for _, in := range []string{"", "yesterday", "2017-13-01", "2017-02-30", "15"} {
		if got, ok := ParseDate(in); ok {
			t.Errorf("ParseDate(%q) = %v, want failure", in, got)
		}
	}
}

// TestSeeds reads the sample articles shipped in seeds/ (not copied here).
func TestSeeds(t *testing.T) {
	files, err := filepath.Glob("../../seeds/*.txt")
	if err != nil || len(files) == 0 {
		t.Skip("no seed articles")
	}
	want := map[string]struct{ title, outlet, header string }{
		"001": {"Beijing Blasts New U.S. Sanctions on North Korea", "The Cable", ""},
		"002": {"US, UN Security Council Allies Urge China to Impose Sanctions Against North Korea", "CHINA TOPIX", "2025-01-22"},
		"004": {"Blinken requests China put sanctions on North Korea", "", ""},
	}
	for _, f := range files {
		raw, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		d := mustParse(t, f, raw, Meta{})
		key := filepath.Base(f)[:3]
		if w, ok := want[key]; ok {
			if d.Title != w.title || d.TitleFrom != "header" {
				t.Errorf("seed %s: title %q (%s), want %q", key, d.Title, d.TitleFrom, w.title)
			}
			if d.Outlet != w.outlet {
				t.Errorf("seed %s: outlet %q, want %q", key, d.Outlet, w.outlet)
			}
			if got := d.HeaderDate; w.header != "" && dayStr(got) != w.header {
				t.Errorf("seed %s: header date %s, want %s", key, dayStr(got), w.header)
			}
		}
		if d.Title == "" {
			t.Errorf("seed %s: no title", key)
		}
		if strings.TrimSpace(d.Text) == "" {
			t.Errorf("seed %s: no text", key)
		}
		// No dropped line is article prose: every line that reads as a
		// paragraph of prose stays, except a photo caption (which may carry
		// the dek) and the headline.
		for _, x := range d.Dropped {
			l := strings.TrimSpace(string(raw[x.Start:x.End]))
			words := len(strings.Fields(l))
			switch x.Reason {
			case "photo caption":
				lower := strings.ToLower(l)
				if !strings.HasPrefix(lower, "(photo") && !strings.HasPrefix(lower, "photo") {
					t.Errorf("seed %s: caption %q does not look like one", key, l)
				}
			case "headline":
				if l != d.Title {
					t.Errorf("seed %s: dropped headline %q is not the title %q", key, l, d.Title)
				}
			case "link to another story":
				if !strings.Contains(l, ":") {
					t.Errorf("seed %s: link line %q has no label", key, l)
				}
			default:
				if words > 8 || isBodyLine(line{text: l, words: words}) {
					t.Errorf("seed %s: dropped %q (%s) reads as prose", key, l, x.Reason)
				}
			}
		}
	}
}

func FuzzParse(f *testing.F) {
	for _, name := range []string{"outlet_header.txt", "header_timestamp.txt", "front_matter.md", "bad_yaml.md", "dateline.txt"} {
		raw, err := os.ReadFile(filepath.Join("testdata", name))
		if err == nil {
			f.Add(raw)
		}
	}
	f.Add([]byte("---\ntitle: x\n---\n"))
	f.Add([]byte("\xEF\xBB\xBFA\rB\r\nC\n"))
	f.Add([]byte("\x00\x01"))
	f.Fuzz(func(t *testing.T, raw []byte) {
		d, err := Parse("fuzz", raw, Meta{})
		if err != nil {
			if !errors.Is(err, ErrRefused) {
				t.Fatalf("error is not ErrRefused: %v", err)
			}
			return
		}
		checkInvariants(t, d)
		if !bytes.Equal(d.Raw, raw) {
			t.Fatal("Raw changed")
		}
	})
}

func FuzzParseTimestamp(f *testing.F) {
	for _, s := range []string{"01/22/2025 03:02:40 am", "Aug. 15, 2017", "15 August 2017", "2017-08-15", "26-FEB-1987", "Published: May 1st, 2020 | 10:00"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, fn := range []func(string) (time.Time, bool){parseTimestamp, ParseDate, textDate} {
			got, ok := fn(s)
			if !ok {
				if !got.IsZero() {
					t.Fatalf("%q: failure with a date %v", s, got)
				}
				continue
			}
			if got.Location() != time.UTC || got.Hour() != 0 || got.Minute() != 0 || got.Second() != 0 || got.Nanosecond() != 0 {
				t.Fatalf("%q: %v is not a UTC calendar day", s, got)
			}
			if y := got.Year(); y < 1900 || y > 2100 {
				// ParseDate's ISO layouts accept any four-digit year.
				if _, iso := time.Parse("2006", s[:min(4, len(s))]); iso != nil {
					t.Fatalf("%q: year %d out of range", s, y)
				}
			}
		}
	})
}

func TestHeaderEndsAtProse(t *testing.T) {
	const body = "The council approved the harbor budget after a debate that ran past midnight, ending months of argument over costs.\n"
	tests := []struct {
		name, raw, title, outlet string
		kept                     []string // prose that must stay in the text
	}{
		{"short first sentence", "The vote was close.\n\nLawmakers argued for hours on Tuesday night\n\n" + body,
			"The vote was close.", "", []string{"The vote was close.", "Lawmakers argued for hours on Tuesday night"}},
		{"short article", "Council Approves Budget\n\nThe council approved the harbor budget.\n\nIt passed 7 to 2.\n",
			"Council Approves Budget", "", []string{"The council approved the harbor budget.", "It passed 7 to 2."}},
		{"headline ending in an abbreviation", "Daily Wire\n\nBeijing Rebukes the U.S.\n\n" + body,
			"Beijing Rebukes the U.S.", "Daily Wire", []string{"The council approved"}},
		{"byline is not the headline", "Council Approves Budget\n\nBy Jo Reyes and Sam Okafor, Staff Writers\n\n" + body,
			"Council Approves Budget", "", []string{"The council approved"}},
		{"stamp under the headline", "Council Approves Budget\nAugust 15, 2017\n" + body,
			"Council Approves Budget", "", []string{"The council approved"}},
	}
	for _, tt := range tests {
		d := mustParse(t, tt.name, []byte(tt.raw), Meta{})
		if d.Title != tt.title || d.Outlet != tt.outlet {
			t.Errorf("%s: title %q outlet %q, want %q %q", tt.name, d.Title, d.Outlet, tt.title, tt.outlet)
		}
		for _, k := range tt.kept {
			if !strings.Contains(flatText(d), k) {
				t.Errorf("%s: %q dropped (%+v)", tt.name, k, d.Dropped)
			}
		}
	}
}

// BenchmarkParse measures throughput (MB/s) on the seeds and, when the shared
// corpus is present, on about 2 MB of Reuters-21578 files: small files, so
// the per-document cost counts as it does in an ingest.
func BenchmarkParse(b *testing.B) {
	var docs [][]byte
	seeds, _ := filepath.Glob("../../seeds/*.txt")
	for _, s := range seeds {
		if t, err := os.ReadFile(s); err == nil {
			docs = append(docs, t)
		}
	}
	reuters, _ := filepath.Glob("../../../shared/corpora/reuters21578/*.txt")
	size := 0
	for _, r := range reuters {
		if size > 2<<20 {
			break
		}
		if t, err := os.ReadFile(r); err == nil {
			docs = append(docs, t)
			size += len(t)
		}
	}
	total := 0
	for _, d := range docs {
		total += len(d)
	}
	if total == 0 {
		b.Skip("no input")
	}
	b.SetBytes(int64(total))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, d := range docs {
			Parse("bench.txt", d, Meta{})
		}
	}
}
