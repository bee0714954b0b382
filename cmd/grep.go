package cmd

import (
	"fmt"
	"strconv"

	"github.com/spf13/cobra"

	"github.com/sanc-news/sanc/pkg/render"
	"github.com/sanc-news/sanc/pkg/search"
)

// GrepOptions are grep's flags.
type GrepOptions struct {
	f      *Factory
	Search search.Options
	Count  bool
	Files  bool
	Docs   []string
}

// NewCmdGrep builds "sanc grep".
func NewCmdGrep(f *Factory, runF func(*GrepOptions) error) *cobra.Command {
	opts := &GrepOptions{f: f}
	c := &cobra.Command{
		Use:   "grep PATTERN",
		Short: "Search the article text; show each match in its sentence",
		Long: `Search the articles' text (not the site furniture around it) for an RE2
regular expression, or a literal string with -F, and show each match in
its sentence, highlighted on a terminal. -C adds sentences of context.

JSON fields: doc, path, start, end, match, sentence, sentence_start,
sentence_end, before, after, date, title. With -c: doc, path, count.
With -l: one path per line (or doc, path in other formats).` + exitStatusHelp,
		Example: `  sanc grep -i "secondary sanction"
  sanc grep -F "U.S. Treasury" -C 1
  sanc grep -w -c Pyongyang
  sanc grep -l embargo --corpus ~/news | xargs ls -l`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Search.Pattern = args[0]
			if opts.Search.Context < 0 {
				return usageError(fmt.Errorf("-C must not be negative"))
			}
			if opts.Count && opts.Files {
				return usageError(fmt.Errorf("-c and -l cannot be used together"))
			}
			if runF != nil {
				return runF(opts)
			}
			return grepRun(opts, cmd.Flags().Changed(keyFormat) || cmd.Flags().Changed(keyJSON))
		},
	}
	fl := c.Flags()
	fl.BoolVarP(&opts.Search.Fixed, "fixed-strings", "F", false, "PATTERN is a literal string")
	fl.BoolVarP(&opts.Search.IgnoreCase, "ignore-case", "i", false, "ignore case")
	fl.BoolVarP(&opts.Search.Word, "word-regexp", "w", false, "match whole words only")
	fl.IntVarP(&opts.Search.Context, "context", "C", 0, "show N sentences before and after")
	fl.BoolVarP(&opts.Count, "count", "c", false, "count matches per document")
	fl.BoolVarP(&opts.Files, "files-with-matches", "l", false, "list the documents that match")
	fl.StringSliceVar(&opts.Docs, "doc", nil, "only these documents (id, id prefix or file name)")
	return c
}

func grepRun(o *GrepOptions, formatChosen bool) error {
	f := o.f
	re, err := search.Compile(o.Search)
	if err != nil {
		return usageError(err)
	}
	q, _, err := f.openQuery("")
	if err != nil {
		return err
	}
	format := q.format
	scope, err := f.scope(q.index, o.Docs, "", "", "")
	if err != nil {
		return err
	}
	which := q.index.Positions(scope) // in query order: by date, then id
	on, off := "", ""
	if f.IO.Color && format == render.Table {
		on, off = "\x1b[1;31m", "\x1b[0m"
	}
	opts := render.Options{Width: f.tableWidth()}
	if o.Count || o.Files {
		counts := search.CountMatches(q.corpus, which, re)
		switch {
		case o.Count:
			err = render.Write(f.IO.Out, format, counts, countColumns, opts)
		case !formatChosen:
			// Like grep -l: bare paths, one per line, for xargs.
			for _, n := range counts {
				fmt.Fprintln(f.IO.Out, n.Path)
			}
		default:
			err = render.Write(f.IO.Out, format, counts, countColumns[:2], opts)
		}
		if err != nil {
			return err
		}
		return finish(len(counts) > 0, q.inputErr)
	}
	out := render.NewStream(f.IO.Out, format, matchColumns(isHuman(format), o.Search.Context > 0), opts)
	err = search.Search(q.corpus, which, re, o.Search.Context, on, off, out.Add)
	if err := closeOutput(err, out); err != nil {
		return err
	}
	return finish(out.Len() > 0, q.inputErr)
}

var countColumns = []render.Column[search.Count]{
	{Name: "doc", Value: func(r search.Count) string { return r.Doc }},
	{Name: "path", Value: func(r search.Count) string { return r.Path }},
	{Name: "count", Value: func(r search.Count) string { return strconv.Itoa(r.Count) }},
}

type matchCol = render.Column[search.Match]

func matchColumns(human, context bool) []matchCol {
	sentence := func(r search.Match) string {
		s := r.Marked
		if context {
			for i := len(r.Before) - 1; i >= 0; i-- {
				s = r.Before[i] + " " + s
			}
			for _, a := range r.After {
				s += " " + a
			}
		}
		return s
	}
	if human {
		return []matchCol{
			{Name: "doc", Value: func(r search.Match) string { return r.Doc }},
			{Name: "date", Value: func(r search.Match) string { return r.Date }},
			{Name: "sentence", Value: sentence},
		}
	}
	return []matchCol{
		{Name: "doc", Value: func(r search.Match) string { return r.Doc }},
		{Name: "path", Value: func(r search.Match) string { return r.Path }},
		{Name: "start", Value: func(r search.Match) string { return strconv.Itoa(r.Start) }},
		{Name: "end", Value: func(r search.Match) string { return strconv.Itoa(r.End) }},
		{Name: "match", Value: func(r search.Match) string { return r.Match }},
		{Name: "sentence", Value: sentence},
	}
}
