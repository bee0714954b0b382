// Package iostreams carries a command's input and output streams and what is
// known about them (terminal or pipe, colour, width), so commands never touch
// os.Stdout and tests can hand them buffers.
package iostreams

import (
	"bytes"
	"io"
	"os"

	"golang.org/x/term"
)

// IOStreams are the streams a command reads and writes.
type IOStreams struct {
	In     io.Reader
	Out    io.Writer
	ErrOut io.Writer

	StdoutTTY bool
	StderrTTY bool
	// Color is true when stdout is a terminal and NO_COLOR is not set.
	Color bool
	// Width is the terminal's width in columns, 0 when stdout is not a terminal.
	Width int
}

// System returns the process's streams.
func System() *IOStreams {
	s := &IOStreams{In: os.Stdin, Out: os.Stdout, ErrOut: os.Stderr}
	s.StdoutTTY = term.IsTerminal(int(os.Stdout.Fd()))
	s.StderrTTY = term.IsTerminal(int(os.Stderr.Fd()))
	if s.StdoutTTY {
		if w, _, err := term.GetSize(int(os.Stdout.Fd())); err == nil {
			s.Width = w
		}
	}
	_, noColor := os.LookupEnv("NO_COLOR")
	s.Color = s.StdoutTTY && !noColor && os.Getenv("TERM") != "dumb"
	return s
}

// Test returns streams backed by buffers: stdin, stdout, stderr.
func Test() (*IOStreams, *bytes.Buffer, *bytes.Buffer, *bytes.Buffer) {
	in, out, errOut := &bytes.Buffer{}, &bytes.Buffer{}, &bytes.Buffer{}
	return &IOStreams{In: in, Out: out, ErrOut: errOut}, in, out, errOut
}
