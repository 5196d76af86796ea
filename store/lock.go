package store

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strconv"
	"strings"
	"time"

	"golang.org/x/sys/unix"
)

// ErrLocked is wrapped by the error Lock returns when another process
// holds the database.
var ErrLocked = errors.New("database locked by another run")

// LockedError says who holds a database's lock.
type LockedError struct {
	File  string    // the lock file, <db>.lock
	PID   int       // 0 when the holder did not say
	Since time.Time // zero when the holder did not say
}

func (e *LockedError) Error() string {
	who := "holder unknown"
	if e.PID > 0 {
		who = fmt.Sprintf("pid %d, since %s", e.PID, e.Since.Format(time.RFC3339))
	}
	return fmt.Sprintf("another claimcheck run holds %s (%s); wait for it or pass --wait", e.File, who)
}

// Unwrap makes errors.Is(err, ErrLocked) true.
func (e *LockedError) Unwrap() error { return ErrLocked }

// lockPoll is how often a waiting Lock tries again.
const lockPoll = 100 * time.Millisecond

// Lock takes the run lock of the database at dbPath: an advisory lock
// (flock) on the file <dbPath>.lock, which the operating system drops when
// its holder exits however it exits, so a crashed run never blocks the
// next. The holder writes its pid and start time into the file for the
// message others get. Without wait, a held lock is a *LockedError wrapping
// ErrLocked; with wait, Lock tries again until the lock is free or ctx
// ends. release drops the lock; the file stays, empty, for the next run.
//
// On PostgreSQL (dbPath a postgres:// URL) the lock is a session-level
// advisory lock instead, which the server drops when the holder's
// connection ends; sharded runs take it shared (LockShard).
func Lock(ctx context.Context, dbPath string, wait bool) (release func() error, err error) {
	if IsPostgres(dbPath) {
		l, err := lockPostgres(ctx, dbPath, runLockKey, false, wait)
		if err != nil {
			return nil, err
		}
		return l.release, nil
	}
	name := dbPath + ".lock"
	f, err := os.OpenFile(name, os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return nil, fmt.Errorf("lock %s: %w", name, err)
	}
	fd := int(f.Fd())
	for {
		err = unix.Flock(fd, unix.LOCK_EX|unix.LOCK_NB)
		if err == nil {
			break
		}
		if !errors.Is(err, unix.EWOULDBLOCK) && !errors.Is(err, unix.EINTR) {
			f.Close()
			return nil, fmt.Errorf("lock %s: %w", name, err)
		}
		if !wait {
			holder, _ := os.ReadFile(name)
			f.Close()
			le := &LockedError{File: name}
			le.PID, le.Since = parseHolder(string(holder))
			return nil, le
		}
		t := time.NewTimer(lockPoll)
		select {
		case <-ctx.Done():
			t.Stop()
			f.Close()
			return nil, fmt.Errorf("lock %s: %w", name, ctx.Err())
		case <-t.C:
		}
	}
	// Only the holder writes, and only while it holds the lock.
	if err := f.Truncate(0); err == nil {
		_, _ = f.WriteAt([]byte(fmt.Sprintf("%d %s\n", os.Getpid(), time.Now().UTC().Format(time.RFC3339))), 0)
	}
	var released bool
	return func() error {
		if released {
			return nil
		}
		released = true
		_ = f.Truncate(0)
		err := unix.Flock(fd, unix.LOCK_UN)
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			return fmt.Errorf("unlock %s: %w", name, err)
		}
		return nil
	}, nil
}

// parseHolder reads "<pid> <RFC 3339 time>" from a lock file.
func parseHolder(s string) (pid int, since time.Time) {
	f := strings.Fields(s)
	if len(f) < 2 {
		return 0, time.Time{}
	}
	pid, err := strconv.Atoi(f[0])
	if err != nil || pid <= 0 {
		return 0, time.Time{}
	}
	since, err = time.Parse(time.RFC3339, f[1])
	if err != nil {
		return 0, time.Time{}
	}
	return pid, since
}
