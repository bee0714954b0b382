package cmd

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"github.com/sanc-news/sanc/pkg/corpus"
	"github.com/sanc-news/sanc/pkg/doc"
	"github.com/sanc-news/sanc/pkg/index"
	"github.com/sanc-news/sanc/pkg/library"
	"github.com/sanc-news/sanc/pkg/render"
	"github.com/sanc-news/sanc/pkg/source"
)

// IngestOptions are ingest's flags.
type IngestOptions struct {
	f      *Factory
	Paths  []string
	Date   string
	Outlet string
	URL    string
	Title  string
	Author string
	DryRun bool
	Strict bool
	All    bool
}

// NewCmdIngest builds "sanc ingest".
func NewCmdIngest(f *Factory, runF func(*IngestOptions) error) *cobra.Command {
	opts := &IngestOptions{f: f}
	c := &cobra.Command{
		Use:   "ingest PATH...",
		Short: "Add articles to the library",
		Long: `Add article files to the library: files, folders (searched recursively for
.txt and .md), glob patterns, or - for standard input. Each article is
cleaned and analysed; one row per file says what was found (title, outlet,
date and where it came from, quotations, dated events, warnings) or why it
was refused. A table of a run of over 500 files lists only those refused or
with warnings (--all lists every one; the data formats always do). An
article already in the library (same content, under any name) is not
stored twice.

Metadata flags apply to every file of the run; a YAML front matter block at
the top of a file (title, outlet, url, date, author) wins over them.

Writes are atomic and concurrent ingests wait for each other, so two cron
jobs cannot damage the library. Refused files are reported on stderr; the
rest are stored, and the exit status is 2. With --strict the first bad file
stops the run and nothing is stored.

JSON fields: status (added, duplicate, refused), id, path, title, outlet,
date, date_source, quotes, events, warnings, error.` + exitStatusHelp,
		Example: `  sanc ingest ~/news/2017/
  sanc ingest 'scrapes/*.txt' --outlet "Foreign Policy"
  curl -s https://… | sanc ingest - --date 2017-08-15 --url https://…`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Paths = args
			if runF != nil {
				return runF(opts)
			}
			return ingestRun(opts)
		},
	}
	fl := c.Flags()
	fl.StringVar(&opts.Date, "date", "", "publication date of the articles (2017-08-15)")
	fl.StringVar(&opts.Outlet, "outlet", "", "outlet that published the articles")
	fl.StringVar(&opts.URL, "url", "", "address the article came from")
	fl.StringVar(&opts.Title, "title", "", "headline of the article")
	fl.StringVar(&opts.Author, "author", "", "author of the articles")
	fl.BoolVar(&opts.DryRun, "dry-run", false, "analyse and report, store nothing")
	fl.BoolVar(&opts.Strict, "strict", false, "stop at the first file that cannot be read; store nothing")
	fl.BoolVar(&opts.All, "all", false, fmt.Sprintf("a table lists every file even in runs of over %d (it lists only those refused or with warnings then)", reportRows))
	return c
}

// IngestRecord reports what happened to one file.
type IngestRecord struct {
	Status     string   `json:"status"`
	ID         string   `json:"id,omitempty"`
	Path       string   `json:"path"`
	Title      string   `json:"title,omitempty"`
	Outlet     string   `json:"outlet,omitempty"`
	Date       string   `json:"date,omitempty"`
	DateSource string   `json:"date_source,omitempty"`
	Quotes     int      `json:"quotes"`
	Events     int      `json:"events"`
	Warnings   []string `json:"warnings,omitempty"`
	Error      string   `json:"error,omitempty"`
}

func ingestRun(o *IngestOptions) error {
	tuneGC(paceAnalysis)
	f := o.f
	format, err := f.Format()
	if err != nil {
		return err
	}
	meta := doc.Meta{Title: o.Title, Outlet: o.Outlet, URL: o.URL, Author: o.Author}
	if o.Date != "" {
		d, ok := doc.ParseDate(o.Date)
		if !ok {
			return usageError(fmt.Errorf("--date %q: want a date such as 2017-08-15", o.Date))
		}
		meta.Date = d
	}
	max, err := f.MaxFileSize()
	if err != nil {
		return err
	}
	src := source.Options{MaxSize: max, Stdin: f.IO.In, Later: true}
	files := source.Collect(o.Paths, src)
	lib := f.Library()
	stop := f.progress("analysing", len(files))
	c, status, finish, err := corpus.Ingest(corpus.IngestSpec{
		Library: lib, Files: files, Source: src, Meta: meta, Now: f.Now(),
		Entry:  library.Entry{Title: o.Title, Outlet: o.Outlet, URL: o.URL, Author: o.Author, Date: o.Date},
		DryRun: o.DryRun, Strict: o.Strict, Progress: stop.tick,
	})
	stop.done()
	if o.Strict && c != nil && len(c.Problems) > 0 {
		return inputError(fmt.Errorf("%s; nothing stored (--strict)", c.Problems[0].Error()))
	}
	if err != nil {
		return inputError(err)
	}
	defer func() {
		if err := finish(); err != nil {
			fmt.Fprintf(f.IO.ErrOut, "sanc: the library's index was not updated (the next query rebuilds it): %v\n", err)
		}
	}()

	var recs []IngestRecord
	for _, p := range c.Problems {
		fmt.Fprintf(f.IO.ErrOut, "sanc: %s\n", p.Error())
		recs = append(recs, IngestRecord{Status: "refused", Path: p.Path, Error: p.Err.Error()})
	}
	items := c.All()
	for i, it := range items {
		d := index.Record(it)
		recs = append(recs, IngestRecord{
			Status: status[i], ID: d.ID, Path: it.Path, Title: d.Title, Outlet: d.Outlet,
			Date: d.Date, DateSource: d.DateSource, Quotes: d.Quotes, Events: d.Events, Warnings: it.Warnings,
		})
	}
	shown := recs
	if isHuman(format) && !o.All && len(recs) > reportRows {
		// Nobody reads a table of thousands of files, and it is built whole
		// before a line shows: it keeps to what needs attention.
		shown = nil
		for _, r := range recs {
			if r.Status == "refused" || len(r.Warnings) > 0 {
				shown = append(shown, r)
			}
		}
	}
	if err := render.Write(f.IO.Out, format, shown, ingestColumns(isHuman(format)), render.Options{Width: f.tableWidth()}); err != nil {
		return err
	}
	if len(shown) < len(recs) {
		fmt.Fprintf(f.IO.ErrOut, "sanc: %d of %d files listed: those refused or with warnings (--all lists every one, as --format jsonl does)\n", len(shown), len(recs))
	}
	counts := map[string]int{}
	for _, s := range status {
		counts[s]++
	}
	if f.IO.StderrTTY || len(c.Problems) > 0 || len(shown) < len(recs) {
		added := fmt.Sprintf("%d added", counts["added"])
		if o.DryRun {
			added = fmt.Sprintf("%d would be added (dry run)", counts["would add"])
		}
		fmt.Fprintf(f.IO.ErrOut, "%s, %d already present, %d refused; library: %s\n",
			added, counts["duplicate"], len(c.Problems), lib.Dir)
	}
	if len(c.Problems) > 0 {
		return inputError(fmt.Errorf("%d of %d files were refused", len(c.Problems), len(files)))
	}
	return nil
}

// reportRows is the most files a table lists one by one (see --all).
const reportRows = 500

type ingestCol = render.Column[IngestRecord]

func ingestColumns(human bool) []ingestCol {
	cols := []ingestCol{
		{Name: "status", Value: func(r IngestRecord) string { return r.Status }},
		{Name: "id", Value: func(r IngestRecord) string { return r.ID }},
		{Name: "path", Value: func(r IngestRecord) string { return r.Path }},
		{Name: "title", Value: func(r IngestRecord) string { return r.Title }},
		{Name: "outlet", Value: func(r IngestRecord) string { return r.Outlet }},
		{Name: "date", Value: func(r IngestRecord) string {
			if human && r.Date != "" {
				return dateCell(r.Date, r.DateSource)
			}
			return r.Date
		}},
	}
	if !human {
		cols = append(cols, ingestCol{Name: "date_source", Value: func(r IngestRecord) string { return r.DateSource }})
	}
	return append(cols,
		ingestCol{Name: "quotes", Value: func(r IngestRecord) string { return strconv.Itoa(r.Quotes) }},
		ingestCol{Name: "events", Value: func(r IngestRecord) string { return strconv.Itoa(r.Events) }},
		ingestCol{Name: "warnings", Value: func(r IngestRecord) string {
			if r.Error != "" {
				return r.Error
			}
			return strings.Join(r.Warnings, "; ")
		}},
	)
}
