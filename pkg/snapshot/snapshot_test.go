package snapshot

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/sanc-news/sanc/pkg/analyze"
	"github.com/sanc-news/sanc/pkg/doc"
)

// The test binary is a Go executable like sanc: its build ID must be found,
// and must be what the go tool reports.
func TestVersionIsTheBuildID(t *testing.T) {
	v := Version()
	if v == unknown {
		t.Fatal("no build ID found in the test binary")
	}
	exe, _ := os.Executable()
	out, err := exec.Command("go", "tool", "buildid", exe).Output()
	if err != nil {
		t.Skipf("go tool buildid: %v", err)
	}
	if want := strings.TrimSpace(string(out)); v != want {
		t.Errorf("Version() = %q, go tool buildid says %q", v, want)
	}
}

func article(t *testing.T, name, text string) *analyze.Article {
	t.Helper()
	a, err := analyze.Run(name, []byte(text), doc.Meta{Date: time.Date(2017, 8, 15, 0, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	return a
}

func TestRoundTripKeepsRecordsNotText(t *testing.T) {
	dir := t.TempDir()
	a := article(t, "a.txt", "\"We will not bow,\" Ana Ruiz said on Thursday.\n")
	b := article(t, "b.txt", "Talks resumed last month in Geneva, officials said.\n")
	if err := Save(dir, []*analyze.Article{a, b}); err != nil {
		t.Fatal(err)
	}
	got, err := Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 {
		t.Fatalf("%d articles back, want 2", len(got))
	}
	ga := got[a.ID]
	if ga == nil || ga.Raw != nil || ga.Text != "" || ga.Paragraphs != nil {
		t.Fatalf("article a: %+v: want records without text", ga)
	}
	if len(ga.Quotes) != len(a.Quotes) || ga.Quotes[0].Speaker != a.Quotes[0].Speaker || !ga.Date.Equal(a.Date) ||
		len(ga.Times) != len(a.Times) || ga.Times[0].Value != a.Times[0].Value || ga.Words != a.Words {
		t.Errorf("records changed in the round trip:\n got %+v\nwant %+v", ga, a)
	}
	if a.Raw == nil || a.Text == "" {
		t.Error("Save stripped the caller's articles")
	}
}

func TestDamagedOrStaleSnapshotIsRefused(t *testing.T) {
	dir := t.TempDir()
	a := article(t, "a.txt", "\"We will not bow,\" Ana Ruiz said.\n")
	if err := Save(dir, []*analyze.Article{a}); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, FileName)
	good, _ := os.ReadFile(path)
	cases := map[string][]byte{
		"truncated":   good[:len(good)-5],
		"bit flipped": flip(good, len(good)-3),
		"empty":       {},
		"not ours":    []byte("hello world, this is not a snapshot at all"),
	}
	for name, data := range cases {
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
		if docs, err := Load(dir); err == nil || docs != nil {
			t.Errorf("%s: Load accepted it (%d docs)", name, len(docs))
		}
	}
	if _, err := Load(t.TempDir()); err == nil {
		t.Error("a missing snapshot loaded")
	}
}

func flip(b []byte, i int) []byte {
	c := append([]byte(nil), b...)
	c[i] ^= 0x40
	return c
}
