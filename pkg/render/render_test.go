package render

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sanc-news/sanc/pkg/jsonx"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

type row struct {
	Doc     string  `json:"doc"`
	Speaker *string `json:"speaker"`
	Quote   string  `json:"quote"`
	Start   int     `json:"start"`
}

func str(s string) *string { return &s }

var rows = []row{
	{Doc: "a1b2c3d4e5", Speaker: str("Geng Shuang"), Quote: "We oppose unilateral sanctions.", Start: 10},
	{Doc: "ffee001122", Speaker: nil, Quote: "a | b, \"c\" <&> d\tand\nnext line", Start: 250},
	{Doc: "0011223344", Speaker: str("Lu Kang"), Quote: "The situation on the Korean Peninsula is complex and sensitive, we oppose any moves that may further worsen tensions there.", Start: 7},
}

var cols = []Column[row]{
	{Name: "doc", Value: func(r row) string { return r.Doc }},
	{Name: "speaker", Value: func(r row) string {
		if r.Speaker == nil {
			return ""
		}
		return *r.Speaker
	}},
	{Name: "quote", Value: func(r row) string { return r.Quote }},
}

func render(t *testing.T, f Format, rs []row, o Options) string {
	t.Helper()
	var b bytes.Buffer
	if err := Write(&b, f, rs, cols, o); err != nil {
		t.Fatalf("Write(%s): %v", f, err)
	}
	return b.String()
}

func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name+".golden")
	if *update {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (go test -update creates it)", err)
	}
	if got != string(want) {
		t.Errorf("%s differs (go test -update rewrites it)\n--- got\n%s--- want\n%s", path, got, want)
	}
}

func TestGolden(t *testing.T) {
	tests := []struct {
		name string
		f    Format
		rows []row
		o    Options
	}{
		{"table", Table, rows, Options{}},
		{"table_width40", Table, rows, Options{Width: 40}},
		{"table_footer", Table, rows[:1], Options{Footer: "1 quotation in 1 document"}},
		{"table_empty", Table, nil, Options{}},
		{"markdown", Markdown, rows, Options{}},
		{"markdown_empty", Markdown, nil, Options{}},
		{"tsv", TSV, rows, Options{}},
		{"csv", CSV, rows, Options{}},
		{"csv_empty", CSV, nil, Options{}},
		{"json", JSON, rows, Options{}},
		{"json_empty", JSON, nil, Options{}},
		{"jsonl", JSONL, rows, Options{}},
		{"jsonl_empty", JSONL, nil, Options{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			golden(t, tt.name, render(t, tt.f, tt.rows, tt.o))
		})
	}
}

func TestTable(t *testing.T) {
	out := render(t, Table, rows, Options{})
	long := rows[2].Quote
	if !strings.Contains(out, long) {
		t.Error("width 0 must neither wrap nor truncate a cell")
	}
	if !strings.Contains(out, "a | b, \"c\" <&> d and next line") {
		t.Errorf("line breaks and tabs not folded in a cell:\n%s", out)
	}
	out = render(t, Table, rows, Options{Width: 40})
	for _, l := range strings.Split(strings.TrimRight(out, "\n"), "\n") {
		if n := len([]rune(l)); n > 40 {
			t.Errorf("line wider than 40 columns (%d): %q", n, l)
		}
	}
	for _, w := range strings.Fields(long) {
		if !strings.Contains(out, strings.Trim(w, ".,")) {
			t.Errorf("wrapping lost the word %q", w)
		}
	}
	if out := render(t, Table, rows[:1], Options{Footer: "FOOT"}); !strings.HasSuffix(out, "\nFOOT\n") {
		t.Errorf("footer missing:\n%s", out)
	}
	if out := render(t, Markdown, rows[:1], Options{Footer: "FOOT"}); strings.Contains(out, "FOOT") {
		t.Error("footer printed outside the table format")
	}
}

func TestMarkdown(t *testing.T) {
	out := render(t, Markdown, rows, Options{})
	lines := strings.Split(strings.TrimRight(out, "\n"), "\n")
	if len(lines) != 2+len(rows) {
		t.Fatalf("%d lines, want header, rule and %d rows:\n%s", len(lines), len(rows), out)
	}
	for _, l := range lines {
		// Unescaped pipes delimit the columns: 3 columns, 4 pipes.
		if n := strings.Count(l, "|") - strings.Count(l, `\|`); n != 4 {
			t.Errorf("%d unescaped pipes in %q", n, l)
		}
	}
	if !strings.Contains(out, `a \| b`) {
		t.Errorf("pipe in a cell not escaped:\n%s", out)
	}
}

func TestTSV(t *testing.T) {
	out := render(t, TSV, rows, Options{})
	lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	if len(lines) != 1+len(rows) {
		t.Fatalf("%d lines, want %d:\n%s", len(lines), 1+len(rows), out)
	}
	if lines[0] != "doc\tspeaker\tquote" {
		t.Errorf("header %q", lines[0])
	}
	for _, l := range lines {
		if n := strings.Count(l, "\t"); n != 2 {
			t.Errorf("%d tabs in %q", n, l)
		}
	}
	// Plain fields, as cut and awk read them: no CSV quoting.
	if want := "ffee001122\t\ta | b, \"c\" <&> d and next line"; lines[2] != want {
		t.Errorf("row 2 = %q, want %q", lines[2], want)
	}
	if want := "a1b2c3d4e5\tGeng Shuang\tWe oppose unilateral sanctions."; lines[1] != want {
		t.Errorf("row 1 = %q, want %q", lines[1], want)
	}
}

func TestCSV(t *testing.T) {
	out := render(t, CSV, rows, Options{})
	recs, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != 1+len(rows) {
		t.Fatalf("%d records", len(recs))
	}
	// CSV keeps values as they are: quoting carries commas, quotes, newlines.
	for i, r := range rows {
		if recs[i+1][2] != r.Quote || recs[i+1][0] != r.Doc {
			t.Errorf("record %d = %q", i+1, recs[i+1])
		}
	}
	if recs[2][1] != "" {
		t.Errorf("nil speaker = %q", recs[2][1])
	}
}

func TestJSON(t *testing.T) {
	out := render(t, JSON, rows, Options{})
	var back []row
	if err := json.Unmarshal([]byte(out), &back); err != nil {
		t.Fatal(err)
	}
	if len(back) != len(rows) || back[1].Speaker != nil || *back[0].Speaker != "Geng Shuang" || back[1].Quote != rows[1].Quote || back[1].Start != 250 {
		t.Errorf("round trip: %+v", back)
	}
	if !strings.Contains(out, `<&>`) || strings.Contains(out, `\u003c`) {
		t.Errorf("HTML characters escaped:\n%s", out)
	}
	if !strings.Contains(out, `"speaker": null`) {
		t.Error("nil pointer not null")
	}
	for _, rs := range [][]row{nil, {}} {
		if out := render(t, JSON, rs, Options{}); out != "[]\n" {
			t.Errorf("no rows: %q, want []", out)
		}
	}
}

func TestJSONL(t *testing.T) {
	out := render(t, JSONL, rows, Options{})
	lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	if len(lines) != len(rows) {
		t.Fatalf("%d lines, want %d", len(lines), len(rows))
	}
	for i, l := range lines {
		var r row
		if err := json.Unmarshal([]byte(l), &r); err != nil || r.Doc != rows[i].Doc || r.Quote != rows[i].Quote {
			t.Errorf("line %d: %v %+v", i, err, r)
		}
		if strings.Contains(l, `\u0026`) {
			t.Errorf("HTML escaped: %s", l)
		}
	}
	if out := render(t, JSONL, nil, Options{}); out != "" {
		t.Errorf("no rows: %q", out)
	}
}

// A result of many chunks (encoded on all cores) comes out whole and in
// order, as one encoder writing the whole result at once writes it.
func TestManyRows(t *testing.T) {
	var many []row
	for i := range 5000 {
		many = append(many, row{Doc: rows[i%len(rows)].Doc, Speaker: rows[i%len(rows)].Speaker, Quote: strings.Repeat("x\t\"", i%7), Start: i})
	}
	whole := func(f Format) string {
		var b bytes.Buffer
		switch f {
		case JSON:
			enc := json.NewEncoder(&b)
			enc.SetEscapeHTML(false)
			enc.SetIndent("", "  ")
			enc.Encode(many)
		case JSONL:
			enc := json.NewEncoder(&b)
			enc.SetEscapeHTML(false)
			for _, r := range many {
				enc.Encode(r)
			}
		case CSV:
			cw := csv.NewWriter(&b)
			cw.Write(names(cols))
			for _, r := range many {
				cw.Write(cells(r, cols))
			}
			cw.Flush()
		case TSV:
			b.WriteString("doc\tspeaker\tquote\n")
			for _, r := range many {
				rec := cells(r, cols)
				for i := range rec {
					rec[i] = oneLine(rec[i])
				}
				b.WriteString(strings.Join(rec, "\t") + "\n")
			}
		}
		return b.String()
	}
	for _, f := range []Format{JSON, JSONL, CSV, TSV} {
		want := whole(f)
		if got := render(t, f, many, Options{}); got != want {
			t.Errorf("%s, 5000 rows: %d bytes, want %d", f, len(got), len(want))
		}
	}
}

// A stream writes as rows come: most of a large result is out before the
// last row is added.
func TestStreamWritesAsItGoes(t *testing.T) {
	var b bytes.Buffer
	s := NewStream(&b, JSONL, cols, Options{})
	for i := range 20000 {
		if err := s.Add(row{Doc: "d", Quote: strings.Repeat("q", 40), Start: i}); err != nil {
			t.Fatal(err)
		}
	}
	if b.Len() < 500_000 {
		t.Errorf("%d bytes written before Close, want most of the result", b.Len())
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(b.String(), "\n"); n != 20000 || s.Len() != 20000 {
		t.Errorf("%d lines, Len %d; want 20000", n, s.Len())
	}
}

func TestParseFormat(t *testing.T) {
	for _, f := range Formats {
		for _, s := range []string{string(f), strings.ToUpper(string(f))} {
			if got, err := ParseFormat(s); err != nil || got != f {
				t.Errorf("ParseFormat(%q) = %q, %v", s, got, err)
			}
		}
	}
	for _, s := range []string{"", "xml", "jsonlines", "tab le"} {
		_, err := ParseFormat(s)
		if err == nil {
			t.Errorf("ParseFormat(%q) accepted", s)
			continue
		}
		msg := err.Error()
		if !strings.Contains(msg, `"`+s+`"`) || !strings.Contains(msg, "table, markdown, tsv, csv, json, jsonl") {
			t.Errorf("ParseFormat(%q) error %q does not name it and list the formats", s, msg)
		}
	}
}

// selfEncoding is row, writing its own JSON.
type selfEncoding row

func (r selfEncoding) AppendJSON(b []byte) []byte {
	b = jsonx.String(jsonx.Field(append(b, '{'), "doc"), r.Doc)
	b = jsonx.StringPtr(jsonx.Field(b, "speaker"), r.Speaker)
	b = jsonx.String(jsonx.Field(b, "quote"), r.Quote)
	return append(jsonx.Int(jsonx.Field(b, "start"), r.Start), '}')
}

// Rows that write their own JSON come out as encoding/json writes them.
func TestSelfEncodingRows(t *testing.T) {
	var many []row
	for i := range 700 {
		many = append(many, rows[i%len(rows)])
	}
	self := make([]selfEncoding, len(many))
	for i, r := range many {
		self[i] = selfEncoding(r)
	}
	selfCols := []Column[selfEncoding]{{Name: "doc", Value: func(r selfEncoding) string { return r.Doc }}}
	for _, f := range []Format{JSON, JSONL} {
		var b bytes.Buffer
		if err := Write(&b, f, self, selfCols, Options{}); err != nil {
			t.Fatal(err)
		}
		if want := render(t, f, many, Options{}); b.String() != want {
			t.Errorf("%s: %d bytes, want %d", f, b.Len(), len(want))
		}
	}
}
