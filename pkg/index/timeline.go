package index

import (
	"cmp"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/sanc-news/sanc/pkg/analyze"
	"github.com/sanc-news/sanc/pkg/corpus"
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
	from, to      time.Time
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

// Timeline lists the entries the filter admits: dated ones in calendar order
// (then document, then position), the ones that cannot be placed after them.
func (ix *Index) Timeline(f TimelineFilter) []EventRecord {
	types := f.Types
	if len(types) == 0 {
		types = DefaultTypes
	}
	period := !f.From.IsZero() || !f.To.IsZero()
	if period {
		ix.corpus.LoadSpans()
	}
	var skip func(int) bool
	if period {
		// An article with no date in the period is skipped without reading
		// its records.
		skip = func(pos int) bool { return !f.anyIn(ix.corpus.Spans(pos)) }
	}
	out := gather(ix, f.Scope, skip, func(it *corpus.Item) (out []EventRecord) {
		sentences := map[segment.Span]string{} // an article's expressions share sentences
		times := it.TimeList()
		for i, t := range times {
			if !slices.Contains(types, t.Type) {
				continue
			}
			from, to, dated := bounds(t)
			if period && (!dated || !f.admits(from.Unix(), to.Unix())) {
				continue
			}
			r := eventRecord(it, times, i, sentences)
			if dated {
				r.placed(from, to)
			}
			if f.Match != nil && !f.Match.MatchString(r.Sentence) {
				continue
			}
			out = append(out, r)
		}
		return out
	})
	// Sorted through keys: the records are large, and a timeline of the
	// whole library has hundreds of thousands. Times as Unix seconds (a
	// calendar range is in whole minutes) compare faster than time.Time.
	type key struct {
		undated  bool
		from, to int64
		doc      string
		start, i int
	}
	keys := make([]key, len(out))
	for i, r := range out {
		keys[i] = key{!r.Dated, r.from.Unix(), r.to.Unix(), r.Doc, r.Start, i}
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
		return a.i - b.i // as found: the order is total, the result stable
	})
	sorted := make([]EventRecord, len(out))
	for i, k := range keys {
		sorted[i] = out[k.i]
	}
	out = sorted
	return out
}

// placed puts a record on the calendar, over [from, to).
func (r *EventRecord) placed(from, to time.Time) {
	r.Dated, r.from, r.to = true, from, to
	r.From, r.To = from.Format("2006-01-02"), to.Format("2006-01-02")
}

// eventRecord is expression i of an article with its words; the caller,
// which has placed it on the calendar already (bounds), adds its range.
// sentences keeps the article's sentences and events as words, by span.
func eventRecord(it *corpus.Item, times []timex.Expr, i int, sentences map[segment.Span]string) EventRecord {
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
		w, ok := sentences[s]
		if !ok {
			w = words(it, s.Start, s.End)
			sentences[s] = w
		}
		return w
	}
	r := EventRecord{
		Doc: it.ID, Path: it.Path, Start: it.At(t.Start), End: it.At(t.End), Text: words(it, t.Start, t.End),
		// Copies: a stored article's expressions share the buffer its
		// records were read into, which the record would keep alive.
		Type: strings.Clone(t.Type), Value: strings.Clone(t.Value), Mod: strings.Clone(t.Mod),
		Relative: t.Relative, Unresolved: t.Unresolved,
		Event: text(ev), EventStart: it.At(ev.Start), EventEnd: it.At(ev.End),
		Sentence: text(sent), SentenceStart: it.At(sent.Start), SentenceEnd: it.At(sent.End),
		DocDate: day(it.Date),
	}
	if t.RangeWith >= 0 && t.RangeWith < len(times) && t.RangeWith != i {
		o := times[t.RangeWith]
		s, e := it.At(o.Start), it.At(o.End)
		r.RangeStart, r.RangeEnd = &s, &e
	}
	return r
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

// Histogram counts dated entries per year, or per month when they all fall
// within three years (then entries dated only to a year or a season, which
// no month holds, are left out). Empty periods between the first and last
// are kept, so gaps show. An entry counts in the period its range starts in.
func Histogram(recs []EventRecord) (unit string, buckets []Bucket) {
	var first, last time.Time
	for _, r := range recs {
		if !r.Dated {
			continue
		}
		if first.IsZero() || r.from.Before(first) {
			first = r.from
		}
		if r.from.After(last) {
			last = r.from
		}
	}
	if first.IsZero() {
		return "", nil
	}
	monthly := last.Year()-first.Year() < 3
	counts := func(r EventRecord) bool {
		return r.Dated && (!monthly || r.to.Sub(r.from) <= 31*24*time.Hour)
	}
	label := func(t time.Time) string {
		if monthly {
			return t.Format("2006-01")
		}
		return t.Format("2006")
	}
	step := func(t time.Time) time.Time {
		if monthly {
			return t.AddDate(0, 1, 0)
		}
		return t.AddDate(1, 0, 0)
	}
	start := time.Date(first.Year(), 1, 1, 0, 0, 0, 0, time.UTC)
	if monthly {
		start = time.Time{}
		for _, r := range recs {
			if counts(r) && (start.IsZero() || r.from.Before(start)) {
				start = r.from
			}
		}
		if start.IsZero() {
			return "month", nil
		}
		start = time.Date(start.Year(), start.Month(), 1, 0, 0, 0, 0, time.UTC)
	}
	index := map[string]int{}
	var out []Bucket
	for t := start; !t.After(last); t = step(t) {
		index[label(t)] = len(out)
		out = append(out, Bucket{Label: label(t)})
	}
	for _, r := range recs {
		if counts(r) {
			out[index[label(r.from)]].Count++
		}
	}
	if monthly {
		return "month", out
	}
	return "year", out
}

// admits says whether the calendar range [from, to), in Unix seconds, is in
// the filter's period.
func (f TimelineFilter) admits(from, to int64) bool {
	if f.Overlap {
		return (f.From.IsZero() || to > f.From.Unix()) && (f.To.IsZero() || from < f.To.Unix())
	}
	return (f.From.IsZero() || from >= f.From.Unix()) && (f.To.IsZero() || to <= f.To.Unix())
}

// anyIn: some span is in the filter's period.
func (f TimelineFilter) anyIn(spans []analyze.Span) bool {
	for _, sp := range spans {
		if f.admits(sp.From, sp.To) {
			return true
		}
	}
	return false
}
