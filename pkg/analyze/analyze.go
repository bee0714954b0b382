// Package analyze runs the extraction pipeline over one article: clean it,
// split it into sentences, settle its date, then find quotations and dated
// expressions.
package analyze

import (
	"math/bits"
	"strings"

	"github.com/sanc-news/sanc/pkg/doc"
	"github.com/sanc-news/sanc/pkg/quotes"
	"github.com/sanc-news/sanc/pkg/segment"
	"github.com/sanc-news/sanc/pkg/timex"
)

// Article is an analysed article.
type Article struct {
	*doc.Document
	Paragraphs []segment.Paragraph
	Quotes     []quotes.Quote
	Times      []timex.Expr
	Bytes      int // size of the file
	Words      int // words of article text
}

// Run analyses the article at path with contents raw. meta is metadata given
// from outside the file. An error means the file is not an article (see
// doc.ErrRefused); problems that leave it readable become warnings.
func Run(path string, raw []byte, meta doc.Meta) (*Article, error) {
	d, err := doc.Parse(path, raw, meta)
	if err != nil {
		return nil, err
	}
	paras := segment.Split(d.Text)
	return &Article{
		Document:   d,
		Paragraphs: paras,
		Quotes:     quotes.Extract(d.Text, paras),
		Times:      datedTimes(d, paras),
		Bytes:      len(raw),
		Words:      countWords(d.Text),
	}, nil
}

// Reread restores the text of an article whose records were kept without it
// (a library snapshot): the cleaned text and its sentences, exactly as Run
// made them from the same bytes and metadata.
func (a *Article) Reread(raw []byte, meta doc.Meta) error {
	d, err := doc.Parse(a.Path, raw, meta)
	if err != nil {
		return err
	}
	a.Raw, a.Text = d.Raw, d.Text
	a.Paragraphs = segment.Split(d.Text)
	return nil
}

// datedTimes settles the document's date and extracts its temporal
// expressions against it. A page-header timestamp is tried first and judged
// by the years the article names: years after them all, it is a crawl date,
// and the date is inferred from the text instead.
func datedTimes(d *doc.Document, paras []segment.Paragraph) []timex.Expr {
	if d.DateSource == doc.DateUnknown && !d.HeaderDate.IsZero() {
		times := timex.Extract(d.Text, paras, d.HeaderDate)
		d.UseHeaderDate(timex.LatestYear(times))
		if !d.CrawlDate {
			return times
		}
	}
	if d.DateSource != doc.DateUnknown {
		times := timex.Extract(d.Text, paras, d.Date)
		d.UseHeaderDate(timex.LatestYear(times)) // only flags a crawl date now
		return times
	}
	// No header date, or a crawl date: reason from the text.
	inferred, _, ok, why := timex.InferDocDate(d.Text, paras)
	if ok {
		d.SetInferred(inferred, why)
	}
	return timex.Extract(d.Text, paras, d.Date)
}

// countWords counts the words of a text: runs of bytes other than ' ',
// '\n' and '\t'. It reads eight bytes at a time, as one word.
func countWords(text string) int {
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	n := 0
	prevSpace := uint64(1) // the text starts after a space
	i := 0
	for ; i+8 <= len(text); i += 8 {
		s := text[i : i+8]
		x := uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24 |
			uint64(s[4])<<32 | uint64(s[5])<<40 | uint64(s[6])<<48 | uint64(s[7])<<56
		space := zeroBytes(x^' '*ones) | zeroBytes(x^'\n'*ones) | zeroBytes(x^'\t'*ones)
		// a word starts at a byte that is no space after one that is
		n += bits.OnesCount64(^space & highs & (space<<8 | prevSpace<<7))
		prevSpace = space >> 63
	}
	inWord := prevSpace == 0
	for ; i < len(text); i++ {
		c := text[i]
		space := c == ' ' || c == '\n' || c == '\t'
		if !space && !inWord {
			n++
		}
		inWord = !space
	}
	return n
}

// zeroBytes marks with its high bit each zero byte of x. Adding 0x7f to a
// byte's low seven bits cannot carry into the next byte.
func zeroBytes(x uint64) uint64 {
	const low7, highs = 0x7f7f7f7f7f7f7f7f, 0x8080808080808080
	return ^((x&low7 + low7) | x) & highs
}

// Sentences lists every sentence of the article in order.
func (a *Article) Sentences() []segment.Span {
	var out []segment.Span
	for _, p := range a.Paragraphs {
		out = append(out, p.Sentences...)
	}
	return out
}

// Dated counts the expressions that place an event on the calendar (dates
// and times).
func Dated(times []timex.Expr) int {
	n := 0
	for _, t := range times {
		if t.Type == "date" || t.Type == "time" {
			n++
		}
	}
	return n
}

// Detach drops the article's text and copies the strings its records cut
// from it, so keeping the records does not keep the whole text alive.
func (a *Article) Detach() {
	a.Raw, a.Text, a.Paragraphs = nil, "", nil
	d := a.Document
	d.Title, d.Outlet, d.URL, d.Author = strings.Clone(d.Title), strings.Clone(d.Outlet), strings.Clone(d.URL), strings.Clone(d.Author)
	for i := range d.Warnings {
		d.Warnings[i] = strings.Clone(d.Warnings[i])
	}
	for i := range d.Dropped {
		d.Dropped[i].Reason = strings.Clone(d.Dropped[i].Reason)
	}
	for i := range a.Quotes {
		q := &a.Quotes[i]
		q.Kind, q.Speaker, q.Mention = strings.Clone(q.Kind), strings.Clone(q.Speaker), strings.Clone(q.Mention)
		q.Role, q.Cue = strings.Clone(q.Role), strings.Clone(q.Cue)
	}
	for i := range a.Times {
		t := &a.Times[i]
		t.Text, t.Type, t.Value, t.Mod = strings.Clone(t.Text), strings.Clone(t.Type), strings.Clone(t.Value), strings.Clone(t.Mod)
	}
}

// Span is the calendar range of one dated expression, in Unix seconds.
type Span struct{ From, To int64 }

// Spans lists the calendar ranges of the expressions that could be placed
// on the calendar: a query for a period reads these, not the expressions.
func Spans(times []timex.Expr) []Span {
	var out []Span
	for _, t := range times {
		if t.Type != "date" && t.Type != "time" {
			continue
		}
		if f, e, ok := timex.Bounds(t.Value); ok {
			out = append(out, Span{f.Unix(), e.Unix()})
		}
	}
	return out
}
