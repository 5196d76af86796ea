package main

import (
	"bufio"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"

	"golang.org/x/term"

	"github.com/claimcheck/claimcheck/report"
)

// output is the flags that choose a report's form and destination.
type output struct {
	format string
	path   string
	color  string
}

func (o *output) register(fs *flag.FlagSet, formats string) {
	fs.StringVar(&o.format, "format", "text", "report format: "+formats)
	fs.StringVar(&o.path, "o", "", "write the report to this file instead of standard output")
	fs.StringVar(&o.color, "color", "auto", "color the text report: auto (on a terminal, unless NO_COLOR is set or TERM=dumb), always or never")
}

// write renders a report; to a file, atomically, so a reader never sees
// half a report.
func (o *output) write(e *env, r *report.Report) error {
	if err := oneOf("format", o.format, append(report.Formats, "md")...); err != nil {
		return err
	}
	if o.color == "" {
		o.color = "auto"
	}
	if err := oneOf("color", o.color, "auto", "always", "never"); err != nil {
		return err
	}
	toFile := o.path != "" && o.path != "-"
	render := func(w io.Writer) error {
		return report.Render(w, r, o.format, report.TextOptions{Color: useColor(o.color, e.stdout, toFile), Wrap: termWidth(e.stdout, toFile)})
	}
	if !toFile {
		if err := render(e.stdout); err != nil {
			return fmt.Errorf("write report: %w", err)
		}
		return nil
	}
	if err := writeFileAtomic(o.path, render); err != nil {
		return fmt.Errorf("write report %s: %w", o.path, err)
	}
	return nil
}

// useColor decides whether a text report is colored: --color always or
// never say so; auto colors a terminal unless NO_COLOR is set
// (https://no-color.org) or TERM=dumb says the terminal cannot.
func useColor(mode string, w io.Writer, toFile bool) bool {
	switch mode {
	case "always":
		return true
	case "never":
		return false
	}
	return !toFile && isTerminal(w) && os.Getenv("NO_COLOR") == "" && os.Getenv("TERM") != "dumb"
}

// writeFileAtomic writes path through a temporary file in its folder,
// renamed over it once complete: a reader sees the old file or the new one,
// never half of one. The temporary file is created with mode 0666 for the
// kernel to apply the umask (and a folder's default ACL) as it does to any
// new file; a file that exists keeps its mode. A path that is no regular
// file ("-o /dev/null", "-o /dev/stdout", a named pipe) is written in
// place: a rename would put a file where the device was.
func writeFileAtomic(path string, write func(io.Writer) error) (err error) {
	if info, err := os.Stat(path); err == nil && !info.Mode().IsRegular() && !info.IsDir() {
		return writeInPlace(path, write)
	}
	dir := filepath.Dir(path)
	var tmp *os.File
	for try := 0; ; try++ {
		var b [6]byte
		_, _ = rand.Read(b[:])
		name := filepath.Join(dir, ".claimcheck-"+hex.EncodeToString(b[:])+".tmp")
		tmp, err = os.OpenFile(name, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o666)
		if err == nil {
			break
		}
		if !errors.Is(err, fs.ErrExist) || try > 10 {
			return err
		}
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	if info, serr := os.Stat(path); serr == nil && info.Mode().IsRegular() {
		if err := tmp.Chmod(info.Mode().Perm()); err != nil {
			return err
		}
	}
	bw := bufio.NewWriterSize(tmp, 64<<10)
	if err := write(bw); err != nil {
		return err
	}
	if err := bw.Flush(); err != nil {
		return err
	}
	if err := tmp.Sync(); err != nil {
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}

// writeInPlace writes into a device or a pipe that exists.
func writeInPlace(path string, write func(io.Writer) error) error {
	f, err := os.OpenFile(path, os.O_WRONLY, 0)
	if err != nil {
		return err
	}
	bw := bufio.NewWriterSize(f, 64<<10)
	if err := write(bw); err != nil {
		f.Close()
		return err
	}
	if err := bw.Flush(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// termWidth is the width of the terminal a report goes to; 0 for a file or
// a pipe, whose lines are left whole.
func termWidth(w io.Writer, toFile bool) int {
	f, ok := w.(*os.File)
	if toFile || !ok || !term.IsTerminal(int(f.Fd())) {
		return 0
	}
	width, _, err := term.GetSize(int(f.Fd()))
	if err != nil || width < 20 {
		return 0
	}
	return width
}

func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}
