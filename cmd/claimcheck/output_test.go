package main

import (
	"io"
	"os"
	"path/filepath"
	"syscall"
	"testing"
)

// A report sent to a device or a pipe ("-o /dev/null", "-o /dev/stdout",
// a named pipe) is written into it: renaming a finished file over it
// would put a regular file where the device was.
func TestWriteFileAtomicIntoFIFO(t *testing.T) {
	fifo := filepath.Join(t.TempDir(), "report.fifo")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Skipf("no named pipes here: %v", err)
	}
	got := make(chan string, 1)
	go func() {
		f, err := os.Open(fifo)
		if err != nil {
			got <- "open: " + err.Error()
			return
		}
		defer f.Close()
		b, _ := io.ReadAll(f)
		got <- string(b)
	}()
	if err := writeFileAtomic(fifo, func(w io.Writer) error { _, err := io.WriteString(w, "report\n"); return err }); err != nil {
		t.Fatal(err)
	}
	if s := <-got; s != "report\n" {
		t.Errorf("the pipe's reader got %q, want the report", s)
	}
	info, err := os.Lstat(fifo)
	if err != nil || info.Mode()&os.ModeNamedPipe == 0 {
		t.Errorf("after writing, %s is %v (%v), want the named pipe still", fifo, info.Mode(), err)
	}
	if tmps, _ := filepath.Glob(filepath.Join(filepath.Dir(fifo), ".claimcheck-*")); len(tmps) > 0 {
		t.Errorf("temporary files left: %v", tmps)
	}
}
