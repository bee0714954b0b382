package cmd

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"github.com/sanc-news/sanc/pkg/index"
	"github.com/sanc-news/sanc/pkg/render"
)

// TimelineOptions are timeline's flags.
type TimelineOptions struct {
	f          *Factory
	Since      string
	Until      string
	Types      []string
	Match      string
	AddedSince string
	Docs       []string
	Chart      bool
	Overlap    bool
}

var timexTypes = []string{"date", "time", "duration", "set"}

// NewCmdTimeline builds "sanc timeline".
func NewCmdTimeline(f *Factory, runF func(*TimelineOptions) error) *cobra.Command {
	opts := &TimelineOptions{f: f}
	c := &cobra.Command{
		Use:   "timeline",
		Short: "List dated events in chronological order",
		Long: `List the dated expressions of the corpus in chronological order, each with
its normalised TIMEX3 value and calendar range, the event it dates and its
document. Relative dates ("on Thursday", "last month") are resolved against
the article's date; without one they stay relative and are listed last.

--since and --until select on the event's date, not the article's: the
events that lie within the period. An event known only to a coarser date
("in 2017", "this week") is left out of a shorter period it may fall in;
--overlap lets in every event whose date meets the period.

JSON fields: doc, path, start, end, text, type, value, mod, from, to, dated,
relative, unresolved, range_start, range_end, event, event_start,
event_end, sentence, sentence_start, sentence_end, doc_date.` + exitStatusHelp,
		Example: `  sanc timeline
  sanc timeline --since 2016 --until 2017-06
  sanc timeline --types date,duration --format csv
  sanc timeline --match "nuclear test"
  sanc timeline --chart --since 2010`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			for _, t := range opts.Types {
				if !contains(timexTypes, t) {
					return usageError(fmt.Errorf("--types %q: want %s", t, strings.Join(timexTypes, ", ")))
				}
			}
			if runF != nil {
				return runF(opts)
			}
			return timelineRun(opts)
		},
	}
	fl := c.Flags()
	fl.StringVar(&opts.Since, "since", "", "events on or after (2017, 2017-08, 2017-08-15)")
	fl.StringVar(&opts.Until, "until", "", "events up to the end of (2017, 2017-08, 2017-08-15)")
	fl.StringSliceVar(&opts.Types, "types", index.DefaultTypes, "expression types: date, time, duration, set")
	fl.StringVar(&opts.Match, "match", "", "entries whose sentence matches this regular expression")
	addScopeFlags(fl, &opts.AddedSince, &opts.Docs)
	fl.BoolVar(&opts.Chart, "chart", false, "draw a bar chart of the dated events per year (or per month)")
	fl.BoolVar(&opts.Overlap, "overlap", false, "with --since/--until: also events whose date only meets the period (\"2017\" for --since 2017-08)")
	return c
}

func timelineRun(o *TimelineOptions) error {
	f := o.f
	q, match, err := f.openQuery(o.Match)
	if err != nil {
		return err
	}
	scope, err := f.scope(q.index, o.Docs, "", "", o.AddedSince)
	if err != nil {
		return err
	}
	filter := index.TimelineFilter{Scope: scope, Types: o.Types, Match: match, Overlap: o.Overlap}
	if filter.From, _, err = period("--since", o.Since); err != nil {
		return err
	}
	if _, filter.To, err = period("--until", o.Until); err != nil {
		return err
	}
	if o.Chart {
		unit, buckets := q.index.Histogram(filter)
		var bars []render.Bar
		for _, b := range buckets {
			bars = append(bars, render.Bar{Label: b.Label, Count: b.Count})
		}
		if len(bars) > 0 {
			fmt.Fprintf(f.IO.Out, "dated events per %s\n", unit)
		}
		if err := render.Chart(f.IO.Out, bars, f.IO.Width); err != nil {
			return err
		}
		return finish(len(bars) > 0, q.inputErr)
	}
	out := render.NewStream(f.IO.Out, q.format, eventColumns(isHuman(q.format)), render.Options{Width: f.tableWidth()})
	err = q.index.EachEvent(filter, out.Add)
	if err := closeOutput(err, out); err != nil {
		return err
	}
	return finish(out.Len() > 0, q.inputErr)
}

type eventCol = render.Column[index.EventRecord]

func eventColumns(human bool) []eventCol {
	if human {
		return []eventCol{
			{Name: "when", Value: func(r index.EventRecord) string {
				v := r.Value
				if r.Mod != "" {
					v += " (" + strings.ToLower(r.Mod) + ")"
				}
				if !r.Dated {
					v += " (undated)"
				}
				return v
			}},
			{Name: "text", Value: func(r index.EventRecord) string { return r.Text }},
			{Name: "event", Value: func(r index.EventRecord) string { return r.Event }},
			{Name: "doc", Value: func(r index.EventRecord) string { return r.Doc }},
		}
	}
	return []eventCol{
		{Name: "doc", Value: func(r index.EventRecord) string { return r.Doc }},
		{Name: "path", Value: func(r index.EventRecord) string { return r.Path }},
		{Name: "start", Value: func(r index.EventRecord) string { return strconv.Itoa(r.Start) }},
		{Name: "end", Value: func(r index.EventRecord) string { return strconv.Itoa(r.End) }},
		{Name: "type", Value: func(r index.EventRecord) string { return r.Type }},
		{Name: "value", Value: func(r index.EventRecord) string { return r.Value }},
		{Name: "mod", Value: func(r index.EventRecord) string { return r.Mod }},
		{Name: "from", Value: func(r index.EventRecord) string { return r.From }},
		{Name: "to", Value: func(r index.EventRecord) string { return r.To }},
		{Name: "text", Value: func(r index.EventRecord) string { return r.Text }},
		{Name: "event", Value: func(r index.EventRecord) string { return r.Event }},
		{Name: "doc_date", Value: func(r index.EventRecord) string { return r.DocDate }},
	}
}
