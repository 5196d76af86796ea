package main

import (
	"bytes"
	"context"
	"errors"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/claimcheck/claimcheck/store"
)

// TestSIGTERMInsideArticle sends SIGTERM to an ingest while it reads an
// article that takes many seconds (a long table without full stops): the
// process must stop within about a second, exit 2 saying it was
// interrupted, and keep the articles it had finished.
func TestSIGTERMInsideArticle(t *testing.T) {
	if args := os.Getenv("CLAIMCHECK_SIGTERM_CHILD"); args != "" {
		// As main does.
		ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
		code := run(ctx, strings.Split(args, "\x1f"), os.Stdout, os.Stderr)
		stop()
		os.Exit(code)
	}
	if testing.Short() {
		t.Skip("-short")
	}
	dir := t.TempDir()
	for _, name := range []string{"a.txt", "b.txt", "c.txt"} {
		body := "Deal\n\nOrbital invested $2 billion in Helix Robotics.\n"
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	clause := "Orbital Systems invested $5 million in Vega Robotics, Harbor Bank bought a 4% stake in Quillon, "
	long := "Deals\n\n" + strings.Repeat(clause, (8<<20)/len(clause)) + "and more.\n"
	if err := os.WriteFile(filepath.Join(dir, "z-table.txt"), []byte(long), 0o644); err != nil {
		t.Fatal(err)
	}
	db := filepath.Join(t.TempDir(), "news.db")
	cmd := exec.Command(os.Args[0], "-test.run=^TestSIGTERMInsideArticle$")
	args := strings.Join([]string{"ingest", "--db", db, "--workers", "1", "--quiet", dir}, "\x1f")
	cmd.Env = append(os.Environ(), "CLAIMCHECK_SIGTERM_CHILD="+args)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	// The small articles take milliseconds; the long one about a minute.
	select {
	case err := <-exited:
		t.Fatalf("the ingest ended by itself: %v\n%s", err, stderr.String())
	case <-time.After(3 * time.Second):
	}
	if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	sent := time.Now()
	var err error
	select {
	case err = <-exited:
	case <-time.After(15 * time.Second):
		_ = cmd.Process.Kill()
		t.Fatalf("still running 15s after SIGTERM\n%s", stderr.String())
	}
	// One second is the promise; the bound leaves room for a loaded machine.
	if d := time.Since(sent); d > 2*time.Second {
		t.Errorf("stopped %v after SIGTERM", d)
	} else {
		t.Logf("stopped %v after SIGTERM", d)
	}
	var ee *exec.ExitError
	if !errors.As(err, &ee) || ee.ExitCode() != exitError || !strings.Contains(stderr.String(), "interrupted") {
		t.Errorf("exit %v, stderr %q: want exit 2 saying it was interrupted", err, stderr.String())
	}
	st, err := store.Open(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	states, err := st.ArticleStates(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if len(states) != 3 {
		t.Errorf("%d articles stored, want the 3 finished before the signal", len(states))
	}
}
