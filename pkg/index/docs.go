package index

import (
	"strings"
	"time"

	"github.com/sanc-news/sanc/pkg/corpus"
	"github.com/sanc-news/sanc/pkg/doc"
)

// DocRecord is one document and what was found in it.
type DocRecord struct {
	ID         string        `json:"id"`
	Path       string        `json:"path"`
	Source     string        `json:"source,omitempty"`
	Title      string        `json:"title"`
	TitleFrom  string        `json:"title_from"`
	Outlet     string        `json:"outlet"`
	URL        string        `json:"url,omitempty"`
	Author     string        `json:"author,omitempty"`
	Date       string        `json:"date"`
	DateSource string        `json:"date_source"`
	HeaderDate string        `json:"header_date,omitempty"`
	CrawlDate  bool          `json:"crawl_date"`
	Added      string        `json:"added,omitempty"`
	Offset     int64         `json:"offset"` // of the article in the file at path
	Bytes      int           `json:"bytes"`
	Words      int           `json:"words"`
	Quotes     int           `json:"quotes"`
	Events     int           `json:"events"`
	Dropped    []doc.Dropped `json:"dropped"`
	Warnings   []string      `json:"warnings"`
}

// DocFilter selects documents.
type DocFilter struct {
	Scope
	Outlet  string // case-insensitive substring
	Speaker string // documents quoting this speaker
}

// Documents hands emit the documents the filter admits, by date, as it
// finds them.
func (ix *Index) Documents(f DocFilter, emit func(DocRecord) error) error {
	var only map[int]bool
	if f.Speaker != "" {
		only = ix.matchSpeaker(f.Speaker).docs
	} else {
		ix.corpus.LoadMeta() // most documents will be shown
	}
	outlet := strings.ToLower(f.Outlet)
	return corpus.Visit(ix.corpus, ix.candidates(f.Scope, only, nil), corpus.VisitOptions{}, func(it *corpus.Item) []DocRecord {
		it.Complete()
		if outlet != "" && !strings.Contains(strings.ToLower(it.Outlet), outlet) {
			return nil
		}
		return []DocRecord{Record(it)}
	}, emit)
}

// Record describes one document.
func Record(it *corpus.Item) DocRecord {
	it.Complete()
	r := DocRecord{
		ID: it.ID, Path: it.Path, Source: it.Source, Title: it.Title, TitleFrom: it.TitleFrom,
		Outlet: it.Outlet, URL: it.URL, Author: it.Author, Date: day(it.Date),
		DateSource: string(it.DateSource), HeaderDate: day(it.HeaderDate), CrawlDate: it.CrawlDate,
		Offset: it.Base, Bytes: it.Bytes, Words: it.Words, Quotes: it.NQuotes, Events: it.NEvents,
		Warnings: it.Warnings,
	}
	for _, d := range it.Dropped {
		d.Start, d.End = it.At(d.Start), it.At(d.End)
		r.Dropped = append(r.Dropped, d)
	}
	if !it.Added.IsZero() {
		r.Added = it.Added.UTC().Format(time.RFC3339)
	}
	if r.Dropped == nil {
		r.Dropped = []doc.Dropped{}
	}
	if r.Warnings == nil {
		r.Warnings = []string{}
	}
	return r
}
