package index

import (
	"cmp"
	"fmt"
	"math"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/sanc-news/sanc/pkg/analyze"
	"github.com/sanc-news/sanc/pkg/corpus"
	"github.com/sanc-news/sanc/pkg/jsonx"
	"github.com/sanc-news/sanc/pkg/memhint"
	"github.com/sanc-news/sanc/pkg/segment"
	"github.com/sanc-news/sanc/pkg/timex"
)

// EventRecord is one temporal expression and the event it dates.
type EventRecord struct {
	Doc           string `json:"doc"`
	Path          string `json:"path"`
	Start         int    `json:"start"`
	End           int    `json:"end"`
	Text          string `json:"text"`
	Type          string `json:"type"`
	Value         string `json:"value"`
	Mod           string `json:"mod,omitempty"`
	From          string `json:"from"` // calendar range [from, to) of the value
	To            string `json:"to"`
	Dated         bool   `json:"dated"` // false: the value could not be placed on the calendar
	Relative      bool   `json:"relative"`
	Unresolved    bool   `json:"unresolved"`
	RangeStart    *int   `json:"range_start,omitempty"` // the other end of a range ("between 2006 and 2017")
	RangeEnd      *int   `json:"range_end,omitempty"`
	Event         string `json:"event"`
	EventStart    int    `json:"event_start"`
	EventEnd      int    `json:"event_end"`
	Sentence      string `json:"sentence"`
	SentenceStart int    `json:"sentence_start"`
	SentenceEnd   int    `json:"sentence_end"`
	DocDate       string `json:"doc_date"`
	from, to      int64  // the calendar range, in Unix seconds
}

// AppendJSON appends the record as encoding/json encodes it (jsonx): a
// large timeline is mostly its encoding.
func (r EventRecord) AppendJSON(b []byte) []byte {
	b = append(b, '{')
	b = jsonx.String(jsonx.Field(b, "doc"), r.Doc)
	b = jsonx.String(jsonx.Field(b, "path"), r.Path)
	b = jsonx.Int(jsonx.Field(b, "start"), r.Start)
	b = jsonx.Int(jsonx.Field(b, "end"), r.End)
	b = jsonx.String(jsonx.Field(b, "text"), r.Text)
	b = jsonx.String(jsonx.Field(b, "type"), r.Type)
	b = jsonx.String(jsonx.Field(b, "value"), r.Value)
	if r.Mod != "" {
		b = jsonx.String(jsonx.Field(b, "mod"), r.Mod)
	}
	b = jsonx.String(jsonx.Field(b, "from"), r.From)
	b = jsonx.String(jsonx.Field(b, "to"), r.To)
	b = jsonx.Bool(jsonx.Field(b, "dated"), r.Dated)
	b = jsonx.Bool(jsonx.Field(b, "relative"), r.Relative)
	b = jsonx.Bool(jsonx.Field(b, "unresolved"), r.Unresolved)
	if r.RangeStart != nil {
		b = jsonx.Int(jsonx.Field(b, "range_start"), *r.RangeStart)
	}
	if r.RangeEnd != nil {
		b = jsonx.Int(jsonx.Field(b, "range_end"), *r.RangeEnd)
	}
	b = jsonx.String(jsonx.Field(b, "event"), r.Event)
	b = jsonx.Int(jsonx.Field(b, "event_start"), r.EventStart)
	b = jsonx.Int(jsonx.Field(b, "event_end"), r.EventEnd)
	b = jsonx.String(jsonx.Field(b, "sentence"), r.Sentence)
	b = jsonx.Int(jsonx.Field(b, "sentence_start"), r.SentenceStart)
	b = jsonx.Int(jsonx.Field(b, "sentence_end"), r.SentenceEnd)
	b = jsonx.String(jsonx.Field(b, "doc_date"), r.DocDate)
	return append(b, '}')
}

// TimelineFilter selects timeline entries.
type TimelineFilter struct {
	Scope              // documents
	Types    []string  // date, time, duration, set; empty = date, time
	From, To time.Time // the event's date lies within [From, To) (a zero end is open)
	// Overlap admits events whose date only meets the period: "1987" for a
	// period in October 1987.
	Overlap bool
	Match   *regexp.Regexp // on the event or sentence text
}

// DefaultTypes are the expression types a timeline shows unless asked.
var DefaultTypes = []string{"date", "time"}

// events hands emit the entries the filter admits, an article's at a time,
// in query order.
func (ix *Index) events(f TimelineFilter, emit func([]EventRecord) error) error {
	types := f.Types
	if len(types) == 0 {
		types = DefaultTypes
	}
	period := !f.From.IsZero() || !f.To.IsZero()
	var skip func(int) bool
	if period {
		// An article with no date in the period is skipped without reading
		// its records.
		dated := ix.corpus.WithSpans(func(sp analyze.Span) bool { return f.admits(sp.From, sp.To) })
		skip = func(pos int) bool { return !dated(pos) }
	}
	todo := ix.candidates(f.Scope, nil, skip)
	if len(todo) >= 1000 {
		// Thousands of articles' records fill tens of megabytes once:
		// huge pages save a fault per 4 KB of them. A small query would
		// pay more for the larger pages than it saves.
		memhint.HugeHeap(64 << 20)
	}
	return corpus.Visit(ix.corpus, todo, corpus.VisitOptions{Records: true, Words: true}, func(it *corpus.Item) [][]EventRecord {
		var out []EventRecord
		shared := articleWords{sentences: map[segment.Span]string{}, docDate: day(it.Date)}
		times := it.TimeList()
		for i, t := range times {
			if !slices.Contains(types, t.Type) {
				continue
			}
			from, to, dated := bounds(t)
			if period && (!dated || !f.admits(from.Unix(), to.Unix())) {
				continue
			}
			r := eventRecord(it, times, i, &shared)
			if dated {
				r.placed(from, to)
			}
			if f.Match != nil && !f.Match.MatchString(r.Sentence) {
				continue
			}
			out = append(out, r)
		}
		if out == nil {
			return nil
		}
		return [][]EventRecord{out}
	}, emit)
}

// EachEvent hands emit the entries the filter admits: dated ones in
// calendar order (then document, then position), the ones that cannot be
// placed after them. The order needs every entry before the first is
// handed out; each is let go once emit has it.
func (ix *Index) EachEvent(f TimelineFilter, emit func(EventRecord) error) error {
	var parts [][]EventRecord // each article's entries, in query order
	err := ix.events(f, func(recs []EventRecord) error {
		parts = append(parts, recs)
		return nil
	})
	if err != nil {
		return err
	}
	// Sorted through keys: the records are large, and a timeline of the
	// whole library has hundreds of thousands.
	type key struct {
		undated  bool
		from, to int64
		doc      string
		start    int
		part, i  int32 // where the record is: as found, which makes the order total
	}
	n := 0
	for _, p := range parts {
		n += len(p)
	}
	keys := make([]key, 0, n)
	for p, part := range parts {
		for i, r := range part {
			keys = append(keys, key{!r.Dated, r.from, r.to, r.Doc, r.Start, int32(p), int32(i)})
		}
	}
	slices.SortFunc(keys, func(a, b key) int {
		if a.undated != b.undated {
			if a.undated {
				return 1
			}
			return -1
		}
		if !a.undated {
			if c := cmp.Compare(a.from, b.from); c != 0 {
				return c
			}
			if c := cmp.Compare(a.to, b.to); c != 0 {
				return c
			}
		}
		if c := strings.Compare(a.doc, b.doc); c != 0 {
			return c
		}
		if a.start != b.start {
			return a.start - b.start
		}
		if a.part != b.part {
			return int(a.part - b.part)
		}
		return int(a.i - b.i)
	})
	for _, k := range keys {
		r := &parts[k.part][k.i]
		if err := emit(*r); err != nil {
			return err
		}
		*r = EventRecord{} // handed out: its words can go
	}
	return nil
}

// placed puts a record on the calendar, over [from, to).
func (r *EventRecord) placed(from, to time.Time) {
	r.Dated, r.from, r.to = true, from.Unix(), to.Unix()
	r.From, r.To = from.Format("2006-01-02"), to.Format("2006-01-02")
}

// articleWords is what an article's records share: the words of its
// sentences and events (by span), and its date.
type articleWords struct {
	sentences map[segment.Span]string
	docDate   string
}

// eventRecord is expression i of an article with its words; the caller,
// which has placed it on the calendar already (bounds), adds its range.
func eventRecord(it *corpus.Item, times []timex.Expr, i int, shared *articleWords) EventRecord {
	t := times[i]
	// On failure to read the file the record keeps its offsets, without words.
	sent := t.Sentence
	if sent.End <= sent.Start {
		_ = it.LoadText()
		sent = sentenceAt(it, t.Start)
	}
	_ = it.LoadRaw()
	ev := t.Event
	if ev.End <= ev.Start {
		ev = sent
	}
	text := func(s segment.Span) string {
		w, ok := shared.sentences[s]
		if !ok {
			w = words(it, s.Start, s.End)
			shared.sentences[s] = w
		}
		return w
	}
	r := EventRecord{
		Doc: it.ID, Path: it.Path, Start: it.At(t.Start), End: it.At(t.End), Text: words(it, t.Start, t.End),
		// Copies: a stored article's expressions share the memory its
		// records were read into, which is read into again.
		Type: known(t.Type), Value: strings.Clone(t.Value), Mod: known(t.Mod),
		Relative: t.Relative, Unresolved: t.Unresolved,
		Event: text(ev), EventStart: it.At(ev.Start), EventEnd: it.At(ev.End),
		Sentence: text(sent), SentenceStart: it.At(sent.Start), SentenceEnd: it.At(sent.End),
		DocDate: shared.docDate,
	}
	if t.RangeWith >= 0 && t.RangeWith < len(times) && t.RangeWith != i {
		o := times[t.RangeWith]
		s, e := it.At(o.Start), it.At(o.End)
		r.RangeStart, r.RangeEnd = &s, &e
	}
	return r
}

// known gives a short string from a small set (a type, a modifier) in
// memory of its own: the records of the same kind share it.
func known(s string) string {
	switch s {
	case "":
		return ""
	case "date":
		return "date"
	case "time":
		return "time"
	case "duration":
		return "duration"
	case "set":
		return "set"
	}
	return strings.Clone(s)
}

// bounds is the calendar range of a date or time expression.
func bounds(t timex.Expr) (from, to time.Time, ok bool) {
	if t.Type != "date" && t.Type != "time" {
		return time.Time{}, time.Time{}, false
	}
	return timex.Bounds(t.Value)
}

// ParsePeriod reads a --since/--until value: 2017, 2017-08 or 2017-08-15,
// and gives the calendar range it names.
func ParsePeriod(s string) (from, to time.Time, ok bool) {
	if len(s) < 4 || len(s) > 10 {
		return time.Time{}, time.Time{}, false
	}
	for _, c := range s {
		if (c < '0' || c > '9') && c != '-' {
			return time.Time{}, time.Time{}, false
		}
	}
	from, to, ok = timex.Bounds(s)
	return from, to, ok && from.Year() >= 1
}

// Bucket counts the dated entries of one year or month.
type Bucket struct {
	Label string // "2017" or "2017-08"
	Count int
}

// Histogram counts the dated entries the filter admits per year, or per
// month when they all fall within three years (then entries dated only to a
// year or a season, which no month holds, are left out). Empty periods
// between the first and last are kept, so gaps show. An entry counts in the
// period its range starts in.
func (ix *Index) Histogram(f TimelineFilter) (unit string, buckets []Bucket) {
	var h histogram
	_ = ix.events(f, func(recs []EventRecord) error {
		for _, r := range recs {
			h.add(r)
		}
		return nil
	})
	return h.buckets()
}

// histogram counts entries (see Index.Histogram) as they come, per year
// and per month, keeping only the counts.
type histogram struct {
	first, last     int64       // the earliest and latest start, in Unix seconds
	earliestMonthly int64       // the earliest start of an entry a month holds
	years, months   map[int]int // counts by year, and by year*12+month-1; nil until an entry is dated
}

// monthly: an entry a month can hold (its range is a month or less).
func monthly(from, to int64) bool { return to-from <= 31*24*3600 }

// add counts an entry (one that is not dated counts nowhere).
func (h *histogram) add(r EventRecord) {
	if !r.Dated {
		return
	}
	if h.years == nil {
		h.first, h.last = r.from, r.from
		h.years, h.months = map[int]int{}, map[int]int{}
		h.earliestMonthly = math.MaxInt64
	}
	h.first, h.last = min(h.first, r.from), max(h.last, r.from)
	t := time.Unix(r.from, 0).UTC()
	h.years[t.Year()]++
	if monthly(r.from, r.to) {
		h.months[t.Year()*12+int(t.Month())-1]++
		h.earliestMonthly = min(h.earliestMonthly, r.from)
	}
}

// buckets gives the counts, and whether they are per year or per month.
func (h *histogram) buckets() (unit string, buckets []Bucket) {
	if h.years == nil {
		return "", nil
	}
	at := func(sec int64) time.Time { return time.Unix(sec, 0).UTC() }
	first, last := at(h.first), at(h.last)
	if last.Year()-first.Year() >= 3 {
		for y := first.Year(); y <= last.Year(); y++ {
			buckets = append(buckets, Bucket{Label: fmt.Sprintf("%04d", y), Count: h.years[y]})
		}
		return "year", buckets
	}
	if h.earliestMonthly == math.MaxInt64 {
		return "month", nil
	}
	from := at(h.earliestMonthly)
	for m := from.Year()*12 + int(from.Month()) - 1; m <= last.Year()*12+int(last.Month())-1; m++ {
		buckets = append(buckets, Bucket{Label: fmt.Sprintf("%04d-%02d", m/12, m%12+1), Count: h.months[m]})
	}
	return "month", buckets
}

// admits says whether the calendar range [from, to), in Unix seconds, is in
// the filter's period.
func (f TimelineFilter) admits(from, to int64) bool {
	if f.Overlap {
		return (f.From.IsZero() || to > f.From.Unix()) && (f.To.IsZero() || from < f.To.Unix())
	}
	return (f.From.IsZero() || from >= f.From.Unix()) && (f.To.IsZero() || to <= f.To.Unix())
}
