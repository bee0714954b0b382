package cmd

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"github.com/sanc-news/sanc/pkg/index"
	"github.com/sanc-news/sanc/pkg/render"
)

// QuotesOptions are quotes' flags.
type QuotesOptions struct {
	f          *Factory
	Speaker    string
	Kinds      []string
	Match      string
	By         string
	Since      string
	Until      string
	AddedSince string
	Docs       []string
}

var quoteKinds = []string{"direct", "partial", "indirect"}

// NewCmdQuotes builds "sanc quotes".
func NewCmdQuotes(f *Factory, runF func(*QuotesOptions) error) *cobra.Command {
	opts := &QuotesOptions{f: f}
	c := &cobra.Command{
		Use:   "quotes",
		Short: "List quotations with their speakers",
		Long: `List every quotation with its speaker, kind (direct, partial, indirect), the
sentence it stands in and its document.

The speaker is the fullest name the article gives: a quote attributed with
"Geng said" or "he added" is Geng Shuang's when the article named him so.
--speaker matches the full name or any part of it, case-insensitively.

JSON fields: doc, path, start, end (byte offsets of the quotation in the
file), segments, kind, quote, speaker, speaker_start, speaker_end (the
mention it was attributed from), mention, role, cue, sentence,
sentence_start, sentence_end, date, outlet, title.` + exitStatusHelp,
		Example: `  sanc quotes --speaker "Geng Shuang"
  sanc quotes --speaker lu --since 2016 --format jsonl
  sanc quotes --kind direct --match sanction
  sanc quotes --by speaker`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			for _, k := range opts.Kinds {
				if !contains(quoteKinds, k) {
					return usageError(fmt.Errorf("--kind %q: want %s", k, strings.Join(quoteKinds, ", ")))
				}
			}
			if opts.By != "" && opts.By != "speaker" {
				return usageError(fmt.Errorf("--by %q: only speaker is supported", opts.By))
			}
			if runF != nil {
				return runF(opts)
			}
			return quotesRun(opts)
		},
	}
	fl := c.Flags()
	fl.StringVar(&opts.Speaker, "speaker", "", "quotations by this person (full name, surname, any form the text uses)")
	fl.StringSliceVar(&opts.Kinds, "kind", nil, "only these kinds: direct, partial, indirect")
	fl.StringVar(&opts.Match, "match", "", "quotations whose text matches this regular expression")
	fl.StringVar(&opts.By, "by", "", "summarise: speaker (one row per speaker)")
	fl.StringVar(&opts.Since, "since", "", "documents dated on or after (2016, 2016-03, 2016-03-04)")
	fl.StringVar(&opts.Until, "until", "", "documents dated up to the end of (2016, 2016-03, 2016-03-04)")
	addScopeFlags(fl, &opts.AddedSince, &opts.Docs)
	return c
}

func quotesRun(o *QuotesOptions) error {
	f := o.f
	q, match, err := f.openQuery(o.Match)
	if err != nil {
		return err
	}
	scope, err := f.scope(q.index, o.Docs, o.Since, o.Until, o.AddedSince)
	if err != nil {
		return err
	}
	filter := index.QuoteFilter{Scope: scope, Speaker: o.Speaker, Kinds: o.Kinds, Match: match}
	opts := render.Options{Width: f.tableWidth()}
	if o.By == "speaker" {
		out := render.NewStream(f.IO.Out, q.format, speakerColumns, opts)
		matched, err := q.index.Speakers(filter, out.Add)
		if err := closeOutput(err, out); err != nil {
			return err
		}
		noteAmbiguous(f, o.Speaker, matched)
		return finish(out.Len() > 0, q.inputErr)
	}
	out := render.NewStream(f.IO.Out, q.format, quoteColumns(isHuman(q.format)), opts)
	matched, err := q.index.EachQuote(filter, out.Add)
	if err := closeOutput(err, out); err != nil {
		return err
	}
	noteAmbiguous(f, o.Speaker, matched)
	return finish(out.Len() > 0, q.inputErr)
}

// noteAmbiguous tells the user when a name matched several people.
func noteAmbiguous(f *Factory, query string, matched []string) {
	if len(matched) > 1 {
		fmt.Fprintf(f.IO.ErrOut, "sanc: %q matches %d speakers: %s\n", query, len(matched), strings.Join(matched, "; "))
	}
}

type quoteCol = render.Column[index.QuoteRecord]

func quoteColumns(human bool) []quoteCol {
	speaker := func(r index.QuoteRecord) string {
		if r.Speaker == nil {
			return ""
		}
		return *r.Speaker
	}
	if human {
		return []quoteCol{
			{Name: "speaker", Value: speaker},
			{Name: "kind", Value: func(r index.QuoteRecord) string { return r.Kind }},
			{Name: "quote", Value: func(r index.QuoteRecord) string { return r.Quote }},
			{Name: "date", Value: func(r index.QuoteRecord) string { return r.Date }},
			{Name: "doc", Value: func(r index.QuoteRecord) string { return r.Doc }},
		}
	}
	return []quoteCol{
		{Name: "doc", Value: func(r index.QuoteRecord) string { return r.Doc }},
		{Name: "path", Value: func(r index.QuoteRecord) string { return r.Path }},
		{Name: "start", Value: func(r index.QuoteRecord) string { return strconv.Itoa(r.Start) }},
		{Name: "end", Value: func(r index.QuoteRecord) string { return strconv.Itoa(r.End) }},
		{Name: "kind", Value: func(r index.QuoteRecord) string { return r.Kind }},
		{Name: "speaker", Value: speaker},
		{Name: "role", Value: func(r index.QuoteRecord) string { return r.Role }},
		{Name: "cue", Value: func(r index.QuoteRecord) string { return r.Cue }},
		{Name: "quote", Value: func(r index.QuoteRecord) string { return r.Quote }},
		{Name: "date", Value: func(r index.QuoteRecord) string { return r.Date }},
		{Name: "sentence", Value: func(r index.QuoteRecord) string { return r.Sentence }},
	}
}

var speakerColumns = []render.Column[index.SpeakerRecord]{
	{Name: "speaker", Value: func(r index.SpeakerRecord) string { return r.Speaker }},
	{Name: "role", Value: func(r index.SpeakerRecord) string { return r.Role }},
	{Name: "quotes", Value: func(r index.SpeakerRecord) string { return strconv.Itoa(r.Quotes) }},
	{Name: "documents", Value: func(r index.SpeakerRecord) string { return strconv.Itoa(r.Documents) }},
	{Name: "first", Value: func(r index.SpeakerRecord) string { return r.First }},
	{Name: "last", Value: func(r index.SpeakerRecord) string { return r.Last }},
}

func contains(ss []string, s string) bool {
	for _, x := range ss {
		if x == s {
			return true
		}
	}
	return false
}
