// Package render writes records in the formats sanc offers: a table for
// people (wrapped to the terminal), Markdown for reports, TSV and CSV for
// spreadsheets and awk, JSON and JSON Lines for programs.
//
// JSON carries every field of a record; the tabular formats carry the columns
// a command chooses, named as the JSON fields are.
package render

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"runtime"
	"strings"
	"sync"

	"github.com/mattn/go-runewidth"
	"github.com/olekukonko/tablewriter"
	"github.com/olekukonko/tablewriter/renderer"
	"github.com/olekukonko/tablewriter/tw"

	"github.com/sanc-news/sanc/pkg/jsonx"
)

// Format is an output format.
type Format string

// The formats.
const (
	Table    Format = "table"
	Markdown Format = "markdown"
	TSV      Format = "tsv"
	CSV      Format = "csv"
	JSON     Format = "json"
	JSONL    Format = "jsonl"
)

// Formats lists the formats in the order help shows them.
var Formats = []Format{Table, Markdown, TSV, CSV, JSON, JSONL}

// ParseFormat checks a format name and lists the valid ones when it is wrong.
func ParseFormat(s string) (Format, error) {
	for _, f := range Formats {
		if string(f) == strings.ToLower(s) {
			return f, nil
		}
	}
	names := make([]string, len(Formats))
	for i, f := range Formats {
		names[i] = string(f)
	}
	return "", fmt.Errorf("unknown format %q: use one of %s", s, strings.Join(names, ", "))
}

// Column is one column of the tabular formats.
type Column[T any] struct {
	Name  string // the JSON field it shows
	Value func(T) string
}

// Options tune the human formats.
type Options struct {
	// Width wraps the table to this many columns; 0 never wraps or truncates.
	Width int
	// Footer is printed under a table (terminal only: callers decide).
	Footer string
}

// Write renders rows in format f. With no rows, the human formats print
// nothing at all (like grep), JSON prints [] and CSV/TSV their header.
func Write[T any](w io.Writer, f Format, rows []T, cols []Column[T], o Options) error {
	s := NewStream(w, f, cols, o)
	for _, r := range rows {
		if err := s.Add(r); err != nil {
			s.Close()
			return err
		}
	}
	return s.Close()
}

// Stream renders records as they come. The machine formats (JSON, JSON
// Lines, CSV, TSV) are written a chunk of records at a time, so memory does
// not grow with the result: a query can drop each record once it is added.
// The tables wait for every row (their columns are as wide as the widest
// cell) and render on Close.
type Stream[T any] struct {
	w    *bufio.Writer
	f    Format
	cols []Column[T]
	o    Options
	n    int
	rows []T // a table's rows; the chunk being filled otherwise
	// Chunks are encoded on all cores and written in order; at most
	// 2*GOMAXPROCS are in flight.
	inflight []chan encoded
	opened   bool // the JSON array is open
	err      error
	buffers  sync.Pool
}

type encoded struct {
	b   *bytes.Buffer
	err error
}

const chunkRows = 256

// NewStream starts rendering in format f to w. Close ends it, and must be
// called however many rows were added.
func NewStream[T any](w io.Writer, f Format, cols []Column[T], o Options) *Stream[T] {
	// One write per buffer, not per cell or record: on a large result the
	// system calls cost more than the formatting.
	return &Stream[T]{w: bufio.NewWriterSize(w, 64<<10), f: f, cols: cols, o: o}
}

// Footer sets the line printed under a table, once the rows are known.
func (s *Stream[T]) Footer(text string) { s.o.Footer = text }

// Len is the number of rows added so far.
func (s *Stream[T]) Len() int { return s.n }

// Add renders one row (or keeps it, for a table).
func (s *Stream[T]) Add(r T) error {
	if s.err != nil {
		return s.err
	}
	if s.n == 0 {
		s.start()
	}
	s.n++
	s.rows = append(s.rows, r)
	if !s.tabular() && len(s.rows) == chunkRows {
		s.dispatch()
	}
	return s.err
}

// Close writes what is left: a table, the end of a JSON array.
func (s *Stream[T]) Close() error {
	if s.err != nil {
		return s.err
	}
	if s.tabular() {
		if len(s.rows) > 0 {
			s.err = s.table()
		}
	} else {
		if s.n == 0 {
			s.start()
		}
		if len(s.rows) > 0 {
			s.dispatch()
		}
		for len(s.inflight) > 0 && s.err == nil {
			s.writeOldest()
		}
		if s.f == JSON && s.err == nil {
			end := "\n]\n"
			if s.n == 0 {
				end = "[]\n"
			}
			_, s.err = s.w.WriteString(end)
		}
	}
	if s.err == nil {
		s.err = s.w.Flush()
	}
	if s.err == nil {
		s.err = errClosed
		return nil
	}
	return s.err
}

var errClosed = errors.New("render: stream closed")

func (s *Stream[T]) tabular() bool { return s.f == Table || s.f == Markdown }

// start writes what comes before the first row: the header of CSV and TSV.
func (s *Stream[T]) start() {
	switch s.f {
	case TSV:
		_, s.err = s.w.WriteString(strings.Join(names(s.cols), "\t") + "\n")
	case CSV:
		cw := csv.NewWriter(s.w)
		s.err = cw.Write(names(s.cols))
		cw.Flush()
	}
}

// dispatch hands the filled chunk to an encoder, writing the oldest chunk
// in flight first when there are too many.
func (s *Stream[T]) dispatch() {
	rows := s.rows
	s.rows = make([]T, 0, chunkRows)
	if len(s.inflight) >= 2*runtime.GOMAXPROCS(0) {
		s.writeOldest()
	}
	done := make(chan encoded, 1)
	s.inflight = append(s.inflight, done)
	b, _ := s.buffers.Get().(*bytes.Buffer)
	if b == nil {
		b = new(bytes.Buffer)
	}
	b.Reset()
	if runtime.GOMAXPROCS(0) == 1 {
		done <- encoded{b, s.encode(b, rows)}
		return
	}
	go func() {
		defer func() { // a failure comes back to the caller, who reports it
			if r := recover(); r != nil {
				done <- encoded{b, fmt.Errorf("render: %v", r)}
			}
		}()
		done <- encoded{b, s.encode(b, rows)}
	}()
}

func (s *Stream[T]) writeOldest() {
	r := <-s.inflight[0]
	s.inflight = s.inflight[1:]
	if s.err != nil {
		return
	}
	if s.err = r.err; s.err != nil {
		return
	}
	out := r.b.Bytes()
	if s.f == JSON && !s.opened {
		// Every element is encoded after a comma; the first one opens the array.
		s.opened = true
		_, s.err = s.w.WriteString("[")
		out = out[1:]
	}
	if s.err == nil {
		_, s.err = s.w.Write(out)
	}
	s.buffers.Put(r.b)
}

// encode renders a chunk of rows into b. It runs beside the caller: it
// reads only the rows and the columns.
func (s *Stream[T]) encode(b *bytes.Buffer, rows []T) error {
	switch s.f {
	case JSON, JSONL:
		var enc rowEncoder
		var row []byte
		for _, r := range rows {
			var err error
			if row, err = enc.appendJSON(row[:0], r); err != nil {
				return err
			}
			if s.f == JSONL {
				b.Write(row)
				b.WriteByte('\n')
				continue
			}
			// As one indented array would be: each element indented one
			// level, after a comma and a line break.
			b.WriteString(",\n  ")
			if err := json.Indent(b, row, "  ", "  "); err != nil {
				return err
			}
		}
	case TSV:
		// Plain tab-separated lines, as cut and awk read them: no CSV
		// quoting (a quotation's " marks stay as they are); tabs and line
		// breaks inside a value are folded to spaces so they cannot split it.
		for _, r := range rows {
			rec := cells(r, s.cols)
			for i := range rec {
				rec[i] = oneLine(rec[i])
			}
			b.WriteString(strings.Join(rec, "\t"))
			b.WriteByte('\n')
		}
	case CSV:
		cw := csv.NewWriter(b)
		for _, r := range rows {
			if err := cw.Write(cells(r, s.cols)); err != nil {
				return err
			}
		}
		cw.Flush()
		return cw.Error()
	}
	return nil
}

// table renders the rows kept as a table or Markdown.
func (s *Stream[T]) table() error {
	w, rows, cols, o := s.w, s.rows, s.cols, s.o
	if s.f == Markdown {
		t := tablewriter.NewTable(w,
			tablewriter.WithRenderer(renderer.NewMarkdown()),
			tablewriter.WithHeaderAutoFormat(tw.Off),
			tablewriter.WithRowAutoWrap(tw.WrapNone),
			tablewriter.WithHeaderAutoWrap(tw.WrapNone))
		t.Header(toAny(names(cols))...)
		for _, r := range rows {
			rec := cells(r, cols)
			for i := range rec {
				rec[i] = strings.ReplaceAll(oneLine(rec[i]), "|", `\|`)
			}
			if err := t.Append(toAny(rec)...); err != nil {
				return err
			}
		}
		return t.Render()
	}
	body := make([][]string, len(rows))
	for i, r := range rows {
		rec := cells(r, cols)
		for j := range rec {
			rec[j] = oneLine(rec[j])
		}
		body[i] = rec
	}
	s.rows = nil // the cells hold what is shown
	opts := []tablewriter.Option{tablewriter.WithHeaderAutoWrap(tw.WrapNone), tablewriter.WithRowAutoWrap(tw.WrapNone)}
	if widths := fitWidths(names(cols), body, o.Width); widths != nil {
		m := tw.NewMapper[int, int]()
		for i, wd := range widths {
			m.Set(i, wd+2) // tablewriter counts the padding in
		}
		opts = append(opts, tablewriter.WithRowAutoWrap(tw.WrapNormal), tablewriter.WithColumnWidths(m))
	}
	t := tablewriter.NewTable(w, opts...)
	t.Header(toAny(names(cols))...)
	for _, rec := range body {
		if err := t.Append(toAny(rec)...); err != nil {
			return err
		}
	}
	if err := t.Render(); err != nil {
		return err
	}
	if o.Footer != "" {
		_, err := fmt.Fprintln(w, o.Footer)
		return err
	}
	return nil
}

// rowEncoder gives rows' JSON, compact: a row's own when it writes it
// (jsonx, faster and byte for byte the same), else encoding/json's, from
// one encoder.
type rowEncoder struct {
	buf bytes.Buffer
	enc *json.Encoder
}

func (e *rowEncoder) appendJSON(b []byte, r any) ([]byte, error) {
	if a, ok := r.(jsonx.Appender); ok {
		return a.AppendJSON(b), nil
	}
	if e.enc == nil {
		e.enc = newEncoder(&e.buf)
	}
	e.buf.Reset()
	if err := e.enc.Encode(r); err != nil {
		return b, err
	}
	return append(b, bytes.TrimSuffix(e.buf.Bytes(), []byte("\n"))...), nil
}

func newEncoder(w io.Writer) *json.Encoder {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false) // quotations hold < > &
	return enc
}

func names[T any](cols []Column[T]) []string {
	out := make([]string, len(cols))
	for i, c := range cols {
		out[i] = c.Name
	}
	return out
}

func cells[T any](r T, cols []Column[T]) []string {
	out := make([]string, len(cols))
	for i, c := range cols {
		out[i] = c.Value(r)
	}
	return out
}

func toAny(ss []string) []any {
	out := make([]any, len(ss))
	for i, s := range ss {
		out[i] = s
	}
	return out
}

// oneLine folds runs of white space, line breaks included, into one space:
// table cells and TSV fields must not break lines.
func oneLine(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

// fitWidths shares a terminal's width among columns: a column narrower than
// its fair share keeps its natural width, the rest split what is left, so
// long text columns wrap and short ones never do. nil means no wrapping is
// needed (or no width is known).
func fitWidths(header []string, body [][]string, total int) []int {
	if total <= 0 || len(header) == 0 {
		return nil
	}
	natural := make([]int, len(header))
	for i, h := range header {
		natural[i] = runewidth.StringWidth(h)
	}
	for _, rec := range body {
		for i, c := range rec {
			natural[i] = max(natural[i], runewidth.StringWidth(stripANSI(c)))
		}
	}
	budget := total - 3*len(header) - 1 // borders and a space each side
	sum := 0
	for _, n := range natural {
		sum += n
	}
	if sum <= budget {
		return nil
	}
	widths := make([]int, len(natural))
	open := len(natural)
	for open > 0 {
		share := max(budget/open, 1)
		settled := false
		for i, n := range natural {
			if widths[i] == 0 && n <= share {
				widths[i], budget, open, settled = n, budget-n, open-1, true
			}
		}
		if !settled {
			for i := range natural {
				if widths[i] == 0 {
					widths[i] = max(share, 6)
				}
			}
			break
		}
	}
	return widths
}

// stripANSI drops colour escape sequences, which take no room on screen.
func stripANSI(s string) string {
	if !strings.Contains(s, "\x1b[") {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == 0x1b && i+1 < len(s) && s[i+1] == '[' {
			j := i + 2
			for j < len(s) && (s[j] < 0x40 || s[j] > 0x7e) {
				j++
			}
			i = j
			continue
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

// Bar is one bar of a chart.
type Bar struct {
	Label string
	Count int
}

// Chart draws horizontal bars scaled to width columns (80 when unknown).
func Chart(w io.Writer, bars []Bar, width int) error {
	if width <= 0 {
		width = 80
	}
	labelW, most := 0, 0
	for _, b := range bars {
		labelW = max(labelW, runewidth.StringWidth(b.Label))
		most = max(most, b.Count)
	}
	room := max(width-labelW-10, 10)
	for _, b := range bars {
		n := 0
		if most > 0 {
			n = (b.Count*room + most - 1) / most
		}
		if _, err := fmt.Fprintf(w, "%-*s %s %d\n", labelW, b.Label, strings.Repeat("█", n), b.Count); err != nil {
			return err
		}
	}
	return nil
}
