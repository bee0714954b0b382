package cmd

import (
	"fmt"
	"strconv"

	"github.com/spf13/cobra"

	"github.com/sanc-news/sanc/pkg/index"
	"github.com/sanc-news/sanc/pkg/render"
)

// ListOptions are list's flags.
type ListOptions struct {
	f          *Factory
	Since      string
	Until      string
	Outlet     string
	Speaker    string
	AddedSince string
	Docs       []string
}

// NewCmdList builds "sanc list". runF replaces the run function in tests.
func NewCmdList(f *Factory, runF func(*ListOptions) error) *cobra.Command {
	opts := &ListOptions{f: f}
	c := &cobra.Command{
		Use:   "list",
		Short: "List the documents with their metadata",
		Long: `List the documents: id, date (and where it came from), outlet, title, words,
quotations and dated events. Sorted by date; undated documents last.

The id is what --doc takes (a unique prefix is enough).` + exitStatusHelp,
		Example: `  sanc list
  sanc list --since 2017 --outlet cable
  sanc list --speaker "Lu Kang" --format jsonl
  sanc list --added-since 1h --format markdown   # for an hourly cron mail`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if runF != nil {
				return runF(opts)
			}
			return listRun(opts)
		},
	}
	fl := c.Flags()
	fl.StringVar(&opts.Since, "since", "", "documents dated on or after (2017, 2017-08, 2017-08-15)")
	fl.StringVar(&opts.Until, "until", "", "documents dated up to the end of (2017, 2017-08, 2017-08-15)")
	fl.StringVar(&opts.Outlet, "outlet", "", "documents from an outlet (case-insensitive substring)")
	fl.StringVar(&opts.Speaker, "speaker", "", "documents quoting this person")
	addScopeFlags(fl, &opts.AddedSince, &opts.Docs)
	return c
}

func listRun(o *ListOptions) error {
	f := o.f
	q, _, err := f.openQuery("")
	if err != nil {
		return err
	}
	scope, err := f.scope(q.index, o.Docs, o.Since, o.Until, o.AddedSince)
	if err != nil {
		return err
	}
	out := render.NewStream(f.IO.Out, q.format, docColumns(isHuman(q.format)), render.Options{Width: f.tableWidth()})
	err = q.index.Documents(index.DocFilter{Scope: scope, Outlet: o.Outlet, Speaker: o.Speaker}, out.Add)
	if f.IO.StdoutTTY {
		out.Footer(fmt.Sprintf("%d documents; corpus: %s", out.Len(), q.corpus.Label))
	}
	if err := closeOutput(err, out); err != nil {
		return err
	}
	return finish(out.Len() > 0, q.inputErr)
}

// dateCell shows a date with its provenance when that is weaker than the
// article's own metadata: "2020-12-02 (inferred)".
func dateCell(date, source string) string {
	if date == "" {
		return "unknown"
	}
	switch source {
	case "front-matter", "flag", "text":
		return date
	}
	return date + " (" + source + ")"
}

type docCol = render.Column[index.DocRecord]

// docColumns: people get the date with its provenance in one cell; programs
// get plain fields.
func docColumns(human bool) []docCol {
	date := docCol{Name: "date", Value: func(r index.DocRecord) string { return r.Date }}
	if human {
		date.Value = func(r index.DocRecord) string { return dateCell(r.Date, r.DateSource) }
	}
	cols := []docCol{
		{Name: "id", Value: func(r index.DocRecord) string { return r.ID }},
		date,
	}
	if !human {
		cols = append(cols, docCol{Name: "date_source", Value: func(r index.DocRecord) string { return r.DateSource }})
	}
	cols = append(cols,
		docCol{Name: "outlet", Value: func(r index.DocRecord) string { return r.Outlet }},
		docCol{Name: "title", Value: func(r index.DocRecord) string { return r.Title }},
		docCol{Name: "words", Value: func(r index.DocRecord) string { return strconv.Itoa(r.Words) }},
		docCol{Name: "quotes", Value: func(r index.DocRecord) string { return strconv.Itoa(r.Quotes) }},
		docCol{Name: "events", Value: func(r index.DocRecord) string { return strconv.Itoa(r.Events) }},
	)
	if !human {
		cols = append(cols,
			docCol{Name: "path", Value: func(r index.DocRecord) string { return r.Path }},
			docCol{Name: "added", Value: func(r index.DocRecord) string { return r.Added }},
			docCol{Name: "offset", Value: func(r index.DocRecord) string { return strconv.FormatInt(r.Offset, 10) }})
	}
	return cols
}

// isHuman: formats read by people get condensed columns.
func isHuman(f render.Format) bool { return f == render.Table || f == render.Markdown }
