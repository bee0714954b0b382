package index

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/sanc-news/sanc/pkg/corpus"
	"github.com/sanc-news/sanc/pkg/doc"
	"github.com/sanc-news/sanc/pkg/library"
	"github.com/sanc-news/sanc/pkg/source"
)

// A timeline, the quotations and the documents read from a library's index
// give what the same articles give read as files, over many runs of
// articles on all cores: the runs read their records and words into memory
// that is used again, and forget their articles, so a record that kept a
// view of that memory would show another article's words here.
func TestLibraryMatchesFiles(t *testing.T) {
	dir := t.TempDir()
	var paths []string
	var files []source.File
	months := []string{"January", "March", "May", "July", "September", "November"}
	speakers := []string{"Ana Ruiz", "Li Wei", "Geng Shuang", "Michael Hwang", "Sara Olsen"}
	for i := range 400 {
		published := time.Date(2017, time.Month(1+i%12), 1+i%27, 0, 0, 0, 0, time.UTC)
		text := fmt.Sprintf(`---
title: Report %d
date: %s
---
Officials met on Thursday to discuss case %d, which was first raised on %s %d, %d.

"We will answer by %s %d," said %s, who has led the talks since %d. The council voted last week and will meet again in %d.

Foreign ministry spokesman %s said the case was "closed for now". He added that talks on item %d would go on.
`, i, published.Format("2006-01-02"), i, months[i%len(months)], 1+i%28, 2010+i%9,
			months[(i+2)%len(months)], 2+i%26, speakers[i%len(speakers)], 2000+i%20, 2018+i%3,
			speakers[(i+1)%len(speakers)], i)
		p := filepath.Join(dir, fmt.Sprintf("a%03d.txt", i))
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		paths = append(paths, p)
		files = append(files, source.File{Path: p, Data: []byte(text)})
	}
	lib := library.Open(filepath.Join(t.TempDir(), "lib"))
	src := source.Options{Later: true}
	_, _, finish, err := corpus.Ingest(corpus.IngestSpec{Library: lib, Files: source.Collect(paths, src), Source: src, Now: time.Now()})
	if indexErr := finish(); err != nil || indexErr != nil {
		t.Fatalf("ingest: %v, index: %v", err, indexErr)
	}
	stored, err := corpus.Load(corpus.Spec{Library: lib})
	if err != nil || !stored.Ordered() || stored.Len() != len(paths) {
		t.Fatalf("library: %v, read through its index %v, %d articles", err, stored.Ordered(), stored.Len())
	}
	read := New(corpus.FromFiles(files, doc.Meta{}, nil))
	fromIndex := New(stored)

	// The words and values of a record; offsets in a pack and in a file
	// differ by where the article starts.
	event := func(r EventRecord) string {
		return fmt.Sprintf("%s|%s|%s|%s|%s|%s|%s|%v|%s|%s|%s|%d|%d", r.Doc, r.Text, r.Type, r.Value, r.Mod, r.From, r.To,
			r.Dated, r.Event, r.Sentence, r.DocDate, r.End-r.Start, r.SentenceEnd-r.SentenceStart)
	}
	for _, f := range []TimelineFilter{
		{},
		{From: mustDay("2015-01-01"), To: mustDay("2018-01-01")},
		{Types: []string{"date", "time", "duration", "set"}},
	} {
		want := read.Timeline(f)
		if len(want) < len(paths) {
			t.Fatalf("%+v: %d records from %d articles", f, len(want), len(paths))
		}
		for round := range 2 { // the second finds every article forgotten
			sameRecords(t, fmt.Sprintf("%+v, round %d", f, round), fromIndex.Timeline(f), want, event)
		}
	}
	quote := func(r QuoteRecord) string {
		speaker := "<nil>"
		if r.Speaker != nil {
			speaker = *r.Speaker
		}
		return fmt.Sprintf("%s|%s|%s|%s|%s|%s|%s|%s|%s|%s|%d|%d", r.Doc, r.Kind, r.Quote, speaker, r.Mention, r.Role, r.Cue,
			r.Sentence, r.Date, r.Title, r.End-r.Start, r.SentenceEnd-r.SentenceStart)
	}
	for _, f := range []QuoteFilter{{}, {Speaker: "Geng"}, {Kinds: []string{"partial"}}} {
		want, _ := read.Quotes(f)
		if len(want) < len(paths)/5 {
			t.Fatalf("%+v: %d quotations from %d articles", f, len(want), len(paths))
		}
		for round := range 2 {
			got, _ := fromIndex.Quotes(f)
			sameRecords(t, fmt.Sprintf("%+v, round %d", f, round), got, want, quote)
		}
	}
	document := func(r DocRecord) string {
		return fmt.Sprintf("%s|%s|%s|%s|%s|%d|%d|%d", r.ID, r.Title, r.Outlet, r.Date, r.DateSource, r.Words, r.Quotes, r.Events)
	}
	sameRecords(t, "documents", documents(fromIndex, DocFilter{}), documents(read, DocFilter{}), document)
}

// sameRecords compares records from the index with those from the files,
// through what of them both must share.
func sameRecords[R any](t *testing.T, what string, got, want []R, shared func(R) string) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("%s: %d records from the index, %d from the files", what, len(got), len(want))
	}
	for i := range got {
		if shared(got[i]) != shared(want[i]) {
			t.Fatalf("%s, record %d:\n index %s\n files %s", what, i, shared(got[i]), shared(want[i]))
		}
	}
}
