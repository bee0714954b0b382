// Package source finds the article files a user names: files, folders
// (searched recursively for .txt and .md), glob patterns and "-" for standard
// input, and reads them with a size limit.
package source

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"syscall"
	"time"
)

// File is one input: its bytes, or the reason it could not be read.
type File struct {
	Path    string
	Data    []byte
	Err     error
	ModTime time.Time // when read: the file's modification time
}

// Stdin is the path given to standard input.
const Stdin = "-"

// ErrTooLarge marks a file above the size limit.
var ErrTooLarge = errors.New("file too large")

// Options control collection.
type Options struct {
	MaxSize int64     // bytes; files above it are refused (0 = no limit)
	Stdin   io.Reader // read for "-"
	// Later leaves files unread (Data nil) for the caller to Load in
	// batches: a large ingest need not hold every file at once.
	Later bool
}

// Load reads a file Collect left unread (Options.Later).
func (f *File) Load(opts Options) {
	if f.Err == nil && f.Data == nil && f.Path != Stdin {
		f.Data, f.ModTime, f.Err = readRegular(f.Path, opts.MaxSize)
	}
}

// Collect expands args into files and reads them. Problems with one file are
// carried in its File.Err; an argument that names nothing is an error too.
// Paths come back sorted within each argument and each appears once.
func Collect(args []string, opts Options) []File {
	var out []File
	seen := map[string]bool{}
	add := func(f File) {
		key := f.Path
		if key != Stdin {
			// "a.txt", "./a.txt" and "d/../a.txt" are one file; "./-" is a
			// file, not standard input.
			key = "file:" + filepath.Clean(key)
		}
		if seen[key] {
			return
		}
		seen[key] = true
		out = append(out, f)
	}
	for _, arg := range args {
		if arg == Stdin {
			add(readStdin(opts))
			continue
		}
		paths, err := expand(arg)
		var walkErr *WalkError
		if errors.As(err, &walkErr) {
			for _, f := range walkErr.Problems {
				add(f)
			}
			err = nil
		}
		if err != nil {
			add(File{Path: arg, Err: err})
			continue
		}
		for _, p := range paths {
			add(File{Path: p})
		}
	}
	for i := range out {
		if opts.Later {
			break
		}
		out[i].Load(opts)
	}
	return out
}

// expand turns one argument into file paths.
func expand(arg string) ([]string, error) {
	info, err := os.Stat(arg)
	if err == nil {
		if info.IsDir() {
			return walk(arg)
		}
		return []string{arg}, nil
	}
	if !hasGlobMeta(arg) {
		return nil, fmt.Errorf("no such file or folder")
	}
	matches, gerr := filepath.Glob(arg)
	if gerr != nil {
		return nil, fmt.Errorf("bad pattern: %w", gerr)
	}
	if len(matches) == 0 {
		return nil, fmt.Errorf("pattern matches no files")
	}
	var out []string
	var problems []File
	for _, m := range matches {
		fi, err := os.Stat(m)
		if err != nil || !fi.IsDir() {
			out = append(out, m)
			continue
		}
		sub, err := walk(m)
		var walkErr *WalkError
		if errors.As(err, &walkErr) {
			problems = append(problems, walkErr.Problems...)
		} else if err != nil {
			problems = append(problems, File{Path: m, Err: err})
		}
		out = append(out, sub...)
	}
	if len(problems) > 0 {
		return out, &WalkError{Problems: problems}
	}
	return out, nil
}

func hasGlobMeta(s string) bool { return strings.ContainsAny(s, "*?[") }

// IsArticleName reports whether a file found in a folder is taken as an article.
func IsArticleName(name string) bool {
	ext := strings.ToLower(filepath.Ext(name))
	return ext == ".txt" || ext == ".md"
}

// walk lists the articles below dir. Symbolic links are not followed, so a
// link loop cannot trap it; unreadable sub-folders are reported, not fatal.
func walk(dir string) ([]string, error) {
	var out []string
	var problems []File
	if fi, err := os.Lstat(dir); err == nil && fi.Mode()&fs.ModeSymlink != 0 {
		// The folder named is itself a link: follow that one link (WalkDir
		// would not), still no link below it.
		dir += string(filepath.Separator)
	}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if p == dir {
				return err
			}
			problems = append(problems, File{Path: p, Err: unwrapPathError(err)})
			return nil
		}
		if d.IsDir() {
			if p != dir && strings.HasPrefix(d.Name(), ".") {
				return filepath.SkipDir
			}
			return nil
		}
		if d.Type().IsRegular() && IsArticleName(d.Name()) {
			out = append(out, p)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	sort.Strings(out)
	if len(out) == 0 && len(problems) == 0 {
		return nil, fmt.Errorf("folder holds no .txt or .md files")
	}
	if len(problems) > 0 {
		return out, &WalkError{Problems: problems}
	}
	return out, nil
}

// WalkError reports parts of a folder that could not be read; the files that
// could be are returned beside it.
type WalkError struct {
	Problems []File
}

func (e *WalkError) Error() string {
	return fmt.Sprintf("%d entries could not be read", len(e.Problems))
}

// readFile reads any file Collect accepts, and says why it refuses one.
func readFile(path string, max int64) ([]byte, time.Time, error) {
	// O_NONBLOCK: opening a named pipe (a FIFO called x.txt) for reading
	// would block until something writes to it, which under cron is never;
	// this way the open returns at once and the check below refuses it.
	// Reads of a regular file do not block either way.
	f, err := os.OpenFile(path, os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		return nil, time.Time{}, unwrapPathError(err)
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return nil, time.Time{}, unwrapPathError(err)
	}
	if err := checkInfo(info, max); err != nil {
		return nil, time.Time{}, err
	}
	data, err := readSized(f, info.Size(), max)
	return data, info.ModTime().UTC(), err
}

// checkInfo refuses what is not a regular file, or is above the limit.
func checkInfo(info fs.FileInfo, max int64) error {
	if !info.Mode().IsRegular() {
		return fmt.Errorf("not a regular file (%s)", fileKind(info.Mode()))
	}
	if max > 0 && info.Size() > max {
		return fmt.Errorf("%w: %d bytes, limit is %d (set max-file-size)", ErrTooLarge, info.Size(), max)
	}
	return nil
}

func fileKind(m fs.FileMode) string {
	switch {
	case m.IsDir():
		return "a folder"
	case m&fs.ModeNamedPipe != 0:
		return "a named pipe"
	case m&fs.ModeSocket != 0:
		return "a socket"
	case m&fs.ModeCharDevice != 0:
		return "a character device"
	case m&fs.ModeDevice != 0:
		return "a device"
	}
	return "a special file"
}

func readStdin(opts Options) File {
	if opts.Stdin == nil {
		return File{Path: Stdin, Err: fmt.Errorf("no standard input")}
	}
	data, err := readLimited(opts.Stdin, opts.MaxSize)
	return File{Path: Stdin, Data: data, Err: err}
}

// readLimited reads at most max bytes (0 = all) and fails past that, so a
// file that grows while read, or a pipe, cannot exhaust memory.
// readSized reads a file whose size is known, in as few reads as it takes
// (tens of thousands of small files: the system calls add up), refusing it
// past max bytes whatever the size said.
func readSized(r io.Reader, size, max int64) ([]byte, error) {
	if max > 0 {
		size = min(size, max)
		r = io.LimitReader(r, max+1)
	}
	var b bytes.Buffer
	b.Grow(int(size) + bytes.MinRead) // room for the read that finds the end
	if _, err := b.ReadFrom(r); err != nil {
		return nil, err
	}
	if max > 0 && int64(b.Len()) > max {
		return nil, fmt.Errorf("%w: more than %d bytes (set max-file-size)", ErrTooLarge, max)
	}
	return b.Bytes(), nil
}

func readLimited(r io.Reader, max int64) ([]byte, error) {
	if max <= 0 {
		return io.ReadAll(r)
	}
	data, err := io.ReadAll(io.LimitReader(r, max+1))
	if err != nil {
		return nil, err
	}
	if int64(len(data)) > max {
		return nil, fmt.Errorf("%w: more than %d bytes (set max-file-size)", ErrTooLarge, max)
	}
	return data, nil
}

func unwrapPathError(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}
