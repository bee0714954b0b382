package source

import (
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// tree writes files (path → content) below a new temporary folder.
func tree(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for p, content := range files {
		full := filepath.Join(dir, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(full, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// rel lists the files' paths relative to dir, with their error or content.
func rel(t *testing.T, dir string, files []File) []string {
	t.Helper()
	var out []string
	for _, f := range files {
		p := f.Path
		if r, err := filepath.Rel(dir, f.Path); err == nil && !strings.HasPrefix(r, "..") {
			p = filepath.ToSlash(r)
		}
		if f.Err != nil {
			out = append(out, p+" !"+f.Err.Error())
			if f.Data != nil {
				t.Errorf("%s: data alongside error %v", f.Path, f.Err)
			}
		} else {
			out = append(out, p+"="+string(f.Data))
		}
	}
	return out
}

func TestCollect(t *testing.T) {
	dir := tree(t, map[string]string{
		"a.txt":              "A",
		"b.md":               "B",
		"c.html":             "C",
		"notes.TXT":          "N",
		"sub/d.txt":          "D",
		"sub/deeper/e.md":    "E",
		"sub/skip.json":      "J",
		".hidden/h.txt":      "H",
		"sub/.git/x.txt":     "X",
		"empty/readme":       "R",
		"glob/one.txt":       "1",
		"glob/two.txt":       "2",
		"glob/dir.txt/f.txt": "F",
	})
	j := func(p string) string { return filepath.Join(dir, filepath.FromSlash(p)) }
	tests := []struct {
		name string
		args []string
		want []string
	}{
		{"file", []string{j("a.txt")}, []string{"a.txt=A"}},
		{"any extension when named", []string{j("c.html")}, []string{"c.html=C"}},
		{"folder is recursive, .txt/.md only, hidden folders skipped", []string{j("sub")},
			[]string{"sub/d.txt=D", "sub/deeper/e.md=E"}},
		{"whole tree", []string{dir}, []string{"a.txt=A", "b.md=B", "glob/dir.txt/f.txt=F", "glob/one.txt=1", "glob/two.txt=2", "notes.TXT=N", "sub/d.txt=D", "sub/deeper/e.md=E"}},
		{"glob", []string{j("glob/*.txt")}, []string{"glob/dir.txt/f.txt=F", "glob/one.txt=1", "glob/two.txt=2"}},
		{"glob of files any extension", []string{j("*.??")}, []string{"b.md=B"}},
		{"missing path", []string{j("nope.txt")}, []string{"nope.txt !no such file or folder"}},
		{"pattern with no match", []string{j("*.pdf")}, []string{"*.pdf !pattern matches no files"}},
		{"bad pattern", []string{j("[")}, []string{"[ !bad pattern: syntax error in pattern"}},
		{"folder without articles", []string{j("empty")}, []string{"empty !folder holds no .txt or .md files"}},
		{"duplicates once", []string{j("a.txt"), dir + "/./a.txt", j("sub"), j("sub/d.txt"), j("sub/../a.txt")},
			[]string{"a.txt=A", "sub/d.txt=D", "sub/deeper/e.md=E"}},
		{"order follows the arguments", []string{j("sub/d.txt"), j("a.txt")}, []string{"sub/d.txt=D", "a.txt=A"}},
		{"problems do not stop the rest", []string{j("nope.txt"), j("a.txt")}, []string{"nope.txt !no such file or folder", "a.txt=A"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := rel(t, dir, Collect(tt.args, Options{}))
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Collect(%v)\n got  %q\n want %q", tt.args, got, tt.want)
			}
		})
	}
}

func TestStdin(t *testing.T) {
	files := Collect([]string{"-", "-"}, Options{Stdin: strings.NewReader("from a pipe")})
	if len(files) != 1 || files[0].Path != Stdin || string(files[0].Data) != "from a pipe" || files[0].Err != nil {
		t.Fatalf("stdin: %+v", files)
	}
	// A file named "-" is reached as ./- and is not standard input.
	dir := tree(t, map[string]string{"-": "dash file"})
	t.Chdir(dir)
	files = Collect([]string{"-", "./-"}, Options{Stdin: strings.NewReader("pipe")})
	if len(files) != 2 || string(files[0].Data) != "pipe" || string(files[1].Data) != "dash file" {
		t.Fatalf("- and ./-: %+v", files)
	}
	files = Collect([]string{"-"}, Options{})
	if len(files) != 1 || files[0].Err == nil {
		t.Fatalf("no stdin: %+v", files)
	}
	files = Collect([]string{"-"}, Options{Stdin: strings.NewReader("0123456789"), MaxSize: 5})
	if len(files) != 1 || !errors.Is(files[0].Err, ErrTooLarge) || files[0].Data != nil {
		t.Fatalf("large stdin: %+v", files)
	}
	files = Collect([]string{"-"}, Options{Stdin: strings.NewReader("01234"), MaxSize: 5})
	if len(files) != 1 || files[0].Err != nil || string(files[0].Data) != "01234" {
		t.Fatalf("stdin at the limit: %+v", files)
	}
}

func TestSizeLimit(t *testing.T) {
	dir := tree(t, map[string]string{"big.txt": strings.Repeat("x", 100), "small.txt": "tiny", "edge.txt": strings.Repeat("y", 64)})
	files := Collect([]string{dir}, Options{MaxSize: 64})
	got := rel(t, dir, files)
	if len(got) != 3 {
		t.Fatalf("got %q", got)
	}
	if !errors.Is(files[0].Err, ErrTooLarge) || !strings.Contains(files[0].Err.Error(), "100 bytes, limit is 64") {
		t.Errorf("big.txt: %v", files[0].Err)
	}
	if files[1].Err != nil || len(files[1].Data) != 64 {
		t.Errorf("edge.txt (exactly the limit): %v", files[1].Err)
	}
	if files[2].Err != nil || string(files[2].Data) != "tiny" {
		t.Errorf("small.txt: %v", files[2].Err)
	}
	// No limit.
	files = Collect([]string{filepath.Join(dir, "big.txt")}, Options{})
	if files[0].Err != nil || len(files[0].Data) != 100 {
		t.Errorf("no limit: %v", files[0].Err)
	}
}

func TestSymlinks(t *testing.T) {
	dir := tree(t, map[string]string{"arts/a.txt": "A", "arts/sub/b.txt": "B", "other/c.txt": "C"})
	arts := filepath.Join(dir, "arts")
	// A loop: arts/sub/loop → arts.
	if err := os.Symlink(arts, filepath.Join(arts, "sub", "loop")); err != nil {
		t.Skipf("no symlinks here: %v", err)
	}
	if err := os.Symlink(filepath.Join(dir, "other"), filepath.Join(arts, "linked")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(filepath.Join(dir, "other", "c.txt"), filepath.Join(arts, "c-link.txt")); err != nil {
		t.Fatal(err)
	}
	got := rel(t, dir, Collect([]string{arts}, Options{}))
	want := []string{"arts/a.txt=A", "arts/sub/b.txt=B"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("folder with a link loop: got %q, want %q", got, want)
	}
	// A link named on the command line is followed: the user asked for it.
	got = rel(t, dir, Collect([]string{filepath.Join(arts, "c-link.txt")}, Options{}))
	if want := []string{"arts/c-link.txt=C"}; !reflect.DeepEqual(got, want) {
		t.Errorf("named link to a file: got %q, want %q", got, want)
	}
	got = rel(t, dir, Collect([]string{filepath.Join(arts, "linked")}, Options{}))
	if want := []string{"arts/linked/c.txt=C"}; !reflect.DeepEqual(got, want) {
		t.Errorf("named link to a folder: got %q, want %q", got, want)
	}
	// A dangling link named directly.
	if err := os.Symlink(filepath.Join(dir, "gone"), filepath.Join(dir, "dangling.txt")); err != nil {
		t.Fatal(err)
	}
	files := Collect([]string{filepath.Join(dir, "dangling.txt")}, Options{})
	if len(files) != 1 || files[0].Err == nil {
		t.Errorf("dangling link: %+v", files)
	}
}

func TestUnreadable(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("running as root: permissions do not stop reads")
	}
	dir := tree(t, map[string]string{"ok.txt": "OK", "secret.txt": "S", "locked/x.txt": "X"})
	if err := os.Chmod(filepath.Join(dir, "secret.txt"), 0); err != nil {
		t.Fatal(err)
	}
	locked := filepath.Join(dir, "locked")
	if err := os.Chmod(locked, 0); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.Chmod(locked, 0o755) })
	got := rel(t, dir, Collect([]string{dir}, Options{}))
	want := []string{"locked !permission denied", "ok.txt=OK", "secret.txt !permission denied"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestNotRegular(t *testing.T) {
	dir := t.TempDir()
	// A folder reached through a glob that names it is walked; /dev/null
	// named directly is not a regular file.
	if _, err := os.Stat(os.DevNull); err != nil {
		t.Skip("no", os.DevNull)
	}
	files := Collect([]string{os.DevNull}, Options{})
	if len(files) != 1 || files[0].Err == nil || !strings.Contains(files[0].Err.Error(), "not a regular file") {
		t.Errorf("%s: %+v", os.DevNull, files)
	}
	_ = dir
}

func TestIsArticleName(t *testing.T) {
	for name, want := range map[string]bool{
		"a.txt": true, "A.TXT": true, "b.md": true, "c.Md": true, "d.markdown": false,
		"e.txt.gz": false, "txt": false, "f.html": false, ".txt": true,
	} {
		if got := IsArticleName(name); got != want {
			t.Errorf("IsArticleName(%q) = %v", name, got)
		}
	}
}
