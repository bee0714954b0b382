package main

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// These tests run the real binary in several processes at once and kill it
// mid-write: the library must come out whole every time.

var (
	buildOnce sync.Once
	builtBin  string
	buildErr  error
)

// sancBinary builds sanc once for the fault tests.
func sancBinary(t *testing.T) string {
	t.Helper()
	buildOnce.Do(func() {
		dir, err := os.MkdirTemp("", "sanc-bin-")
		if err != nil {
			buildErr = err
			return
		}
		builtBin = filepath.Join(dir, "sanc")
		out, err := exec.Command("go", "build", "-o", builtBin, ".").CombinedOutput()
		if err != nil {
			buildErr = fmt.Errorf("go build: %v\n%s", err, out)
		}
	})
	if buildErr != nil {
		t.Fatal(buildErr)
	}
	return builtBin
}

// writeArticles writes n distinct small articles into dir, named from first.
func writeArticles(t *testing.T, dir string, first, n int) {
	t.Helper()
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	for i := first; i < first+n; i++ {
		body := fmt.Sprintf("Article number %d\n\nOfficial %d said on Monday that the sanctions would stay. \"We will not move,\" spokesman Lee Park%d said.\n", i, i, i)
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("a%05d.txt", i)), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

type manifestFile struct {
	Version int `json:"version"`
	Entries []struct {
		ID     string `json:"id"`
		File   string `json:"file"`
		Offset int64  `json:"offset"`
		Bytes  int    `json:"bytes"`
	} `json:"entries"`
}

// checkLibrary asserts the library is consistent: the manifest (if any) is
// valid JSON, names each id once, and every named file is complete (its
// content hashes to its id). It returns the number of articles.
func checkLibrary(t *testing.T, lib string) int {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(lib, "manifest.json"))
	if os.IsNotExist(err) {
		return 0
	}
	if err != nil {
		t.Fatal(err)
	}
	var m manifestFile
	if err := json.Unmarshal(data, &m); err != nil {
		t.Fatalf("manifest is not valid JSON: %v", err)
	}
	seen := map[string]bool{}
	for _, e := range m.Entries {
		if seen[e.ID] {
			t.Errorf("article %s is listed twice", e.ID)
		}
		seen[e.ID] = true
		raw, err := os.ReadFile(filepath.Join(lib, e.File))
		if err != nil {
			t.Errorf("manifest names %s, which is unreadable: %v", e.File, err)
			continue
		}
		if e.Offset < 0 || e.Offset+int64(e.Bytes) > int64(len(raw)) {
			t.Errorf("%s holds %d bytes; the manifest says %d at %d", e.File, len(raw), e.Bytes, e.Offset)
			continue
		}
		raw = raw[e.Offset : e.Offset+int64(e.Bytes)]
		sum := sha256.Sum256(raw)
		if got := hex.EncodeToString(sum[:])[:len(e.ID)]; got != e.ID {
			t.Errorf("%s is incomplete or damaged: content hash %s", e.File, got)
		}
	}
	return len(m.Entries)
}

func run(t *testing.T, bin string, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	cmd := exec.Command(bin, args...)
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	err := cmd.Run()
	if ee, ok := err.(*exec.ExitError); ok {
		return out.String(), errOut.String(), ee.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	return out.String(), errOut.String(), 0
}

func TestConcurrentIngests(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the binary")
	}
	bin := sancBinary(t)
	dir := t.TempDir()
	lib := filepath.Join(dir, "lib")
	// Four overlapping sets: 0-59, 40-99, 80-139, 0-139.
	sets := [][2]int{{0, 60}, {40, 60}, {80, 60}, {0, 140}}
	var wg sync.WaitGroup
	for i, s := range sets {
		d := filepath.Join(dir, fmt.Sprintf("set%d", i))
		writeArticles(t, d, s[0], s[1])
		wg.Add(1)
		go func(d string) {
			defer wg.Done()
			cmd := exec.Command(bin, "ingest", "--library", lib, d)
			if out, err := cmd.CombinedOutput(); err != nil {
				t.Errorf("ingest %s: %v\n%s", d, err, out)
			}
		}(d)
	}
	// Queries while the ingests run see the old library or a newer one.
	stop := make(chan struct{})
	queries := make(chan error, 1)
	go func() {
		for {
			select {
			case <-stop:
				queries <- nil
				return
			default:
			}
			if _, errOut, code := run(t, bin, "list", "--library", lib, "--format", "jsonl"); code != 0 {
				queries <- fmt.Errorf("list during ingest: exit %d: %s", code, errOut)
				return
			}
		}
	}()
	wg.Wait()
	close(stop)
	if err := <-queries; err != nil {
		t.Error(err)
	}
	if n := checkLibrary(t, lib); n != 140 {
		t.Errorf("library holds %d articles, want 140", n)
	}
	out, _, code := run(t, bin, "list", "--library", lib, "--format", "jsonl")
	if code != 0 || strings.Count(out, "\n") != 140 {
		t.Errorf("list: exit %d, %d lines, want 140", code, strings.Count(out, "\n"))
	}
	leftovers, _ := filepath.Glob(filepath.Join(lib, "*", ".tmp-*"))
	top, _ := filepath.Glob(filepath.Join(lib, ".tmp-*"))
	if len(leftovers)+len(top) > 0 {
		t.Errorf("temporary files left behind: %v %v", leftovers, top)
	}
}

// TestKillDuringIngest kills real ingests at points spread over their run.
// After every kill the library is as it was or holds complete new articles,
// and the next ingest finishes the job.
func TestKillDuringIngest(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the binary")
	}
	bin := sancBinary(t)
	dir := t.TempDir()
	lib := filepath.Join(dir, "lib")
	src := filepath.Join(dir, "src")
	const total = 1000
	writeArticles(t, src, 0, total)

	// Time one full ingest elsewhere to know where "the middle" is.
	start := time.Now()
	if _, errOut, code := run(t, bin, "ingest", "--library", filepath.Join(dir, "timing"), src); code != 0 {
		t.Fatalf("timing ingest: exit %d: %s", code, errOut)
	}
	full := time.Since(start)

	before := 0
	for k := 1; k <= 8; k++ {
		cmd := exec.Command(bin, "ingest", "--library", lib, src)
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		time.Sleep(full * time.Duration(k) / 9)
		_ = cmd.Process.Signal(syscall.SIGKILL)
		_ = cmd.Wait()
		n := checkLibrary(t, lib)
		if n != before && n != total {
			t.Errorf("kill %d: library went from %d to %d articles: an ingest is all or nothing", k, before, n)
		}
		t.Logf("kill %d at %v of a %v run: %d articles", k, full*time.Duration(k)/9, full, n)
		before = n
		if _, errOut, code := run(t, bin, "list", "--library", lib, "--format", "jsonl"); code != 0 && code != 1 {
			t.Fatalf("kill %d: list after the kill: exit %d: %s", k, code, errOut)
		}
	}
	if _, errOut, code := run(t, bin, "ingest", "--library", lib, src); code != 0 {
		t.Fatalf("final ingest: exit %d: %s", code, errOut)
	}
	if n := checkLibrary(t, lib); n != total {
		t.Errorf("after the final ingest: %d articles, want %d", n, total)
	}
	if tmps, _ := filepath.Glob(filepath.Join(lib, ".tmp-*")); len(tmps) > 0 {
		t.Errorf("the next ingest left %d temporary files of killed runs", len(tmps))
	}
	named := map[string]bool{}
	data, _ := os.ReadFile(filepath.Join(lib, "manifest.json"))
	var m manifestFile
	_ = json.Unmarshal(data, &m)
	for _, e := range m.Entries {
		named[e.File] = true
	}
	packs, _ := filepath.Glob(filepath.Join(lib, "packs", "*"))
	for _, p := range packs {
		if !named["packs/"+filepath.Base(p)] {
			t.Errorf("the next ingest left a killed run's pack: %s", p)
		}
	}
}

func TestUnwritableLibrary(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the binary")
	}
	bin := sancBinary(t)
	dir := t.TempDir()
	writeArticles(t, filepath.Join(dir, "src"), 0, 3)
	notADir := filepath.Join(dir, "file")
	if err := os.WriteFile(notADir, []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, errOut, code := run(t, bin, "ingest", "--library", notADir, filepath.Join(dir, "src"))
	if code != 2 || !strings.Contains(errOut, notADir) {
		t.Errorf("library that is a file: exit %d, stderr %q; want 2 naming the library", code, errOut)
	}
	if data, _ := os.ReadFile(notADir); string(data) != "x" {
		t.Error("the file in the library's place was changed")
	}

	if os.Geteuid() == 0 {
		t.Log("running as root: permissions do not stop writes, read-only case skipped")
		return
	}
	lib := filepath.Join(dir, "lib")
	if _, errOut, code := run(t, bin, "ingest", "--library", lib, filepath.Join(dir, "src")); code != 0 {
		t.Fatalf("ingest: exit %d: %s", code, errOut)
	}
	writeArticles(t, filepath.Join(dir, "more"), 10, 2)
	if err := os.Chmod(lib, 0o555); err != nil {
		t.Fatal(err)
	}
	defer os.Chmod(lib, 0o755)
	_, errOut, code = run(t, bin, "ingest", "--library", lib, filepath.Join(dir, "more"))
	if code != 2 || !strings.Contains(errOut, lib) {
		t.Errorf("read-only library: exit %d, stderr %q", code, errOut)
	}
	if n := checkLibrary(t, lib); n != 3 {
		t.Errorf("read-only library now holds %d articles, want the 3 it had", n)
	}
}

// TestFullDisk fills a small file system under the library: the ingest that
// does not fit fails with a clear message and leaves what was stored intact.
// It needs to mount a tmpfs, so it runs as root only (CI and the dev
// machines here are root) and skips where mounting is not allowed.
func TestFullDisk(t *testing.T) {
	if testing.Short() || os.Geteuid() != 0 {
		t.Skip("needs root to mount a small file system")
	}
	bin := sancBinary(t)
	dir := t.TempDir()
	mnt := filepath.Join(dir, "small")
	if err := os.Mkdir(mnt, 0o755); err != nil {
		t.Fatal(err)
	}
	if out, err := exec.Command("mount", "-t", "tmpfs", "-o", "size=256k", "tmpfs", mnt).CombinedOutput(); err != nil {
		t.Skipf("cannot mount a tmpfs here: %v %s", err, out)
	}
	defer exec.Command("umount", mnt).Run()
	lib := filepath.Join(mnt, "lib")

	writeArticles(t, filepath.Join(dir, "few"), 0, 5)
	if _, errOut, code := run(t, bin, "ingest", "--library", lib, filepath.Join(dir, "few")); code != 0 {
		t.Fatalf("first ingest: exit %d: %s", code, errOut)
	}
	// Articles that cannot all fit in what is left.
	big := filepath.Join(dir, "big")
	if err := os.MkdirAll(big, 0o755); err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 8; i++ {
		body := strings.Repeat(fmt.Sprintf("Paragraph %d of a long report on the sanctions. ", i), 1200)
		if err := os.WriteFile(filepath.Join(big, fmt.Sprintf("b%d.txt", i)), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	_, errOut, code := run(t, bin, "ingest", "--library", lib, big)
	if code != 2 || !strings.Contains(errOut, "no space left on device") || !strings.Contains(errOut, lib) {
		t.Errorf("ingest on a full disk: exit %d, stderr %q; want 2 and a message naming the library and the cause", code, errOut)
	}
	if n := checkLibrary(t, lib); n != 5 {
		t.Errorf("after the failed ingest the library holds %d articles, want the 5 it had", n)
	}
	out, errOut, code := run(t, bin, "list", "--library", lib, "--format", "jsonl")
	if code != 0 || strings.Count(out, "\n") != 5 {
		t.Errorf("list after the failed ingest: exit %d, %d documents: %s", code, strings.Count(out, "\n"), errOut)
	}
}
