package library

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/sanc-news/sanc/pkg/doc"
)

func article(i int) NewArticle {
	data := []byte(fmt.Sprintf("Article %d\n\nThe council met on day %d and voted on the budget.\n", i, i))
	return NewArticle{ID: doc.ContentID(data), Source: fmt.Sprintf("in/%03d.txt", i), Data: data}
}

var now = time.Date(2024, 5, 6, 7, 8, 9, 0, time.FixedZone("X", 3600))

func TestAddEntriesRoundTrip(t *testing.T) {
	lib := Open(filepath.Join(t.TempDir(), "lib")) // does not exist yet
	if es, err := lib.Entries(); err != nil || len(es) != 0 {
		t.Fatalf("new library: %v, %v", es, err)
	}
	a := article(1)
	a.Meta = Entry{Title: "T", Outlet: "O", URL: "https://u", Author: "A", Date: "2017-08-15",
		ID: "ignored", File: "ignored", Source: "ignored", Bytes: -1}
	b := article(2)
	res, err := lib.Add([]NewArticle{a, b}, now)
	if err != nil {
		t.Fatal(err)
	}
	if len(res) != 2 || res[0].Duplicate || res[1].Duplicate {
		t.Fatalf("results: %+v", res)
	}
	es, err := lib.Entries()
	if err != nil {
		t.Fatal(err)
	}
	if len(es) != 2 {
		t.Fatalf("entries: %+v", es)
	}
	e := es[0]
	if !strings.HasPrefix(e.File, "packs/") || !strings.HasSuffix(e.File, ".pack") || e.Offset != 0 {
		t.Errorf("first article stored at %s+%d, want the start of a new pack", e.File, e.Offset)
	}
	if es[1].File != e.File || es[1].Offset != int64(len(a.Data)) {
		t.Errorf("second article at %s+%d, want right after the first in the same pack", es[1].File, es[1].Offset)
	}
	want := Entry{ID: a.ID, File: e.File, Source: "in/001.txt", Added: now.UTC(), Bytes: len(a.Data),
		Title: "T", Outlet: "O", URL: "https://u", Author: "A", Date: "2017-08-15"}
	if !e.Added.Equal(want.Added) || e.Added.Location() != time.UTC {
		t.Errorf("Added = %v, want %v in UTC", e.Added, want.Added)
	}
	e.Added = want.Added
	if e != want {
		t.Errorf("entry\n got  %+v\n want %+v", e, want)
	}
	if res[0].Entry.ID != a.ID || res[1].Entry.ID != b.ID || es[1].ID != b.ID {
		t.Errorf("order: %+v / %+v", res, es)
	}
	for i, x := range []NewArticle{a, b} {
		got, err := lib.Read(es[i])
		if err != nil || !bytes.Equal(got, x.Data) {
			t.Errorf("stored %s: %q, %v", es[i].File, got, err)
		}
	}
	// Entries reads what another Library value wrote.
	es2, err := Open(lib.Dir).Entries()
	if err != nil || len(es2) != 2 || es2[1].ID != b.ID {
		t.Errorf("reopened: %+v, %v", es2, err)
	}
}

func TestDuplicates(t *testing.T) {
	lib := Open(t.TempDir())
	a, b := article(1), article(2)
	if _, err := lib.Add([]NewArticle{a}, now); err != nil {
		t.Fatal(err)
	}
	manifest := filepath.Join(lib.Dir, manifestName)
	before, _ := os.ReadFile(manifest)

	// The same content again, under another name: nothing written.
	again := a
	again.Source = "elsewhere/copy.txt"
	res, err := lib.Add([]NewArticle{again}, now.Add(time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	if len(res) != 1 || !res[0].Duplicate || res[0].Entry.Source != "in/001.txt" || !res[0].Entry.Added.Equal(now) {
		t.Errorf("duplicate result: %+v", res)
	}
	after, _ := os.ReadFile(manifest)
	if !bytes.Equal(before, after) {
		t.Error("manifest rewritten for a duplicate")
	}

	// Duplicates inside one batch, mixed with new articles.
	res, err = lib.Add([]NewArticle{b, a, b}, now)
	if err != nil {
		t.Fatal(err)
	}
	if len(res) != 3 || res[0].Duplicate || !res[1].Duplicate || !res[2].Duplicate {
		t.Errorf("batch: %+v", res)
	}
	es, _ := lib.Entries()
	if len(es) != 2 {
		t.Errorf("%d entries, want 2", len(es))
	}
	names, _ := filepath.Glob(filepath.Join(lib.Dir, packsDir, "*"))
	if len(names) != 2 {
		t.Errorf("packs folder holds %v, want one pack per run that stored something", names)
	}
}

// noTemps fails if a temporary file was left behind anywhere in the library.
func noTemps(t *testing.T, dir string) {
	t.Helper()
	filepath.Walk(dir, func(p string, info os.FileInfo, err error) error {
		if err == nil && strings.HasPrefix(info.Name(), ".tmp-") {
			t.Errorf("temporary file left: %s", p)
		}
		return nil
	})
}

func TestManifestAtomic(t *testing.T) {
	lib := Open(t.TempDir())
	for i := 0; i < 5; i++ {
		if _, err := lib.Add([]NewArticle{article(i)}, now); err != nil {
			t.Fatal(err)
		}
	}
	noTemps(t, lib.Dir)
	data, err := os.ReadFile(filepath.Join(lib.Dir, manifestName))
	if err != nil {
		t.Fatal(err)
	}
	var m manifest
	if err := json.Unmarshal(data, &m); err != nil || m.Version != manifestVersion || len(m.Entries) != 5 {
		t.Fatalf("manifest: %v %+v", err, m)
	}
	// Nothing to add: no manifest written, no temporary file.
	if _, err := lib.Add(nil, now); err != nil {
		t.Fatal(err)
	}
	noTemps(t, lib.Dir)
}

func TestDamagedManifest(t *testing.T) {
	for name, content := range map[string]string{
		"truncated":   `{"version": 1, "entries": [{"id": "ab`,
		"empty":       ``,
		"not json":    "<html>",
		"new version": `{"version": 99, "entries": []}`,
	} {
		dir := filepath.Join(t.TempDir(), "mylib")
		os.MkdirAll(dir, 0o755)
		if err := os.WriteFile(filepath.Join(dir, manifestName), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
		lib := Open(dir)
		_, err := lib.Entries()
		if err == nil || !strings.Contains(err.Error(), dir) {
			t.Errorf("%s: Entries error %v does not name the library %s", name, err, dir)
		}
		if _, err := lib.Add([]NewArticle{article(1)}, now); err == nil || !strings.Contains(err.Error(), dir) {
			t.Errorf("%s: Add error %v does not name the library", name, err)
		}
		after, _ := os.ReadFile(filepath.Join(dir, manifestName))
		if string(after) != content {
			t.Errorf("%s: Add replaced a damaged manifest", name)
		}
	}
}

func TestLockTimeout(t *testing.T) {
	lib := Open(t.TempDir())
	lib.LockTimeout = 200 * time.Millisecond
	unlock, err := lib.lock()
	if err != nil {
		t.Fatal(err)
	}
	defer unlock()
	other := Open(lib.Dir)
	other.LockTimeout = 120 * time.Millisecond
	_, err = other.Add([]NewArticle{article(1)}, now)
	if err == nil || !strings.Contains(err.Error(), "busy") || !strings.Contains(err.Error(), lib.Dir) {
		t.Errorf("Add while locked: %v", err)
	}
}

// set is articles lo..hi-1.
func set(lo, hi int) []NewArticle {
	var out []NewArticle
	for i := lo; i < hi; i++ {
		out = append(out, article(i))
	}
	return out
}

// checkExactlyOnce: every article 0..n-1 is in the manifest once, with its file.
func checkExactlyOnce(t *testing.T, lib *Library, n int) {
	t.Helper()
	noTemps(t, lib.Dir)
	es, err := lib.Entries()
	if err != nil {
		t.Fatalf("manifest: %v", err)
	}
	count := map[string]int{}
	for _, e := range es {
		count[e.ID]++
		if data, err := lib.Read(e); err != nil || len(data) != e.Bytes || doc.ContentID(data) != e.ID {
			t.Errorf("%s: stored file wrong: %v", e.File, err)
		}
	}
	for i := 0; i < n; i++ {
		if id := article(i).ID; count[id] != 1 {
			t.Errorf("article %d stored %d times", i, count[id])
		}
	}
	if len(es) != n {
		t.Errorf("%d entries, want %d", len(es), n)
	}
}

func TestConcurrentGoroutines(t *testing.T) {
	dir := t.TempDir()
	const workers, n = 6, 30
	var wg sync.WaitGroup
	errs := make(chan error, workers*3)
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			lib := Open(dir)
			// Overlapping windows, in several batches.
			for k := 0; k < 3; k++ {
				lo := (w*5 + k*3) % n
				hi := min(lo+10, n)
				if _, err := lib.Add(set(lo, hi), now); err != nil {
					errs <- err
				}
			}
		}(w)
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	// Fill the gaps, then every article is there exactly once.
	if _, err := Open(dir).Add(set(0, n), now); err != nil {
		t.Fatal(err)
	}
	checkExactlyOnce(t, Open(dir), n)
}

const helperEnv = "SANC_LIBRARY_HELPER"

// TestHelperProcess is run by TestConcurrentProcesses in child processes: it
// adds the articles named in the environment to the library there.
func TestHelperProcess(t *testing.T) {
	spec := os.Getenv(helperEnv)
	if spec == "" {
		t.Skip("helper for TestConcurrentProcesses")
	}
	var dir string
	var lo, hi int
	parts := strings.SplitN(spec, "|", 3)
	dir = parts[0]
	lo, _ = strconv.Atoi(parts[1])
	hi, _ = strconv.Atoi(parts[2])
	lib := Open(dir)
	// One article at a time, so the processes interleave.
	for i := lo; i < hi; i++ {
		if _, err := lib.Add([]NewArticle{article(i)}, time.Now()); err != nil {
			fmt.Fprintln(os.Stderr, "helper:", err)
			os.Exit(3)
		}
	}
}

func TestConcurrentProcesses(t *testing.T) {
	if os.Getenv(helperEnv) != "" {
		t.Skip("in a helper")
	}
	dir := t.TempDir()
	const procs, n = 4, 24
	var cmds []*exec.Cmd
	var outs []*bytes.Buffer
	for p := 0; p < procs; p++ {
		// Overlapping ranges that together cover 0..n-1.
		lo, hi := p*n/procs, min(p*n/procs+n/2, n)
		cmd := exec.Command(os.Args[0], "-test.run=^TestHelperProcess$", "-test.count=1")
		cmd.Env = append(os.Environ(), fmt.Sprintf("%s=%s|%d|%d", helperEnv, dir, lo, hi))
		var out bytes.Buffer
		cmd.Stdout, cmd.Stderr = &out, &out
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		cmds, outs = append(cmds, cmd), append(outs, &out)
	}
	for i, cmd := range cmds {
		if err := cmd.Wait(); err != nil {
			t.Errorf("helper %d: %v\n%s", i, err, outs[i])
		}
	}
	checkExactlyOnce(t, Open(dir), n)
	// The manifest is valid JSON in the documented shape.
	data, _ := os.ReadFile(filepath.Join(dir, manifestName))
	var m manifest
	if err := json.Unmarshal(data, &m); err != nil {
		t.Fatalf("manifest is not valid JSON: %v", err)
	}
	ids := make([]string, len(m.Entries))
	for i, e := range m.Entries {
		ids[i] = e.ID
	}
	sort.Strings(ids)
	for i := 1; i < len(ids); i++ {
		if ids[i] == ids[i-1] {
			t.Errorf("id %s twice in the manifest", ids[i])
		}
	}
}

func TestPath(t *testing.T) {
	lib := Open("/x/lib")
	if got := lib.Path(Entry{File: "docs/abc.txt"}); got != filepath.Join("/x/lib", "docs", "abc.txt") {
		t.Errorf("Path = %q", got)
	}
}

// A library written before packs (one file per article, manifest version 1)
// reads as it is, and new articles go to a pack beside the old files.
func TestVersion1Library(t *testing.T) {
	lib := Open(t.TempDir())
	a := article(1)
	os.MkdirAll(filepath.Join(lib.Dir, docsDir), 0o755)
	os.WriteFile(filepath.Join(lib.Dir, docsDir, a.ID+".txt"), a.Data, 0o644)
	old := fmt.Sprintf(`{"version":1,"entries":[{"id":%q,"file":"docs/%s.txt","source":"a.txt","added":"2024-01-02T03:04:05Z","bytes":%d}]}`, a.ID, a.ID, len(a.Data))
	os.WriteFile(filepath.Join(lib.Dir, manifestName), []byte(old), 0o644)
	if _, err := lib.Add([]NewArticle{article(2)}, now); err != nil {
		t.Fatal(err)
	}
	es, err := lib.Entries()
	if err != nil || len(es) != 2 {
		t.Fatalf("entries %+v, %v", es, err)
	}
	for i, x := range []NewArticle{a, article(2)} {
		if got, err := lib.Read(es[i]); err != nil || !bytes.Equal(got, x.Data) {
			t.Errorf("%s: %q, %v", es[i].File, got, err)
		}
	}
}

// A pack that a killed writer left (the manifest never named it) is removed
// by the next writer; a stored article cut short is an error, not a part.
func TestOrphanPackAndShortRead(t *testing.T) {
	lib := Open(t.TempDir())
	if _, err := lib.Add([]NewArticle{article(1)}, now); err != nil {
		t.Fatal(err)
	}
	orphan := filepath.Join(lib.Dir, packsDir, "1-2-dead.pack")
	os.WriteFile(orphan, []byte("half an article"), 0o644)
	if _, err := lib.Add([]NewArticle{article(2)}, now); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(orphan); err == nil {
		t.Error("orphan pack not removed")
	}
	es, _ := lib.Entries()
	if len(es) != 2 {
		t.Fatalf("%d entries", len(es))
	}
	if err := os.Truncate(lib.Path(es[1]), int64(es[1].Bytes-3)); err != nil {
		t.Fatal(err)
	}
	if _, err := lib.Read(es[1]); err == nil || !strings.Contains(err.Error(), "cut short") {
		t.Errorf("short read: %v", err)
	}
}

// A writer whose Known vouches for the manifest does not parse it: it
// appends the run's entries to it, giving the bytes a writer that parsed it
// writes, and asks Known which articles are stored. A manifest that does
// not end as Commit writes it is parsed.
func TestKnownManifest(t *testing.T) {
	tests := []struct {
		name     string
		manifest func(t *testing.T, lib *Library) // the library before the run
		vouch    bool                             // Known says it knows the manifest
		asked    bool                             // the writer asked Known
		trusted  bool                             // the writer went by Known
	}{
		{"vouched for", func(t *testing.T, lib *Library) { lib.Add([]NewArticle{article(1), article(2)}, now) }, true, true, true},
		{"not vouched for", func(t *testing.T, lib *Library) { lib.Add([]NewArticle{article(1), article(2)}, now) }, false, true, false},
		{"written another way", func(t *testing.T, lib *Library) {
			lib.Add([]NewArticle{article(1), article(2)}, now)
			es, _ := lib.Entries()
			data, _ := json.MarshalIndent(manifest{Version: manifestVersion, Entries: es}, "", " ")
			os.WriteFile(lib.ManifestPath(), data, 0o644)
		}, true, false, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			lib := Open(t.TempDir())
			tt.manifest(t, lib)
			before, _ := lib.Entries()
			orphan := filepath.Join(lib.Dir, packsDir, "1-2-dead.pack")
			os.WriteFile(orphan, []byte("half an article"), 0o644)
			asked := false
			w, err := lib.Begin(now.Add(time.Hour), func(r io.Reader) *Known {
				asked = true
				data, _ := io.ReadAll(r)
				es, err := lib.Parse(data) // what an index of it would know
				if err != nil || !tt.vouch {
					return nil
				}
				ids := map[string]bool{}
				var files []string
				for _, e := range es {
					ids[e.ID] = true
					files = append(files, e.File)
				}
				return &Known{Has: func(id string) bool { return ids[id] }, Files: files}
			})
			if err != nil {
				t.Fatal(err)
			}
			defer w.Close()
			if _, err := os.Stat(orphan); err == nil {
				t.Error("orphan pack not removed")
			}
			res, err := w.Add([]NewArticle{article(2), article(3), article(4), article(3)})
			if err != nil {
				t.Fatal(err)
			}
			if len(res) != 4 || !res[0].Duplicate || res[1].Duplicate || res[2].Duplicate || !res[3].Duplicate {
				t.Errorf("results %+v", res)
			}
			entries, err := w.Commit()
			if err != nil {
				t.Fatal(err)
			}
			if trusted := entries == nil; trusted != tt.trusted || asked != tt.asked {
				t.Errorf("went by Known: %v (asked %v), want %v (%v)", trusted, asked, tt.trusted, tt.asked)
			}
			all, err := lib.Entries()
			if err != nil || len(all) != len(before)+2 {
				t.Fatalf("%d entries after, %v", len(all), err)
			}
			want, _ := json.Marshal(manifest{Version: manifestVersion, Entries: all})
			if got, _ := os.ReadFile(lib.ManifestPath()); !bytes.Equal(got, want) {
				t.Errorf("manifest\n%s\nwant\n%s", got, want)
			}
			noTemps(t, lib.Dir)
		})
	}
}
