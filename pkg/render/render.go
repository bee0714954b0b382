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
	"fmt"
	"io"
	"runtime"
	"strings"
	"sync"

	"github.com/mattn/go-runewidth"
	"github.com/olekukonko/tablewriter"
	"github.com/olekukonko/tablewriter/renderer"
	"github.com/olekukonko/tablewriter/tw"
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
	if len(rows) == 0 && (f == Table || f == Markdown) {
		return nil
	}
	// One write per buffer, not per cell or record: on a large result the
	// system calls cost more than the formatting.
	bw := bufio.NewWriterSize(w, 64<<10)
	if err := write(bw, f, rows, cols, o); err != nil {
		return err
	}
	return bw.Flush()
}

func write[T any](w io.Writer, f Format, rows []T, cols []Column[T], o Options) error {
	switch f {
	case JSON:
		enc := newEncoder(w)
		enc.SetIndent("", "  ")
		if rows == nil {
			rows = []T{}
		}
		return enc.Encode(rows)
	case JSONL:
		return jsonLines(w, rows)
	case TSV:
		// Plain tab-separated lines, as cut and awk read them: no CSV
		// quoting (a quotation's " marks stay as they are); tabs and line
		// breaks inside a value are folded to spaces so they cannot split it.
		io.WriteString(w, strings.Join(names(cols), "\t")+"\n")
		for _, r := range rows {
			rec := cells(r, cols)
			for i := range rec {
				rec[i] = oneLine(rec[i])
			}
			if _, err := io.WriteString(w, strings.Join(rec, "\t")+"\n"); err != nil {
				return err
			}
		}
		return nil
	case CSV:
		cw := csv.NewWriter(w)
		if err := cw.Write(names(cols)); err != nil {
			return err
		}
		for _, r := range rows {
			if err := cw.Write(cells(r, cols)); err != nil {
				return err
			}
		}
		cw.Flush()
		return cw.Error()
	case Markdown:
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
	default:
		body := make([][]string, len(rows))
		for i, r := range rows {
			rec := cells(r, cols)
			for j := range rec {
				rec[j] = oneLine(rec[j])
			}
			body[i] = rec
		}
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
}

// jsonLines writes a record per line. A large result is encoded on all
// cores, a chunk of records each, and written in order; the chunks in
// flight are bounded so memory does not grow with the result.
func jsonLines[T any](w io.Writer, rows []T) error {
	const chunk = 256
	var buffers sync.Pool // a chunk's buffer serves a later chunk once written
	encode := func(rows []T) (*bytes.Buffer, error) {
		b, _ := buffers.Get().(*bytes.Buffer)
		if b == nil {
			b = new(bytes.Buffer)
		}
		b.Reset()
		enc := newEncoder(b)
		for _, r := range rows {
			if err := enc.Encode(r); err != nil {
				return nil, err
			}
		}
		return b, nil
	}
	if len(rows) <= chunk || runtime.GOMAXPROCS(0) == 1 {
		b, err := encode(rows)
		if err != nil {
			return err
		}
		_, err = w.Write(b.Bytes())
		return err
	}
	type result struct {
		b   *bytes.Buffer
		err error
	}
	n := (len(rows) + chunk - 1) / chunk
	done := make([]chan result, n)
	for c := range done {
		done[c] = make(chan result, 1)
	}
	slots := make(chan struct{}, 2*runtime.GOMAXPROCS(0))
	stop := make(chan struct{})
	defer close(stop)
	go func() {
		for c := range n {
			select {
			case slots <- struct{}{}:
			case <-stop:
				return
			}
			go func(c int) {
				b, err := encode(rows[c*chunk : min(len(rows), (c+1)*chunk)])
				done[c] <- result{b, err}
			}(c)
		}
	}()
	for c := range n {
		r := <-done[c]
		<-slots
		if r.err != nil {
			return r.err
		}
		if _, err := w.Write(r.b.Bytes()); err != nil {
			return err
		}
		buffers.Put(r.b)
	}
	return nil
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
