package store

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestLock(t *testing.T) {
	ctx := context.Background()
	db := filepath.Join(t.TempDir(), "c.db")
	release, err := Lock(ctx, db, false)
	if err != nil {
		t.Fatal(err)
	}
	_, err = Lock(ctx, db, false)
	var le *LockedError
	if !errors.Is(err, ErrLocked) || !errors.As(err, &le) {
		t.Fatalf("second Lock = %v, want ErrLocked", err)
	}
	want := fmt.Sprintf("another claimcheck run holds %s.lock (pid %d, since ", db, os.Getpid())
	if le.PID != os.Getpid() || time.Since(le.Since) > time.Minute || !strings.HasPrefix(err.Error(), want) ||
		!strings.HasSuffix(err.Error(), "); wait for it or pass --wait") {
		t.Fatalf("error %q, want it to start %q and say how to wait", err, want)
	}
	if err := release(); err != nil {
		t.Fatal(err)
	}
	if err := release(); err != nil {
		t.Fatalf("a second release: %v", err)
	}
	release, err = Lock(ctx, db, false)
	if err != nil {
		t.Fatalf("Lock after release: %v", err)
	}
	release()
}

func TestLockWait(t *testing.T) {
	ctx := context.Background()
	db := filepath.Join(t.TempDir(), "c.db")
	release, err := Lock(ctx, db, false)
	if err != nil {
		t.Fatal(err)
	}
	got := make(chan error, 1)
	go func() {
		r, err := Lock(ctx, db, true)
		if err == nil {
			r()
		}
		got <- err
	}()
	select {
	case err := <-got:
		t.Fatalf("a waiting Lock returned while the lock was held: %v", err)
	case <-time.After(3 * lockPoll):
	}
	release()
	select {
	case err := <-got:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("a waiting Lock did not get the released lock")
	}

	// A waiting Lock gives up when its context ends.
	release, err = Lock(ctx, db, false)
	if err != nil {
		t.Fatal(err)
	}
	defer release()
	short, cancel := context.WithTimeout(ctx, 2*lockPoll)
	defer cancel()
	if _, err := Lock(short, db, true); !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("Lock with an ended context = %v", err)
	}
}

const lockChildEnv = "CLAIMCHECK_STORE_TEST_LOCK_CHILD"

// TestLockFreedWhenHolderKilled runs this test binary again as a child
// that takes the lock and hangs; once the child is killed, the lock is free.
func TestLockFreedWhenHolderKilled(t *testing.T) {
	if db := os.Getenv(lockChildEnv); db != "" {
		if _, err := Lock(context.Background(), db, false); err != nil {
			fmt.Println("error:", err)
			os.Exit(1)
		}
		fmt.Println("locked")
		time.Sleep(time.Minute)
		os.Exit(0)
	}
	db := filepath.Join(t.TempDir(), "c.db")
	killLockHolder(t, "TestLockFreedWhenHolderKilled", lockChildEnv, db)
	release, err := Lock(context.Background(), db, false)
	if err != nil {
		t.Fatalf("Lock after the holder was killed: %v", err)
	}
	release()
}

// killLockHolder runs test as a child process that takes the run lock of
// db (told by env) and says "locked", checks that Lock then names the
// child, and kills it while it holds the lock.
func killLockHolder(t *testing.T, test, env, db string) {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^"+test+"$")
	cmd.Env = append(os.Environ(), env+"="+db)
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() { _ = cmd.Process.Kill(); _ = cmd.Wait() }()
	line, err := bufio.NewReader(out).ReadString('\n')
	if err != nil || line != "locked\n" {
		t.Fatalf("child said %q, %v", line, err)
	}
	_, err = Lock(context.Background(), db, false)
	var le *LockedError
	if !errors.As(err, &le) || le.PID != cmd.Process.Pid {
		t.Fatalf("Lock while the child holds it = %v, want the child's pid %d", err, cmd.Process.Pid)
	}
	if err := cmd.Process.Kill(); err != nil {
		t.Fatal(err)
	}
}
