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

// Documents lists the documents the filter admits, by date.
func (ix *Index) Documents(f DocFilter) []DocRecord {
	var m *speakerMatch
	if f.Speaker != "" {
		m = ix.matchSpeaker(f.Speaker)
	}
	if m == nil {
		ix.corpus.CompleteAll() // most documents will be shown
	}
	var only map[int]bool
	if m != nil {
		only = m.docs
	}
	var out []DocRecord
	ix.each(f.Scope, only, nil, func(it *corpus.Item) {
		it.Complete()
		if f.Outlet != "" && !strings.Contains(strings.ToLower(it.Outlet), strings.ToLower(f.Outlet)) {
			return
		}
		out = append(out, Record(it))
	})
	return out
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
