//go:build unix

package source

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// A named pipe called x.txt, named on the command line, must be refused, not
// block the run forever waiting for a writer.
func TestCollectFIFODoesNotBlock(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "fifo.txt")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Skip(err)
	}
	good := filepath.Join(dir, "good.txt")
	os.WriteFile(good, []byte("text\n"), 0o644)
	done := make(chan []File, 1)
	go func() { done <- Collect([]string{fifo, good, "/dev/null", dir}, Options{MaxSize: 1 << 20}) }()
	var files []File
	select {
	case files = <-done:
	case <-time.After(10 * time.Second):
		t.Fatal("Collect blocked on a named pipe")
	}
	want := map[string]string{fifo: "not a regular file (a named pipe)", "/dev/null": "not a regular file (a character device)", good: ""}
	for _, f := range files {
		w, ok := want[f.Path]
		if !ok {
			t.Errorf("unexpected %s", f.Path)
			continue
		}
		delete(want, f.Path)
		if w == "" && (f.Err != nil || string(f.Data) != "text\n") {
			t.Errorf("%s: %q, %v", f.Path, f.Data, f.Err)
		}
		if w != "" && (f.Err == nil || !strings.Contains(f.Err.Error(), w)) {
			t.Errorf("%s: error %v, want %q", f.Path, f.Err, w)
		}
	}
	if len(want) > 0 {
		t.Errorf("missing %v", want)
	}
}

// The short way to read a file gives what the general one gives, bytes,
// time and refusal alike, whatever the file is.
func TestReadRegularAsReadFile(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, data []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	fifo := filepath.Join(dir, "fifo.txt")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Skip(err)
	}
	paths := []string{
		write("short.txt", []byte("text\n")),
		write("empty.txt", nil),
		write("large.txt", []byte(strings.Repeat("the envoy said so. ", 10000))),
		write("limit.txt", make([]byte, 100)), // exactly at the limit below
		write("over.txt", make([]byte, 101)),
		fifo, dir, "/dev/null", filepath.Join(dir, "missing.txt"),
		"/proc/self/cmdline", // says it is empty, and is not
	}
	for _, p := range paths {
		for _, max := range []int64{0, 100} {
			data, mod, err := readRegular(p, max)
			wantData, wantMod, wantErr := readFile(p, max)
			if string(data) != string(wantData) || (err == nil) != (wantErr == nil) || (err != nil && err.Error() != wantErr.Error()) {
				t.Errorf("%s (limit %d): %q, %v; readFile gives %q, %v", p, max, data, err, wantData, wantErr)
			}
			if !mod.Equal(wantMod) && p != "/proc/self/cmdline" {
				t.Errorf("%s: modified %v, readFile says %v", p, mod, wantMod)
			}
		}
	}
}
